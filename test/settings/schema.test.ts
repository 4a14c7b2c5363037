import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings } from '../../src/settings/schema.ts';

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
        spike_ratio: 1.5, spike_min_users: 5, spike_baseline_weeks: 8,
      },
      corporate: { domains: [], cidrs: [] },
      prices: { token_price: 3, offerings: [], products: [{ product: 'AutoCAD', tokens_per_day: 7 }, { product: 'Revit', tokens_per_day: 10 }] },
      collections: [],
      events: [],
    });
    expect(parseSettings({ window: { months: 6 } }).window).toEqual({ end: null, months: 6 });
  });

  it('names every bad field in one message', () => {
    expect(() => parseSettings({ window: { months: 30, end: '2026-02-30' }, thresholds: { spike_ratio: -1, surprise: 2 }, colour: 'red' }, 'client.json')).toThrow(
      /^client\.json: invalid review settings: .*window\.end: not a real calendar date.*window\.months: .*<=24.*thresholds\.spike_ratio: .*>=1.*thresholds\.surprise: unknown setting.*colour: unknown setting/,
    );
  });
});
