import { cents } from './amounts.ts';
import type { RuleId, RuleResult } from '../engine/api.ts';
import type { RuleDefinition } from '../rules/rule.ts';
import type { Finding } from '../engine/api.ts';

export type SavingType = 'dormant_reclaim' | 'flex_conversion' | 'collection_downgrade' | 'duplicate_removal';

/** The savings levers of the optimisation table and the rule each comes from. */
export const SAVING_TYPES: readonly { type: SavingType; label: string; rule: RuleId; seed_per_user: readonly [number, number] | null }[] = [
  { type: 'dormant_reclaim', label: 'Dormant reclaim', rule: 'dormant_user', seed_per_user: null },
  // The seed's per-user ranges: $600-$1,200 a year for a Flex conversion, $800-$1,500 for a Collection downgrade.
  { type: 'flex_conversion', label: 'Flex conversion', rule: 'low_frequency_user', seed_per_user: [600, 1200] },
  { type: 'collection_downgrade', label: 'Collection downgrade', rule: 'single_product_collection', seed_per_user: [800, 1500] },
  { type: 'duplicate_removal', label: 'Duplicate removal', rule: 'duplicate_access', seed_per_user: null },
];

export interface SavingsLine {
  type: SavingType;
  label: string;
  rule: RuleId;
  /** Findings of the rule. */
  findings: number;
  /** Findings with a saving above zero (a low-frequency user for whom Flex is not cheaper saves nothing). */
  actionable: number;
  /** Findings the price book could not value. */
  unpriced: number;
  /** Sum of the priced savings per year; null when nothing could be priced. */
  per_year: number | null;
  /** per_year / actionable, for comparison with the seed's per-user ranges; null without an actionable finding. */
  per_actionable: number | null;
  /** The seed's typical saving per user per year for this lever, when it gives one. */
  seed_per_user: readonly [number, number] | null;
}

export interface SavingsReview {
  lines: SavingsLine[];
  /** Sum of the lines' priced savings per year; null when no line is priced. */
  total_per_year: number | null;
  unpriced: number;
}


/** Savings by finding type, from each rule's own money figure (the same one its findings show). */
export function savingsByType(results: readonly RuleResult[], rules: readonly RuleDefinition<Finding>[]): SavingsReview {
  const lines = SAVING_TYPES.map(({ type, label, rule, seed_per_user }): SavingsLine => {
    const result = results.find((r) => r.rule === rule);
    const money = rules.find((r) => r.id === rule)?.money;
    const values = (result?.findings ?? []).map((f) => (money ? money(f) : null));
    const actionable = values.filter((v) => v !== null && v > 0).length;
    const perYear = result?.summary.money ?? null;
    return {
      type,
      label,
      rule,
      findings: result?.summary.count ?? 0,
      actionable,
      unpriced: result?.summary.unpriced ?? 0,
      per_year: perYear,
      per_actionable: perYear !== null && actionable > 0 ? cents(perYear / actionable) : null,
      seed_per_user,
    };
  });
  const priced = lines.filter((l) => l.per_year !== null);
  return {
    lines,
    total_per_year: priced.length > 0 ? cents(priced.reduce((n, l) => n + (l.per_year ?? 0), 0)) : null,
    unpriced: lines.reduce((n, l) => n + l.unpriced, 0),
  };
}
