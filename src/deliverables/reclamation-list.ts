import type { Review } from '../money/money-review.ts';
import { ALL_RULES, type RuleId } from '../rules/registry.ts';
import { findingsOf } from '../rules/findings.ts';

/** One seat to take back: the Named User reclamation list. */
export interface ReclamationRow {
  user: string;
  offering: string;
  assigned_date: string | null;
  /** The last usage day of a covered product, "never", or for a duplicate "in use (duplicate)". */
  last_use: string;
  days_inactive: number | null;
  /** direct, group or default, as Autodesk Account reports it; empty when the export does not say. */
  assignment_kind: string;
  /** What to do in Autodesk Account: group and default assignments cannot be removed one by one. */
  action: string;
  saving_per_year: number | null;
  /** The rule that proposes the seat, and why in one sentence. */
  rule: RuleId;
  reason: string;
}

export const RECLAMATION_COLUMNS = [
  'user', 'offering', 'assigned_date', 'last_use', 'days_inactive', 'assignment_kind', 'action', 'saving_per_year', 'rule', 'reason',
] as const satisfies readonly (keyof ReclamationRow)[];

/** Group and default seats come from a group membership or a default rule: only changing that frees the seat. */
export function reclaimAction(kind: string | null): string {
  const k = (kind ?? '').toLowerCase();
  if (k.includes('group')) return 'unassign the group membership';
  if (k.includes('default')) return 'unassign the group membership (default assignment)';
  return 'unassign the seat';
}

/**
 * Every seat a rule proposes to take back (rules/rule.ts, reclaim: every dormant seat, every redundant seat of a
 * duplicate pair), largest saving first, then by user.
 */
export function reclamationList(review: Review): ReclamationRow[] {
  const rows = ALL_RULES.flatMap((rule) => {
    if (!rule.reclaim) return [];
    const findings = findingsOf(review.rules, rule);
    return findings.flatMap((f): ReclamationRow[] => {
      const seat = rule.reclaim!(f);
      if (!seat) return [];
      return [{
        user: seat.user,
        offering: seat.offering,
        assigned_date: seat.assigned_date,
        last_use: seat.last_use,
        days_inactive: seat.days_inactive,
        assignment_kind: seat.seat_assignment ?? '',
        action: reclaimAction(seat.seat_assignment),
        saving_per_year: seat.saving_per_year,
        rule: rule.id,
        reason: seat.reason,
      }];
    });
  });
  return rows.sort((a, b) => (b.saving_per_year ?? -1) - (a.saving_per_year ?? -1) || a.user.localeCompare(b.user) || a.offering.localeCompare(b.offering));
}
