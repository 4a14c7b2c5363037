import type { Runner } from '../db/runner.ts';
import type { ReviewWindow } from '../rules/rule.ts';
import { ALL_RULES, type AnyRuleResult, type RuleId } from '../rules/registry.ts';
import { findingsOf } from '../rules/findings.ts';
import { SEAT_CTES } from '../rules/sql/seats.ts';

export interface Benchmark {
  id: string;
  label: string;
  rule: RuleId;
  /** Distinct users with a finding of the rule. */
  users: number;
  /** What the share is taken of, and how many that is (null for contractor access: the seed counts deployments). */
  of: string;
  base: number | null;
  share: number | null;
  typical_low: number;
  typical_high: number;
  /** Where the share sits against the seed's range; for contractor access, whether the deployment has any (null: not judged). */
  against_typical: 'below' | 'within' | 'above' | 'present' | 'absent' | null;
}

export interface RosterCounts {
  /** Distinct users holding a named-user seat at the window end (the seats rules 1, 2 and 12 judge). */
  named_users: number;
  /** Of them, those holding a Collection seat. */
  collection_holders: number;
}

export async function rosterCounts(runner: Runner, window: ReviewWindow, dormantDays: number): Promise<RosterCounts> {
  const [row] = await runner.query<RosterCounts>(
    `WITH ${SEAT_CTES}
     SELECT count(DISTINCT user_key)::INTEGER AS named_users,
            count(DISTINCT user_key) FILTER (WHERE offering IN (SELECT offering FROM review_members))::INTEGER AS collection_holders
     FROM held`,
    { window_start: window.start, window_end: window.end, dormant_days: dormantDays },
  );
  return row ?? { named_users: 0, collection_holders: 0 };
}

/**
 * This review's shares next to the seed's ranges, for every rule that declares one (rulebook order). `contractorJudged`:
 * whether a rule whose base is deployments (contractor access) could run (it waits for corporate domains or ranges);
 * when it could not, finding nobody says nothing.
 */
export function benchmarks(results: readonly AnyRuleResult[], roster: RosterCounts, contractorJudged: boolean): Benchmark[] {
  return ALL_RULES.flatMap((rule): Benchmark[] => {
    const b = rule.benchmark;
    if (!b) return [];
    const findings = findingsOf(results, rule);
    const users = new Set(findings.map((f) => ('user_key' in f ? f.user_key : null)).filter((k) => k !== null)).size;
    const common = { id: b.id, label: b.label, rule: rule.id, users, typical_low: b.low, typical_high: b.high, of: b.of };
    if (b.base === 'deployments') {
      return [{ ...common, base: null, share: null, against_typical: !contractorJudged ? null : users > 0 ? 'present' : 'absent' }];
    }
    const base = b.base === 'collection_holders' ? roster.collection_holders : roster.named_users;
    const share = base > 0 ? Math.round((users / base) * 10_000) / 10_000 : null;
    const against = share === null ? null : share < b.low ? 'below' : share > b.high ? 'above' : 'within';
    return [{ ...common, base, share, against_typical: against }];
  });
}
