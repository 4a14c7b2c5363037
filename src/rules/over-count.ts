import { countOf } from '../lib/wording.ts';
import { windowParams } from './sql/params.ts';
import type { Runner } from '../db/runner.ts';
import type { ReviewSettings } from '../settings/schema.ts';
import { ENTITLEMENT_ACTIVE, NAMED_USE, SEAT_COUNT_CTES } from './sql/compliance.ts';
import { NETWORK_PEAK_CTES } from './sql/network.ts';
import type { ReviewWindow, RuleDefinition } from './rule.ts';

/** Share of the window's business days over S that makes an over-count sustained (rulebook: 25%). */
export const SUSTAINED_SHARE = 0.25;

/**
 * Daily usage of one product against its seat count S(d).
 * named_user: the daily value is the distinct users with named-user use of the product.
 * network: the daily value is the peak of concurrent licence-server checkouts of the product.
 */
export interface OverCountFinding {
  rule: 'over_count';
  kind: 'named_user' | 'network';
  product: string;
  /** Offerings of the seat-counted entitlements covering the product at some time in the window (comma-separated); null when none. */
  offerings: string[] | null;
  /** Days judged: named_user, the window's days on which S(d) exists; network, the window's days the licence-server data spans. */
  days_judged: number;
  high_water_mark: number;
  /** The first day the high-water mark was reached. */
  high_water_date: string;
  /** S on the high-water date (null when no seat-counted entitlement covered the product that day). */
  seats_at_high_water: number | null;
  /** Smallest and largest S(d) over the judged days (null when never known). */
  seats_min: number | null;
  seats_max: number | null;
  /** 95th percentile of the daily values (continuous: linear interpolation between order statistics, quantile_cont). */
  p95: number;
  /** Mean of the daily values over the judged days, zero days included. */
  average_daily_peak: number;
  /** Largest value - S(d) over the days S(d) is known (negative when never over); null when S is never known. */
  max_excess: number | null;
  /** Days with value > S(d); null when S is never known. */
  days_over: number | null;
  /** First and last day with value > S(d) (null when none): how long the shortfall has run, for the exposure scenarios. */
  first_day_over: string | null;
  last_day_over: string | null;
  /** Longest run of consecutive calendar days over S, with its first and last day (0 and nulls when none). */
  longest_run_days: number | null;
  longest_run_start: string | null;
  longest_run_end: string | null;
  /** Business days (Monday to Friday) in the window, and the days over S needed for the share test. */
  window_business_days: number;
  sustained: boolean;
  /** Which test made it sustained: the run, the share of business days, or both. */
  sustained_by: 'run' | 'share' | 'both' | null;
  /** Network only (null for named_user): licence-server DENIED lines for the product in the window, the days with any, and the busiest day. */
  denials: number | null;
  denial_days: number | null;
  peak_denials: number | null;
  peak_denials_day: string | null;
}

/**
 * Rulebook 8, per product (S(d) is a property of the product: the seats of every entitlement that covers it, so
 * two offerings covering one product share one S; a Collection's seats count for each of its products, which
 * never overstates an over-count). Seat-counted entitlements only (not Unlimited / Flex).
 * A finding only when use went over S on at least one day (named-user or network); a product that never went over
 * shows its headroom in the renewal brief and the usage view, not here.
 * Parameters: $window_start, $window_end, $sustained_days, $sustained_share (the share of business days).
 */
export async function overCount(runner: Runner, args: { window: ReviewWindow; settings: ReviewSettings }): Promise<OverCountFinding[]> {
  return runner.query<OverCountFinding>(
    `WITH ${SEAT_COUNT_CTES},
     business AS (SELECT count(*)::INTEGER AS n FROM days WHERE isodow(day) <= 5),
     offering_list AS (
       SELECT c.product, list(DISTINCT e.offering ORDER BY e.offering) AS offerings
       FROM counted e JOIN review_covers c ON c.offering = e.offering
       WHERE ${ENTITLEMENT_ACTIVE('e', 'CAST($window_start AS DATE)', 'CAST($window_end AS DATE)')}
       GROUP BY c.product
     ),
     named_users AS (
       SELECT product, day, count(DISTINCT user_key)::INTEGER AS value FROM usage_days u
       WHERE day BETWEEN CAST($window_start AS DATE) AND CAST($window_end AS DATE) AND ${NAMED_USE('u')}
       GROUP BY product, day
     ),
     named_series AS (
       SELECT 'named_user' AS kind, s.product, s.day, coalesce(n.value, 0) AS value, s.seats
       FROM seats s LEFT JOIN named_users n ON n.product = s.product AND n.day = s.day
     ),
     ${NETWORK_PEAK_CTES},
     net_series AS (
       SELECT 'network' AS kind, p.product, nd.day, coalesce(pk.value, 0) AS value, s.seats
       FROM net_products p CROSS JOIN net_days nd
       LEFT JOIN net_peaks pk ON pk.product = p.product AND pk.day = nd.day
       LEFT JOIN seats s ON s.product = p.product AND s.day = nd.day
     ),
     series AS (
       SELECT kind, product, day, value, seats, seats IS NOT NULL AND value > seats AS over
       FROM (SELECT * FROM named_series UNION ALL SELECT * FROM net_series)
     ),
     runs AS (
       SELECT kind, product, min(day) AS run_start, max(day) AS run_end, count(*)::INTEGER AS run_days
       FROM (SELECT kind, product, day, day - CAST(row_number() OVER (PARTITION BY kind, product ORDER BY day) AS INTEGER) AS grp FROM series WHERE over)
       GROUP BY kind, product, grp
     ),
     best_run AS (
       SELECT * FROM runs QUALIFY row_number() OVER (PARTITION BY kind, product ORDER BY run_days DESC, run_start) = 1
     ),
     high_water AS (
       SELECT kind, product, day, value, seats FROM series QUALIFY row_number() OVER (PARTITION BY kind, product ORDER BY value DESC, day) = 1
     ),
     stats AS (
       SELECT kind, product, count(*)::INTEGER AS days_judged,
              quantile_cont(value, 0.95)::DOUBLE AS p95, avg(value)::DOUBLE AS average_daily_peak,
              min(seats)::INTEGER AS seats_min, max(seats)::INTEGER AS seats_max,
              max(value - seats)::INTEGER AS max_excess, count(*) FILTER (WHERE over)::INTEGER AS days_over,
              min(day) FILTER (WHERE over) AS first_day_over, max(day) FILTER (WHERE over) AS last_day_over
       FROM series GROUP BY kind, product
     ),
     den_days AS (
       SELECT product, day, count(*)::INTEGER AS n FROM den WHERE day BETWEEN CAST($window_start AS DATE) AND CAST($window_end AS DATE) GROUP BY product, day
     ),
     den_stats AS (
       SELECT product, sum(n)::INTEGER AS denials, count(*)::INTEGER AS denial_days,
              max(n)::INTEGER AS peak_denials, arg_min(day, struct_pack(neg := -n, day := day)) AS peak_denials_day
       FROM den_days GROUP BY product
     ),
     judged AS (
       SELECT st.*, hw.day AS high_water_date, hw.value AS high_water_mark, hw.seats AS seats_at_high_water,
              coalesce(br.run_days, 0) AS run_days, br.run_start, br.run_end, b.n AS window_business_days,
              st.seats_max IS NOT NULL AND coalesce(br.run_days, 0) >= CAST($sustained_days AS INTEGER) AS by_run,
              st.seats_max IS NOT NULL AND st.days_over > 0 AND st.days_over >= $sustained_share * b.n AS by_share
       FROM stats st
       JOIN high_water hw ON hw.kind = st.kind AND hw.product = st.product
       LEFT JOIN best_run br ON br.kind = st.kind AND br.product = st.product
       CROSS JOIN business b
     )
     SELECT 'over_count' AS rule, j.kind, j.product, o.offerings, j.days_judged,
            j.high_water_mark, strftime(j.high_water_date, '%Y-%m-%d') AS high_water_date, j.seats_at_high_water,
            j.seats_min, j.seats_max, round(j.p95, 2) AS p95, round(j.average_daily_peak, 2) AS average_daily_peak,
            CASE WHEN j.seats_max IS NULL THEN NULL ELSE j.max_excess END AS max_excess,
            CASE WHEN j.seats_max IS NULL THEN NULL ELSE j.days_over END AS days_over,
            strftime(j.first_day_over, '%Y-%m-%d') AS first_day_over, strftime(j.last_day_over, '%Y-%m-%d') AS last_day_over,
            CASE WHEN j.seats_max IS NULL THEN NULL ELSE j.run_days END AS longest_run_days,
            strftime(j.run_start, '%Y-%m-%d') AS longest_run_start, strftime(j.run_end, '%Y-%m-%d') AS longest_run_end,
            j.window_business_days,
            (j.by_run OR j.by_share) AS sustained,
            CASE WHEN j.by_run AND j.by_share THEN 'both' WHEN j.by_run THEN 'run' WHEN j.by_share THEN 'share' END AS sustained_by,
            CASE WHEN j.kind = 'network' THEN coalesce(ds.denials, 0) END AS denials,
            CASE WHEN j.kind = 'network' THEN coalesce(ds.denial_days, 0) END AS denial_days,
            CASE WHEN j.kind = 'network' THEN ds.peak_denials END AS peak_denials,
            CASE WHEN j.kind = 'network' THEN strftime(ds.peak_denials_day, '%Y-%m-%d') END AS peak_denials_day
     FROM judged j
     LEFT JOIN offering_list o ON o.product = j.product
     LEFT JOIN den_stats ds ON ds.product = j.product
     WHERE j.days_over > 0
     ORDER BY j.kind, j.product`,
    { ...windowParams(args.window, args.settings), sustained_days: args.settings.thresholds.sustained_days, sustained_share: SUSTAINED_SHARE },
  );
}

export const overCountRule: RuleDefinition<OverCountFinding> = {
  id: 'over_count',
  title: 'Usage above licence count',
  group: 'compliance',
  definition: (s) =>
    `Per product covered by a seat-counted entitlement (not Unlimited/Flex): the daily distinct users with named-user use (neither Flex nor network) against S(d), the sum of the seat quantities of all entitlements active on day d that cover the product (a Collection's seats count for each of its products), on the window's days where S(d) exists; and for network licences the daily peak of concurrent checkouts (a checkout with no check-in counts until the end of its day) on the days the licence-server data spans, against S(d) when an entitlement covers the product, with the licence server's denials beside it. Reported: the high-water mark and its first date, the 95th percentile of the daily values (continuous, linear interpolation), the average daily value, the days over S and the longest run of consecutive days over S. Sustained when that run reaches ${s.thresholds.sustained_days} days or the days over S reach ${SUSTAINED_SHARE * 100}% of the window's business days. A product is listed only when its use went over S on at least one day; the headroom of the others is in the renewal brief and the usage view.`,
  settings: (s) => ({ sustained_days: s.thresholds.sustained_days, sustained_share_of_business_days: SUSTAINED_SHARE, percentile: '95th, interpolated between the two nearest daily values' }),
  run: overCount,
  identity: { fields: ['kind', 'product'] },
  columns: {
    kind: 'named user: distinct users per day against seats; network: concurrent checkouts against the licence count.',
    offerings: 'Offerings of the seat-counted entitlements covering the product in the window.',
    days_judged: 'Days of the window on which the seat count or the server data is known.',
    high_water_mark: 'The highest daily value in the window.',
    high_water_date: 'The first day the high-water mark was reached.',
    seats_at_high_water: 'Seats held on the high-water date.',
    seats_min: 'Fewest seats held on a judged day.',
    seats_max: 'Most seats held on a judged day.',
    p95: 'The 95th percentile of the daily values ({percentile}).',
    average_daily_peak: 'Mean of the daily values over the judged days.',
    max_excess: 'Largest daily value minus the seats held (negative when never over).',
    days_over: 'Days with a value above the seats held.',
    longest_run_days: 'Longest run of consecutive days over: sustained at {sustained_days} days.',
    longest_run_start: 'First day of the longest run.',
    longest_run_end: 'Last day of the longest run.',
    window_business_days: 'Business days in the window (for the share of days over: {sustained_share_of_business_days}).',
    sustained: 'Whether the over-count is sustained: a run of {sustained_days} days, or a share of business days.',
    sustained_by: 'What made it sustained: the run, the share, or both.',
    denials: 'Licence denials in the server logs.',
    denial_days: 'Days with at least one denial.',
    peak_denials: 'Most denials on one day.',
    peak_denials_day: 'The day with the most denials.',
  },
  // A product whose over-count never goes above S adds nothing: the named-user and network series measure one shortfall.
  gap: {
    side: 'seat_count',
    parts: (f) =>
      f.max_excess === null || f.max_excess <= 0 || f.first_day_over === null || f.last_day_over === null
        ? []
        : [{ product: f.product, users: [], excess: f.max_excess, first_day: f.first_day_over, last_day: f.last_day_over }],
    entries: (findings) =>
      findings.flatMap((f) =>
        f.max_excess === null || f.max_excess <= 0 || f.first_day_over === null || f.last_day_over === null
          ? []
          : [
              {
                product: f.product,
                users_or_seats_short: f.max_excess,
                first_day: f.first_day_over,
                last_day: f.last_day_over,
                evidence: `${f.kind === 'network' ? 'concurrent checkouts' : 'named users a day'} reached ${f.high_water_mark} on ${f.high_water_date} against ${f.seats_at_high_water ?? '?'} seats; over on ${countOf(f.days_over ?? 0, 'day')}, longest run ${f.longest_run_days ?? 0}${f.sustained ? ' (sustained)' : ''}; p95 ${f.p95}${f.denials ? `; ${f.denials} licence-server denials` : ''}`,
                remediation:
                  f.kind === 'network'
                    ? `Add ${countOf(f.max_excess, 'seat')} to the network licence of ${f.product} or cap concurrent use; the denials show when it saturated.`
                    : `True up ${countOf(f.max_excess, 'seat')} of ${f.product} or reduce the users; check which users hold no seat.`,
              },
            ],
      ),
  },
};
