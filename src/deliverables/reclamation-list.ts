import type { Review } from '../money/money-review.ts';
import type { TableColumn } from './table-columns.ts';

/** One seat and the one action it takes (rulebook 14): a row of the action list. */
export interface ReclamationRow {
  user: string;
  offering: string;
  /** What to do with the seat, in words: reclaim it, remove the duplicate, move it to Flex, replace the Collection. */
  action: string;
  assigned_date: string | null;
  /** The last usage day of a covered product, "never", or "in use". */
  last_use: string;
  days_inactive: number | null;
  /** direct, group or default, as Autodesk Account reports it; empty when the export does not say. */
  assignment_kind: string;
  /** How to do it in Autodesk Account: group and default assignments cannot be changed one by one. */
  how: string;
  saving_per_year: number | null;
  /** The finding that proposes the action (its rule's title), and why in one sentence. */
  finding: string;
  reason: string;
}

/** The action list's columns: who, what to do and what it saves first, then the evidence. */
export const RECLAMATION_COLUMNS: readonly TableColumn<ReclamationRow>[] = [
  { key: 'user', header: 'User' },
  { key: 'offering', header: 'Offering' },
  { key: 'action', header: 'Action' },
  { key: 'saving_per_year', header: 'Saving per year', format: 'money' },
  { key: 'days_inactive', header: 'Days inactive', format: 'count' },
  { key: 'last_use', header: 'Last use', format: 'date' },
  { key: 'assigned_date', header: 'Assigned', format: 'date' },
  { key: 'assignment_kind', header: 'Assignment' },
  { key: 'how', header: 'How to change it' },
  { key: 'finding', header: 'Finding' },
  { key: 'reason', header: 'Why' },
];

/** Group and default seats come from a group membership or a default rule: only changing that frees the seat. */
export function reclaimAction(kind: string | null): string {
  const k = (kind ?? '').toLowerCase();
  if (k.includes('group')) return 'through the group membership';
  if (k.includes('default')) return 'through the group membership (default assignment)';
  return 'on the seat itself';
}

/** The action list: every seat's one chosen action (review.actions), largest saving first. Its total is the savings total. */
export function reclamationList(review: Review): ReclamationRow[] {
  return review.actions.map((a) => ({
    user: a.user,
    offering: a.offering,
    action: a.action,
    assigned_date: a.assigned_date,
    last_use: a.last_use,
    days_inactive: a.days_inactive,
    assignment_kind: a.seat_assignment ?? '',
    how: reclaimAction(a.seat_assignment),
    saving_per_year: a.saving_per_year,
    finding: a.finding,
    reason: a.reason,
  }));
}
