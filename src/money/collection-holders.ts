import type { ReviewWindow } from '../rules/rule.ts';
import { windowParams } from '../rules/sql/params.ts';
import type { Runner } from '../db/runner.ts';
import type { ReviewSettings } from '../settings/schema.ts';
import { SEAT_CTES } from '../rules/sql/seats.ts';

/**
 * One Collection seat held at the window end, priced against what its user actually used (rulebook 3, the general
 * case): keep the Collection only when the standalone prices of the products used in the window add up to its price.
 */
export interface CollectionHolder {
  user_key: string;
  offering: string;
  assigned_date: string;
  /** Products the Collection covers that the user used in the window, by name. */
  products_used: string[];
  usage_days: number;
  /** Collection current_price per seat per year; null when the price book has none. */
  collection_price: number | null;
  /** Sum of the standalone current prices of products_used; null when one of them has no standalone price. */
  standalone_sum: number | null;
  /** Used products without a standalone price in the price book. */
  unpriced_products: string[];
  /**
   * keep: the standalone sum reaches the Collection price; standalone_cheaper: it does not (buy the products
   * alone); none_used: nothing covered was used in the window (the dormant rule's ground); null: not priced.
   */
  verdict: 'keep' | 'standalone_cheaper' | 'none_used' | null;
  /** collection_price - standalone_sum: what the standalone products would save per year (negative: the Collection is cheaper). */
  difference: number | null;
}

/**
 * Every Collection seat active at the window end (the seats rules 1, 2 and 12 judge: dated, named-user), with its
 * used products and their standalone prices.
 */
export async function collectionHolders(runner: Runner, args: { window: ReviewWindow; settings: ReviewSettings }): Promise<CollectionHolder[]> {
  const rows = await runner.query<CollectionHolder>(
    `WITH ${SEAT_CTES},
     prices AS (SELECT offering, min(current_price) AS current_price FROM review_offering_prices GROUP BY offering),
     collections AS (SELECT DISTINCT offering FROM review_members),
     collection_seats AS (SELECT s.* FROM seats s WHERE s.offering IN (SELECT offering FROM collections)),
     used AS (
       SELECT s.seat_id, x.product, count(*)::INTEGER AS usage_days, any_value(p.current_price) AS standalone_price
       FROM collection_seats s
       JOIN seat_use x ON x.seat_id = s.seat_id AND x.day >= CAST($window_start AS DATE)
       LEFT JOIN prices p ON p.offering = x.product
       GROUP BY s.seat_id, x.product
     ),
     per_seat AS (
       SELECT s.seat_id, s.user_key, s.offering, s.assigned_date,
              coalesce(list(u.product ORDER BY u.product) FILTER (WHERE u.product IS NOT NULL), []) AS products_used,
              coalesce(sum(u.usage_days), 0)::INTEGER AS usage_days,
              coalesce(list(u.product ORDER BY u.product) FILTER (WHERE u.product IS NOT NULL AND u.standalone_price IS NULL), []) AS unpriced_products,
              sum(u.standalone_price) AS priced_sum,
              count(u.product) FILTER (WHERE u.standalone_price IS NULL) AS unpriced
       FROM collection_seats s LEFT JOIN used u ON u.seat_id = s.seat_id
       GROUP BY s.seat_id, s.user_key, s.offering, s.assigned_date
     )
     SELECT user_key, h.offering, strftime(assigned_date, '%Y-%m-%d') AS assigned_date, products_used, usage_days,
            round(p.current_price, 2)::DOUBLE AS collection_price,
            CASE WHEN unpriced = 0 THEN round(coalesce(priced_sum, 0), 2) END::DOUBLE AS standalone_sum,
            unpriced_products,
            CASE WHEN len(products_used) = 0 THEN 'none_used'
                 WHEN p.current_price IS NULL OR unpriced > 0 THEN NULL
                 WHEN priced_sum >= p.current_price THEN 'keep' ELSE 'standalone_cheaper' END AS verdict,
            CASE WHEN p.current_price IS NOT NULL AND unpriced = 0 THEN round(p.current_price - coalesce(priced_sum, 0), 2) END::DOUBLE AS difference
     FROM per_seat h LEFT JOIN prices p ON p.offering = h.offering
     ORDER BY h.offering, user_key, assigned_date`,
    windowParams(args.window, args.settings),
  );
  return rows;
}
