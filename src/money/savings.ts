import { cents } from '../lib/amounts.ts';
import type { SavingType } from '../rules/rule.ts';
import { ALL_RULES, type AnyRuleResult, type RuleId } from '../rules/registry.ts';
import type { ChosenAction } from '../review/seat-actions.ts';

/** The savings levers, one per cost rule that declares one, in rulebook order. */
export const SAVING_TYPES: readonly { type: SavingType; label: string; rule: RuleId; typical_per_user: readonly [number, number] | null }[] = ALL_RULES.flatMap((r) =>
  r.saving ? [{ ...r.saving, rule: r.id }] : [],
);

export interface SavingsLine {
  type: SavingType;
  label: string;
  rule: RuleId;
  /** Findings of the rule. */
  findings: number;
  /** Chosen seat actions with a saving above zero (a low-frequency user for whom Flex is not cheaper saves nothing). */
  actionable: number;
  /** Findings the price book could not value. */
  unpriced: number;
  /** Sum of the priced savings per year; null when nothing could be priced. */
  per_year: number | null;
  /** per_year / actionable, for comparison with the seed's per-user ranges; null without an actionable finding. */
  per_actionable: number | null;
  /** The seed's typical saving per user per year for this lever, when it gives one. */
  typical_per_user: readonly [number, number] | null;
}

export interface SavingsReview {
  lines: SavingsLine[];
  /** Sum of the lines' priced savings per year; null when no line is priced. */
  total_per_year: number | null;
  unpriced: number;
}


/**
 * Savings by the lever each cost rule declares (rulebook order): each rule's money, which is what its chosen seat
 * actions save (review/seat-actions.ts), so the total is the action list's total.
 */
export function savingsByType(results: readonly AnyRuleResult[], actions: readonly ChosenAction[]): SavingsReview {
  const lines = SAVING_TYPES.map(({ type, label, rule: id, typical_per_user }): SavingsLine => {
    const result = results.find((r) => r.rule === id);
    const actionable = actions.filter((a) => a.rule === id && (a.saving_per_year ?? 0) > 0).length;
    const perYear = result?.summary.money ?? null;
    return {
      type,
      label,
      rule: id,
      findings: result?.summary.count ?? 0,
      actionable,
      unpriced: result?.summary.unpriced ?? 0,
      per_year: perYear,
      per_actionable: perYear !== null && actionable > 0 ? cents(perYear / actionable) : null,
      typical_per_user,
    };
  });
  const priced = lines.filter((l) => l.per_year !== null);
  return {
    lines,
    total_per_year: priced.length > 0 ? cents(priced.reduce((n, l) => n + (l.per_year ?? 0), 0)) : null,
    unpriced: lines.reduce((n, l) => n + l.unpriced, 0),
  };
}
