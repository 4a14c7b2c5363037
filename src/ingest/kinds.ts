import type { FileKind } from './ingest-report.ts';

/** The name of each input format, as reports and the page show it (kept apart from the parsers, so the page can import it alone). */
export const KIND_LABELS: Readonly<Record<FileKind, string>> = {
  lrt_sessions: 'LRT session CSV (canonical)',
  usage_report: 'Autodesk Account Usage Report',
  seat_usage: 'Autodesk Account Seat Usage',
  token_usage: 'Autodesk Account Token Usage (Flex)',
  subscriptions: 'Autodesk Account Subscriptions',
  users: 'Autodesk Account Users',
  token_flex: 'Enterprise Token Flex usage',
  flexnet_log: 'FlexNet licence-server log (adskflex)',
  lmstat: 'lmstat licence-server snapshot',
  login_map: 'Login list (licence-server login to e-mail)',
};
