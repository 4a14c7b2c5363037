import type { FlexTokens } from '../review/flex-tokens.ts';
import type { ReviewSettings } from '../settings/schema.ts';

/** The Flex tokens' cost at the price book's token price, in the price book's currency. */
export interface FlexSpend {
  token_price: number;
  /** The token price is the shipped public rate, not the contract's. */
  indicative: boolean;
  total: number;
  by_product: { product: string; cost: number }[];
  /** The pool's tokens at the same price; null without a pool. */
  pool_value: number | null;
  /** The pool's tokens left at the same price; null without a pool. */
  remaining_value: number | null;
}

const money = (n: number) => Math.round(n * 100) / 100;

export function flexSpend(flex: FlexTokens, settings: ReviewSettings): FlexSpend {
  const price = settings.prices.token_price;
  return {
    token_price: price,
    indicative: settings.prices.token_price_indicative !== null,
    total: money(flex.total_tokens * price),
    by_product: flex.tokens_by_product.map((p) => ({ product: p.product, cost: money(p.tokens * price) })),
    pool_value: flex.pool ? money(flex.pool.tokens * price) : null,
    remaining_value: flex.pool ? money(Math.max(flex.pool.remaining, 0) * price) : null,
  };
}
