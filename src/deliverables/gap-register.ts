import { cents } from '../lib/amounts.ts';
import type { Review } from '../money/money-review.ts';
import type { GapExposure } from '../money/exposure-review.ts';
import type { GapEntry, GapSide, RuleDefinition } from '../rules/rule.ts';
import { ALL_RULES, type Finding } from '../rules/registry.ts';
import { findingsOf } from '../rules/findings.ts';
import type { TableColumn } from './table-columns.ts';

/** One compliance gap to close: the compliance gap register. */
export interface GapRegisterRow {
  gap_id: string;
  /** The kind of gap in words: the title of the rule whose findings make the row. */
  type: string;
  product: string;
  /** Distinct users (rules 6, 7 and 5) or seats above the count (rule 8). */
  users_or_seats_short: number;
  first_day: string;
  last_day: string;
  evidence: string;
  /** A year of licences for the gap at the current price and at the list price (the seat price of the exposure scenarios); null when not priced or counted in another row. */
  exposure_current: number | null;
  exposure_list: number | null;
  remediation: string;
  /** Left blank for the client. */
  owner: string;
  due_date: string;
}

export const GAP_REGISTER_COLUMNS: readonly TableColumn<GapRegisterRow>[] = [
  { key: 'gap_id', header: 'Gap' },
  { key: 'type', header: 'Type' },
  { key: 'product', header: 'Product' },
  { key: 'users_or_seats_short', header: 'Users or seats short', format: 'count' },
  { key: 'exposure_current', header: 'A year at the current price', format: 'money' },
  { key: 'exposure_list', header: 'A year at list price', format: 'money' },
  { key: 'first_day', header: 'First day', format: 'date' },
  { key: 'last_day', header: 'Last day', format: 'date' },
  { key: 'evidence', header: 'Evidence' },
  { key: 'remediation', header: 'Remediation' },
  { key: 'owner', header: 'Owner' },
  { key: 'due_date', header: 'Due date', format: 'date' },
];

/** Rows that measure the users of a gap come first, then over-counts, then the rows priced elsewhere. */
const SIDE_ORDER: readonly GapSide[] = ['users', 'seat_count', 'unpriced'];

/** The compliance rules with rows in the register, in the register's order: by the side they measure, then rulebook order. */
export const GAP_RULES: readonly RuleDefinition<Finding>[] = ALL_RULES.filter((r) => r.gap).sort(
  (a, b) => SIDE_ORDER.indexOf(a.gap!.side) - SIDE_ORDER.indexOf(b.gap!.side) || ALL_RULES.indexOf(a) - ALL_RULES.indexOf(b),
);

/**
 * The rows every compliance rule declares (rules/rule.ts, gap.entries): one per unlicensed product, out-of-scope product,
 * product over its seat count and contractor without an assignment. A product's shortfall is priced once, on the side
 * that gave its exposure N (the users of rules 6 and 7, or the over-count of rule 8; the users when equal): the other
 * side's rows measure the same seats and carry no money. A contractor's use is priced in the product's own rows.
 */
export function gapRegister(review: Review): GapRegisterRow[] {
  const pricing = new Map(review.money.exposure.gaps.map((g) => [g.product, g]));
  /** A row is priced when its side (users or over-count) gave the product's N: the two sides are one shortfall. */
  const priced = ({ product, users_or_seats_short: n }: GapEntry, side: GapSide) => {
    const gap: GapExposure | undefined = pricing.get(product);
    if (side === 'unpriced' || !gap?.pricing || (gap.seats_from !== 'both' && gap.seats_from !== side) || (gap.seats_from === 'both' && side === 'seat_count')) {
      return { exposure_current: null, exposure_list: null };
    }
    return { exposure_current: cents(n * gap.pricing.current_price), exposure_list: cents(n * gap.pricing.list_price) };
  };
  const rows = GAP_RULES.flatMap((rule, order) => {
    const findings = findingsOf(review.rules, rule);
    return rule.gap!.entries(findings).map((entry) => ({ entry, order, type: rule.title, side: rule.gap!.side }));
  });
  return rows
    .sort((a, b) => a.order - b.order || a.entry.product.localeCompare(b.entry.product) || a.entry.evidence.localeCompare(b.entry.evidence))
    .map(({ entry, type, side }, i): GapRegisterRow => ({
      gap_id: `G${String(i + 1).padStart(3, '0')}`,
      type,
      product: entry.product,
      users_or_seats_short: entry.users_or_seats_short,
      first_day: entry.first_day,
      last_day: entry.last_day,
      evidence: entry.evidence,
      ...priced(entry, side),
      remediation: entry.remediation,
      owner: '',
      due_date: '',
    }));
}
