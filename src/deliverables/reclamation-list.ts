import { findingsOf } from '../engine/findings.ts';
import type { Review } from '../engine/api.ts';

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
  /** dormant_user or duplicate_access, and why in one sentence. */
  rule: 'dormant_user' | 'duplicate_access';
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
 * Rows from rule 1 (every dormant seat) and rule 4 (every redundant seat of a duplicate pair; Flex beside a seat is not
 * a seat to reclaim), largest saving first, then by user.
 */
export function reclamationList(review: Review): ReclamationRow[] {
  const dormant = findingsOf(review.rules, 'dormant_user');
  const duplicates = findingsOf(review.rules, 'duplicate_access');
  const rows: ReclamationRow[] = [
    ...dormant.map((f): ReclamationRow => ({
      user: f.user_key,
      offering: f.offering,
      assigned_date: f.assigned_date,
      last_use: f.last_usage_day ?? 'never',
      days_inactive: f.days_inactive,
      assignment_kind: f.seat_assignment ?? '',
      action: reclaimAction(f.seat_assignment),
      saving_per_year: f.saving_per_year,
      rule: 'dormant_user',
      reason: f.never_used
        ? `never used a product ${f.offering} covers in ${f.days_assigned} days held`
        : `no use of a product ${f.offering} covers since ${f.last_usage_day} (${f.last_usage_product})`,
    })),
    ...duplicates
      .filter((f) => f.kind !== 'named_and_flex')
      .map((f): ReclamationRow => ({
        user: f.user_key,
        offering: f.redundant,
        assigned_date: null,
        last_use: 'in use (duplicate)',
        days_inactive: null,
        assignment_kind: f.redundant_seat_assignment ?? '',
        action: reclaimAction(f.redundant_seat_assignment),
        saving_per_year: f.saving_basis === 'per_year' ? f.saving : null,
        rule: 'duplicate_access',
        reason: `${f.offering} already covers ${f.product} (held together ${f.overlap_days} days, ${f.overlap_start} to ${f.overlap_end})`,
      })),
  ];
  return rows.sort((a, b) => (b.saving_per_year ?? -1) - (a.saving_per_year ?? -1) || a.user.localeCompare(b.user) || a.offering.localeCompare(b.offering));
}
