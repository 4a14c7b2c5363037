import type { ReviewWindow } from '../rules/rule.ts';
import type { Runner } from '../db/runner.ts';
import { NAMED_USE, SEAT_COUNT_CTES } from '../rules/sql/compliance.ts';

/** One product's named-user use on one day of the window, against its seats. */
export interface DailyUsers {
  product: string;
  day: string;
  /** Distinct users with named-user use of the product that day (the value rule 8 compares with S). */
  users: number;
  /** S(d): seats of the seat-counted entitlements covering the product that day; null when none does. */
  seats: number | null;
}

/** Per product over the whole window (zero days included), for the reference lines of the users-against-seats chart. */
export interface DailyUsersStats {
  product: string;
  high_water_mark: number;
  high_water_date: string;
  /** 95th percentile of the daily values (quantile_cont, as rule 8). */
  p95: number;
  /** Days with users above S(d). */
  days_over: number;
}

export interface DailyUsersSeries {
  days: DailyUsers[];
  stats: DailyUsersStats[];
}

/**
 * Every day of the window for every product with named-user use or a seat count in it: at most 731 points per
 * product, one product charted at a time. Rule 8 judges only the days S(d) exists; these statistics span the window.
 */
export async function dailyUsers(runner: Runner, window: ReviewWindow): Promise<DailyUsersSeries> {
  const series = `WITH ${SEAT_COUNT_CTES},
     used AS (
       SELECT product, day, count(DISTINCT user_key)::INTEGER AS users FROM usage_days u
       WHERE day BETWEEN CAST($window_start AS DATE) AND CAST($window_end AS DATE) AND ${NAMED_USE('u')}
       GROUP BY product, day
     ),
     products AS (SELECT DISTINCT product FROM used UNION SELECT DISTINCT product FROM seats),
     series AS (
       SELECT p.product, dd.day, coalesce(u.users, 0) AS users, s.seats
       FROM products p CROSS JOIN days dd
       LEFT JOIN used u ON u.product = p.product AND u.day = dd.day
       LEFT JOIN seats s ON s.product = p.product AND s.day = dd.day
     )`;
  const args = { window_start: window.start, window_end: window.end };
  const days = await runner.query<DailyUsers>(
    `${series} SELECT product, strftime(day, '%Y-%m-%d') AS day, users, seats FROM series ORDER BY product, day`,
    args,
  );
  const stats = await runner.query<DailyUsersStats>(
    `${series}
     SELECT product, max(users)::INTEGER AS high_water_mark,
            strftime(arg_min(day, struct_pack(neg := -users, day := day)), '%Y-%m-%d') AS high_water_date,
            round(quantile_cont(users, 0.95), 2)::DOUBLE AS p95,
            count(*) FILTER (WHERE seats IS NOT NULL AND users > seats)::INTEGER AS days_over
     FROM series GROUP BY product ORDER BY product`,
    args,
  );
  return { days, stats };
}
