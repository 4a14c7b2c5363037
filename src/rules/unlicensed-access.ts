import { countOf, listOf } from '../lib/wording.ts';
import { windowParams } from './sql/params.ts';
import type { Runner } from '../db/runner.ts';
import type { ReviewSettings } from '../settings/schema.ts';
import { ASSIGNMENT_ACTIVE, deviceDaysSql, ENTITLEMENT_ACTIVE, NAMED_USE, SEAT_COUNTED } from './sql/compliance.ts';
import { NAMED_USER_ACCESS_SQL } from './single-product-collection.ts';
import type { ReviewWindow, RuleDefinition } from './rule.ts';

/** One user's use of one product on days without an assignment covering it, while the organisation held an entitlement that did. */
export interface UnlicensedAccessFinding {
  rule: 'unlicensed_access';
  product: string;
  user_key: string;
  /** First and last such usage day in the window (YYYY-MM-DD). */
  first_day: string;
  last_day: string;
  /** Number of such usage days. */
  days: number;
  /** Device names seen in this user's sessions or day rows of the product on those days (comma-separated); null when the data names none. */
  devices: string[] | null;
  /** The offerings whose entitlements covered the product on those days (comma-separated). */
  entitled_offerings: string[];
  /** Gap quantity (rulebook): distinct users with such days for this product; the same on every finding of the product. */
  users_in_gap: number;
  /**
   * The one offering this user's use of the product is attributed to (rulebook 15): the covering offering with the most
   * idle seats at the window end, else the cheapest priced covering offering, else the product's standalone offering.
   * The renewal brief counts the user under it and the gap register names it.
   */
  attributed_offering: string;
}

/**
 * Rulebook 6. A usage day in the window of product P by user U that is named-user use (see NAMED_USE: not only
 * Flex and/or network rows), on which U held no active assignment of an offering covering P (assigned_date <= d
 * and unassigned_date empty or > d), while some entitlement of the organisation covering P was active (start_date
 * <= d and end_date empty or >= d, the end date being covered). One finding per (product, user).
 */
export async function unlicensedAccess(runner: Runner, args: { window: ReviewWindow; settings: ReviewSettings }): Promise<UnlicensedAccessFinding[]> {
  return runner.query<UnlicensedAccessFinding>(
    `WITH gap AS (
       SELECT u.user_key, u.product, u.day
       FROM usage_days u
       WHERE u.day BETWEEN CAST($window_start AS DATE) AND CAST($window_end AS DATE)
         AND ${NAMED_USE('u')}
         AND EXISTS (
           SELECT 1 FROM review_entitlements e JOIN review_covers c ON c.offering = e.offering
           WHERE c.product = u.product AND ${ENTITLEMENT_ACTIVE('e', 'u.day')})
         AND NOT EXISTS (
           SELECT 1 FROM review_assignments a JOIN review_covers c ON c.offering = a.offering
           WHERE a.user_key = u.user_key AND c.product = u.product AND ${ASSIGNMENT_ACTIVE('a', 'u.day')})
     ),
     devices AS (
       SELECT g.user_key, g.product, list(DISTINCT dd.device_name ORDER BY dd.device_name) AS devices
       FROM gap g JOIN (${deviceDaysSql("licence_type NOT IN ('flex', 'network') AND user_key IN (SELECT user_key FROM gap)")}) dd
         ON dd.user_key = g.user_key AND dd.product = g.product AND dd.day = g.day
       GROUP BY g.user_key, g.product
     ),
     entitled AS (
       SELECT g.user_key, g.product, list(DISTINCT e.offering ORDER BY e.offering) AS offerings
       FROM gap g JOIN review_covers c ON c.product = g.product JOIN review_entitlements e ON e.offering = c.offering AND ${ENTITLEMENT_ACTIVE('e', 'g.day')}
       GROUP BY g.user_key, g.product
     ),
     per_product AS (SELECT product, count(DISTINCT user_key)::INTEGER AS users_in_gap FROM gap GROUP BY product),
     -- Rulebook 15: idle seats at the window end = seats of active seat-counted entitlements - holders of a named seat.
     holders AS (
       SELECT offering, count(DISTINCT user_key) AS n FROM review_assignments a
       WHERE ${ASSIGNMENT_ACTIVE('a', 'CAST($window_end AS DATE)')} AND ${NAMED_USER_ACCESS_SQL}
       GROUP BY offering
     ),
     idle AS (
       SELECT e.offering, sum(e.seat_quantity) - coalesce(any_value(h.n), 0) AS idle
       FROM review_entitlements e LEFT JOIN holders h ON h.offering = e.offering
       WHERE ${SEAT_COUNTED('e')} AND ${ENTITLEMENT_ACTIVE('e', 'CAST($window_end AS DATE)')}
       GROUP BY e.offering
     ),
     prices AS (SELECT offering, min(current_price) AS current_price FROM review_offering_prices WHERE current_price IS NOT NULL GROUP BY offering),
     attributed AS (
       SELECT g.user_key, g.product, c.offering
       FROM (SELECT DISTINCT user_key, product FROM gap) g
       JOIN review_covers c ON c.product = g.product
       LEFT JOIN idle i ON i.offering = c.offering
       LEFT JOIN prices p ON p.offering = c.offering
       QUALIFY row_number() OVER (
         PARTITION BY g.user_key, g.product
         ORDER BY CASE WHEN i.idle > 0 THEN i.idle END DESC NULLS LAST, p.current_price NULLS LAST, (c.offering = g.product) DESC, c.offering) = 1
     )
     SELECT 'unlicensed_access' AS rule, g.product, g.user_key,
            strftime(min(g.day), '%Y-%m-%d') AS first_day, strftime(max(g.day), '%Y-%m-%d') AS last_day,
            count(*)::INTEGER AS days,
            any_value(d.devices) AS devices, any_value(en.offerings) AS entitled_offerings, any_value(p.users_in_gap) AS users_in_gap,
            coalesce(any_value(att.offering), g.product) AS attributed_offering
     FROM gap g
     JOIN per_product p ON p.product = g.product
     LEFT JOIN attributed att ON att.user_key = g.user_key AND att.product = g.product
     JOIN entitled en ON en.user_key = g.user_key AND en.product = g.product
     LEFT JOIN devices d ON d.user_key = g.user_key AND d.product = g.product
     GROUP BY g.product, g.user_key
     ORDER BY g.product, g.user_key`,
    windowParams(args.window, args.settings),
  );
}

/** "Assign a seat of AEC Collection to 2 users; of Revit to 1 user": each user under the offering attributed to them. */
function attributions(findings: readonly UnlicensedAccessFinding[]): string {
  const byOffering = new Map<string, Set<string>>();
  for (const f of findings) byOffering.set(f.attributed_offering, (byOffering.get(f.attributed_offering) ?? new Set()).add(f.user_key));
  const parts = [...byOffering].sort(([a], [b]) => a.localeCompare(b)).map(([offering, users]) => `of ${offering} to ${countOf(users.size, 'user')} (${listOf([...users].sort(), Infinity)})`);
  return `Assign a seat ${parts.join('; a seat ')}`;
}

export const unlicensedAccessRule: RuleDefinition<UnlicensedAccessFinding> = {
  id: 'unlicensed_access',
  title: 'Unlicensed product access',
  group: 'compliance',
  definition: () =>
    'A usage day in the window of product P by user U, licensed neither by Flex nor by a network licence (a day with mixed licence types counts when any of its rows is named-user, serial or unknown), on which U held no active assignment of an offering covering P (active when assigned on or before that day and not yet unassigned: the unassignment day is not covered), while an entitlement covering P was active (start date on or before the day, end date on or after it: the end date is covered). One finding per product and user, with first and last such day, the number of days and the devices seen; the gap quantity is the distinct users per product (users_in_gap).',
  settings: () => ({ excluded_licence_types: 'flex, network', entitlement_end_date: 'inclusive', unassigned_date: 'exclusive' }),
  run: unlicensedAccess,
  identity: { fields: ['product', 'user_key'] },
  columns: {
    first_day: 'First named-user usage day of the product without an assignment covering it, while the organisation held an entitlement.',
    last_day: 'Last such usage day.',
    days: 'Number of such usage days.',
    devices: 'Devices seen in the user’s sessions of the product on those days.',
    entitled_offerings: 'The offerings whose entitlements covered the product on those days.',
    users_in_gap: 'Distinct users with such days for this product (the gap quantity).',
    attributed_offering:
      'The one offering the user is counted under: the covering offering with the most idle seats at the window end, else the cheapest priced one, else the standalone product.',
  },
  gap: {
    side: 'users',
    parts: (f) => [{ product: f.product, users: [f.user_key], excess: null, first_day: f.first_day, last_day: f.last_day }],
    entries: (findings) => {
      const byProduct = new Map<string, UnlicensedAccessFinding[]>();
      for (const f of findings) byProduct.set(f.product, [...(byProduct.get(f.product) ?? []), f]);
      return [...byProduct].map(([product, own]) => {
        const users = own.map((f) => f.user_key).sort();
        const days = own.reduce((n, f) => n + f.days, 0);
        const devices = [...new Set(own.flatMap((f) => f.devices ?? []))].sort();
        const entitled = [...new Set(own.flatMap((f) => f.entitled_offerings))].sort();
        return {
          product,
          users_or_seats_short: users.length,
          first_day: own.map((f) => f.first_day).sort()[0]!,
          last_day: own.map((f) => f.last_day).sort().at(-1)!,
          evidence: `${countOf(users.length, 'user')} on ${countOf(days, 'usage day')} without an assignment while ${entitled.join(', ')} covered ${product}: ${listOf(users, Infinity)}${devices.length ? `; devices ${listOf(devices, Infinity)}` : ''}`,
          remediation: `${attributions(own)} (or remove ${product} from the machines of those who do not need it), and keep the assignment dates as evidence.`,
        };
      });
    },
  },
};
