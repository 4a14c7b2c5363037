import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings, PUBLIC_FLEX_RATES } from '../../src/settings/schema.ts';

describe('review settings', () => {
  it('refuses a bad CIDR, a negative threshold and an unknown key, each by its field', () => {
    const bad = () => parseSettings({ corporate: { cidrs: ['10.0.0.0/8', '10.0.0.0/33', 'fd00::/8', 'not-an-ip'] }, thresholds: { dormant_days: -1 }, windw: {} });
    expect(bad).toThrow(/thresholds\.dormant_days: .*>=1/);
    expect(bad).toThrow(/corporate\.cidrs\.1: expected an IPv4 or IPv6 range/);
    expect(bad).toThrow(/corporate\.cidrs\.3: expected an IPv4 or IPv6 range/);
    expect(bad).not.toThrow(/corporate\.cidrs\.[02]/);
    expect(bad).toThrow(/windw: unknown setting/);
    expect(parseSettings({ corporate: { domains: ['Northwind-Design.example'], cidrs: ['10.20.0.0/16', 'fd00:20::/32'] } }).corporate).toEqual({
      domains: ['northwind-design.example'],
      cidrs: ['10.20.0.0/16', 'fd00:20::/32'],
    });
  });

  it('fills what the user leaves out with the rulebook defaults', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      window: { end: null, months: 12 },
      thresholds: {
        dormant_days: 90, low_freq_days_per_month: 4, flex_margin: 0.1, sustained_days: 30,
        new_domain_min_users: 3, new_domain_after_days: 28, event_match_days: 60,
        spike_ratio: 1.5, spike_min_users: 5, spike_baseline_weeks: 8, renewal_headroom: 0.1,
      },
      corporate: { domains: [], cidrs: [] },
      prices: {
        currency: 'USD',
        token_price: 3,
        token_price_indicative: PUBLIC_FLEX_RATES,
        offerings: [],
        products: [
          { product: 'AutoCAD', tokens_per_day: 7, indicative: PUBLIC_FLEX_RATES },
          { product: 'Revit', tokens_per_day: 10, indicative: PUBLIC_FLEX_RATES },
        ],
      },
      token_pool: { tokens: null, start: null, end: null },
      exposure: { negotiated_factor: 0.46, worst_case_multiplier: 2, list_to_current: 1.65 },
      collections: [],
      events: [],
      engagement: { client: null, prepared_by: null, review_date: null, redaction_key: null },
    });
    expect(parseSettings({ window: { months: 6 } }).window).toEqual({ end: null, months: 6 });
  });

  it('reads the currency as an ISO 4217 code in capitals and refuses anything else', () => {
    expect(parseSettings({ prices: { currency: ' gbp ' } }).prices.currency).toBe('GBP');
    expect(() => parseSettings({ prices: { currency: 'XYZ' } })).toThrow('prices.currency: expected an ISO 4217 currency code such as USD, GBP or EUR');
    expect(() => parseSettings({ prices: { currency: '£' } })).toThrow('prices.currency: expected an ISO 4217');
  });

  it('names every bad field in one message', () => {
    expect(() => parseSettings({ window: { months: 30, end: '2026-02-30' }, thresholds: { spike_ratio: -1, surprise: 2 }, colour: 'red' }, 'client.json')).toThrow(
      /^client\.json: invalid review settings: .*window\.end: not a real calendar date.*window\.months: .*<=24.*thresholds\.spike_ratio: .*>=1.*thresholds\.surprise: unknown setting.*colour: unknown setting/,
    );
  });

  it('labels only the shipped figures indicative: a price book that states its own figures is the contract\'s', () => {
    expect(PUBLIC_FLEX_RATES.source).toMatch(/indicative, edit to your contract/);
    const own = parseSettings({ prices: { token_price: 2.5, products: [{ product: 'Revit', tokens_per_day: 10 }], offerings: [{ offering: 'Revit', current_price: 2985 }] } }).prices;
    expect(own.token_price_indicative).toBeNull();
    expect(own.products).toEqual([{ product: 'Revit', tokens_per_day: 10, indicative: null }]);
    expect(own.offerings).toEqual([{ offering: 'Revit', current_price: 2985, list_price: null, indicative: null }]);
    // Stating only the offerings keeps the shipped token figures, and their label.
    expect(parseSettings({ prices: { offerings: [] } }).prices.token_price_indicative).toEqual(PUBLIC_FLEX_RATES);
  });

  it('refuses two prices for one offering or product, naming the row', () => {
    const twice = () => parseSettings({ prices: { offerings: [{ offering: 'Revit', current_price: 1 }, { offering: 'revit ', current_price: 2 }], products: [{ product: 'Maya', tokens_per_day: 1 }, { product: 'Maya', tokens_per_day: 2 }] } });
    expect(twice).toThrow(/prices\.offerings\.1\.offering: "revit " is already priced in row 1/);
    expect(twice).toThrow(/prices\.products\.1\.product: "Maya" is already priced in row 1/);
  });

  it("refuses a token pool whose term ends before it starts", () => {
    expect(() => parseSettings({ token_pool: { tokens: 100, start: '2026-02-01', end: '2026-01-31' } })).toThrow('token_pool.end: must not be before the start');
    expect(parseSettings({ token_pool: { tokens: 100, start: '2026-02-01', end: '2026-02-01' } }).token_pool).toEqual({ tokens: 100, start: '2026-02-01', end: '2026-02-01' });
  });

  it('keeps the exposure factors within sense', () => {
    expect(() => parseSettings({ exposure: { worst_case_multiplier: 0.5, list_to_current: 0 } })).toThrow(/exposure\.worst_case_multiplier: .*>=1.*exposure\.list_to_current/);
  });
});
