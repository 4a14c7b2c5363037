import type { Finding, ReviewWindow, RuleId } from '../engine/api.ts';
import type { Runner } from '../engine/db/runner.ts';
import type { ReviewSettings } from '../settings/schema.ts';

/** A rulebook rule: its id and wording, the settings it reads, and the typed query that applies it. */
export interface RuleDefinition<F extends Finding> {
  id: RuleId;
  title: string;
  definition(settings: ReviewSettings): string;
  settings(settings: ReviewSettings): Record<string, string | number | null>;
  run(runner: Runner, args: { window: ReviewWindow; settings: ReviewSettings }): Promise<F[]>;
}
