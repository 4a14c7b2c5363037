import { windowParams } from './sql/params.ts';
import type { Runner } from '../db/runner.ts';
import type { ReviewSettings } from '../settings/schema.ts';
import { WEEKLY_USERS_SQL } from './sql/weekly-users.ts';
import type { ReviewWindow, RuleDefinition } from './rule.ts';

export interface UsageSpikeFinding {
  rule: 'usage_spike';
  product: string;
  week_start: string;
  week_end: string;
  users: number;
  baseline_median: number;
  ratio: number | null;
  users_above_median: number;
}

/**
 * Rulebook 9: a week whose distinct users are at least `spike_ratio` x the median of the
 * `spike_baseline_weeks` weeks before it and at least `spike_min_users` above that median.
 * Weeks with fewer baseline weeks inside the window before them are not judged.
 */
export async function usageSpikes(runner: Runner, args: { window: ReviewWindow; settings: ReviewSettings }): Promise<UsageSpikeFinding[]> {
  const t = args.settings.thresholds;
  return runner.query<UsageSpikeFinding>(
    `WITH weekly AS (${WEEKLY_USERS_SQL}),
     judged AS (
       SELECT a.product, a.week_start, a.users,
              median(b.users)::DOUBLE AS baseline_median, count(b.users) AS baseline_weeks
       FROM weekly a JOIN weekly b
         ON b.product = a.product
        AND b.week_start BETWEEN a.week_start - INTERVAL (7 * CAST($spike_baseline_weeks AS INTEGER)) DAY AND a.week_start - INTERVAL 7 DAY
       GROUP BY a.product, a.week_start, a.users
     )
     SELECT 'usage_spike' AS rule, product,
            strftime(week_start, '%Y-%m-%d') AS week_start,
            strftime(week_start + INTERVAL 6 DAY, '%Y-%m-%d') AS week_end,
            users, baseline_median,
            CASE WHEN baseline_median > 0 THEN round(users / baseline_median, 2) END::DOUBLE AS ratio,
            (users - baseline_median)::DOUBLE AS users_above_median
     FROM judged
     WHERE baseline_weeks = $spike_baseline_weeks AND users >= $spike_ratio * baseline_median AND users >= baseline_median + $spike_min_users
     ORDER BY product, week_start`,
    { ...windowParams(args.window, args.settings), spike_baseline_weeks: t.spike_baseline_weeks, spike_ratio: t.spike_ratio, spike_min_users: t.spike_min_users },
  );
}

export const usageSpikeRule: RuleDefinition<UsageSpikeFinding> = {
  id: 'usage_spike',
  title: 'Usage spike',
  group: 'usage',
  definition: (s) =>
    `Per product, distinct users per ISO week (Monday first, whole weeks inside the window); a spike is a week with at least ${s.thresholds.spike_ratio} x the median of the ${s.thresholds.spike_baseline_weeks} weeks before it and at least ${s.thresholds.spike_min_users} users above that median. Weeks with fewer than ${s.thresholds.spike_baseline_weeks} weeks before them in the window are not judged.`,
  settings: (s) => ({ spike_ratio: s.thresholds.spike_ratio, spike_min_users: s.thresholds.spike_min_users, spike_baseline_weeks: s.thresholds.spike_baseline_weeks }),
  run: usageSpikes,
  // A spike is one week; the next quarter's 12-month window still holds it.
  identity: { fields: ['product', 'week_start'] },
  columns: {
    product: 'The product whose weekly users spiked.',
    week_start: 'Monday of the spike week.',
    week_end: 'Sunday of the spike week.',
    users: 'Distinct users of the product that week.',
    baseline_median: 'Median weekly users over the {spike_baseline_weeks} weeks before.',
    ratio: 'Users / baseline median: a spike at {spike_ratio} or more.',
    users_above_median: 'Users above the baseline median: at least {spike_min_users}.',
  },
};
