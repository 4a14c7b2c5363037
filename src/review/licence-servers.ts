import type { LicenceCounts } from './licence-counts.ts';
import type { ServerLogin } from './server-logins.ts';
import { loginSql } from '../ingest/server-logins.ts';
import type { Runner } from '../db/runner.ts';
import type { ReviewWindow } from '../rules/rule.ts';
import { SEAT_COUNT_CTES, WINDOW_DAYS_CTE } from '../rules/sql/compliance.ts';
import { NETWORK_PEAK_CTES } from '../rules/sql/network.ts';

/**
 * The licence servers' side of the review: per product, concurrent checkouts of its network licences against the
 * licences issued, the licence server's denials, and who held the checkouts. The peaks are the ones rule 8 judges
 * (one sweep, rules/sql/network.ts), over the window's days the logs span.
 */

/** One product's network use over the window. */
export interface LicenceServerProduct {
  product: string;
  /** The licence-server feature codes its checkouts and denials name. */
  features: string[];
  /** Checkouts overlapping the window. */
  sessions: number;
  /** Distinct logins (the user part of user@host) and distinct hosts: a login is an account, not yet a person. */
  logins: number;
  hosts: number;
  /** Hours of checkouts inside the window. */
  hours: number;
  /** The most checkouts held at once, and the first moment it was reached (UTC). */
  peak: number;
  peak_at: string | null;
  /** Licences issued on the peak's day: the seats of the entitlements covering the product (null when none does). */
  licences_at_peak: number | null;
  /** Days whose peak exceeded the licences issued that day. */
  days_over: number;
  /** DENIED lines in the window and the days with any. */
  denials: number;
  denial_days: number;
  /** Checkouts without a check-in: still out at a server restart or when the log ended. */
  open_ended: number;
}

/** One product's day: the peak of concurrent checkouts, the licences issued and the denials. */
export interface LicenceServerDay {
  product: string;
  day: string;
  peak: number;
  /** S(d); null when no seat-counted entitlement covers the product that day. */
  licences: number | null;
  denials: number;
}

/** A stretch of time the logs say nothing about (no line at all for longer than the threshold). */
export interface LogHole {
  start: string;
  end: string;
  hours: number;
}

/** The licence-server logs over the window, and the lmstat snapshots' counts (features, snapshots) whatever the window. */
export interface LicenceServerView extends LicenceCounts {
  /** The window's days the logs span; null when no licence-server data falls in the window. */
  first_day: string | null;
  last_day: string | null;
  products: LicenceServerProduct[];
  days: LicenceServerDay[];
  holes: LogHole[];
  /** Every login the logs name, whatever the window, and the person it is linked to. */
  logins: ServerLogin[];
}

/** How a checkout ended. */
export type CheckoutEnd = 'checked_in' | 'inactive' | 'restart' | 'end_of_log' | 'no_check_in';

/** One checkout, with the login and the host apart. */
export interface LicenceCheckout {
  login: string;
  host: string | null;
  feature: string | null;
  version: string | null;
  checked_out: string;
  /** Null when the log has no check-in (`ended` says why). */
  checked_in: string | null;
  minutes: number | null;
  ended: CheckoutEnd;
}

export interface LicenceDenial {
  at: string;
  login: string;
  host: string | null;
  feature: string | null;
  reason: string | null;
}

/** One product's checkouts and denials in the window, earliest first; at most `limit` of each, with the totals. */
export interface LicenceServerActivity {
  product: string;
  checkouts_total: number;
  checkouts: LicenceCheckout[];
  denials_total: number;
  denials: LicenceDenial[];
}

const IN_WINDOW = `t0 < CAST($window_end AS DATE) + INTERVAL 1 DAY AND t1 > CAST($window_start AS DATE)`;
const DEN_IN_WINDOW = `day BETWEEN CAST($window_start AS DATE) AND CAST($window_end AS DATE)`;
const STAMP = (t: string) => `strftime(${t}, '%Y-%m-%d %H:%M:%S')`;

export async function licenceServers(runner: Runner, window: ReviewWindow): Promise<Omit<LicenceServerView, keyof LicenceCounts | 'logins'>> {
  const args = { window_start: window.start, window_end: window.end };
  const daily = `WITH ${SEAT_COUNT_CTES}, ${NETWORK_PEAK_CTES},
     den_daily AS (SELECT product, day, count(*)::INTEGER AS denials FROM den WHERE ${DEN_IN_WINDOW} GROUP BY product, day),
     daily AS (
       SELECT p.product, nd.day, coalesce(pk.value, 0) AS peak, s.seats AS licences, coalesce(x.denials, 0) AS denials
       FROM net_products p CROSS JOIN net_days nd
       LEFT JOIN net_peaks pk ON pk.product = p.product AND pk.day = nd.day
       LEFT JOIN seats s ON s.product = p.product AND s.day = nd.day
       LEFT JOIN den_daily x ON x.product = p.product AND x.day = nd.day
     )`;
  const days = await runner.query<LicenceServerDay>(
    `${daily} SELECT product, strftime(day, '%Y-%m-%d') AS day, peak, licences, denials FROM daily ORDER BY product, day`,
    args,
  );
  const products = await runner.query<LicenceServerProduct>(
    `${daily},
     used AS (
       SELECT product, count(*)::INTEGER AS sessions,
              count(DISTINCT lower(${loginSql('user_id', 'device_name')}))::INTEGER AS logins,
              count(DISTINCT lower(device_name))::INTEGER AS hosts,
              sum(epoch(least(t1, CAST($window_end AS DATE) + INTERVAL 1 DAY) - greatest(t0, CAST($window_start AS DATE)))) / 3600 AS hours,
              count(*) FILTER (WHERE open_ended)::INTEGER AS open_ended
       FROM net WHERE ${IN_WINDOW} GROUP BY product
     ),
     features AS (
       SELECT product, list(DISTINCT feature ORDER BY feature) AS features FROM (
         SELECT product, feature FROM net WHERE ${IN_WINDOW} AND feature IS NOT NULL
         UNION ALL SELECT product, feature FROM den WHERE ${DEN_IN_WINDOW} AND feature IS NOT NULL)
       GROUP BY product
     ),
     peaks AS (
       SELECT l.product, max(l.level)::INTEGER AS peak, arg_min(l.t, struct_pack(neg := -l.level, t := l.t)) AS peak_at
       FROM levels l JOIN net_days nd ON nd.day = CAST(l.t AS DATE) GROUP BY l.product
     ),
     by_day AS (
       SELECT product, count(*) FILTER (WHERE licences IS NOT NULL AND peak > licences)::INTEGER AS days_over,
              sum(denials)::INTEGER AS denials, count(*) FILTER (WHERE denials > 0)::INTEGER AS denial_days
       FROM daily GROUP BY product
     )
     SELECT p.product, coalesce(f.features, []) AS features, coalesce(u.sessions, 0) AS sessions, coalesce(u.logins, 0) AS logins,
            coalesce(u.hosts, 0) AS hosts, round(coalesce(u.hours, 0), 1)::DOUBLE AS hours,
            coalesce(pk.peak, 0) AS peak, CASE WHEN pk.peak > 0 THEN ${STAMP('pk.peak_at')} END AS peak_at,
            s.seats AS licences_at_peak, b.days_over, b.denials, b.denial_days, coalesce(u.open_ended, 0) AS open_ended
     FROM net_products p
     JOIN by_day b ON b.product = p.product
     LEFT JOIN used u ON u.product = p.product
     LEFT JOIN features f ON f.product = p.product
     LEFT JOIN peaks pk ON pk.product = p.product
     LEFT JOIN seats s ON s.product = p.product AND s.day = CAST(pk.peak_at AS DATE) AND pk.peak > 0
     ORDER BY b.days_over DESC, coalesce(pk.peak, 0) DESC, p.product`,
    args,
  );
  const span = await runner.query<{ first_day: string | null; last_day: string | null }>(
    `WITH ${WINDOW_DAYS_CTE}, ${NETWORK_PEAK_CTES}
     SELECT strftime(min(day), '%Y-%m-%d') AS first_day, strftime(max(day), '%Y-%m-%d') AS last_day FROM net_days`,
    args,
  );
  const holes = await runner.query<LogHole>(
    `SELECT ${STAMP('hole_start')} AS start, ${STAMP('hole_end')} AS "end", round(hours, 1)::DOUBLE AS hours FROM log_holes
     WHERE hole_start < CAST($window_end AS DATE) + INTERVAL 1 DAY AND hole_end > CAST($window_start AS DATE)
     ORDER BY hole_start`,
    args,
  );
  return { first_day: span[0]?.first_day ?? null, last_day: span[0]?.last_day ?? null, products, days, holes };
}

/** A product's checkouts and denials in the window, earliest first, at most `limit` of each. */
export async function licenceServerActivity(runner: Runner, window: Pick<ReviewWindow, 'start' | 'end'>, product: string, limit: number): Promise<LicenceServerActivity> {
  const args = { window_start: window.start, window_end: window.end, product, limit };
  const base = `WITH ${WINDOW_DAYS_CTE}, ${NETWORK_PEAK_CTES}`;
  const checkouts = await runner.query<LicenceCheckout & { total: number }>(
    `${base}
     SELECT ${loginSql('user_id', 'device_name')} AS login, device_name AS host, feature, product_version AS version,
            ${STAMP('t0')} AS checked_out, CASE WHEN open_ended THEN NULL ELSE ${STAMP('t1')} END AS checked_in,
            CASE WHEN open_ended THEN NULL ELSE round(epoch(t1 - t0) / 60, 1)::DOUBLE END AS minutes,
            CASE WHEN open_at = 'restart' THEN 'restart' WHEN open_at = 'end_of_log' THEN 'end_of_log' WHEN open_ended THEN 'no_check_in'
                 WHEN upper(checkin_reason) = 'INACTIVE' THEN 'inactive' ELSE 'checked_in' END AS ended,
            count(*) OVER ()::INTEGER AS total
     FROM net WHERE product = $product AND ${IN_WINDOW}
     ORDER BY t0, login, host LIMIT CAST($limit AS INTEGER)`,
    args,
  );
  const denials = await runner.query<LicenceDenial & { total: number }>(
    `${base}
     SELECT ${STAMP('denied_at')} AS at, ${loginSql('user_key', 'device_name')} AS login, device_name AS host, feature, reason,
            count(*) OVER ()::INTEGER AS total
     FROM den WHERE product = $product AND ${DEN_IN_WINDOW}
     ORDER BY denied_at, login LIMIT CAST($limit AS INTEGER)`,
    args,
  );
  return {
    product,
    checkouts_total: checkouts[0]?.total ?? 0,
    checkouts: checkouts.map(({ total: _, ...c }) => c),
    denials_total: denials[0]?.total ?? 0,
    denials: denials.map(({ total: _, ...d }) => d),
  };
}
