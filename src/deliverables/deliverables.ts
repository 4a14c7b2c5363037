import type { IngestReport } from '../ingest/ingest-report.ts';
import type { Review } from '../money/money-review.ts';
import type { ReviewWindow } from '../rules/rule.ts';
import type { Runner } from '../db/runner.ts';
import type { ReviewSettings } from '../settings/schema.ts';
import { toCsv } from '../lib/csv-write.ts';
import { GAP_REGISTER_COLUMNS, gapRegister, type GapRegisterRow } from './gap-register.ts';
import { RECLAMATION_COLUMNS, reclamationList, type ReclamationRow } from './reclamation-list.ts';
import type { Redactor } from './redact.ts';
import { renewalBrief, renewalBriefMarkdown, type RenewalBrief } from './renewal-brief.ts';
import { reviewDocument, type ReviewDocument } from './review-json.ts';
import { SELF_REPORT_COLUMNS, selfReport, selfReportCover, selfReportCoverMarkdown, type SelfReportCover, type SelfReportRow } from './self-report.ts';
import { workbookBytes, type SheetSpec } from './xlsx-write.ts';

/** The quarterly deliverables of one review, redacted or not: what the page shows and every file is written from. */
/** The deliverables as data (for the page's print layout) and as the files the page downloads and the twin writes. */
export interface DeliverablesResult {
  deliverables: Deliverables;
  files: DeliverableFile[];
}

export interface Deliverables {
  redacted: boolean;
  window: ReviewWindow | null;
  settings: ReviewSettings;
  reclamation: ReclamationRow[];
  gaps: GapRegisterRow[];
  brief: RenewalBrief;
  self_report: SelfReportRow[];
  self_report_cover: SelfReportCover;
  /** review.json, with the same redaction. */
  review: ReviewDocument;
}

export interface DeliverableFile {
  name: string;
  type: string;
  content: string | Uint8Array;
}

/** Builds every deliverable from a review (the self-report reads the database: it needs session times). */
export async function buildDeliverables(runner: Runner, review: Review, ingest: readonly IngestReport[], redactor: Redactor, redacted: boolean): Promise<Deliverables> {
  const gaps = gapRegister(review);
  const rows = review.window ? await selfReport(runner, review.window) : [];
  return redactor.value({
    redacted,
    window: review.window,
    settings: review.settings,
    reclamation: reclamationList(review),
    gaps,
    brief: renewalBrief(review, ingest, gaps),
    self_report: rows,
    self_report_cover: selfReportCover(review, ingest, rows),
    review: reviewDocument([...ingest], review),
  });
}

const CSV = 'text/csv;charset=utf-8';

/** The files of the deliverables, as the page downloads them and the headless twin writes them. */
export function deliverableFiles(d: Deliverables): DeliverableFile[] {
  return [
    { name: 'reclamation-list.csv', type: CSV, content: toCsv<ReclamationRow>(RECLAMATION_COLUMNS, d.reclamation) },
    { name: 'gap-register.csv', type: CSV, content: toCsv<GapRegisterRow>(GAP_REGISTER_COLUMNS, d.gaps) },
    { name: 'renewal-brief.md', type: 'text/markdown;charset=utf-8', content: renewalBriefMarkdown(d.brief) },
    { name: 'review.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content: workbookBytes(workbookSheets(d)) },
    { name: 'self-report.csv', type: CSV, content: toCsv<SelfReportRow>(SELF_REPORT_COLUMNS, d.self_report) },
    { name: 'self-report-cover.md', type: 'text/markdown;charset=utf-8', content: selfReportCoverMarkdown(d.self_report_cover) },
    { name: 'review.json', type: 'application/json;charset=utf-8', content: `${JSON.stringify(d.review, null, 2)}\n` },
  ];
}

const columns = (keys: readonly string[]) => keys.map((key) => ({ key, header: key }));

/** The workbook: the three deliverables, the self-report and the settings used, one sheet each. */
export function workbookSheets(d: Deliverables): SheetSpec[] {
  return [
    { name: 'Reclamation list', columns: columns(RECLAMATION_COLUMNS), rows: d.reclamation as unknown as Record<string, unknown>[] },
    { name: 'Gap register', columns: columns(GAP_REGISTER_COLUMNS), rows: d.gaps as unknown as Record<string, unknown>[] },
    {
      name: 'Renewal brief',
      columns: columns(['offering', 'seats', 'assigned', 'active', 'p95_daily_users', 'last_quarter_users', 'previous_quarter_users', 'trend', 'recommendation', 'target_seats', 'reasons']),
      rows: d.brief.offerings as unknown as Record<string, unknown>[],
    },
    { name: 'Self-report', columns: columns(SELF_REPORT_COLUMNS), rows: d.self_report as unknown as Record<string, unknown>[] },
    { name: 'Settings', columns: columns(['setting', 'value']), rows: flatten(d.settings) },
  ];
}

/** A settings document as one row per leaf: `thresholds.dormant_days` = 90; lists of objects as JSON. */
function flatten(value: unknown, path = ''): { setting: string; value: unknown }[] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => flatten(v, path ? `${path}.${k}` : k));
  }
  const scalar = value === null || typeof value !== 'object' ? value : Array.isArray(value) && value.every((v) => typeof v !== 'object') ? value.join(', ') : JSON.stringify(value);
  return [{ setting: path, value: scalar }];
}
