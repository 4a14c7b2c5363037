import type { Finding } from '../engine/api.ts';
import type { RuleDefinition } from './rule.ts';
import { telemetryGapRule } from './telemetry-gap.ts';
import { usageSpikeRule } from './usage-spike.ts';

/** Every rule the review applies, in rulebook order. */
export const RULES: readonly RuleDefinition<Finding>[] = [
  usageSpikeRule,
  telemetryGapRule,
] as RuleDefinition<Finding>[];
