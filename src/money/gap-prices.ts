import type { Runner } from '../db/runner.ts';

/** The offering whose price stands for one seat of a product in the exposure scenarios. */
export interface GapPrice {
  product: string;
  offering: string;
  /** standalone: the product's own offering; covering: the cheapest priced offering that covers it (a Collection). */
  basis: 'standalone' | 'covering';
  current_price: number;
  /** The price book's list price; null when it has none (the scenarios then use current_price x list_to_current). */
  list_price: number | null;
  /** True when the price book labels the figure indicative rather than the contract's. */
  indicative: boolean;
}

/**
 * Rulebook (exposure inputs): the price of a seat of each product, from the product's standalone offering when the
 * price book prices it, else from the cheapest priced offering that covers it (by current price, then name).
 * Products with neither are absent. Needs the review tables (review_offering_prices, review_covers).
 */
export async function gapPrices(runner: Runner, products: readonly string[]): Promise<Map<string, GapPrice>> {
  if (products.length === 0) return new Map();
  const rows = await runner.query<GapPrice>(
    `WITH wanted AS (SELECT unnest(string_split($products, chr(31))) AS product),
     prices AS (
       SELECT offering, min(current_price) AS current_price, min(list_price) AS list_price, bool_or(indicative) AS indicative
       FROM review_offering_prices GROUP BY offering
     ),
     candidates AS (
       SELECT w.product, p.offering, CASE WHEN p.offering = w.product THEN 'standalone' ELSE 'covering' END AS basis,
              p.current_price, p.list_price, p.indicative
       FROM wanted w
       JOIN (SELECT offering, product FROM review_covers UNION SELECT product, product FROM wanted) c ON c.product = w.product
       JOIN prices p ON p.offering = c.offering
     )
     SELECT product, offering, basis, current_price::DOUBLE AS current_price, list_price::DOUBLE AS list_price, indicative
     FROM candidates
     QUALIFY row_number() OVER (PARTITION BY product ORDER BY basis = 'standalone' DESC, current_price, offering) = 1`,
    // A list parameter travels as one string: the runner binds scalars only, and names never hold U+001F.
    { products: products.join('\u001f') },
  );
  return new Map(rows.map((r) => [r.product, r]));
}
