import { windowParams } from './sql/params.ts';
import type { Runner } from '../db/runner.ts';
import type { ReviewSettings } from '../settings/schema.ts';
import type { ReviewWindow, RuleDefinition } from './rule.ts';
import { NAMED_USER_ACCESS_SQL } from './single-product-collection.ts';

export type DuplicateAccessKind = 'collection_and_standalone' | 'full_and_lt' | 'named_and_flex';

export interface DuplicateAccessFinding {
  rule: 'duplicate_access';
  /** The action chosen for this finding's seat when it is another finding's (rulebook 14); null when it is this one's. */
  superseded_by?: string | null;
  /**
   * collection_and_standalone: a standalone product assignment and a Collection assignment that covers it;
   * full_and_lt: an LT edition assignment and an assignment covering its full product (catalogue `lt_of`), the full
   * product standalone or a Collection that includes it; named_and_flex: Flex usage of a product on days a named-user
   * assignment covering it was active.
   */
  kind: DuplicateAccessKind;
  user_key: string;
  /** The assignment kept: the Collection, the offering covering the full product, the named-user assignment (for named_and_flex, the standalone product when held, else the first covering offering by name). */
  offering: string;
  /** What is redundant and cheaper to drop: the standalone offering, the LT offering, or 'Flex' (the tokens). */
  redundant: string;
  /** direct / group / default of the redundant assignment (group and default cannot be removed one by one); null for Flex. */
  redundant_seat_assignment: string | null;
  /** The product whose access is duplicated: the standalone product, the LT product, or the product used by Flex. */
  product: string;
  /** First and last day in the window on which both were held (for named_and_flex: Flex usage days under an active assignment). */
  overlap_start: string;
  overlap_end: string;
  overlap_days: number;
  /** For named_and_flex: tokens_per_day x overlap_days (price book); null for other kinds or when the product has no token rate. */
  flex_tokens: number | null;
  /**
   * Assignments: current_price per year of the redundant offering. named_and_flex: the Flex tokens spent on the overlap days
   * in the window x token_price (money already spent that the seat made unnecessary; not annualised). Null when unpriced.
   */
  saving: number | null;
  saving_basis: 'per_year' | 'window';
  /** Why the money is null; null when it is set. */
  price_note: string | null;
}

/**
 * Rulebook 4: one finding per user and overlapping pair, where both are active on at least one common day of the window.
 * Active on day d: assigned_date <= d and (unassigned_date empty or > d); an assignment without assigned_date counts as
 * assigned before the data. Only named-user seats count as assignments (Usage Report rows with Flex or token access do not).
 * Several rows of one user and offering are one holding; overlap days are counted once.
 * Function overlap is catalogue data: Collection membership (review_members) and LT editions (catalogue_products.lt_of).
 * The redundant side is the one whose function the other contains (the standalone inside the Collection, the LT edition
 * beside its full product, Flex usage under a seat that covers it), and its price is the saving.
 * A pair that is both Collection-and-standalone and full-and-LT is reported once, as the former.
 */
export async function duplicateAccess(runner: Runner, args: { window: ReviewWindow; settings: ReviewSettings }): Promise<DuplicateAccessFinding[]> {
  return runner.query<DuplicateAccessFinding>(
    `WITH seats AS (
       SELECT user_key, offering, seat_assignment,
              greatest(coalesce(assigned_date, CAST($window_start AS DATE)), CAST($window_start AS DATE)) AS from_day,
              least(coalesce(unassigned_date - 1, CAST($window_end AS DATE)), CAST($window_end AS DATE)) AS to_day
       FROM review_assignments
       WHERE ${NAMED_USER_ACCESS_SQL}
     ),
     seats_in_window AS (SELECT * FROM seats WHERE from_day <= to_day),
     members AS (SELECT DISTINCT offering, product FROM review_members),
     pairs AS (
       SELECT 'collection_and_standalone' AS kind, 1 AS priority, r.user_key, k.offering, r.offering AS redundant, r.offering AS product,
              r.seat_assignment, greatest(r.from_day, k.from_day) AS from_day, least(r.to_day, k.to_day) AS to_day
       FROM seats_in_window r
       JOIN members m ON m.product = r.offering
       JOIN seats_in_window k ON k.user_key = r.user_key AND k.offering = m.offering
       UNION ALL
       SELECT 'full_and_lt', 2, r.user_key, k.offering, r.offering, r.offering,
              r.seat_assignment, greatest(r.from_day, k.from_day), least(r.to_day, k.to_day)
       FROM seats_in_window r
       JOIN catalogue_products lt ON lt.product = r.offering AND lt.lt_of IS NOT NULL
       JOIN seats_in_window k ON k.user_key = r.user_key
        AND (k.offering = lt.lt_of OR EXISTS (SELECT 1 FROM members m WHERE m.offering = k.offering AND m.product = lt.lt_of))
     ),
     pair_days AS (
       SELECT kind, priority, user_key, offering, redundant, product, seat_assignment,
              CAST(unnest(generate_series(from_day, to_day, INTERVAL 1 DAY)) AS DATE) AS day
       FROM pairs WHERE from_day <= to_day
     ),
     seat_pairs AS (
       SELECT user_key, offering, redundant, product,
              arg_min(kind, priority) AS kind,
              string_agg(DISTINCT seat_assignment, '/' ORDER BY seat_assignment) AS redundant_seat_assignment,
              min(day) AS overlap_start, max(day) AS overlap_end, count(DISTINCT day)::INTEGER AS overlap_days
       FROM pair_days GROUP BY user_key, offering, redundant, product
     ),
     flex_days AS (
       SELECT u.user_key, u.product, u.day, s.offering
       FROM usage_days u
       JOIN seats_in_window s ON s.user_key = u.user_key AND u.day BETWEEN s.from_day AND s.to_day
       JOIN review_covers c ON c.offering = s.offering AND c.product = u.product
       WHERE list_contains(u.licence_types, 'flex') AND u.day BETWEEN CAST($window_start AS DATE) AND CAST($window_end AS DATE)
     ),
     flex_pairs AS (
       SELECT user_key, product,
              first(offering ORDER BY (offering <> product), offering) AS offering,
              min(day) AS overlap_start, max(day) AS overlap_end, count(DISTINCT day)::INTEGER AS overlap_days
       FROM flex_days GROUP BY user_key, product
     ),
     prices AS (SELECT offering, max(current_price) AS current_price FROM review_offering_prices GROUP BY offering),
     tokens AS (SELECT product, max(tokens_per_day) AS tokens_per_day FROM review_product_tokens GROUP BY product)
     SELECT 'duplicate_access' AS rule, s.kind, s.user_key, s.offering, s.redundant, s.redundant_seat_assignment, s.product,
            strftime(s.overlap_start, '%Y-%m-%d') AS overlap_start, strftime(s.overlap_end, '%Y-%m-%d') AS overlap_end, s.overlap_days,
            NULL::DOUBLE AS flex_tokens,
            round(p.current_price, 2)::DOUBLE AS saving, 'per_year' AS saving_basis,
            CASE WHEN p.current_price IS NULL THEN 'no current_price set for ' || s.redundant END AS price_note
     FROM seat_pairs s LEFT JOIN prices p ON p.offering = s.redundant
     UNION ALL
     SELECT 'duplicate_access', 'named_and_flex', f.user_key, f.offering, 'Flex', NULL, f.product,
            strftime(f.overlap_start, '%Y-%m-%d'), strftime(f.overlap_end, '%Y-%m-%d'), f.overlap_days,
            (f.overlap_days * t.tokens_per_day)::DOUBLE,
            round(f.overlap_days * t.tokens_per_day * CAST($token_price AS DOUBLE), 2)::DOUBLE, 'window',
            CASE WHEN t.tokens_per_day IS NULL THEN 'no Flex tokens_per_day set for ' || f.product END
     FROM flex_pairs f LEFT JOIN tokens t ON t.product = f.product
     ORDER BY user_key, kind, offering, redundant, product`,
    { ...windowParams(args.window, args.settings), token_price: args.settings.prices.token_price },
  );
}

export const duplicateAccessRule: RuleDefinition<DuplicateAccessFinding> = {
  id: 'duplicate_access',
  title: 'Duplicate tool access',
  group: 'cost',
  money: (f) => f.saving,
  definition: (s) =>
    'One finding per user and overlapping pair active together on at least one day of the window: a standalone product assignment and a Collection that covers it; ' +
    'an LT edition and an assignment of its full product (standalone or inside a Collection); Flex usage of a product on days a named-user assignment covering it was active. ' +
    'The redundant side (the standalone, the LT edition, the Flex use) is the one to drop: saving = its current price per year, or for Flex the tokens spent on those days ' +
    `(days x tokens per day x the token price, ${s.prices.token_price} ${s.prices.currency}, in the window). Only named-user seats count as assignments.`,
  settings: (s) => ({ token_price: s.prices.token_price, currency: s.prices.currency, priced_offerings: s.prices.offerings.length }),
  run: duplicateAccess,
  // The product is part of it: a named_and_flex finding exists per product used through Flex under the same kept offering.
  identity: { fields: ['kind', 'user_key', 'offering', 'redundant', 'product'] },
  columns: {
    kind: 'Which overlap: a standalone beside its Collection, an LT edition beside its full product, or Flex use under a named-user seat.',
    offering: 'The assignment kept: the Collection, the full product, or the named-user seat.',
    redundant: 'What is redundant and cheaper to drop: the standalone, the LT offering, or Flex.',
    redundant_seat_assignment: 'direct / group / default of the redundant assignment.',
    product: 'The product whose access is duplicated.',
    overlap_start: 'First day in the window on which both were held.',
    overlap_end: 'Last day in the window on which both were held.',
    overlap_days: 'Days on which both were held (Flex: Flex usage days under the seat).',
    flex_tokens: 'For named_and_flex: tokens per day x overlap days.',
    saving: 'The redundant side’s current price per year, or the Flex tokens spent at the token price ({token_price} {currency} a token).',
    saving_basis: 'per_year for a price per year; window for Flex tokens spent in the window.',
  },
  saving: { type: 'duplicate_removal', label: 'Duplicate removal', typical_per_user: null },
  // Flex beside a seat is no seat to remove (its money is tokens already spent): the redundant seat of the other pairs is.
  action: (f) =>
    f.kind === 'named_and_flex'
      ? null
      : {
          kind: 'remove',
          user: f.user_key,
          offering: f.redundant,
          action: `remove the duplicate seat (${f.offering} covers ${f.product})`,
          assigned_date: null,
          last_use: 'in use',
          days_inactive: null,
          seat_assignment: f.redundant_seat_assignment,
          saving_per_year: f.saving_basis === 'per_year' ? f.saving : null,
          reason: `${f.offering} already covers ${f.product} (held together ${f.overlap_days} days, ${f.overlap_start} to ${f.overlap_end})`,
        },
};
