import type { RowProblem } from './adapter.ts';
import { columnAdapter } from './columns.ts';
import { EmailPresence, person } from './people.ts';
import { dayValue, firstProblem } from './values.ts';
import { KIND_LABELS } from '../kinds.ts';

const SUBSCRIPTION_COLUMNS = [
  'subscription_id', 'contract_number', 'offering_name', 'seat_quantity', 'start_date', 'end_date', 'autorenew_date', 'term',
  'subscription_status', 'reseller_name', 'reseller_email', 'team_alias',
] as const;

/** Subscriptions export: entitlements. "Unlimited Seats" (Flex) is not a count. */
export const subscriptionsAdapter = columnAdapter({
  kind: 'subscriptions',
  label: KIND_LABELS.subscriptions,
  expects: 'a Subscriptions export (offering_name, seat_quantity, start_date, end_date...)',
  primary: 'entitlements',
  columns: SUBSCRIPTION_COLUMNS,
  aliases: { offering_name: ['Product', 'offering'], seat_quantity: ['Seats', 'Quantity'], team_alias: ['Team'], subscription_status: ['Status'] },
  required: ['offering_name', 'seat_quantity'],
  distinctive: ['subscription_id', 'contract_number', 'seat_quantity', 'term', 'autorenew_date', 'subscription_status'],
  dateColumns: ['start_date', 'end_date', 'autorenew_date'],
  start(context) {
    return {
      map(get, line, sink): RowProblem | null {
        const offering = get('offering_name');
        if (!offering) return { column: 'offering_name', value: null, reason: 'missing offering: offering_name is empty' };
        const seats = get('seat_quantity');
        const unlimited = /unlimited/i.test(seats);
        const digits = seats.replace(context.decimalComma ? /[.\s\u00a0]/g : /,/g, ''); // thousands separators
        const quantity = unlimited ? null : /^\d+$/.test(digits) ? Number(digits) : NaN;
        if (Number.isNaN(quantity)) return { column: 'seat_quantity', value: seats, reason: 'bad seat quantity: expected a whole number or "Unlimited Seats"' };
        const start = dayValue('start_date', get('start_date'), context.dateOrder);
        const end = dayValue('end_date', get('end_date'), context.dateOrder);
        const renew = dayValue('autorenew_date', get('autorenew_date'), context.dateOrder);
        const problem = firstProblem(start, end, renew);
        if (problem) return problem;
        if (typeof start === 'string' && typeof end === 'string' && end < start) return { column: 'end_date', value: get('end_date'), reason: 'end_date is before start_date' };
        sink.add('entitlements', line, {
          subscription_id: get('subscription_id') || null, contract_number: get('contract_number') || null, offering, seat_quantity: quantity,
          unlimited, start_date: start as string | null, end_date: end as string | null, autorenew_date: renew as string | null,
          term: get('term') || null, status: get('subscription_status') || null, reseller_name: get('reseller_name') || null, team: get('team_alias') || null,
        });
        return null;
      },
    };
  },
});

const USER_COLUMNS = ['autodesk_id', 'email', 'first_name', 'last_name', 'offering_name', 'product_name', 'role', 'team_alias', 'account_status'] as const;

/** Users export: who is on the team, their role and what they are given. */
export const usersAdapter = columnAdapter({
  kind: 'users',
  label: KIND_LABELS.users,
  expects: 'a Users export (email or autodesk_id, role, offering_name...)',
  primary: 'directory_users',
  columns: USER_COLUMNS,
  aliases: { team_alias: ['Team'], account_status: ['Status'] },
  required: [],
  anyOf: [['email', 'autodesk_id'], ['role', 'account_status', 'offering_name', 'product_name']],
  distinctive: ['role', 'account_status'],
  start() {
    const presence = new EmailPresence();
    return {
      map(get, line, sink): RowProblem | null {
        const who = person({ email: get('email'), autodesk_id: get('autodesk_id'), first_name: get('first_name'), last_name: get('last_name') });
        if (!who) return { column: 'email', value: null, reason: 'missing user: no e-mail or Autodesk ID' };
        presence.see(who);
        sink.add('directory_users', line, {
          user_key: who.key, autodesk_id: who.autodesk_id, user_email: who.email, user_name: who.name, offering: get('offering_name') || null,
          product: get('product_name') || null, role: get('role') || null, team: get('team_alias') || null, account_status: get('account_status') || null,
        });
        if (who.email && who.autodesk_id) sink.add('identities', line, { user_email: who.email, autodesk_id: who.autodesk_id, hashed_id: null });
        return null;
      },
      notes: () => presence.notes(),
    };
  },
});
