import { toCsv } from '../lib/csv-write.ts';
import { MEMBER_SEPARATOR, PRICE_BOOK_COLUMNS, type PriceBookColumn } from '../ingest/formats/price-book.ts';
import type { IndicativeLabel, ReviewSettings } from '../settings/schema.ts';

/** The price book file's columns and what it may hold are defined with its reader, src/ingest/formats/price-book.ts. */
type Row = Record<PriceBookColumn, string | number | null>;

/** The price book in force and the Collections as the CSV file the panel exports. Throws when a member name holds ";". */
export function priceBookCsv(settings: ReviewSettings): string {
  const p = settings.prices;
  const blank: Row = { type: null, name: null, current_price: null, list_price: null, tokens_per_day: null, members: null, indicative_as_of: null, indicative_source: null };
  const label = (l: IndicativeLabel) => ({ indicative_as_of: l?.as_of ?? null, indicative_source: l?.source ?? null });
  const rows: Row[] = [
    { ...blank, type: 'currency', name: p.currency },
    { ...blank, type: 'token', name: 'token', current_price: p.token_price, ...label(p.token_price_indicative) },
    ...p.offerings.map((o) => ({ ...blank, type: 'offering', name: o.offering, current_price: o.current_price, list_price: o.list_price, ...label(o.indicative) })),
    ...p.products.map((t) => ({ ...blank, type: 'product', name: t.product, tokens_per_day: t.tokens_per_day, ...label(t.indicative) })),
    ...settings.collections.map((c) => {
      const bad = c.products.find((m) => m.includes(MEMBER_SEPARATOR));
      if (bad !== undefined) {
        throw new Error(`Collection "${c.offering}" has a member named "${bad}": the price book CSV separates members with "${MEMBER_SEPARATOR}", so a name holding one cannot be written.`);
      }
      return { ...blank, type: 'collection', name: c.offering, members: c.products.join(MEMBER_SEPARATOR) };
    }),
  ];
  return toCsv<Row>(PRICE_BOOK_COLUMNS, rows);
}

