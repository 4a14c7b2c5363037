import type { Finding } from '../rules/registry.ts';

/** The fields of a rule's findings in the order the engine wrote them, without the rule id every row repeats. */
export function findingColumns(findings: readonly Finding[]): string[] {
  const seen = new Set<string>();
  for (const f of findings) for (const key of Object.keys(f)) if (key !== 'rule') seen.add(key);
  return [...seen];
}

/** A finding's value as table text: lists joined, nested evidence as compact JSON, empty for null. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(cellText).join(', ');
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString('en-GB') : value.toLocaleString('en-GB', { maximumFractionDigits: 2 });
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
