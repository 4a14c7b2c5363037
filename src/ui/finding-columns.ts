import { valueWords } from '../rules/value-words.ts';
import type { Finding } from '../rules/registry.ts';
import type { RuleGroup } from '../rules/rule.ts';
import type { AnyRuleResult } from '../rules/registry.ts';
import { formatMoney } from './format.ts';

/** Fields whose values are user keys, which open the user timeline. */
export const USER_FIELDS = new Set(['user_key', 'user_keys', 'users']);

/** A field's value as a list when it is one (the engine returns lists as arrays); null otherwise. */
export function listValues(_field: string, value: unknown): string[] | null {
  return Array.isArray(value) ? value.map((v) => String(v)) : null;
}

/** The first few items of a list and how many are left out. */
export function listPreview(values: readonly string[], shown = 3): { shown: string[]; more: number } {
  return { shown: values.slice(0, shown), more: Math.max(0, values.length - shown) };
}

/** A list as a collapsed cell shows it: "a, b, c and 12 more". */
export function previewText(values: readonly string[], shown = 3): string {
  const p = listPreview(values, shown);
  return p.more > 0 ? `${p.shown.join(', ')} and ${p.more} more` : p.shown.join(', ');
}

/** Orders two cell values: nulls last, numbers as numbers, booleans false before true, else text (dates are ISO). */
export function compareValues(a: unknown, b: unknown): number {
  const aNull = a === null || a === undefined;
  const bNull = b === null || b === undefined;
  if (aNull || bNull) return aNull === bNull ? 0 : aNull ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length - b.length;
  return searchText(a).localeCompare(searchText(b), 'en', { numeric: true });
}

export type SortDirection = 'ascending' | 'descending';

/** A sorted copy; equal rows keep the engine's order. Nulls stay last either way. */
export function sortFindings<F extends Finding>(findings: readonly F[], column: string | null, direction: SortDirection): F[] {
  if (!column) return [...findings];
  const rows = findings.map((f, i) => ({ f, i, v: (f as unknown as Record<string, unknown>)[column] }));
  rows.sort((x, y) => {
    const xNull = x.v === null || x.v === undefined;
    const yNull = y.v === null || y.v === undefined;
    if (xNull !== yNull) return xNull ? 1 : -1;
    const c = compareValues(x.v, y.v);
    return (direction === 'ascending' ? c : -c) || x.i - y.i;
  });
  return rows.map((r) => r.f);
}

/** Every value of a finding as lower-case text, for the table's filter. */
export function searchText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(searchText).join(' ');
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k} ${searchText(v)}`).join(' ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  // The code and the words the table shows for it: a filter finds either.
  if (typeof value === 'string') return `${value} ${valueWords(value)}`.toLowerCase();
  return String(value).toLowerCase();
}

/** Whether a finding matches the filter text: every word appears in some value of the row. */
export function findingMatches(finding: Finding, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return true;
  const text = Object.entries(finding)
    .filter(([k]) => k !== 'rule')
    .map(([, v]) => searchText(v))
    .join(' ');
  return words.every((w) => text.includes(w));
}


/** Whether a money figure means anything: a rule with money, and at least one finding priced (or none at all). */
export function hasMoney(summary: { count: number; money: number | null; unpriced: number }): boolean {
  return summary.money !== null && (summary.unpriced < summary.count || summary.money !== 0);
}

/** A rule's summary in words: "3 findings · US$1,200 per year · 1 not priced". */
export function summaryText(summary: AnyRuleResult['summary']): string {
  const parts = [summary.count === 1 ? '1 finding' : `${summary.count.toLocaleString('en-GB')} findings`];
  if (hasMoney(summary)) parts.push(`${formatMoney(summary.money ?? 0)} per year`);
  if (summary.unpriced > 0) parts.push(`${summary.unpriced.toLocaleString('en-GB')} not priced`);
  return parts.join(' · ');
}

export interface GroupTab {
  group: RuleGroup;
  label: string;
  rules: AnyRuleResult[];
  count: number;
  /** Sum of the priced rules' money; null when no rule of the group has a money figure. */
  money: number | null;
  unpriced: number;
}

export const GROUP_LABELS: Record<RuleGroup, string> = {
  cost: 'Cost findings',
  compliance: 'Compliance gaps',
  usage: 'Usage and spikes',
  data_quality: 'Data quality',
};

/** The four tabs in order, each with its rules (in the engine's order) and their summed summary. */
export function groupTabs(rules: readonly AnyRuleResult[]): GroupTab[] {
  return (Object.keys(GROUP_LABELS) as RuleGroup[]).map((group) => {
    const own = rules.filter((r) => r.group === group);
    const priced = own.filter((r) => r.summary.money !== null);
    return {
      group,
      label: GROUP_LABELS[group],
      rules: own,
      count: own.reduce((n, r) => n + r.summary.count, 0),
      money: priced.length > 0 ? priced.reduce((n, r) => n + (r.summary.money ?? 0), 0) : null,
      unpriced: own.reduce((n, r) => n + r.summary.unpriced, 0),
    };
  });
}
