import type { Finding } from '../engine/api.ts';
import type { RuleDefinition } from './rule.ts';
import { dormantUserRule } from './dormant-user.ts';
import { lowFrequencyUserRule } from './low-frequency-user.ts';
import { utilisationDepthRule } from './utilisation-depth.ts';
import { singleProductCollectionRule } from './single-product-collection.ts';
import { duplicateAccessRule } from './duplicate-access.ts';
import { contractorAccessRule } from './contractor-access.ts';
import { unlicensedAccessRule } from './unlicensed-access.ts';
import { outOfScopeRule } from './out-of-scope.ts';
import { overCountRule } from './over-count.ts';
import { newDomainRule } from './new-domain.ts';
import { telemetryGapRule } from './telemetry-gap.ts';
import { usageSpikeRule } from './usage-spike.ts';
import { renewalRule } from './renewal.ts';

/** Every rule the review applies, in rulebook order. */
export const RULES: readonly RuleDefinition<Finding>[] = [
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
] as RuleDefinition<Finding>[];
