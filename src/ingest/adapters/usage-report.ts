import type { RowProblem } from './adapter.ts';
import { columnAdapter } from './columns.ts';
import { EmailPresence, exportPerson, linkIdentity } from './people.ts';
import { dayValue, firstProblem, isProblem, numberValue, wholeValue } from './values.ts';
import { KIND_LABELS } from '../kinds.ts';

const COLUMNS = [
  'hashed_autodesk_id', 'first_name', 'last_name', 'email', 'autodesk_id', 'team_alias', 'group', 'offering_name', 'version',
  'seat_assignment', 'assigned_date', 'unassigned_date', 'user_activity', 'days_inactive', 'access_option', 'days_used',
  'monthly_average', 'tokens_used', 'last_accessed', 'account_status',
] as const;

/** How the assignment was made: direct ones can be removed one by one; group and default ones cannot. */
export function assignmentKind(text: string): string | null {
  const v = text.trim().toLowerCase();
  if (v === '') return null;
  if (v.includes('group')) return 'group';
  if (v.includes('default')) return 'default';
  if (v.includes('direct') || v === 'assigned' || v === 'individual' || v === 'manual') return 'direct';
  return v;
}

/**
 * Autodesk Account Usage Report: one row per user x offering, with the seat assignment and a usage summary.
 * Both header generations load: snake_case (offering_name, team_alias) and the 2026 title case (Product, Team).
 */
export const usageReportAdapter = columnAdapter({
  kind: 'usage_report',
  label: KIND_LABELS.usage_report,
  expects: 'an Autodesk Account Usage Report (offering_name or Product, an e-mail or Autodesk ID, seat_assignment, assigned_date, days_used...)',
  primary: 'assignments',
  columns: COLUMNS,
  aliases: { offering_name: ['Product', 'offering'], team_alias: ['Team'], hashed_autodesk_id: ['hashed_id', 'Hashed Autodesk ID'], email: ['e-mail', 'email address'] },
  required: ['offering_name'],
  anyOf: [['email', 'autodesk_id', 'hashed_autodesk_id']],
  distinctive: ['seat_assignment', 'assigned_date', 'unassigned_date', 'user_activity', 'days_inactive', 'days_used', 'monthly_average', 'last_accessed'],
  dateColumns: ['assigned_date', 'unassigned_date', 'last_accessed'],
  start(context) {
    const presence = new EmailPresence();
    return {
      map(get, line, sink): RowProblem | null {
        const who = exportPerson(get);
        if (isProblem(who)) return who;
        const offering = get('offering_name');
        if (!offering) return { column: 'offering_name', value: null, reason: 'missing offering: offering_name (Product) is empty' };
        const assigned = dayValue('assigned_date', get('assigned_date'), context.dateOrder);
        const unassigned = dayValue('unassigned_date', get('unassigned_date'), context.dateOrder);
        const last = dayValue('last_accessed', get('last_accessed'), context.dateOrder);
        const daysInactive = wholeValue('days_inactive', get('days_inactive'), context.decimalComma);
        const daysUsed = wholeValue('days_used', get('days_used'), context.decimalComma);
        const monthly = numberValue('monthly_average', get('monthly_average'), context.decimalComma);
        const tokens = numberValue('tokens_used', get('tokens_used'), context.decimalComma);
        const problem = firstProblem(assigned, unassigned, last, daysInactive, daysUsed, monthly, tokens);
        if (problem) return problem;
        if (typeof assigned === 'string' && typeof unassigned === 'string' && unassigned < assigned) {
          return { column: 'unassigned_date', value: get('unassigned_date'), reason: 'unassigned_date is before assigned_date' };
        }
        presence.see(who);
        sink.add('assignments', line, {
          user_key: who.key, autodesk_id: who.autodesk_id, hashed_id: who.hashed_id, user_email: who.email, user_name: who.name,
          offering, version: get('version') || null, seat_assignment: assignmentKind(get('seat_assignment')), team: get('team_alias') || null,
          group_name: get('group') || null, assigned_date: assigned as string | null, unassigned_date: unassigned as string | null,
          user_activity: get('user_activity') || null, days_inactive: daysInactive as number | null, access_option: get('access_option') || null,
          days_used: daysUsed as number | null, monthly_average: monthly as number | null, tokens_used: tokens as number | null,
          last_accessed: last as string | null, account_status: get('account_status') || null,
        });
        linkIdentity(sink, line, who);
        return null;
      },
      notes: () => presence.notes(),
    };
  },
});
