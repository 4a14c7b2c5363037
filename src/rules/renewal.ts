import { cents, money } from '../lib/amounts.ts';
import { findingsOf } from './findings.ts';
import { windowParams } from './sql/params.ts';
import type { Runner } from '../db/runner.ts';
import type { ReviewSettings } from '../settings/schema.ts';
import { ASSIGNMENT_ACTIVE, ENTITLEMENT_ACTIVE, SEAT_COUNTED, WINDOW_DAYS_CTE } from './sql/compliance.ts';
import type { ReviewWindow, RuleDefinition, RuleResult } from './rule.ts';
import { overCountRule } from './over-count.ts';
import { unlicensedAccessRule } from './unlicensed-access.ts';
import { lowFrequencyUserRule } from './low-frequency-user.ts';
import { singleProductCollectionRule } from './single-product-collection.ts';
import { SEAT_CTES } from './sql/seats.ts';

export type RenewalRecommendation = 'increase' | 'reduce' | 'restructure' | 'keep';

export interface RenewalFinding {
  rule: 'renewal';
  offering: string;
  /** From the Subscriptions export, over the offering's entitlements active at the window end: contract numbers and terms (comma-separated), and the earliest renewal date (the auto-renew date, else the end date); null without one. */
  contracts: string | null;
  terms: string | null;
  renewal_date: string | null;
  /** Seats of the seat-counted entitlements of the offering active at the window end; null when no Subscriptions export gives them. */
  seats: number | null;
  /** Distinct users holding a named-user seat of the offering at the window end (the seats rules 1, 2 and 12 judge). */
  assigned: number;
  /** Of them, those who used a product the offering covers in the last dormant_days days of the window (not dormant). */
  active: number;
  /** 95th percentile, over the window's days, of the distinct holders of the offering who used a covered product that day. */
  p95_daily_users: number;
  /** Distinct holders using a covered product in the last quarter (the window's last 91 days) and in the 91 days before; null when the data does not reach back. */
  last_quarter_users: number;
  previous_quarter_users: number | null;
  /** (last - previous) / previous, 2 decimals; null without a previous quarter or with nobody in it. */
  trend: number | null;
  recommendation: RenewalRecommendation;
  /**
   * The seat count the recommendation leads to. Needed = the larger of (active holders + users of covered products
   * who hold no seat of it, rule 6) and the high-water mark of a covered product's sustained over-count (rule 8).
   * increase: needed; reduce: ceil(needed x (1 + headroom)). Null for keep and restructure.
   */
  target_seats: number | null;
  /** Every reason with its figures: the recommendation's first, then the compliance gap's, then the rest. */
  reasons: string[];
  /** The users of unlicensed products attributed to this offering (rulebook 15), in key order. */
  attributed_users: string[];
  /** Rule 2 findings of the offering where Flex is cheaper, and their saving per year. */
  flex_candidates: number;
  flex_saving: number | null;
  /** Rule 3 findings of the offering where the standalone product is cheaper, and their saving per year. */
  downgrade_candidates: number;
  downgrade_saving: number | null;
  /** For reduce: (seats, else assigned, minus target) x the offering's current price. */
  reduce_saving: number | null;
  current_price: number | null;
  /** A year of the offering today: the count (seats, else assigned seats) x the current price; null when not priced. */
  spend_current: number | null;
  /**
   * A year after the recommendation: the target seats (the count for keep and restructure) x the current price, less
   * the Flex and standalone savings of its holders (each already net of what replaces the seat); null when not priced.
   */
  spend_after: number | null;
}

/** The figures SQL gives per offering, and its holders (users of a gap who already hold a seat need no other). */
type Metrics = Pick<RenewalFinding, 'offering' | 'contracts' | 'terms' | 'renewal_date' | 'seats' | 'assigned' | 'active' | 'p95_daily_users' | 'last_quarter_users' | 'previous_quarter_users' | 'current_price'> & {
  holders: string[];
};

/** Days in the renewal brief's quarter (a quarter of 365 days, rounded). */
export const QUARTER_DAYS = 91;

/**
 * Rulebook 13, per offering with a named-user seat or a seat-counted entitlement at the window end. The figures come
 * from SQL; the recommendation from them and from the findings of rules 2, 3, 6 and 8:
 * - increase, when a product the offering covers has a sustained over-count (rule 8) or unlicensed use while this
 *   offering's entitlement covered it (rule 6), and the seats needed exceed the count (seats, else assigned). The
 *   rulebook says "when ... exists"; a gap the idle seats can absorb is read as "assign them" (a reason under reduce),
 *   because buying seats while others sit idle is not what an analyst would advise;
 * - otherwise reduce, when the count exceeds ceil(needed x (1 + renewal_headroom));
 * - otherwise restructure, when some of its holders are cheaper on Flex (rule 2) or on the standalone product (rule 3);
 * - otherwise keep. The other reasons that apply are listed after the first.
 */
export async function renewal(runner: Runner, args: { window: ReviewWindow; settings: ReviewSettings; earlier: readonly RuleResult[] }): Promise<RenewalFinding[]> {
  const metrics = await runner.query<Metrics>(
    `WITH ${SEAT_CTES},
     flexible AS (SELECT DISTINCT offering FROM review_entitlements WHERE coalesce(unlimited, false)),
     counted AS (
       SELECT offering, sum(seat_quantity)::INTEGER AS seats FROM review_entitlements e
       WHERE ${SEAT_COUNTED('e')} AND ${ENTITLEMENT_ACTIVE('e', 'CAST($window_end AS DATE)')}
       GROUP BY offering
     ),
     offerings AS (
       SELECT offering FROM held UNION SELECT offering FROM counted
       EXCEPT SELECT offering FROM flexible WHERE offering NOT IN (SELECT offering FROM counted)
     ),
     per_holding AS (
       SELECT offering, count(DISTINCT user_key)::INTEGER AS assigned, list(DISTINCT user_key) AS holders,
              count(DISTINCT user_key) FILTER (WHERE NOT dormant AND last_day > CAST($window_end AS DATE) - CAST($dormant_days AS INTEGER))::INTEGER AS active
       FROM seats GROUP BY offering
     ),
     ${WINDOW_DAYS_CTE},
     holder_use AS (
       SELECT DISTINCT a.offering, a.user_key, u.day
       FROM review_assignments a
       JOIN review_covers c ON c.offering = a.offering
       JOIN usage_days u ON u.user_key = a.user_key AND u.product = c.product AND u.day BETWEEN CAST($window_start AS DATE) AND CAST($window_end AS DATE)
       WHERE ${ASSIGNMENT_ACTIVE('a', 'u.day')} AND coalesce(lower(a.access_option), '') NOT LIKE '%flex%'
     ),
     daily AS (
       SELECT o.offering, d.day, count(DISTINCT h.user_key) AS users
       FROM offerings o CROSS JOIN days d LEFT JOIN holder_use h ON h.offering = o.offering AND h.day = d.day
       GROUP BY o.offering, d.day
     ),
     p95 AS (SELECT offering, round(quantile_cont(users, 0.95), 2)::DOUBLE AS p95 FROM daily GROUP BY offering),
     quarters AS (
       SELECT offering,
              count(DISTINCT user_key) FILTER (WHERE day > CAST($window_end AS DATE) - ${QUARTER_DAYS})::INTEGER AS last_quarter,
              count(DISTINCT user_key) FILTER (WHERE day <= CAST($window_end AS DATE) - ${QUARTER_DAYS} AND day > CAST($window_end AS DATE) - ${2 * QUARTER_DAYS})::INTEGER AS previous_quarter
       FROM holder_use GROUP BY offering
     ),
     prices AS (SELECT offering, min(current_price) AS current_price FROM review_offering_prices GROUP BY offering),
     contracts AS (
       SELECT offering,
              string_agg(DISTINCT contract_number, ', ' ORDER BY contract_number) AS contracts,
              string_agg(DISTINCT term, ', ' ORDER BY term) AS terms,
              strftime(min(coalesce(autorenew_date, end_date)), '%Y-%m-%d') AS renewal_date
       FROM review_entitlements e WHERE ${ENTITLEMENT_ACTIVE('e', 'CAST($window_end AS DATE)')}
       GROUP BY offering
     )
     SELECT o.offering, c.seats, k.contracts, k.terms, k.renewal_date, coalesce(h.assigned, 0) AS assigned, coalesce(h.active, 0) AS active,
            coalesce(p.p95, 0) AS p95_daily_users, coalesce(q.last_quarter, 0) AS last_quarter_users,
            CASE WHEN CAST($window_end AS DATE) - ${2 * QUARTER_DAYS} + 1 >= CAST($window_start AS DATE) THEN coalesce(q.previous_quarter, 0) END AS previous_quarter_users,
            pr.current_price::DOUBLE AS current_price, coalesce(h.holders, []) AS holders
     FROM offerings o
     LEFT JOIN counted c USING (offering) LEFT JOIN per_holding h USING (offering) LEFT JOIN p95 p USING (offering)
     LEFT JOIN quarters q USING (offering) LEFT JOIN prices pr USING (offering) LEFT JOIN contracts k USING (offering)
     ORDER BY o.offering`,
    windowParams(args.window, args.settings),
  );
  const covers = await runner.query<{ offering: string; product: string }>('SELECT offering, product FROM review_covers');
  return metrics.map((m) => recommend(m, covers, args.earlier, args.settings));
}



function recommend(m: Metrics, covers: readonly { offering: string; product: string }[], earlier: readonly RuleResult[], settings: ReviewSettings): RenewalFinding {
  const products = new Set(covers.filter((c) => c.offering === m.offering).map((c) => c.product));
  const overCounts = findingsOf(earlier, overCountRule).filter((f) => products.has(f.product) && f.sustained && (f.max_excess ?? 0) > 0);
  // Each user of an unlicensed product is counted under the one offering attributed to them (rulebook 15).
  const unlicensed = findingsOf(earlier, unlicensedAccessRule).filter((f) => f.attributed_offering === m.offering);
  const flex = findingsOf(earlier, lowFrequencyUserRule).filter((f) => f.offering === m.offering && f.recommend_flex === true && !f.superseded_by);
  const downgrade = findingsOf(earlier, singleProductCollectionRule).filter((f) => f.offering === m.offering && f.recommendation === 'standalone' && !f.superseded_by);

  const count = m.seats ?? m.assigned;
  const countName = m.seats === null ? 'assigned seats' : 'seats';
  const sum = (values: (number | null)[]) => (values.some((v) => v !== null) ? cents(values.reduce<number>((n, v) => n + (v ?? 0), 0)) : null);

  // Seats the offering needs: its active holders plus the users of its products who hold none of it, or the
  // high-water mark of a covered product's sustained over-count, whichever is larger.
  const holders = new Set(m.holders);
  const gapUsers = new Set(unlicensed.map((f) => f.user_key).filter((u) => !holders.has(u)));
  const highWater = Math.max(0, ...overCounts.map((f) => f.high_water_mark));
  const needed = Math.max(m.active + gapUsers.size, highWater);
  const reduceTo = Math.ceil(needed * (1 + settings.thresholds.renewal_headroom) - 1e-9);

  const reasons: { kind: RenewalRecommendation | 'gap'; text: string }[] = [];
  const gapKind = 'gap';
  for (const f of overCounts) {
    reasons.push({ kind: gapKind, text: `${f.product} ran above its ${f.seats_max ?? '?'} seats on ${f.days_over} days (longest run ${f.longest_run_days} days, high-water mark ${f.high_water_mark}): sustained` });
  }
  const byProduct = new Map<string, Set<string>>();
  for (const f of unlicensed) byProduct.set(f.product, (byProduct.get(f.product) ?? new Set()).add(f.user_key));
  for (const [product, users] of byProduct) {
    reasons.push({ kind: gapKind, text: `${users.size} ${users.size === 1 ? 'user' : 'users'} used ${product} without an assignment, counted under ${m.offering}` });
  }
  if (needed > count && (gapUsers.size > 0 || overCounts.length > 0)) {
    reasons.push({ kind: 'increase', text: `${needed} seats needed (${m.active} active ${m.active === 1 ? 'holder' : 'holders'} + ${gapUsers.size} unassigned ${gapUsers.size === 1 ? 'user' : 'users'}${highWater ? `, high-water mark ${highWater}` : ''}) against ${count} ${countName}` });
  } else if (gapUsers.size > 0 || overCounts.length > 0) {
    reasons.push({ kind: 'gap', text: `the gap fits in the idle seats: assign ${count - m.active} idle ${countName} before buying more` });
  }
  if (count > reduceTo) {
    reasons.push({ kind: 'reduce', text: `${count} ${countName}, ${needed} needed (${m.active} active in the last ${settings.thresholds.dormant_days} days${gapUsers.size ? ` + ${gapUsers.size} unassigned users` : ''}): ${reduceTo} keeps ${Math.round(settings.thresholds.renewal_headroom * 100)}% headroom` });
  }
  if (flex.length > 0) reasons.push({ kind: 'restructure', text: `${flex.length} low-frequency ${flex.length === 1 ? 'user is' : 'users are'} cheaper on Flex (${money(sum(flex.map((f) => f.saving_per_year)) ?? 0, settings.prices.currency)} a year)` });
  if (downgrade.length > 0) reasons.push({ kind: 'restructure', text: `${downgrade.length} single-product ${downgrade.length === 1 ? 'holder is' : 'holders are'} cheaper on the standalone product (${money(sum(downgrade.map((f) => f.saving)) ?? 0, settings.prices.currency)} a year)` });

  const order: RenewalRecommendation[] = ['increase', 'reduce', 'restructure'];
  const recommendation = order.find((k) => (k === 'reduce' ? count > reduceTo : reasons.some((r) => r.kind === k))) ?? 'keep';
  const target = recommendation === 'increase' ? needed : recommendation === 'reduce' ? reduceTo : null;
  const rank = (kind: RenewalRecommendation | 'gap') => (kind === recommendation ? 0 : kind === 'gap' ? 1 : 2);
  const sorted = [...reasons].sort((a, b) => rank(a.kind) - rank(b.kind));
  return {
    rule: 'renewal',
    offering: m.offering,
    contracts: m.contracts,
    terms: m.terms,
    renewal_date: m.renewal_date,
    seats: m.seats,
    assigned: m.assigned,
    active: m.active,
    p95_daily_users: m.p95_daily_users,
    last_quarter_users: m.last_quarter_users,
    previous_quarter_users: m.previous_quarter_users,
    trend: m.previous_quarter_users ? cents((m.last_quarter_users - m.previous_quarter_users) / m.previous_quarter_users) : null,
    recommendation,
    target_seats: target,
    attributed_users: [...new Set(unlicensed.map((f) => f.user_key))].sort(),
    reasons: sorted.length ? sorted.map((r) => r.text) : [`${count} ${countName}, ${m.active} active: no gap, no idle seats beyond the headroom, no cheaper structure found`],
    flex_candidates: flex.length,
    flex_saving: sum(flex.map((f) => f.saving_per_year)),
    downgrade_candidates: downgrade.length,
    downgrade_saving: sum(downgrade.map((f) => f.saving)),
    reduce_saving: recommendation === 'reduce' && m.current_price !== null ? cents((count - reduceTo) * m.current_price) : null,
    current_price: m.current_price,
    spend_current: m.current_price === null ? null : cents(count * m.current_price),
    spend_after: m.current_price === null ? null : cents((target ?? count) * m.current_price - (sum(flex.map((f) => f.saving_per_year)) ?? 0) - (sum(downgrade.map((f) => f.saving)) ?? 0)),
  };
}

export const renewalRule: RuleDefinition<RenewalFinding> = {
  id: 'renewal',
  title: 'Renewal brief',
  group: 'usage',
  definition: (s) =>
    `Per offering with a named-user seat or a seat-counted entitlement at the window end: seats, assigned users, users active in the last ${s.thresholds.dormant_days} days, ` +
    `the 95th percentile of daily users (holders using a covered product), and the change in users from the previous ${QUARTER_DAYS} days to the last ${QUARTER_DAYS}. ` +
    `Seats needed = active holders + the users of unlicensed products attributed to it (each user counted under one offering: the covering offering with the most idle seats, else the cheapest priced, else the standalone product) who hold none of it, or the high-water mark of a covered product's sustained over-count if larger. ` +
    `Increase (to the seats needed) when such a gap exists and the seats needed exceed the count (seats, else assigned seats); a gap the idle seats can absorb is a reason to assign them instead. ` +
    `Otherwise reduce when the count exceeds the seats needed plus ${Math.round(s.thresholds.renewal_headroom * 100)}% headroom; ` +
    `otherwise restructure when holders are cheaper on Flex or on the standalone product; otherwise keep. Its savings are those of rules 1 to 3, not added again.`,
  settings: (s) => ({ dormant_days: s.thresholds.dormant_days, renewal_headroom: s.thresholds.renewal_headroom, quarter_days: QUARTER_DAYS }),
  run: renewal,
  // One finding per offering; its recommendation and target may change between quarters.
  identity: { fields: ['offering'] },
  columns: {
    seats: 'Seats of the seat-counted entitlements of the offering active at the window end; empty without a Subscriptions export.',
    assigned: 'Users holding a named-user seat of the offering at the window end.',
    active: 'Of them, users of a covered product in the last {dormant_days} days.',
    p95_daily_users: '95th percentile of the daily holders using a covered product, over the window.',
    last_quarter_users: 'Holders using a covered product in the last {quarter_days} days of the window.',
    previous_quarter_users: 'The same in the {quarter_days} days before; empty when the data does not reach back.',
    trend: 'Change from the previous quarter to the last, as a share of the previous.',
    recommendation: 'increase, reduce, restructure or keep: the first reason says why.',
    target_seats: 'The seat count the recommendation leads to; reductions keep {renewal_headroom} headroom above the seats needed.',
    reasons: 'Every reason with its figures.',
    attributed_users: 'The users of unlicensed products counted under this offering: each such user is counted under one offering only.',
    flex_candidates: 'Low-frequency holders for whom Flex is cheaper (rule 2).',
    flex_saving: 'Their saving per year (counted under rule 2, not again here).',
    downgrade_candidates: 'Single-product Collection holders for whom the standalone product is cheaper (rule 3).',
    downgrade_saving: 'Their saving per year (counted under rule 3).',
    reduce_saving: 'Seats given up x the current price, per year.',
    contracts: 'Contract numbers of the offering’s subscriptions active at the window end (Subscriptions export).',
    terms: 'Their terms, as the Subscriptions export states them.',
    renewal_date: 'The earliest renewal date of those subscriptions: the auto-renew date, else the end date.',
    spend_current: 'A year of the offering today: seats (else assigned seats) x the current price.',
    spend_after: 'A year after the recommendation: target seats (else today’s count) x the current price, less the Flex and standalone savings of its holders.',
  },
};
