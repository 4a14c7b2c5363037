import type { Finding } from '../rules/registry.ts';
import type { IngestReport } from '../ingest/ingest-report.ts';
import type { Review } from '../money/money-review.ts';
import type { ReviewWindow } from '../rules/rule.ts';
import { shareableSettings, type ReviewSettings } from '../settings/schema.ts';
import { engagementOf, fileHeading, type Engagement } from './engagement.ts';

export interface ReviewDocument {
  generated_by: string;
  /** Who the review is for and by, its window and currency, and the line every file opens with. Money figures are in `currency`. */
  engagement: Engagement & { heading: string };
  settings: ReviewSettings;
  ingest: Pick<IngestReport, 'file' | 'kind' | 'status' | 'message' | 'rows_read' | 'rows_loaded' | 'rows_rejected' | 'rows_new' | 'where' | 'date_order' | 'time_zone' | 'notes' | 'first_day' | 'last_day'>[];
  window: ReviewWindow | null;
  overview: Review['overview'];
  rules: { rule: string; title: string; group: string; definition: string; settings: Record<string, string | number | null>; count: number; money: number | null; unpriced: number }[];
  findings: Finding[];
  /** One action per seat (rulebook 14), largest saving first: the action list, whose total is money.savings.total_per_year. */
  actions: Review['actions'];
  /** The exposure scenarios (per gap and in total, at the typical timings and the evidence's), savings by type, Collection break-even, benchmarks. */
  money: Review['money'];
  /**
   * The licence servers: from the logs over the window, per product the peaks of checkouts held at once against the
   * licences issued, each day's peak and the logs' holes; from lmstat snapshots, per server and feature the latest
   * count (`features`: issued, in use, when, who holds them) and every snapshot per product (`snapshots`).
   */
  licence_servers: Review['licence_servers'];
  /** Flex tokens by product, month and user, over all the token data loaded, and the token pool's projection. */
  flex: Review['flex'];
}

/** review.json: what was read, the window, each rule with its wording and settings, and every finding. */
export function reviewDocument(ingest: IngestReport[], review: Review): ReviewDocument {
  return {
    generated_by: 'LRT Review',
    engagement: { ...engagementOf(review.settings, review.window), heading: fileHeading('Review record', engagementOf(review.settings, review.window)) },
    settings: shareableSettings(review.settings),
    ingest: ingest.map(({ file, kind, status, message, rows_read, rows_loaded, rows_rejected, rows_new, where, date_order, time_zone, notes, first_day, last_day }) => ({
      file, kind, status, message, rows_read, rows_loaded, rows_rejected, rows_new, where, date_order, time_zone, notes, first_day, last_day,
    })),
    window: review.window,
    overview: review.overview,
    rules: review.rules.map(({ rule, title, group, definition, settings, summary }) => ({ rule, title, group, definition, settings, ...summary })),
    findings: review.rules.flatMap((r) => r.findings),
    actions: review.actions,
    money: review.money,
    licence_servers: review.licence_servers,
    flex: review.flex,
  };
}
