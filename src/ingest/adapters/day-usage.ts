import type { RowProblem } from './adapter.ts';
import { columnAdapter } from './columns.ts';
import { EmailPresence, exportPerson, linkIdentity } from './people.ts';
import { dayValue, firstProblem, isProblem, numberValue } from './values.ts';
import { KIND_LABELS } from '../kinds.ts';

const SEAT_COLUMNS = [
  'day_used', 'email', 'first_name', 'last_name', 'product_name', 'team_alias', 'offering_name', 'version', 'access_option',
  'hashed_autodesk_id', 'autodesk_id',
] as const;

const TOKEN_COLUMNS = ['day_used', 'email', 'first_name', 'last_name', 'feature', 'product_name', 'team_alias', 'tokens_used', 'hashed_autodesk_id', 'autodesk_id'] as const;

const SHARED_ALIASES = { product_name: ['Product'], team_alias: ['Team'], day_used: ['Date used', 'usage_date'], hashed_autodesk_id: ['hashed_id'] } as const;

/** Seat Usage export: one row per user x product x day; each row is one usage day. */
export const seatUsageAdapter = columnAdapter({
  kind: 'seat_usage',
  label: KIND_LABELS.seat_usage,
  expects: 'a Seat Usage export (Day used, Product and an e-mail or id per row)',
  primary: 'usage_day_rows',
  columns: SEAT_COLUMNS,
  aliases: SHARED_ALIASES,
  required: ['day_used', 'product_name'],
  anyOf: [['email', 'autodesk_id', 'hashed_autodesk_id']],
  distinctive: ['day_used'],
  dateColumns: ['day_used'],
  start(context) {
    const presence = new EmailPresence();
    return {
      map(get, line, sink): RowProblem | null {
        const who = exportPerson(get);
        if (isProblem(who)) return who;
        const product = get('product_name');
        if (!product) return { column: 'product_name', value: null, reason: 'missing product: Product is empty' };
        const day = dayValue('day_used', get('day_used'), context.dateOrder);
        if (day === null) return { column: 'day_used', value: null, reason: 'missing date: Day used is empty' };
        if (typeof day !== 'string') return day;
        presence.see(who);
        const access = get('access_option').toLowerCase();
        sink.add('usage_day_rows', line, {
          user_key: who.key, user_id: who.autodesk_id ?? who.hashed_id, user_email: who.email, user_name: who.name, product,
          product_line_code: null, day, licence_type: access.includes('flex') || access.includes('token') ? 'flex' : 'named_user',
          tokens: null, feature: null, device_name: null, team: get('team_alias') || null, source: 'seat_usage',
        });
        linkIdentity(sink, line, who);
        return null;
      },
      notes: () => presence.notes(),
    };
  },
});

/** Token Usage export (Flex): one row per user x product x day, with the tokens charged. */
export const tokenUsageAdapter = columnAdapter({
  kind: 'token_usage',
  label: KIND_LABELS.token_usage,
  expects: 'a Token Usage export (Day used, Product, Tokens used and an e-mail or id per row)',
  primary: 'usage_day_rows',
  columns: TOKEN_COLUMNS,
  aliases: SHARED_ALIASES,
  required: ['day_used', 'product_name', 'tokens_used'],
  anyOf: [['email', 'autodesk_id', 'hashed_autodesk_id']],
  distinctive: ['day_used', 'tokens_used', 'feature'],
  dateColumns: ['day_used'],
  start(context) {
    const presence = new EmailPresence();
    return {
      map(get, line, sink): RowProblem | null {
        const who = exportPerson(get);
        if (isProblem(who)) return who;
        const product = get('product_name');
        if (!product) return { column: 'product_name', value: null, reason: 'missing product: Product is empty' };
        const day = dayValue('day_used', get('day_used'), context.dateOrder);
        const tokens = numberValue('tokens_used', get('tokens_used'), context.decimalComma);
        const problem = firstProblem(day, tokens);
        if (problem) return problem;
        if (day === null) return { column: 'day_used', value: null, reason: 'missing date: Day used is empty' };
        presence.see(who);
        sink.add('usage_day_rows', line, {
          user_key: who.key, user_id: who.autodesk_id ?? who.hashed_id, user_email: who.email, user_name: who.name, product,
          product_line_code: null, day: day as string, licence_type: 'flex', tokens: tokens as number | null, feature: get('feature') || null,
          device_name: null, team: get('team_alias') || null, source: 'token_usage',
        });
        linkIdentity(sink, line, who);
        return null;
      },
      notes: () => presence.notes(),
    };
  },
});
