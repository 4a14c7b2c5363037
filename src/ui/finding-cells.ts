import type { Finding } from '../rules/registry.ts';
import { columnWords, valueWords } from '../rules/value-words.ts';

/** The fields of a rule's findings in the order the engine wrote them, without the rule id every row repeats. */
export function findingColumns(findings: readonly Finding[]): string[] {
  const seen = new Set<string>();
  for (const f of findings) for (const key of Object.keys(f)) if (key !== 'rule') seen.add(key);
  return [...seen];
}

/**
 * A finding's value as table text, in words: lists joined, yes or no for a flag, codes in words, nested evidence as
 * "name: value" pairs, empty for null.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(cellText).join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString('en-GB') : value.toLocaleString('en-GB', { maximumFractionDigits: 2 });
  if (typeof value === 'string') return valueWords(value);
  if (typeof value === 'object') {
    return Object.entries(value)
      .map(([k, v]) => `${columnWords(k)}: ${cellText(v) || 'none'}`)
      .join('; ');
  }
  return String(value);
}

/** A column's heading in words. */
export const columnTitle = columnWords;
