import { windowParams } from './sql/params.ts';
import type { Runner } from '../db/runner.ts';
import type { ReviewSettings } from '../settings/schema.ts';
import type { ReviewWindow, RuleDefinition } from './rule.ts';
import { flexBreakEvenDays } from '../lib/flex-cost.ts';
import { MONTH_DAYS, REMOVABLE_SQL, SEAT_CTES } from './sql/seats.ts';

export interface LowFrequencyUserFinding {
  rule: 'low_frequency_user';
  /** The action chosen for this finding's seat when it is another finding's (rulebook 14); null when it is this one's. */
  superseded_by?: string | null;
  user_key: string;
  offering: string;
  seat_assignment: string | null;
  /** False for group and default assignments: Autodesk Account cannot remove them one by one. Null when unknown. */
  removable_individually: boolean | null;
  assigned_date: string;
  /** First day of the judged part: the later of assigned_date and the window start. It runs to the window end. */
  active_from: string;
  /** Length of the judged part in days (both ends included). */
  active_days: number;
  /** Usage days (user x product x day) of the covered products in the judged part. */
  usage_days: number;
  /** usage_days / (active_days / 30.44), rounded to 2 decimals. */
  days_per_month: number;
  /** usage_days x 365 / active_days, rounded to 2 decimals. */
  usage_days_per_year: number;
  /** Flex tokens the same use would consume per year (each usage day at its product's tokens_per_day); null when a used product has no tokens_per_day. */
  flex_tokens_per_year: number | null;
  /** flex_tokens_per_year x token_price. */
  flex_cost_per_year: number | null;
  /** The offering's current_price per seat per year; null when the price book has none. */
  current_price: number | null;
  /** Flex recommended: flex cost below current_price x (1 - flex_margin), both in cents (equal is not below). Null when either figure is missing. */
  recommend_flex: boolean | null;
  /** current_price - flex cost per year (negative when Flex would cost more); null when either figure is missing. */
  saving_per_year: number | null;
  /** Tokens per usage day used for the break-even: this user's average over the judged part, or, with no usage, the highest tokens_per_day among the covered products. */
  tokens_per_usage_day: number | null;
  /** current_price / (tokens_per_usage_day x token_price): usage days per year at which Flex costs as much as the seat. */
  break_even_days_per_year: number | null;
  /** Why money is missing, when it is. */
  price_note: string | null;
}

/**
 * Rulebook 2: an assignment active at window_end, not dormant (rule 1, same definition), judged over the part of
 * the window in which it was active (from the later of assigned_date and window start, to window end) when that
 * part has at least dormant_days days; low frequency when its usage days of covered products average fewer than
 * low_freq_days_per_month per month of 30.44 days. Usage days are (product, day) pairs: a day with two covered
 * products counts twice, as Flex charges each product used. For a Collection the rulebook does not say whose
 * tokens price a day: each usage day is priced at the tokens_per_day of the product used that day.
 */
export async function lowFrequencyUsers(runner: Runner, args: { window: ReviewWindow; settings: ReviewSettings }): Promise<LowFrequencyUserFinding[]> {
  const t = args.settings.thresholds;
  const tokenPrice = args.settings.prices.token_price;
  const rows = await runner.query<Omit<LowFrequencyUserFinding, 'break_even_days_per_year'>>(
    `WITH ${SEAT_CTES},
     prices AS (SELECT offering, min(current_price) AS current_price FROM review_offering_prices GROUP BY offering),
     tokens AS (SELECT product, min(tokens_per_day) AS tokens_per_day FROM review_product_tokens GROUP BY product),
     max_tokens AS (
       SELECT c.offering, max(t.tokens_per_day) AS tokens_per_day FROM review_covers c JOIN tokens t ON t.product = c.product GROUP BY c.offering),
     judged AS (
       SELECT s.*,
              count(x.day)::INTEGER AS usage_days,
              sum(t.tokens_per_day) AS tokens,
              string_agg(DISTINCT x.product, ', ' ORDER BY x.product) FILTER (WHERE x.day IS NOT NULL AND t.tokens_per_day IS NULL) AS unpriced_products
       FROM seats s
       LEFT JOIN seat_use x ON x.seat_id = s.seat_id AND x.day >= s.active_from
       LEFT JOIN tokens t ON t.product = x.product
       WHERE NOT s.dormant AND s.active_days >= CAST($dormant_days AS INTEGER)
       GROUP BY ALL
     ),
     low AS (
       SELECT j.*, p.current_price,
              CASE WHEN j.unpriced_products IS NULL THEN coalesce(j.tokens, 0) * 365 / j.active_days END AS flex_tokens_per_year,
              CASE WHEN j.usage_days = 0 THEN m.tokens_per_day WHEN j.unpriced_products IS NULL THEN j.tokens / j.usage_days END AS tokens_per_usage_day
       FROM judged j
       LEFT JOIN prices p ON p.offering = j.offering
       LEFT JOIN max_tokens m ON m.offering = j.offering
       WHERE j.usage_days * 3044 < $low_freq_days_per_month * 100 * j.active_days
     )
     SELECT 'low_frequency_user' AS rule, user_key, offering, seat_assignment, ${REMOVABLE_SQL} AS removable_individually,
            strftime(assigned_date, '%Y-%m-%d') AS assigned_date, strftime(active_from, '%Y-%m-%d') AS active_from,
            active_days, usage_days,
            round(usage_days * ${MONTH_DAYS} / active_days, 2)::DOUBLE AS days_per_month,
            round(usage_days * 365 / active_days, 2)::DOUBLE AS usage_days_per_year,
            round(flex_tokens_per_year, 2)::DOUBLE AS flex_tokens_per_year,
            round(flex_tokens_per_year * $token_price, 2)::DOUBLE AS flex_cost_per_year,
            current_price::DOUBLE AS current_price,
            CASE WHEN current_price IS NOT NULL AND flex_tokens_per_year IS NOT NULL
                 THEN round(flex_tokens_per_year * $token_price, 2) < round(current_price * (1 - $flex_margin), 2) END AS recommend_flex,
            round(current_price - flex_tokens_per_year * $token_price, 2)::DOUBLE AS saving_per_year,
            round(tokens_per_usage_day, 2)::DOUBLE AS tokens_per_usage_day,
            nullif(concat_ws(' ',
              CASE WHEN current_price IS NULL THEN 'No current_price for ' || offering || ' in the price book: no recommendation, saving or break-even.' END,
              CASE WHEN unpriced_products IS NOT NULL THEN 'No Flex tokens_per_day for ' || unpriced_products || ' in the price book: the Flex cost is not computed.' END,
              CASE WHEN tokens_per_usage_day IS NULL AND unpriced_products IS NULL THEN 'No Flex tokens_per_day for any product ' || offering || ' covers: no break-even.' END), '') AS price_note
     FROM low
     ORDER BY offering, user_key, assigned_date`,
    { ...windowParams(args.window, args.settings), low_freq_days_per_month: t.low_freq_days_per_month, flex_margin: t.flex_margin, token_price: tokenPrice },
  );
  return rows.map((f) => ({
    ...f,
    break_even_days_per_year: f.current_price === null || f.tokens_per_usage_day === null ? null : flexBreakEvenDays(f.current_price, f.tokens_per_usage_day, tokenPrice),
  }));
}

export const lowFrequencyUserRule: RuleDefinition<LowFrequencyUserFinding> = {
  id: 'low_frequency_user',
  title: 'Low-frequency user (Flex candidate)',
  group: 'cost',
  // Not recommended saves nothing; unknown (no seat price) is unpriced.
  money: (f) => (f.recommend_flex === null ? null : f.recommend_flex ? f.saving_per_year : 0),
  definition: (s) => {
    const t = s.thresholds;
    return `A named-user assignment active at the window end and not dormant, whose usage days of the covered products average fewer than ${t.low_freq_days_per_month} per month (${MONTH_DAYS} days) over the part of the window in which it was active; assignments active for fewer than ${t.dormant_days} days of the window are not judged. Flex cost per year = usage days per year x tokens per day x ${s.prices.token_price} per token, each usage day priced at the tokens of the product used that day (a day with two products counts twice); Flex is recommended when it costs less than the current price x (1 - ${t.flex_margin}). Break-even = current price / (tokens per usage day x token price).`;
  },
  settings: (s) => ({
    low_freq_days_per_month: s.thresholds.low_freq_days_per_month,
    dormant_days: s.thresholds.dormant_days,
    flex_margin: s.thresholds.flex_margin,
    token_price: s.prices.token_price,
    currency: s.prices.currency,
    month_days: MONTH_DAYS,
  }),
  run: lowFrequencyUsers,
  identity: { fields: ['user_key', 'offering'] },
  columns: {
    active_from: 'First judged day: the later of the assigned date and the window start; the judged part runs to the window end.',
    active_days: 'Length of the judged part in days; parts shorter than {dormant_days} days are not judged.',
    usage_days: 'Usage days of the covered products in the judged part.',
    days_per_month: 'Usage days per month of 30.44 days: low frequency when below {low_freq_days_per_month}.',
    usage_days_per_year: 'Usage days x 365 / active days.',
    flex_tokens_per_year: 'Flex tokens the same use would consume per year, at each product’s tokens per day.',
    flex_cost_per_year: 'Flex tokens per year x the token price ({token_price} {currency} a token).',
    recommend_flex: 'Flex recommended: its cost is below the current price x (1 - {flex_margin}).',
    saving_per_year: 'Current price minus the Flex cost per year, when Flex is recommended.',
    tokens_per_usage_day: 'Flex tokens one usage day of the products used costs.',
    break_even_days_per_year: 'Usage days per year at which Flex costs as much as the seat: current price / (tokens per day x token price).',
  },
  // The seed's per-user range: 600 to 1,200 US dollars a year for a Flex conversion.
  saving: { type: 'flex_conversion', label: 'Flex conversion', typical_per_user: [600, 1200] },
  action: (f) =>
    f.recommend_flex
      ? {
          kind: 'flex',
          user: f.user_key,
          offering: f.offering,
          action: 'move to Flex',
          assigned_date: f.assigned_date,
          last_use: 'in use',
          days_inactive: null,
          seat_assignment: f.seat_assignment,
          saving_per_year: f.saving_per_year,
          reason: `${f.usage_days} usage days in ${f.active_days} days held (${f.days_per_month} a month): Flex costs less than the seat`,
        }
      : null,
  benchmark: { id: 'low_frequency', label: 'Low-frequency users', low: 0.12, high: 0.18, of: 'named users', base: 'named_users' },
};
