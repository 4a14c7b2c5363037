import { SESSION_DAYS_SQL } from '../../db/schema.ts';
import type { Runner } from '../../db/runner.ts';

/**
 * SQL pieces shared by the compliance rules (6 unlicensed_access, 7 out_of_scope, 8 over_count), so that the
 * three read "named-user use", "an active entitlement" and "an active assignment" the same way.
 */

/**
 * A usage day judged as named-user use: at least one of its rows was licensed otherwise than by Flex or by a
 * network licence (named_user, serial or unknown). A day with mixed types (for example named_user and flex)
 * is judged: the Flex or network rows licence only themselves. A day that is only flex and/or network is not.
 * `u` is a usage_days alias.
 */
export const NAMED_USE = (u: string): string => `NOT list_has_all(['flex', 'network'], ${u}.licence_types)`;

/**
 * An entitlement active on day `d` (or on some day from `d` to `to`): start_date <= the last day and (end_date empty or
 * end_date >= the first). The end date is the term's last day, covered (Autodesk's subscription end date is inclusive).
 * An empty start date reads as "started before the data", an empty end date as "no end".
 */
export const ENTITLEMENT_ACTIVE = (e: string, d: string, to = d): string =>
  `((${e}.start_date IS NULL OR ${e}.start_date <= ${to}) AND (${e}.end_date IS NULL OR ${e}.end_date >= ${d}))`;

/** An entitlement that counts seats: a seat quantity, and not Unlimited (Flex). */
export const SEAT_COUNTED = (e: string): string => `(${e}.seat_quantity IS NOT NULL AND NOT coalesce(${e}.unlimited, false))`;

/** The window's days, as a CTE `days (day)` to follow a WITH; parameters $window_start, $window_end. */
export const WINDOW_DAYS_CTE = `days AS (SELECT CAST(d AS DATE) AS day FROM generate_series(CAST($window_start AS DATE), CAST($window_end AS DATE), INTERVAL 1 DAY) AS t(d))`;

/**
 * An assignment active on day `d` (rulebook terms): assigned_date <= d and (unassigned_date empty or
 * unassigned_date > d): the unassignment day itself is not covered. An assignment row without an assigned
 * date is read as assigned before the data (a compliance finding gives the benefit of that doubt).
 */
export const ASSIGNMENT_ACTIVE = (a: string, d: string): string =>
  `((${a}.assigned_date IS NULL OR ${a}.assigned_date <= ${d}) AND (${a}.unassigned_date IS NULL OR ${a}.unassigned_date > ${d}))`;

/**
 * Every (user_key, product, device_name, licence_type, day) a session or day-level row with a device name
 * touches, with the product as the catalogue names it: the same day expansion as usage_days (engine/schema.ts),
 * so that a device is reported on exactly the usage days its sessions made. `where` filters the source rows
 * (columns user_key, product, licence_type...) before the expansion.
 */
export const deviceDaysSql = (where = 'TRUE'): string => `
  WITH raw AS (
    SELECT user_key, product, product_line_code, device_name, licence_type,
           unnest(${SESSION_DAYS_SQL}) AS day
    FROM sessions WHERE device_name IS NOT NULL AND ${where}
    UNION ALL
    SELECT user_key, product, product_line_code, device_name, licence_type, CAST(day AS TIMESTAMP) FROM usage_day_rows WHERE device_name IS NOT NULL AND ${where}
  ),
  names AS (SELECT DISTINCT product, product_line_code, catalogue_name(product, product_line_code) AS resolved FROM raw)
  SELECT r.user_key, n.resolved AS product, r.device_name, r.licence_type, CAST(r.day AS DATE) AS day
  FROM raw r JOIN names n ON n.product = r.product AND n.product_line_code IS NOT DISTINCT FROM r.product_line_code`;

/**
 * The window's days and S(d), the seats of a product on day d: the sum of seat quantities of the seat-counted
 * entitlements (not Unlimited / Flex) active on d that cover it (rulebook 8). S is a property of the product, so a
 * Collection's seats count for each of its products. CTEs `days`, `counted`, `seats (product, day, seats)`, to
 * follow a WITH; parameters $window_start, $window_end (windowParams). `seats` as written, evaluated once per review
 * (prepareSeatCounts); SEAT_COUNT_CTES reads that table.
 */
const SEAT_COUNTS_SQL = `
  ${WINDOW_DAYS_CTE},
  counted AS (
    SELECT offering, seat_quantity, start_date, end_date, coalesce(status = 'licence server', false) AS from_server FROM review_entitlements e WHERE ${SEAT_COUNTED('e')}
  ),
  -- A licence server's issued count (lmstat) is S only where no Subscriptions row covers the product that day.
  seats AS (
    SELECT c.product, dd.day,
           (CASE WHEN bool_or(NOT e.from_server) THEN sum(e.seat_quantity) FILTER (WHERE NOT e.from_server) ELSE sum(e.seat_quantity) END)::INTEGER AS seats
    FROM counted e JOIN review_covers c ON c.offering = e.offering JOIN days dd ON ${ENTITLEMENT_ACTIVE('e', 'dd.day')}
    GROUP BY c.product, dd.day
  )`;

/** Evaluates S(d) over the review's window once into a temp table (four queries of a review read it). */
export async function prepareSeatCounts(runner: Runner, params: { window_start: string; window_end: string }): Promise<void> {
  await runner.query(`CREATE OR REPLACE TEMP TABLE review_seat_counts AS WITH ${SEAT_COUNTS_SQL} SELECT * FROM seats`, params);
}

export const SEAT_COUNT_CTES = `
  ${WINDOW_DAYS_CTE},
  counted AS (
    SELECT offering, seat_quantity, start_date, end_date FROM review_entitlements e WHERE ${SEAT_COUNTED('e')}
  ),
  seats AS (SELECT * FROM review_seat_counts)`;
