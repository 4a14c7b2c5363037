import type { IndicativeLabel, ReviewSettings, ReviewSettingsInput } from '../settings/schema.ts';

/** A number input's value: empty is null or undefined (NaN from some browsers). */
type Num = number | null | undefined;

/**
 * The price book panel's fields as the inputs hold them. Each row remembers the figures it was filled with and
 * their indicative label: the label stays only while the row says what it said (the shipped figure); once the user
 * changes its name or one of its numbers, the row is the user's figure and goes out unlabelled. Clearing `labelled`
 * makes an unchanged figure the user's too (their contract says the same).
 */
export interface OfferingRow {
  /** Identity of the row while it is edited (never sent to the engine). */
  key: number;
  offering: string;
  current_price: Num;
  list_price: Num;
  /** The label the row was filled with, and the figures it labels; null on a row of the user's own. */
  labelled: { indicative: NonNullable<IndicativeLabel>; offering: string; current_price: number; list_price: number | null } | null;
}

export interface ProductRow {
  key: number;
  product: string;
  tokens_per_day: Num;
  labelled: { indicative: NonNullable<IndicativeLabel>; product: string; tokens_per_day: number } | null;
}

export interface CollectionRow {
  key: number;
  offering: string;
  /** Member products, one per line. */
  products: string;
}

export interface PriceBookForm {
  /** ISO 4217 code of every price and of every figure the review shows. */
  currency: string;
  tokenPrice: Num;
  tokenLabelled: { indicative: NonNullable<IndicativeLabel>; token_price: number } | null;
  offerings: OfferingRow[];
  products: ProductRow[];
  collections: CollectionRow[];
  /** The document the form was filled from: everything but the price book and the Collections is sent back unchanged. */
  base: ReviewSettings;
}

let nextKey = 1;

export function emptyOfferingRow(): OfferingRow {
  return { key: nextKey++, offering: '', current_price: null, list_price: null, labelled: null };
}

export function emptyProductRow(): ProductRow {
  return { key: nextKey++, product: '', tokens_per_day: null, labelled: null };
}

export function emptyCollectionRow(): CollectionRow {
  return { key: nextKey++, offering: '', products: '' };
}

/** The form filled from settings the engine accepted. */
export function formFromPriceBook(settings: ReviewSettings): PriceBookForm {
  const p = settings.prices;
  return {
    currency: p.currency,
    tokenPrice: p.token_price,
    tokenLabelled: p.token_price_indicative ? { indicative: p.token_price_indicative, token_price: p.token_price } : null,
    offerings: p.offerings.map((o) => ({
      key: nextKey++,
      offering: o.offering,
      current_price: o.current_price,
      list_price: o.list_price,
      labelled: o.indicative ? { indicative: o.indicative, offering: o.offering, current_price: o.current_price, list_price: o.list_price } : null,
    })),
    products: p.products.map((t) => ({
      key: nextKey++,
      product: t.product,
      tokens_per_day: t.tokens_per_day,
      labelled: t.indicative ? { indicative: t.indicative, product: t.product, tokens_per_day: t.tokens_per_day } : null,
    })),
    collections: settings.collections.map((c) => ({ key: nextKey++, offering: c.offering, products: c.products.join('\n') })),
    base: structuredClone(settings),
  };
}

const blank = (v: Num): v is null | undefined => v === null || v === undefined || Number.isNaN(v);
/** Whether an input still holds the figure it was filled with (an emptied input holds null). */
const holds = (v: Num, original: number | null) => (blank(v) ? original === null : v === original);

/** The indicative label the token price still carries: null once the user changed it. */
export function tokenPriceLabel(form: PriceBookForm): IndicativeLabel {
  const l = form.tokenLabelled;
  return l && holds(form.tokenPrice, l.token_price) ? l.indicative : null;
}

export function offeringLabel(row: OfferingRow): IndicativeLabel {
  const l = row.labelled;
  return l && row.offering.trim() === l.offering && holds(row.current_price, l.current_price) && holds(row.list_price, l.list_price) ? l.indicative : null;
}

export function productLabel(row: ProductRow): IndicativeLabel {
  const l = row.labelled;
  return l && row.product.trim() === l.product && holds(row.tokens_per_day, l.tokens_per_day) ? l.indicative : null;
}

/**
 * Forgets the labels of the figures the user changed, so that typing the shipped figure back keeps it the user's
 * (a contract may well say 3 US$ a token). The panel calls it before every apply.
 */
export function settleLabels(form: PriceBookForm): void {
  if (!tokenPriceLabel(form)) form.tokenLabelled = null;
  for (const row of form.offerings) if (!offeringLabel(row)) row.labelled = null;
  for (const row of form.products) if (!productLabel(row)) row.labelled = null;
}

/** Member products of a Collection: one per line, trimmed, blanks and repeats dropped (a name may hold a comma). */
export function memberLines(text: string): string[] {
  return [...new Set(text.split(/\r\n|\n|\r/).map((l) => l.trim()).filter((l) => l !== ''))];
}

export type PriceBookReading = { ok: true; input: ReviewSettingsInput } | { ok: false; problem: string };

/**
 * The settings document the engine validates: the form's base document with its price book and Collections replaced.
 * An emptied required number is reported here rather than left out (the engine would bring back a default, or refuse
 * the row without saying which); an empty list price is null (current price x the list/current factor). Rows left
 * entirely blank are dropped; every other check (ranges, repeated names) is the engine's.
 */
export function priceBookFromForm(form: PriceBookForm): PriceBookReading {
  const missing: string[] = [];
  const num = (v: Num, path: string): number => {
    if (!blank(v)) return v;
    missing.push(`${path}: enter a number`);
    return Number.NaN;
  };
  const base = structuredClone(form.base);
  const offerings = form.offerings
    .filter((o) => o.offering.trim() !== '' || !blank(o.current_price) || !blank(o.list_price))
    .map((o, i) => ({
      offering: o.offering.trim(),
      current_price: num(o.current_price, `prices.offerings.${i}.current_price`),
      list_price: blank(o.list_price) ? null : o.list_price,
      indicative: offeringLabel(o),
    }));
  const products = form.products
    .filter((t) => t.product.trim() !== '' || !blank(t.tokens_per_day))
    .map((t, i) => ({ product: t.product.trim(), tokens_per_day: num(t.tokens_per_day, `prices.products.${i}.tokens_per_day`), indicative: productLabel(t) }));
  const input: ReviewSettings = {
    ...base,
    prices: {
      ...base.prices,
      currency: form.currency.trim().toUpperCase(),
      token_price: num(form.tokenPrice, 'prices.token_price'),
      token_price_indicative: tokenPriceLabel(form),
      offerings,
      products,
    },
    collections: form.collections
      .filter((c) => c.offering.trim() !== '' || c.products.trim() !== '')
      .map((c) => ({ offering: c.offering.trim(), products: memberLines(c.products) })),
  };
  return missing.length ? { ok: false, problem: missing.join('; ') } : { ok: true, input };
}

/**
 * The price book and Collections of a document as one comparable string (key order does not matter), so the panel
 * can tell the engine's echo of its own edit (keep the fields, and the focus) from a price book set elsewhere.
 */
export function priceBookKey(doc: ReviewSettings | ReviewSettingsInput): string {
  return JSON.stringify({ prices: doc.prices ?? null, collections: doc.collections ?? null }, (_key, value: unknown) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : value,
  );
}
