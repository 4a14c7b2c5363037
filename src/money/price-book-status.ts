import type { ReviewSettings } from '../settings/schema.ts';

/** Which price-book figures are still the shipped indicative ones, so that every money figure can say so. */
export interface PriceBookStatus {
  offerings_priced: number;
  /** Entries still carrying an indicative label: "token price", "AutoCAD tokens per day", an offering's name... */
  indicative: { item: string; as_of: string; source: string }[];
}

export function priceBookStatus(settings: ReviewSettings): PriceBookStatus {
  const p = settings.prices;
  const indicative: PriceBookStatus['indicative'] = [];
  if (p.token_price_indicative) indicative.push({ item: 'token price', ...p.token_price_indicative });
  for (const o of p.offerings) if (o.indicative) indicative.push({ item: `${o.offering} prices`, ...o.indicative });
  for (const t of p.products) if (t.indicative) indicative.push({ item: `${t.product} tokens per day`, ...t.indicative });
  return { offerings_priced: p.offerings.length, indicative };
}
