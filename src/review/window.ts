import type { ReviewWindow } from '../rules/rule.ts';
import type { Runner } from '../db/runner.ts';
import type { ReviewSettings } from '../settings/schema.ts';

/**
 * The review window (rulebook terms): [end - months, end] in whole UTC days, end defaulting to the last
 * usage day. The start never precedes the first day the data covers: days before it were not observed,
 * and reading them as "no usage" would invent telemetry gaps and dormancy.
 */
export async function resolveWindow(runner: Runner, settings: ReviewSettings): Promise<ReviewWindow | null> {
  const [row] = await runner.query<{ start: string; end: string; requested_start: string; data_start: string; data_end: string }>(
    `WITH data AS (SELECT min(day) AS first_day, max(day) AS last_day FROM usage_days),
          bounds AS (
            SELECT first_day, last_day, coalesce(CAST($end_setting AS DATE), last_day) AS window_end FROM data WHERE last_day IS NOT NULL),
          requested AS (
            SELECT *, CAST(window_end - to_months(CAST($months AS INTEGER)) + INTERVAL 1 DAY AS DATE) AS requested_start FROM bounds)
     SELECT strftime(CASE WHEN first_day > requested_start AND first_day <= window_end THEN first_day ELSE requested_start END, '%Y-%m-%d') AS start,
            strftime(window_end, '%Y-%m-%d') AS "end",
            strftime(requested_start, '%Y-%m-%d') AS requested_start,
            strftime(first_day, '%Y-%m-%d') AS data_start,
            strftime(last_day, '%Y-%m-%d') AS data_end
     FROM requested`,
    { end_setting: settings.window.end, months: settings.window.months },
  );
  return row ? { ...row, months: settings.window.months } : null;
}
