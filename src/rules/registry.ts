import type { RuleDefinition, RuleResult } from './rule.ts';
import { dormantUserRule } from './dormant-user.ts';
import { lowFrequencyUserRule } from './low-frequency-user.ts';
import { singleProductCollectionRule } from './single-product-collection.ts';
import { duplicateAccessRule } from './duplicate-access.ts';
import { contractorAccessRule } from './contractor-access.ts';
import { unlicensedAccessRule } from './unlicensed-access.ts';
import { outOfScopeRule } from './out-of-scope.ts';
import { overCountRule } from './over-count.ts';
import { usageSpikeRule } from './usage-spike.ts';
import { newDomainRule } from './new-domain.ts';
import { telemetryGapRule } from './telemetry-gap.ts';
import { utilisationDepthRule } from './utilisation-depth.ts';
import { renewalRule } from './renewal.ts';

/** Every rule the review applies, in rulebook order. Adding a rule: its file, its test and one line here. */
export const RULES = [
  dormantUserRule,
  lowFrequencyUserRule,
  singleProductCollectionRule,
  duplicateAccessRule,
  contractorAccessRule,
  unlicensedAccessRule,
  outOfScopeRule,
  overCountRule,
  usageSpikeRule,
  newDomainRule,
  telemetryGapRule,
  utilisationDepthRule,
  renewalRule,
] as const;

type FindingOfRule<R> = R extends RuleDefinition<infer F> ? F : never;

/** Every finding type, one per rule of the registry (each rule's own file defines its finding). */
export type Finding = FindingOfRule<(typeof RULES)[number]>;

export type RuleId = Finding['rule'];

/** The registry as rules of any finding, for the code that walks every rule. */
export const ALL_RULES = RULES as unknown as readonly RuleDefinition<Finding>[];

/** Every rule id, in rulebook order. */
export const RULE_IDS = ALL_RULES.map((r) => r.id) as [RuleId, ...RuleId[]];

/** A rule's result with its findings typed as the registry's. */
export type AnyRuleResult = RuleResult<Finding>;

/** The rule of a finding or a result, by its id. */
export function ruleOf(id: string): RuleDefinition<Finding> | undefined {
  return ALL_RULES.find((r) => r.id === id);
}

