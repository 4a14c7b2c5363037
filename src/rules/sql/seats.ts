import type { Runner } from '../../db/runner.ts';
/**
 * What rules 1 (dormant_user), 2 (low_frequency_user) and 12 (utilisation_depth) share: the named-user
 * assignments active at the window end, the usage days of the products each one covers, and whether it is
 * dormant. One definition, so that the three rules can never disagree on who holds a seat or who is dormant.
 *
 * SQL CTEs (to follow a `WITH`) over three named parameters (windowParams): $window_start, $window_end, $dormant_days.
 *
 * Decisions the rulebook leaves open, stated once here:
 * - An assignment is active at the window end when assigned_date <= end and (unassigned_date is empty or
 *   > end), read literally: a row without an assigned_date is never active (its seat cannot be dated).
 * - Usage Report rows whose access option is Flex are not named-user seats and are left out.
 * - A usage day of a covered product counts whatever licensed it (named user, Flex, network), and only
 *   days up to the window end count (later days are after the review's "now").
 * - Dormancy is judged only when the data reaches back to the first day of the lookback
 *   (window_end - dormant_days + 1): days before the first usage day in the data were not observed, and
 *   reading them as "no usage" would invent dormant users.
 */
/** The seat CTEs as written, in three parts: evaluated once per review into temp tables (prepareSeatTables). */
const HELD_CTE = `
  held AS (
    SELECT row_number() OVER (ORDER BY user_key, offering, assigned_date, seat_assignment) AS seat_id, *,
           greatest(assigned_date, CAST($window_start AS DATE)) AS active_from
    FROM (
      SELECT DISTINCT user_key, offering, seat_assignment, assigned_date, unassigned_date
      FROM review_assignments
      WHERE assigned_date IS NOT NULL AND assigned_date <= CAST($window_end AS DATE)
        AND (unassigned_date IS NULL OR unassigned_date > CAST($window_end AS DATE))
        AND coalesce(lower(access_option), '') NOT LIKE '%flex%')
  )`;

const SEAT_USE_CTE = `
  seat_use AS (
    SELECT h.seat_id, u.product, u.day
    FROM held h
    JOIN review_covers c ON c.offering = h.offering
    JOIN usage_days u ON u.user_key = h.user_key AND u.product = c.product AND u.day <= CAST($window_end AS DATE)
  )`;

const SEATS_CTE = `
  seat_last AS (
    SELECT h.seat_id, max(s.day) AS last_day, first(s.product ORDER BY s.day DESC, s.product) AS last_product
    FROM held h LEFT JOIN seat_use s ON s.seat_id = h.seat_id
    GROUP BY h.seat_id
  ),
  seats AS (
    SELECT h.*, l.last_day, l.last_product,
           (CAST($window_end AS DATE) - h.active_from + 1)::INTEGER AS active_days,
           (h.assigned_date <= CAST($window_end AS DATE) - CAST($dormant_days AS INTEGER)
             AND (l.last_day IS NULL OR l.last_day <= CAST($window_end AS DATE) - CAST($dormant_days AS INTEGER))
             AND (SELECT min(day) FROM usage_days) <= CAST($window_end AS DATE) - CAST($dormant_days AS INTEGER) + 1) AS dormant
    FROM held h JOIN seat_last l ON l.seat_id = h.seat_id
  )`;

/**
 * Evaluates the seat CTEs once for the review's window and dormancy threshold into temp tables, which SEAT_CTES
 * reads: six queries of a review (four rules, the Collection holders, the benchmarks) share them instead of each
 * working them out again. Each table is built from the one before, so a seat keeps one seat_id throughout. Run
 * after prepareReviewTables, whose tables they read; parameters as windowParams.
 */
export async function prepareSeatTables(runner: Runner, params: { window_start: string; window_end: string; dormant_days: number }): Promise<void> {
  await runner.query(`CREATE OR REPLACE TEMP TABLE review_held AS WITH ${HELD_CTE} SELECT * FROM held`, params);
  await runner.query(`CREATE OR REPLACE TEMP TABLE review_seat_use AS WITH held AS (SELECT * FROM review_held), ${SEAT_USE_CTE} SELECT * FROM seat_use`, params);
  await runner.query(
    `CREATE OR REPLACE TEMP TABLE review_seats AS
     WITH held AS (SELECT * FROM review_held), seat_use AS (SELECT * FROM review_seat_use), ${SEATS_CTE} SELECT * FROM seats`,
    params,
  );
}

/** CTEs `held`, `seat_use` and `seats` (to follow a WITH), as prepareSeatTables evaluated them for this review. */
export const SEAT_CTES = `
  held AS (SELECT * FROM review_held),
  seat_use AS (SELECT * FROM review_seat_use),
  seats AS (SELECT * FROM review_seats)`;

/** Days in the rulebook's month (rules 2 and 12). Comparisons use usage_days x 3044 against threshold x 100 x days, exact in integers. */
export const MONTH_DAYS = 30.44;

/**
 * Rule 12's band of a usage rate m = usage_days / (active_days / 30.44), compared in integers
 * (usage_days x 3044 against band x 100 x active_days) so that a rate exactly on an edge lands in the upper band.
 */
export function depthBandSql(usageDays: string, activeDays: string): string {
  return `CASE
    WHEN ${usageDays} * 3044 >= 400 * ${activeDays} THEN 'regular'
    WHEN ${usageDays} * 3044 >= 100 * ${activeDays} THEN 'monthly'
    WHEN ${usageDays} * 3044 * 3 >= 100 * ${activeDays} THEN 'occasional'
    WHEN ${usageDays} > 0 THEN 'rare'
    ELSE 'never' END`;
}

/** Group and default assignments cannot be removed one by one in Autodesk Account; null when the export does not say. */
export const REMOVABLE_SQL = `CASE seat_assignment WHEN 'direct' THEN true WHEN 'group' THEN false WHEN 'default' THEN false END`;
