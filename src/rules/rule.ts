import type { Finding, ReviewWindow, RuleGroup, RuleId, RuleResult } from '../engine/api.ts';
import type { Runner } from '../engine/db/runner.ts';
import type { ReviewSettings } from '../settings/schema.ts';

/** A rulebook rule: its id and wording, the settings it reads, and the typed query that applies it. */
export interface RuleDefinition<F extends Finding> {
  id: RuleId;
  title: string;
  /** Where the page lists it: cost findings, compliance gaps, usage and spikes, data quality. */
  group: RuleGroup;
  /** The yearly saving a finding counts towards the rule's total (null: not priced, or no saving). */
  money?(finding: F): number | null;
  definition(settings: ReviewSettings): string;
  settings(settings: ReviewSettings): Record<string, string | number | null>;
  /** `earlier`: the results of the rules before it in rulebook order (rule 13 builds on rules 2, 3, 6 and 8). */
  run(runner: Runner, args: { window: ReviewWindow; settings: ReviewSettings; earlier: readonly RuleResult[] }): Promise<F[]>;
}
