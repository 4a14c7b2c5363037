import type { Finding, RuleId, RuleResult } from './api.ts';

/** The finding type of one rule. */
export type FindingOf<R extends RuleId> = Extract<Finding, { rule: R }>;

/** One rule's findings out of a review's results, typed by the rule (none when the rule did not run). */
export function findingsOf<R extends RuleId>(results: readonly RuleResult[] | undefined, rule: R): FindingOf<R>[] {
  return (results?.find((r) => r.rule === rule)?.findings ?? []).filter((f): f is FindingOf<R> => f.rule === rule);
}
