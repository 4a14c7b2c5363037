import { ruleOf, type AnyRuleResult, type RuleId } from '../rules/registry.ts';
import { dayNumber } from '../lib/days.ts';
import { MONTH_DAYS } from '../rules/sql/seats.ts';

/** One product's compliance shortfall, measured from the review's compliance findings (rulebook: exposure inputs). */
export interface GapMeasure {
  product: string;
  /** Seats short N: the larger of users_in_gap and over_count_excess (two sides of one shortfall, never added). */
  seats: number;
  /** Distinct users with unlicensed (rule 6) or out-of-scope (rule 7) use of the product. */
  users_in_gap: number;
  /** Largest daily value above the seat count S(d) (rule 8, named-user or network); null when the product is never over S. */
  over_count_excess: number | null;
  /** Which side gave N: the users, the usage over the seat count, or both when they are equal. */
  seats_from: 'users' | 'seat_count' | 'both';
  /** First and last day of the shortfall in the window, over every contributing finding. */
  first_day: string;
  last_day: string;
  /** How long the gap has run: first_day to window_end inclusive, in months of 30.44 days (2 decimals). */
  months: number;
  /** The rules whose findings make up the gap. */
  rules: RuleId[];
}


interface Accumulator {
  users: Set<string>;
  excess: number | null;
  first: string;
  last: string;
  rules: Set<RuleId>;
}

/**
 * Gap inputs per product from the compliance findings, as each rule declares its part (rules/rule.ts, gap.parts):
 * the users of unlicensed and out-of-scope use, and the largest excess over S of an over-count. Products whose only
 * over-count is never above S have no gap. Ordered by product name.
 */
export function gapMeasures(results: readonly AnyRuleResult[], windowEnd: string): GapMeasure[] {
  const byProduct = new Map<string, Accumulator>();
  for (const result of results) {
    const parts = ruleOf(result.rule)?.gap?.parts;
    if (!parts) continue;
    for (const part of result.findings.flatMap((f) => parts(f))) {
      if (part.users.length === 0 && part.excess === null) continue;
      let acc = byProduct.get(part.product);
      if (!acc) {
        acc = { users: new Set(), excess: null, first: part.first_day, last: part.last_day, rules: new Set() };
        byProduct.set(part.product, acc);
      }
      if (part.first_day < acc.first) acc.first = part.first_day;
      if (part.last_day > acc.last) acc.last = part.last_day;
      acc.rules.add(result.rule);
      for (const user of part.users) acc.users.add(user);
      // Named-user and network series of one product measure the same shortfall: the larger one stands.
      if (part.excess !== null) acc.excess = Math.max(acc.excess ?? 0, part.excess);
    }
  }

  return [...byProduct.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'en'))
    .map(([product, acc]) => {
      const users = acc.users.size;
      const excess = acc.excess;
      const seats = Math.max(users, excess ?? 0);
      const seats_from = excess === null || users > excess ? 'users' : excess > users ? 'seat_count' : 'both';
      const days = dayNumber(windowEnd) - dayNumber(acc.first) + 1;
      return {
        product,
        seats,
        users_in_gap: users,
        over_count_excess: excess,
        seats_from,
        first_day: acc.first,
        last_day: acc.last,
        months: Math.round((days / MONTH_DAYS) * 100) / 100,
        rules: [...acc.rules],
      };
    });
}
