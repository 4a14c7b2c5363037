import { countOf, listOf } from '../lib/wording.ts';
import { windowParams } from './sql/params.ts';
import type { Runner } from '../db/runner.ts';
import type { ReviewSettings } from '../settings/schema.ts';
import { ASSIGNMENT_ACTIVE, ENTITLEMENT_ACTIVE, NAMED_USE } from './sql/compliance.ts';
import type { ReviewWindow, RuleDefinition } from './rule.ts';

/** Use of a product that no entitlement of the organisation covered on the days it was used. */
export interface OutOfScopeFinding {
  rule: 'out_of_scope';
  product: string;
  /** never_entitled: no loaded entitlement covers the product on any date; outside_term: one does, but not on these days (ended or not yet started). */
  reason: 'never_entitled' | 'outside_term';
  /** Gap quantity (rulebook): distinct users with such use. */
  users: number;
  /** The users, comma-separated, in key order. */
  user_keys: string[];
  /** Usage days (user x day) without any covering entitlement, and the distinct calendar days they fall on. */
  usage_days: number;
  days: number;
  first_day: string;
  last_day: string;
  /** For outside_term: the last end date of an entitlement covering the product that ended before last_day (null when none did). */
  last_term_end: string | null;
  /** Of usage_days, those on which the user still held an active assignment covering the product (a seat left assigned after the term, or a Subscriptions export that misses a contract). */
  assigned_usage_days: number;
}

/**
 * Rulebook 7. Named-user use (not only Flex and/or network rows: a Flex day is licensed by the token pool, a
 * network checkout by the licence server's own licence file) in the window of a product that no entitlement
 * covered on that day (active: start_date <= d and end_date empty or >= d). Judged only when at least one
 * entitlement is loaded: without a Subscriptions export nothing is known to be out of scope. One finding per product.
 */
export async function outOfScope(runner: Runner, args: { window: ReviewWindow; settings: ReviewSettings }): Promise<OutOfScopeFinding[]> {
  return runner.query<OutOfScopeFinding>(
    `WITH gap AS (
       SELECT u.user_key, u.product, u.day,
              EXISTS (
                SELECT 1 FROM review_assignments a JOIN review_covers c ON c.offering = a.offering
                WHERE a.user_key = u.user_key AND c.product = u.product AND ${ASSIGNMENT_ACTIVE('a', 'u.day')}) AS assigned
       FROM usage_days u
       WHERE u.day BETWEEN CAST($window_start AS DATE) AND CAST($window_end AS DATE)
         AND ${NAMED_USE('u')}
         AND EXISTS (SELECT 1 FROM review_entitlements)
         AND NOT EXISTS (
           SELECT 1 FROM review_entitlements e JOIN review_covers c ON c.offering = e.offering
           WHERE c.product = u.product AND ${ENTITLEMENT_ACTIVE('e', 'u.day')})
     ),
     per_product AS (
       SELECT product, count(DISTINCT user_key)::INTEGER AS users, list(DISTINCT user_key ORDER BY user_key) AS user_keys,
              count(*)::INTEGER AS usage_days, count(DISTINCT day)::INTEGER AS days, min(day) AS first_day, max(day) AS last_day,
              count(*) FILTER (WHERE assigned)::INTEGER AS assigned_usage_days
       FROM gap GROUP BY product
     )
     SELECT 'out_of_scope' AS rule, p.product,
            CASE WHEN EXISTS (SELECT 1 FROM review_entitlements e JOIN review_covers c ON c.offering = e.offering WHERE c.product = p.product)
                 THEN 'outside_term' ELSE 'never_entitled' END AS reason,
            p.users, p.user_keys, p.usage_days, p.days,
            strftime(p.first_day, '%Y-%m-%d') AS first_day, strftime(p.last_day, '%Y-%m-%d') AS last_day,
            (SELECT strftime(max(e.end_date), '%Y-%m-%d') FROM review_entitlements e JOIN review_covers c ON c.offering = e.offering
             WHERE c.product = p.product AND e.end_date < p.last_day) AS last_term_end,
            p.assigned_usage_days
     FROM per_product p
     ORDER BY p.product`,
    windowParams(args.window, args.settings),
  );
}

export const outOfScopeRule: RuleDefinition<OutOfScopeFinding> = {
  id: 'out_of_scope',
  title: 'Out-of-scope use',
  group: 'compliance',
  definition: () =>
    'Use in the window of a product that no entitlement covered on the day it was used: nobody in the organisation is licensed for it, or no term covering it was running (an entitlement is active from its start date to its end date, both covered). Only named-user use is judged (a day licensed only by Flex or a network licence is licensed by the token pool or the licence server); judged only when at least one entitlement is loaded. One finding per product; the gap quantity is its distinct users.',
  settings: () => ({ excluded_licence_types: 'flex, network', entitlement_end_date: 'inclusive' }),
  run: outOfScope,
  identity: { fields: ['product', 'reason'] },
  columns: {
    reason: 'never_entitled: no entitlement ever covers the product; outside_term: one does, but not on these days.',
    users: 'Distinct users with named-user use not covered by any entitlement (the gap quantity).',
    usage_days: 'Usage days (user x day) without a covering entitlement.',
    days: 'Distinct calendar days those usage days fall on.',
    last_term_end: 'For outside_term: the last end of a covering entitlement before the last usage day.',
    assigned_usage_days: 'Of the usage days, those on which the user still held an assignment covering the product.',
  },
  gap: {
    side: 'users',
    parts: (f) => [{ product: f.product, users: f.user_keys, excess: null, first_day: f.first_day, last_day: f.last_day }],
    entries: (findings) =>
      findings.map((f) => ({
        product: f.product,
        users_or_seats_short: f.users,
        first_day: f.first_day,
        last_day: f.last_day,
        evidence: `${countOf(f.users, 'user')} on ${countOf(f.usage_days, 'usage day')} (${countOf(f.days, 'day')}) with no entitlement covering ${f.product}${f.reason === 'outside_term' && f.last_term_end ? `; the last term ended ${f.last_term_end}` : ''}: ${listOf(f.user_keys, Infinity)}`,
        remediation:
          f.reason === 'outside_term'
            ? `Renew the subscription covering ${f.product} for the users who still need it, or remove it; unassign seats left over from the ended term.`
            : `Buy a subscription covering ${f.product} for the users who need it, or uninstall it.`,
      })),
  },
};
