import { SEAT_ACTION_ORDER, type SeatAction } from '../rules/rule.ts';
import { ruleOf, type AnyRuleResult, type RuleId } from '../rules/registry.ts';
import { cents } from '../lib/amounts.ts';

/** The action a seat takes, and the finding it comes from. */
export interface ChosenAction extends SeatAction {
  rule: RuleId;
  /** The rule's title, for the files a client reads. */
  finding: string;
}

/**
 * Rulebook 14, one action per seat. Every cost finding that proposes an action on a seat (a user and an offering) is a
 * candidate; a seat named by several takes the one with the largest yearly saving (an unpriced one counts as none), on
 * equal savings the first of reclaim, remove, downgrade, Flex. Every other candidate's finding is marked superseded by
 * that action, and each cost rule's money becomes the sum of its chosen actions' savings: a superseded finding adds
 * nothing, and a finding that proposes no action on a seat (Flex tokens spent beside a seat) no yearly saving.
 * Marks the findings in place; returns the chosen actions, largest saving first, then by user and offering.
 */
export function chooseSeatActions(results: AnyRuleResult[]): ChosenAction[] {
  const bySeat = new Map<string, { action: ChosenAction; finding: { superseded_by?: string | null } }[]>();
  for (const result of results) {
    const rule = ruleOf(result.rule);
    if (!rule?.action) continue;
    for (const finding of result.findings as { superseded_by?: string | null }[]) {
      finding.superseded_by = null;
      const action = rule.action(finding as never);
      if (!action) continue;
      const key = JSON.stringify([action.user, action.offering]);
      const candidates = bySeat.get(key) ?? [];
      candidates.push({ action: { ...action, rule: result.rule, finding: result.title }, finding });
      bySeat.set(key, candidates);
    }
  }

  const chosen: ChosenAction[] = [];
  for (const candidates of bySeat.values()) {
    candidates.sort((a, b) => (b.action.saving_per_year ?? 0) - (a.action.saving_per_year ?? 0) || SEAT_ACTION_ORDER.indexOf(a.action.kind) - SEAT_ACTION_ORDER.indexOf(b.action.kind));
    const [first, ...others] = candidates;
    for (const other of others) other.finding.superseded_by = `${first!.action.action} (${first!.action.finding})`;
    chosen.push(first!.action);
  }

  for (const result of results) {
    const rule = ruleOf(result.rule);
    if (!rule?.action || !rule.money) continue;
    const standing = (result.findings as { superseded_by?: string | null }[]).filter((f) => !f.superseded_by);
    const unpriced = standing.filter((f) => rule.money!(f as never) === null).length;
    const actions = chosen.filter((a) => a.rule === result.rule && a.saving_per_year !== null);
    result.summary = {
      count: result.summary.count,
      // Nothing priced is no figure at all, not a saving of 0.
      money: standing.length > 0 && unpriced === standing.length ? null : cents(actions.reduce((n, a) => n + a.saving_per_year!, 0)),
      unpriced,
    };
  }
  return chosen.sort((a, b) => (b.saving_per_year ?? -1) - (a.saving_per_year ?? -1) || a.user.localeCompare(b.user) || a.offering.localeCompare(b.offering));
}
