import type { Runner } from '../db/runner.ts';
import type { ReviewSettings } from '../settings/schema.ts';

/** What every finding carries: the id of the rule that made it. */
export interface RuleFinding {
  rule: string;
  /**
   * A cost finding whose seat another finding's action was chosen for (rulebook 14): that action, in words. It stays
   * visible and adds nothing to any total. Absent on findings that propose no action on a seat.
   */
  superseded_by?: string | null;
}

/** The part of the data a review judges: the last `months` months up to the last day the data covers. */
export interface ReviewWindow {
  start: string;
  end: string;
  months: number;
  /** window end minus `months`, before clamping to the first day the data covers. */
  requested_start: string;
  data_start: string;
  data_end: string;
}

export type RuleGroup = 'cost' | 'compliance' | 'usage' | 'data_quality';

export interface RuleSummary {
  count: number;
  /** Sum of the priced findings' savings per year; null for a rule without a money figure. */
  money: number | null;
  /** Findings whose money could not be computed (no price in the price book). */
  unpriced: number;
}

export interface RuleResult<F extends RuleFinding = RuleFinding> {
  rule: F['rule'];
  title: string;
  group: RuleGroup;
  summary: RuleSummary;
  /** The rule in one sentence, with the settings in force written into it. */
  definition: string;
  settings: Record<string, string | number | null>;
  findings: F[];
}

/** The lever a cost rule's saving pulls (the money view's savings by type, in rulebook order). */
export type SavingType = 'dormant_reclaim' | 'flex_conversion' | 'collection_downgrade' | 'duplicate_removal';

/** What a cost finding proposes to do with a seat (rulebook 14). */
export type SeatActionKind = 'reclaim' | 'remove' | 'downgrade' | 'flex';

/** The order in which equal savings choose an action for a seat (rulebook 14). */
export const SEAT_ACTION_ORDER: readonly SeatActionKind[] = ['reclaim', 'remove', 'downgrade', 'flex'];

/** A seat, a (user, offering) assignment, and what one cost finding proposes to do with it: a row of the action list. */
export interface SeatAction {
  kind: SeatActionKind;
  user: string;
  /** The offering whose seat the action changes (for a duplicate: the redundant one). */
  offering: string;
  /** The action in words: "reclaim the seat", "remove the duplicate seat", "move to Flex", "replace with Revit". */
  action: string;
  assigned_date: string | null;
  /** The last usage day of a covered product, "never", or for a seat in use "in use". */
  last_use: string;
  days_inactive: number | null;
  /** direct, group or default, as Autodesk Account reports it; null when the export does not say. */
  seat_assignment: string | null;
  saving_per_year: number | null;
  /** The evidence, in words. */
  reason: string;
}

/** The seed's typical share of findings of a rule, and what the share is taken of. */
export interface SeedBenchmark {
  id: string;
  label: string;
  low: number;
  high: number;
  of: string;
  /** The denominator: the named users, the Collection holders, or none (the seed counts deployments). */
  base: 'named_users' | 'collection_holders' | 'deployments';
}

/** What one compliance finding adds to its product's shortfall (the exposure's seats short N). */
export interface GapPart {
  product: string;
  /** Users in the gap (rules 6 and 7), counted once per product. */
  users: readonly string[];
  /** Largest daily value above the seat count (rule 8); null for a users side. */
  excess: number | null;
  first_day: string;
  last_day: string;
}

/** One row of the gap register, before it is priced and numbered. */
export interface GapEntry {
  product: string;
  users_or_seats_short: number;
  first_day: string;
  last_day: string;
  evidence: string;
  remediation: string;
}

/**
 * Which side of a product's shortfall a compliance rule's rows measure: the users in the gap, the over-count, or
 * neither (its use is priced in the product's own rows). A product is priced once, on the side that gave its N.
 */
export type GapSide = 'users' | 'seat_count' | 'unpriced';

/**
 * A rulebook rule, in one file: its wording, the settings it reads, the typed query that applies it, and what the
 * review, the money view, the files and the snapshots need to know of its findings. Nothing outside the rule's file
 * spells its id: other layers select rules by what they declare here.
 */
export interface RuleDefinition<F extends RuleFinding> {
  id: F['rule'];
  title: string;
  /** Where the page lists it: cost findings, compliance gaps, usage and spikes, data quality. */
  group: RuleGroup;
  definition(settings: ReviewSettings): string;
  settings(settings: ReviewSettings): Record<string, string | number | null>;
  /** `earlier`: the results of the rules before it in rulebook order (rule 13 builds on rules 2, 3, 6 and 8). */
  run(runner: Runner, args: { window: ReviewWindow; settings: ReviewSettings; earlier: readonly RuleResult[] }): Promise<F[]>;
  /** The fields that identify a finding from one quarter's review to the next (snapshots); `nullable` may be empty. */
  identity: { fields: readonly (keyof F & string)[]; nullable?: readonly (keyof F & string)[] };
  /**
   * One sentence per column of its findings table (the page and the files); `{name}` is replaced by the setting of that
   * name in force. Columns the rule does not explain take the shared notes of rules/columns.ts.
   */
  columns: Partial<Record<Exclude<keyof F & string, 'rule'>, string>>;
  /** The yearly saving a finding counts towards the rule's total (null: not priced, or no saving). */
  money?(finding: F): number | null;
  /** The saving lever the rule's money pulls. */
  saving?: { type: SavingType; label: string; typical_per_user: readonly [number, number] | null };
  /**
   * What a cost finding proposes to do with a seat, when it proposes something (rulebook 14: each seat takes one
   * action, the one that saves most; the action list is the chosen actions).
   */
  action?(finding: F): SeatAction | null;
  /** The seed's typical share of users with a finding of the rule. */
  benchmark?: SeedBenchmark;
  /** A compliance rule's part in the gaps: the side it measures, what a finding adds, its rows of the gap register. */
  gap?: {
    side: GapSide;
    /** What a finding adds to its product's shortfall (none: the rule's use is priced in the product's own rows). */
    parts?(finding: F): GapPart[];
    entries(findings: readonly F[]): GapEntry[];
  };
}
