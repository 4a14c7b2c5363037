import { describe, expect, it } from 'vitest';
import type { DormantUserFinding } from '../../src/rules/dormant-user.ts';
import type { AnyRuleResult as RuleResult } from '../../src/rules/registry.ts';
import { formatMoney } from '../../src/ui/format.ts';
import { columnNote } from '../../src/rules/columns.ts';
import { compareValues, findingMatches, groupTabs, listValues, previewText, sortFindings, summaryText } from '../../src/ui/finding-columns.ts';

const dormant = (user_key: string, days_inactive: number | null, offering = 'AutoCAD'): DormantUserFinding => ({
  rule: 'dormant_user',
  user_key,
  offering,
  seat_assignment: 'direct',
  removable_individually: true,
  assigned_date: '2024-01-01',
  unassigned_date: null,
  last_usage_day: null,
  last_usage_product: null,
  never_used: days_inactive === null,
  days_inactive,
  days_assigned: 500,
  current_price: 1000,
  saving_per_year: 1000,
  price_note: null,
});

describe('finding columns', () => {
  it('explains a rule column with the settings in force, and falls back to shared and generic sentences', () => {
    expect(columnNote('dormant_user', 'days_inactive', { dormant_days: 60 })).toBe('Window end minus the last usage day, in days: dormant when it is at least 60.');
    expect(columnNote('usage_spike', 'ratio', { spike_ratio: 1.5 })).toContain('1.5 or more');
    expect(columnNote('dormant_user', 'offering')).toBe('The offering (subscription) of the assignment.');
    expect(columnNote('contractor_access', 'domain', { corporate_domains: null })).toContain('corporate domains in force: none');
    expect(columnNote('dormant_user', 'mystery_field')).toBe('mystery field as the engine reports it.');
    // A placeholder whose setting is not given stays visible rather than becoming "undefined".
    expect(columnNote('dormant_user', 'days_inactive')).toContain('{dormant_days}');
  });

  it('reads lists from arrays and comma-separated list fields only', () => {
    expect(listValues('user_keys', ['a@x', 'b, c@x'])).toEqual(['a@x', 'b, c@x']);
    expect(listValues('user_keys', 'a@x, b@x')).toBeNull();
    expect(listValues('flagged_by', ['domain', 'ip'])).toEqual(['domain', 'ip']);
    expect(listValues('offering', 'AEC, Collection')).toBeNull();
  });

  it('shows the first few items of a long list and how many more', () => {
    const keys = Array.from({ length: 250 }, (_, i) => `u${i}`);
    expect(previewText(keys)).toBe('u0, u1, u2 and 247 more');
    expect(previewText(['a', 'b'])).toBe('a, b');
  });

  it('sorts numbers as numbers, text naturally, nulls last in both directions, ties in engine order', () => {
    const rows = [dormant('b', 10), dormant('a', null), dormant('c', 9), dormant('d', 100), dormant('e', 10)];
    expect(sortFindings(rows, 'days_inactive', 'ascending').map((r) => r.user_key)).toEqual(['c', 'b', 'e', 'd', 'a']);
    expect(sortFindings(rows, 'days_inactive', 'descending').map((r) => r.user_key)).toEqual(['d', 'b', 'e', 'c', 'a']);
    expect(sortFindings(rows, 'user_key', 'ascending').map((r) => r.user_key)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(sortFindings(rows, null, 'ascending')).toEqual(rows);
    expect(compareValues('u2', 'u10')).toBeLessThan(0);
    expect(compareValues(false, true)).toBeLessThan(0);
  });

  it('filters on every word over every value of the row', () => {
    const f = dormant('ann@corp.example', 120, 'AEC Collection');
    expect(findingMatches(f, '')).toBe(true);
    expect(findingMatches(f, 'ANN aec')).toBe(true);
    expect(findingMatches(f, '120')).toBe(true);
    expect(findingMatches(f, 'bob')).toBe(false);
    expect(findingMatches(f, 'dormant_user')).toBe(false);
  });

  it('summarises rules and groups with money in US$', () => {
    expect(formatMoney(12345.6)).toBe('US$12,346');
    expect(summaryText({ count: 3, money: 1200, unpriced: 1 })).toBe('3 findings · US$1,200 per year · 1 not priced');
    expect(summaryText({ count: 1, money: null, unpriced: 0 })).toBe('1 finding');
    // Nothing priced: no misleading US$0.
    expect(summaryText({ count: 150, money: 0, unpriced: 150 })).toBe('150 findings · 150 not priced');
    expect(summaryText({ count: 0, money: 0, unpriced: 0 })).toBe('0 findings');
    expect(summaryText({ count: 2, money: 0, unpriced: 1 })).toBe('2 findings · US$0 per year · 1 not priced');
    const rule = (r: string, group: RuleResult['group'], money: number | null, count = 1): RuleResult =>
      ({ rule: r, title: r, group, summary: { count, money, unpriced: money === null ? 0 : 1 }, definition: '', settings: {}, findings: [] }) as unknown as RuleResult;
    const tabs = groupTabs([rule('dormant_user', 'cost', 100, 2), rule('low_frequency_user', 'cost', 50), rule('usage_spike', 'usage', null), rule('telemetry_gap', 'data_quality', null, 0)]);
    expect(tabs.map((t) => t.label)).toEqual(['Cost findings', 'Compliance gaps', 'Usage and spikes', 'Data quality']);
    expect(tabs[0]).toMatchObject({ count: 3, money: 150, unpriced: 2 });
    expect(tabs[1]).toMatchObject({ count: 0, money: null, rules: [] });
    expect(tabs[2]).toMatchObject({ count: 1, money: null });
  });
});
