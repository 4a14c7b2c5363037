import { describe, expect, it } from 'vitest';
import { cellText, findingColumns } from '../../src/ui/finding-cells.ts';
import type { Finding } from '../../src/rules/registry.ts';

describe('generic findings table cells', () => {
  it('lists every field once, in first-seen order, without the rule id', () => {
    const findings = [
      { rule: 'usage_spike', product: 'Revit', users: 15 },
      { rule: 'usage_spike', product: 'Maya', ratio: 1.5 },
    ] as unknown as Finding[];
    expect(findingColumns(findings)).toEqual(['product', 'users', 'ratio']);
  });

  it('writes lists, numbers, nulls and nested evidence as readable text', () => {
    expect(cellText(['a@x.example', 'b@x.example'])).toBe('a@x.example, b@x.example');
    expect(cellText(1234567)).toBe('1,234,567');
    expect(cellText(2.666)).toBe('2.67');
    expect(cellText(null)).toBe('');
    expect(cellText({ first: '2026-01-02', user_key: 'a@x.example', missing: null })).toBe('first: 2026-01-02; user: a@x.example; missing: none');
    expect(cellText(true)).toBe('yes');
    expect(cellText(false)).toBe('no');
  });

  it('writes codes in words, a rule id as its title, and leaves every other text as it is', () => {
    expect(cellText('full_and_lt')).toBe('LT edition beside its full product');
    expect(cellText('named_user')).toBe('named user');
    expect(cellText('dormant_user')).toBe('Dormant named user');
    // A user key or product that merely looks like a code is data: never rewritten.
    expect(cellText('j_smith_2')).toBe('j_smith_2');
    expect(cellText('AutoCAD LT')).toBe('AutoCAD LT');
  });
});
