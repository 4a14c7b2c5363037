import { findingsOf } from '../engine/findings.ts';
import type { Finding, ReviewWindow, RuleId, RuleResult } from '../engine/api.ts';
import type { Runner } from '../engine/db/runner.ts';
import { SEAT_CTES } from '../rules/seat-activity.ts';

/** The seed's typical ranges, shown beside this review's shares. */
export const SEED_BENCHMARKS = [
  { id: 'dormant', label: 'Dormant named users', rule: 'dormant_user', low: 0.15, high: 0.22, of: 'named users' },
  { id: 'low_frequency', label: 'Low-frequency users', rule: 'low_frequency_user', low: 0.12, high: 0.18, of: 'named users' },
  { id: 'single_product_collection', label: 'Single-product Collection users', rule: 'single_product_collection', low: 0.25, high: 0.35, of: 'Collection holders' },
  { id: 'contractor', label: 'Contractor access', rule: 'contractor_access', low: 0.08, high: 0.15, of: 'enterprise deployments' },
] as const satisfies readonly { id: string; label: string; rule: RuleId; low: number; high: number; of: string }[];

export type BenchmarkId = (typeof SEED_BENCHMARKS)[number]['id'];

export interface Benchmark {
  id: BenchmarkId;
  label: string;
  rule: RuleId;
  /** Distinct users with a finding of the rule. */
  users: number;
  /** What the share is taken of, and how many that is (null for contractor access: the seed counts deployments). */
  of: string;
  base: number | null;
  share: number | null;
  seed_low: number;
  seed_high: number;
  /** Where the share sits against the seed's range; for contractor access, whether the deployment has any (null: not judged). */
  against_seed: 'below' | 'within' | 'above' | 'present' | 'absent' | null;
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
    [window.start, window.end, dormantDays],
  );
  return row ?? { named_users: 0, collection_holders: 0 };
}

/**
 * This review's shares next to the seed's ranges. `contractorJudged`: whether rule 5 could run (it waits for
 * corporate domains or ranges); when it could not, finding no contractor says nothing.
 */
export function benchmarks(results: readonly RuleResult[], roster: RosterCounts, contractorJudged: boolean): Benchmark[] {
  return SEED_BENCHMARKS.map((b) => {
    const findings: Finding[] = findingsOf(results, b.rule);
    const users = new Set(findings.map((f) => ('user_key' in f ? f.user_key : null)).filter((k) => k !== null)).size;
    if (b.id === 'contractor') {
      return { ...common(b, users), of: b.of, base: null, share: null, against_seed: !contractorJudged ? null : users > 0 ? 'present' : 'absent' };
    }
    const base = b.id === 'single_product_collection' ? roster.collection_holders : roster.named_users;
    const share = base > 0 ? Math.round((users / base) * 10_000) / 10_000 : null;
    const against = share === null ? null : share < b.low ? 'below' : share > b.high ? 'above' : 'within';
    return { ...common(b, users), of: b.of, base, share, against_seed: against };
  });
}

function common(b: (typeof SEED_BENCHMARKS)[number], users: number) {
  return { id: b.id, label: b.label, rule: b.rule, users, seed_low: b.low, seed_high: b.high };
}
