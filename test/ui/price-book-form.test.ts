import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings, PUBLIC_FLEX_RATES } from '../../src/settings/schema.ts';
import {
  emptyCollectionRow,
  emptyOfferingRow,
  emptyProductRow,
  formFromPriceBook,
  memberLines,
  offeringLabel,
  priceBookFromForm,
  priceBookKey,
  productLabel,
  settleLabels,
  tokenPriceLabel,
} from '../../src/ui/price-book-form.ts';

const QUOTE = { as_of: '2024-02-01', source: 'reseller quote' };

const labelled = parseSettings({
  thresholds: { dormant_days: 60 },
  prices: {
    token_price: 3,
    token_price_indicative: PUBLIC_FLEX_RATES,
    offerings: [
      { offering: 'AEC Collection', current_price: 1940, list_price: 3200, indicative: QUOTE },
      { offering: 'AutoCAD', current_price: 900 },
    ],
  },
  collections: [{ offering: 'AEC Collection', products: ['Revit', 'AutoCAD'] }],
});

describe('price book form', () => {
  it('round-trips the defaults and a labelled price book into documents the engine accepts unchanged', () => {
    for (const settings of [DEFAULT_SETTINGS, labelled]) {
      const reading = priceBookFromForm(formFromPriceBook(settings));
      expect(reading.ok).toBe(true);
      if (reading.ok) expect(parseSettings(reading.input)).toEqual(settings);
    }
  });

  it('shows each shipped label while the row holds its figure', () => {
    const form = formFromPriceBook(labelled);
    expect(tokenPriceLabel(form)).toEqual(PUBLIC_FLEX_RATES);
    expect(offeringLabel(form.offerings[0]!)).toEqual(QUOTE);
    expect(offeringLabel(form.offerings[1]!)).toBeNull();
    expect(form.products.map(productLabel)).toEqual([PUBLIC_FLEX_RATES, PUBLIC_FLEX_RATES]);
  });

  it('clears the label of a figure the user changed, and only that one', () => {
    const form = formFromPriceBook(labelled);
    form.tokenPrice = 2.5;
    form.offerings[0]!.list_price = 3000;
    form.products[1]!.tokens_per_day = 9;
    const reading = priceBookFromForm(form);
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    const prices = parseSettings(reading.input).prices;
    expect(prices.token_price).toBe(2.5);
    expect(prices.token_price_indicative).toBeNull();
    expect(prices.offerings[0]).toEqual({ offering: 'AEC Collection', current_price: 1940, list_price: 3000, indicative: null });
    expect(prices.products).toEqual([
      { product: 'AutoCAD', tokens_per_day: 7, indicative: PUBLIC_FLEX_RATES },
      { product: 'Revit', tokens_per_day: 9, indicative: null },
    ]);
  });

  it('clears the label when a labelled list price is emptied or the row renamed, and gives it back when the figure is typed back', () => {
    const form = formFromPriceBook(labelled);
    const aec = form.offerings[0]!;
    aec.list_price = null;
    expect(offeringLabel(aec)).toBeNull();
    aec.list_price = 3200;
    expect(offeringLabel(aec)).toEqual(QUOTE);
    aec.offering = ' AEC Collection ';
    expect(offeringLabel(aec)).toEqual(QUOTE);
    aec.offering = 'AEC Collection 2024';
    expect(offeringLabel(aec)).toBeNull();
    form.products[0]!.product = 'AutoCAD LT';
    expect(productLabel(form.products[0]!)).toBeNull();
  });

  it('keeps a changed figure the user\'s once settled, even when the shipped figure is typed back', () => {
    const form = formFromPriceBook(labelled);
    form.tokenPrice = 2.5;
    form.products[0]!.tokens_per_day = 8;
    settleLabels(form);
    form.tokenPrice = 3;
    form.products[0]!.tokens_per_day = 7;
    expect(tokenPriceLabel(form)).toBeNull();
    expect(productLabel(form.products[0]!)).toBeNull();
    expect(productLabel(form.products[1]!)).toEqual(PUBLIC_FLEX_RATES);
    expect(offeringLabel(form.offerings[0]!)).toEqual(QUOTE);
  });

  it('makes an unchanged figure the user\'s when its label is dropped (the contract says the same)', () => {
    const form = formFromPriceBook(labelled);
    form.offerings[0]!.labelled = null;
    const reading = priceBookFromForm(form);
    expect(reading.ok && reading.input.prices?.offerings?.[0]).toEqual({ offering: 'AEC Collection', current_price: 1940, list_price: 3200, indicative: null });
  });

  it('sends new rows unlabelled, and an empty list price as null', () => {
    const form = formFromPriceBook(DEFAULT_SETTINGS);
    form.offerings.push({ ...emptyOfferingRow(), offering: ' Revit ', current_price: 2500 });
    form.products.push({ ...emptyProductRow(), product: 'Civil 3D', tokens_per_day: 12 });
    form.collections.push({ ...emptyCollectionRow(), offering: 'AEC', products: 'Revit\n\n AutoCAD \r\nCivil 3D, 2024\nRevit' });
    const reading = priceBookFromForm(form);
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    const settings = parseSettings(reading.input);
    expect(settings.prices.offerings).toEqual([{ offering: 'Revit', current_price: 2500, list_price: null, indicative: null }]);
    expect(settings.prices.products[2]).toEqual({ product: 'Civil 3D', tokens_per_day: 12, indicative: null });
    expect(settings.collections).toEqual([{ offering: 'AEC', products: ['Revit', 'AutoCAD', 'Civil 3D, 2024'] }]);
  });

  it('names every emptied required number instead of falling back to a default, and drops wholly blank rows', () => {
    const form = formFromPriceBook(labelled);
    form.tokenPrice = undefined;
    form.offerings[1]!.current_price = Number.NaN;
    form.offerings.splice(0, 0, emptyOfferingRow());
    form.products[0]!.tokens_per_day = null;
    form.collections.push(emptyCollectionRow());
    expect(priceBookFromForm(form)).toEqual({
      ok: false,
      problem: 'prices.offerings.1.current_price: enter a number; prices.products.0.tokens_per_day: enter a number; prices.token_price: enter a number',
    });
    form.tokenPrice = 3;
    form.offerings[2]!.current_price = 950;
    form.products[0]!.tokens_per_day = 7;
    const reading = priceBookFromForm(form);
    expect(reading.ok && reading.input.prices?.offerings?.length).toBe(2);
    expect(reading.ok && reading.input.collections?.length).toBe(1);
  });

  it('leaves repeated names to the engine, which names the field', () => {
    const form = formFromPriceBook(labelled);
    form.offerings.push({ ...emptyOfferingRow(), offering: 'autocad', current_price: 1 });
    const reading = priceBookFromForm(form);
    expect(reading.ok).toBe(true);
    if (reading.ok) expect(() => parseSettings(reading.input)).toThrow(/prices\.offerings\.2\.offering: "autocad" is already priced in row 2/);
  });

  it('keeps everything but the price book and the Collections from the document it was filled from', () => {
    const form = formFromPriceBook(labelled);
    form.offerings[1]!.current_price = 950;
    const reading = priceBookFromForm(form);
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    const { prices: _prices, ...rest } = parseSettings(reading.input);
    const { prices: _before, ...restBefore } = labelled;
    expect(rest).toEqual(restBefore);
  });

  it("tells the engine's echo of the form's own document from another price book, whatever the key order", () => {
    const reading = priceBookFromForm(formFromPriceBook(labelled));
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(priceBookKey(parseSettings(reading.input))).toBe(priceBookKey(reading.input));
    expect(priceBookKey(DEFAULT_SETTINGS)).not.toBe(priceBookKey(labelled));
    expect(priceBookKey({ ...labelled, thresholds: { ...labelled.thresholds, dormant_days: 30 } })).toBe(priceBookKey(labelled));
  });

  it('reads member products one per line', () => {
    expect(memberLines(' Revit \r\n\nAutoCAD\rRevit\n')).toEqual(['Revit', 'AutoCAD']);
    expect(memberLines('')).toEqual([]);
  });
});
