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
    expect(cellText({ first: '2026-01-02' })).toBe('{"first":"2026-01-02"}');
    expect(cellText(true)).toBe('true');
  });
});
