import type { IngestReport } from '../ingest/ingest-report.ts';
import type { Review } from '../money/money-review.ts';
import type { ReviewWindow } from '../rules/rule.ts';
import type { Runner } from '../db/runner.ts';
import type { TableColumn } from './table-columns.ts';
import { engagementOf, fileHeading } from './engagement.ts';

/** One product in one calendar month of the window: what a customer reports, with no personal data. */
export interface SelfReportRow {
  product: string;
  /** YYYY-MM. */
  month: string;
  /** Days of the month inside the window (the first and last month can be partial). */
  days_in_window: number;
  distinct_users: number;
  usage_days: number;
  /** Most sessions of the product open at one instant in the month; null when the month has no session-level data (day-level exports carry no times). */
  peak_concurrent: number | null;
}

/**
 * The self-report pack for air-gapped and restricted sites (the customer must still report usage): per
 * product and calendar month of the window, distinct users, usage days and the peak of concurrent sessions. Peak
 * concurrency sweeps every session (any licence type): +1 at its start, -1 at its end (no end: start + duration, else
 * the end of its start day), check-ins before check-outs at one instant; each month also gets the level carried
 * into its first instant, so a month whose sessions all began earlier still has its peak.
 */
export async function selfReport(runner: Runner, window: ReviewWindow): Promise<SelfReportRow[]> {
  return runner.query<SelfReportRow>(
    `WITH months AS (
       SELECT CAST(m AS DATE) AS month_start FROM generate_series(date_trunc('month', CAST($window_start AS DATE)), CAST($window_end AS DATE), INTERVAL 1 MONTH) AS t(m)
     ),
     use AS (
       SELECT product, CAST(date_trunc('month', day) AS DATE) AS month_start, count(DISTINCT user_key)::INTEGER AS distinct_users, count(*)::INTEGER AS usage_days
       FROM usage_days WHERE day BETWEEN CAST($window_start AS DATE) AND CAST($window_end AS DATE) GROUP BY ALL
     ),
     names AS (SELECT DISTINCT product, product_line_code, catalogue_name(product, product_line_code) AS resolved FROM sessions),
     spans AS (
       SELECT n.resolved AS product, s.session_start AS t0,
              coalesce(s.session_end, s.session_start + to_seconds(CAST(coalesce(s.duration_minutes, 0) * 60 AS BIGINT)), date_trunc('day', s.session_start) + INTERVAL 1 DAY) AS t1
       FROM sessions s JOIN names n ON n.product = s.product AND n.product_line_code IS NOT DISTINCT FROM s.product_line_code
     ),
     live AS (
       SELECT product, t0, CASE WHEN t1 > t0 THEN t1 ELSE t0 + INTERVAL 1 SECOND END AS t1 FROM spans
       WHERE t0 < CAST($window_end AS DATE) + INTERVAL 1 DAY AND t1 > CAST($window_start AS DATE)
     ),
     events AS (
       SELECT product, t0 AS t, 1 AS delta FROM live
       UNION ALL SELECT product, t1, -1 FROM live
       UNION ALL SELECT p.product, CAST(greatest(m.month_start, CAST($window_start AS DATE)) AS TIMESTAMP), 0 FROM (SELECT DISTINCT product FROM live) p CROSS JOIN months m
     ),
     levels AS (
       SELECT product, t, sum(delta) OVER (PARTITION BY product ORDER BY t, delta ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS level FROM events
     ),
     peaks AS (
       SELECT product, CAST(date_trunc('month', t) AS DATE) AS month_start, max(level)::INTEGER AS peak
       FROM levels WHERE t >= CAST($window_start AS DATE) AND t < CAST($window_end AS DATE) + INTERVAL 1 DAY
       GROUP BY ALL
     ),
     session_months AS (
       SELECT DISTINCT product, CAST(date_trunc('month', t0) AS DATE) AS month_start FROM live
     )
     SELECT u.product, strftime(u.month_start, '%Y-%m') AS month,
            (least(last_day(u.month_start), CAST($window_end AS DATE)) - greatest(u.month_start, CAST($window_start AS DATE)) + 1)::INTEGER AS days_in_window,
            u.distinct_users, u.usage_days,
            CASE WHEN sm.product IS NOT NULL OR p.peak > 0 THEN p.peak END AS peak_concurrent
     FROM use u
     LEFT JOIN peaks p ON p.product = u.product AND p.month_start = u.month_start
     LEFT JOIN session_months sm ON sm.product = u.product AND sm.month_start = u.month_start
     ORDER BY u.product, u.month_start`,
    { window_start: window.start, window_end: window.end },
  );
}

export const SELF_REPORT_COLUMNS: readonly TableColumn<SelfReportRow>[] = [
  { key: 'product', header: 'Product' },
  { key: 'month', header: 'Month' },
  { key: 'days_in_window', header: 'Days in the window', format: 'count' },
  { key: 'distinct_users', header: 'Distinct users', format: 'count' },
  { key: 'usage_days', header: 'Usage days', format: 'count' },
  { key: 'peak_concurrent', header: 'Peak concurrent sessions', format: 'count' },
];

/** The self-report's cover sheet: the period, the sources and what the figures mean. No personal data. */
export interface SelfReportCover {
  /** The line every file opens with: for whom, the window, the currency. */
  heading: string;
  client: string | null;
  period: { start: string; end: string } | null;
  products: number;
  months: number;
  sources: { file: string; kind: string; rows_loaded: number; first_day: string | null; last_day: string | null }[];
  notes: string[];
}

export function selfReportCover(review: Review, ingest: readonly IngestReport[], rows: readonly SelfReportRow[]): SelfReportCover {
  const w = review.window;
  return {
    heading: fileHeading('Usage self-report', engagementOf(review.settings, w)),
    client: review.settings.engagement.client,
    period: w ? { start: w.start, end: w.end } : null,
    products: new Set(rows.map((r) => r.product)).size,
    months: new Set(rows.map((r) => r.month)).size,
    sources: ingest.filter((r) => r.status === 'loaded').map((r) => ({ file: r.file, kind: r.kind_label, rows_loaded: r.rows_loaded, first_day: r.first_day, last_day: r.last_day })),
    notes: [
      'Distinct users: people who used the product in the month (one e-mail, Autodesk ID or user@host each). Usage days: one per user, product and day.',
      'Peak concurrent sessions: the most sessions of the product open at one instant in the month, from session-level data (LRT sessions, licence-server logs); empty where only day-level exports cover the month.',
      'Days in the window: the first and last month can be partial.',
      'No names, e-mails, devices or addresses appear in self-report.csv.',
    ],
  };
}

export function selfReportCoverMarkdown(cover: SelfReportCover): string {
  const lines = [
    `# Usage self-report: cover sheet${cover.client ? `: ${cover.client}` : ''}`,
    '',
    `${cover.heading}.`,
    '',
    cover.period ? `Period: ${cover.period.start} to ${cover.period.end}, ${cover.months} calendar months, ${cover.products} products.` : 'Period: none (no usage day in a review window).',
    '',
    '## Sources',
    '',
    ...cover.sources.map((s) => `- ${s.file} (${s.kind}): ${s.rows_loaded.toLocaleString('en-US')} rows, ${s.first_day ?? '?'} to ${s.last_day ?? '?'}`),
    '',
    '## How to read self-report.csv',
    '',
    ...cover.notes.map((n) => `- ${n}`),
  ];
  return `${lines.join('\n')}\n`;
}
