import { windowParams } from './sql/params.ts';
import type { Runner } from '../db/runner.ts';
import type { ReviewSettings } from '../settings/schema.ts';
import type { ReviewWindow, RuleDefinition } from './rule.ts';

export interface TelemetryGapFinding {
  rule: 'telemetry_gap';
  /** no_usage: business days without any usage row; log_coverage: a licence-server log silent for too long. */
  kind: 'no_usage' | 'log_coverage';
  /** Days (YYYY-MM-DD) for no_usage; UTC date-times for log_coverage. */
  start: string;
  end: string;
  business_days: number | null;
  hours: number | null;
  /** The log a coverage hole was found in. */
  file: string | null;
}

/**
 * Rulebook 11: business days (Monday to Friday) in the window with no usage rows at all, as ranges of
 * consecutive business days (a Friday and the next Monday are consecutive; weekend use does not break a range),
 * and licence-server log coverage holes (no line for more than 24 h) that touch the window.
 */
export async function telemetryGaps(runner: Runner, args: { window: ReviewWindow; settings: ReviewSettings }): Promise<TelemetryGapFinding[]> {
  return runner.query<TelemetryGapFinding>(
    `WITH business AS (
       SELECT CAST(d AS DATE) AS day, row_number() OVER (ORDER BY d) AS n
       FROM generate_series(CAST($window_start AS DATE), CAST($window_end AS DATE), INTERVAL 1 DAY) AS t(d)
       WHERE isodow(d) <= 5
     ),
     silent AS (
       SELECT day, n - row_number() OVER (ORDER BY day) AS run
       FROM business b WHERE NOT EXISTS (SELECT 1 FROM usage_days u WHERE u.day = b.day)
     )
     SELECT 'telemetry_gap' AS rule, 'no_usage' AS kind,
            strftime(min(day), '%Y-%m-%d') AS start, strftime(max(day), '%Y-%m-%d') AS "end",
            count(*)::INTEGER AS business_days, NULL::DOUBLE AS hours, NULL AS file
     FROM silent GROUP BY run
     UNION ALL
     SELECT 'telemetry_gap', 'log_coverage',
            strftime(h.hole_start, '%Y-%m-%dT%H:%M:%SZ'), strftime(h.hole_end, '%Y-%m-%dT%H:%M:%SZ'),
            NULL, round(h.hours, 1), f.name
     FROM log_holes h JOIN files f USING (file_id)
     WHERE h.hole_end >= CAST($window_start AS DATE) AND h.hole_start < CAST($window_end AS DATE) + INTERVAL 1 DAY
     ORDER BY start, kind`,
    windowParams(args.window, args.settings),
  );
}

export const telemetryGapRule: RuleDefinition<TelemetryGapFinding> = {
  id: 'telemetry_gap',
  title: 'Telemetry gap',
  group: 'data_quality',
  definition: () =>
    'Business days (Monday to Friday) in the window with no usage rows at all, as ranges of consecutive business days, and licence-server logs with no line for more than 24 hours. Missing data is read against the customer in an audit, so each range needs an explanation.',
  settings: () => ({ business_days: 'Monday to Friday', log_hole_hours: 24 }),
  run: telemetryGaps,
  // The file is empty for gaps in the usage (no_usage).
  identity: { fields: ['kind', 'start', 'file'], nullable: ['file'] },
  columns: {
    kind: 'no_usage: business days without any usage; log_coverage: a licence-server log silent for too long.',
    start: 'First day (or time, for a log) of the gap.',
    end: 'Last day (or time) of the gap.',
    business_days: 'Business days in the gap.',
    hours: 'Hours a log was silent.',
    file: 'The log the coverage hole was found in.',
  },
};
