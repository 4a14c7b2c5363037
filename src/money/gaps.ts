import type { Finding, RuleId } from '../engine/api.ts';
import type { OverCountFinding } from '../rules/over-count.ts';
import { MONTH_DAYS } from '../rules/seat-activity.ts';

/** One product's compliance shortfall, measured from the review's compliance findings (rulebook: exposure inputs). */
export interface GapMeasure {
  product: string;
  /** Seats short N: the larger of users_in_gap and over_count_excess (two sides of one shortfall, never added). */
  seats: number;
  /** Distinct users with unlicensed (rule 6) or out-of-scope (rule 7) use of the product. */
  users_in_gap: number;
  /** Largest daily value above the seat count S(d) (rule 8, named-user or network); null when the product is never over S. */
  over_count_excess: number | null;
  /** Which side gave N: users, over_count, or both when they are equal. */
  seats_from: 'users' | 'over_count' | 'both';
  /** First and last day of the shortfall in the window, over every contributing finding. */
  first_day: string;
  last_day: string;
  /** How long the gap has run: first_day to window_end inclusive, in months of 30.44 days (2 decimals). */
  months: number;
  /** The rules whose findings make up the gap. */
  rules: RuleId[];
}

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

interface Accumulator {
  users: Set<string>;
  excess: number | null;
  first: string;
  last: string;
  rules: Set<RuleId>;
}

/**
 * Gap inputs per product from the compliance findings: unlicensed_access (one finding per user), out_of_scope
 * (its user list) and over_count (its largest excess over S). Products whose only over-count is never above S
 * have no gap. Ordered by product name.
 */
export function gapMeasures(findings: readonly Finding[], windowEnd: string): GapMeasure[] {
  const byProduct = new Map<string, Accumulator>();
  const at = (product: string, first: string, last: string, rule: RuleId): Accumulator => {
    let acc = byProduct.get(product);
    if (!acc) {
      acc = { users: new Set(), excess: null, first, last, rules: new Set() };
      byProduct.set(product, acc);
    }
    if (first < acc.first) acc.first = first;
    if (last > acc.last) acc.last = last;
    acc.rules.add(rule);
    return acc;
  };

  for (const f of findings) {
    if (f.rule === 'unlicensed_access') at(f.product, f.first_day, f.last_day, f.rule).users.add(f.user_key);
    else if (f.rule === 'out_of_scope') for (const u of f.user_keys) at(f.product, f.first_day, f.last_day, f.rule).users.add(u);
    else if (f.rule === 'over_count') addOverCount(f, at);
  }

  return [...byProduct.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'en'))
    .map(([product, acc]) => {
      const users = acc.users.size;
      const excess = acc.excess;
      const seats = Math.max(users, excess ?? 0);
      const seats_from = excess === null || users > excess ? 'users' : excess > users ? 'over_count' : 'both';
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

function addOverCount(f: OverCountFinding, at: (product: string, first: string, last: string, rule: RuleId) => Accumulator): void {
  if (f.max_excess === null || f.max_excess <= 0 || f.first_day_over === null || f.last_day_over === null) return;
  const acc = at(f.product, f.first_day_over, f.last_day_over, f.rule);
  // Named-user and network series of one product measure the same shortfall: the larger one stands.
  acc.excess = Math.max(acc.excess ?? 0, f.max_excess);
}
