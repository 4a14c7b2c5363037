import { windowParams } from './sql/params.ts';
import type { Runner } from '../db/runner.ts';
import type { ReviewSettings } from '../settings/schema.ts';
import type { ReviewWindow, RuleDefinition } from './rule.ts';

export interface SingleProductCollectionFinding {
  rule: 'single_product_collection';
  /** The action chosen for this finding's seat when it is another finding's (rulebook 14); null when it is this one's. */
  superseded_by?: string | null;
  user_key: string;
  /** The Collection held (an offering with members in the review's Collection membership). */
  offering: string;
  /** direct / group / default: group and default assignments cannot be changed one by one in Autodesk Account. */
  seat_assignment: string | null;
  /** Earliest assigned_date of the user's active assignment(s) of this Collection; null when the export gives none. */
  assigned_date: string | null;
  /** The one product the Collection covers that the user used in the window. */
  product: string;
  /** Usage days of that product in the window, and the last of them. */
  usage_days: number;
  last_used: string;
  /** Collection current_price per seat per year; null when the price book has none. */
  collection_price: number | null;
  /** Current price per seat per year of the standalone offering of `product`; null when the price book has none. */
  standalone_price: number | null;
  /**
   * Sum of the standalone current prices of the covered products used in the window (the rulebook's "keep the
   * Collection only when this sum reaches the Collection price"); here one product, so it equals `standalone_price`.
   */
  standalone_sum: number | null;
  /** standalone: the standalone product is cheaper; keep_collection: the sum reaches the Collection price; null: unpriced. */
  recommendation: 'standalone' | 'keep_collection' | null;
  /** Per year: Collection price - standalone price when the standalone is recommended, 0 when the Collection is kept, null when unpriced. */
  saving: number | null;
  /** Why the money is null (which price the price book lacks); null when both prices are set. */
  price_note: string | null;
}

/** Assignments that are seats (named user): Flex or token access recorded in the Usage Report is not a seat with a price. */
export const NAMED_USER_ACCESS_SQL = `coalesce(lower(access_option), '') NOT LIKE '%flex%' AND coalesce(lower(access_option), '') NOT LIKE '%token%'`;

/**
 * Rulebook 3. A Collection assignment active at `window_end` (assigned_date <= end, unassigned_date empty or after it;
 * an assignment without assigned_date counts as assigned before the data) whose user had usage days in the window of
 * exactly one product among the Collection's members (usage of any licence type counts). A user who used none is
 * dormant and not judged here; a seat that rule 1 finds dormant (assigned at least `dormant_days` before the end and no
 * covered use in the last `dormant_days` days) is also left to rule 1, so one seat is never both reclaimed and
 * downgraded. Several active rows of one user and Collection are one holding.
 * Standalone price = the price book's current_price of the offering named as the product. Recommendation: standalone
 * when that price is below the Collection's (saving = the difference per year), keep the Collection when it reaches it.
 */
export async function singleProductCollections(
  runner: Runner,
  args: { window: ReviewWindow; settings: ReviewSettings },
): Promise<SingleProductCollectionFinding[]> {
  return runner.query<SingleProductCollectionFinding>(
    `WITH members AS (SELECT DISTINCT offering, product FROM review_members),
     held AS (
       SELECT user_key, offering, min(assigned_date) AS assigned_date, bool_or(assigned_date IS NULL) AS undated,
              string_agg(DISTINCT seat_assignment, '/' ORDER BY seat_assignment) AS seat_assignment
       FROM review_assignments
       WHERE offering IN (SELECT offering FROM members)
         AND (assigned_date IS NULL OR assigned_date <= CAST($window_end AS DATE))
         AND (unassigned_date IS NULL OR unassigned_date > CAST($window_end AS DATE))
         AND ${NAMED_USER_ACCESS_SQL}
       GROUP BY user_key, offering
     ),
     used AS (
       SELECT h.user_key, h.offering, m.product, count(*)::INTEGER AS usage_days, max(u.day) AS last_used
       FROM held h
       JOIN members m ON m.offering = h.offering
       JOIN usage_days u ON u.user_key = h.user_key AND u.product = m.product
       WHERE u.day BETWEEN CAST($window_start AS DATE) AND CAST($window_end AS DATE)
       GROUP BY ALL
     ),
     single AS (
       SELECT user_key, offering, any_value(product) AS product, any_value(usage_days) AS usage_days, any_value(last_used) AS last_used
       FROM used GROUP BY user_key, offering HAVING count(*) = 1
     ),
     judged AS (
       SELECT s.*, h.assigned_date, h.seat_assignment,
              (SELECT max(current_price) FROM review_offering_prices p WHERE p.offering = s.offering) AS collection_price,
              (SELECT max(current_price) FROM review_offering_prices p WHERE p.offering = s.product) AS standalone_price
       FROM single s JOIN held h USING (user_key, offering)
       WHERE NOT (
         -- dormant by rule 1: left to the reclamation list
         (h.undated OR h.assigned_date <= CAST($window_end AS DATE) - CAST($dormant_days AS INTEGER))
         AND NOT EXISTS (
           SELECT 1 FROM usage_days d JOIN review_covers c ON c.product = d.product AND c.offering = s.offering
           WHERE d.user_key = s.user_key AND d.day > CAST($window_end AS DATE) - CAST($dormant_days AS INTEGER) AND d.day <= CAST($window_end AS DATE))
       )
     )
     SELECT 'single_product_collection' AS rule, user_key, offering, seat_assignment,
            strftime(assigned_date, '%Y-%m-%d') AS assigned_date, product, usage_days,
            strftime(last_used, '%Y-%m-%d') AS last_used,
            round(collection_price, 2)::DOUBLE AS collection_price,
            round(standalone_price, 2)::DOUBLE AS standalone_price,
            round(standalone_price, 2)::DOUBLE AS standalone_sum,
            CASE WHEN collection_price IS NULL OR standalone_price IS NULL THEN NULL
                 WHEN standalone_price < collection_price THEN 'standalone' ELSE 'keep_collection' END AS recommendation,
            CASE WHEN collection_price IS NULL OR standalone_price IS NULL THEN NULL
                 WHEN standalone_price < collection_price THEN round(collection_price - standalone_price, 2)
                 ELSE 0 END::DOUBLE AS saving,
            CASE WHEN collection_price IS NULL AND standalone_price IS NULL
                   THEN 'no current_price set for ' || offering || ' nor for ' || product
                 WHEN collection_price IS NULL THEN 'no current_price set for ' || offering
                 WHEN standalone_price IS NULL THEN 'no current_price set for ' || product || ' (standalone)'
            END AS price_note
     FROM judged
     ORDER BY offering, product, user_key`,
    windowParams(args.window, args.settings),
  );
}

export const singleProductCollectionRule: RuleDefinition<SingleProductCollectionFinding> = {
  id: 'single_product_collection',
  title: 'Single-product Collection user',
  group: 'cost',
  money: (f) => f.saving,
  definition: (s) =>
    `A Collection assignment active at the window end whose user, in the window, used exactly one product the Collection covers (any licence type). ` +
    `Users who used none, and seats dormant by rule 1 (no covered use in the last ${s.thresholds.dormant_days} days), are left to the dormant rule. ` +
    `The standalone product is recommended when its current price is below the Collection's (saving per year = Collection price - standalone price); ` +
    `the Collection is kept when the sum of standalone prices of the products used reaches its price. Money is empty when the price book lacks either price. ` +
    `Flex or token access rows of the Usage Report are not seats and are not judged.`,
  settings: (s) => ({ dormant_days: s.thresholds.dormant_days, priced_offerings: s.prices.offerings.length }),
  run: singleProductCollections,
  identity: { fields: ['user_key', 'offering'] },
  columns: {
    offering: 'The Collection held.',
    product: 'The one product the Collection covers that the user used in the window.',
    usage_days: 'Usage days of that product in the window.',
    last_used: 'Last usage day of that product in the window.',
    collection_price: 'The Collection’s current price per seat per year.',
    standalone_price: 'Current price per seat per year of the standalone offering of the product.',
    standalone_sum: 'Sum of the standalone prices of the covered products used; keep the Collection only when it reaches the Collection price.',
    recommendation: 'standalone: the standalone product is cheaper; keep_collection: the sum reaches the Collection price.',
    saving: 'Per year: Collection price minus standalone price when the standalone is recommended.',
  },
  // The seed's per-user range: 800 to 1,500 US dollars a year for a Collection downgrade.
  saving: { type: 'collection_downgrade', label: 'Collection downgrade', typical_per_user: [800, 1500] },
  action: (f) =>
    f.recommendation === 'standalone'
      ? {
          kind: 'downgrade',
          user: f.user_key,
          offering: f.offering,
          action: `replace with ${f.product}`,
          assigned_date: f.assigned_date,
          last_use: f.last_used,
          days_inactive: null,
          seat_assignment: f.seat_assignment,
          saving_per_year: f.saving,
          reason: `used only ${f.product} of the Collection (${f.usage_days} usage days, last on ${f.last_used}); ${f.product} alone costs less`,
        }
      : null,
  benchmark: { id: 'single_product_collection', label: 'Single-product Collection users', low: 0.25, high: 0.35, of: 'Collection holders', base: 'collection_holders' },
};
