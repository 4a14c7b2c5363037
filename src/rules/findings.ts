import type { RuleDefinition, RuleFinding, RuleResult } from './rule.ts';

/** One rule's findings out of a review's results, typed by the rule (none when the rule did not run). */
export function findingsOf<F extends RuleFinding>(results: readonly RuleResult[] | undefined, rule: RuleDefinition<F>): F[] {
  return (results?.find((r) => r.rule === rule.id)?.findings ?? []).filter((f): f is F => f.rule === rule.id);
}
