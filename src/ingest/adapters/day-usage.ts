import type { FileContext, RowProblem, Sink } from './adapter.ts';
import { columnAdapter, type Getter } from './columns.ts';
import { EmailPresence, exportPerson, linkIdentity } from './people.ts';
import { dayValue, isProblem, numberValue } from './values.ts';
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
  start: (context) =>
    dayUsageMapper(context, 'seat_usage', (get) => {
      const access = get('access_option').toLowerCase();
      return { licence_type: access.includes('flex') || access.includes('token') ? 'flex' : 'named_user', tokens: null, feature: null };
    }),
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
  start: (context) =>
    dayUsageMapper(context, 'token_usage', (get) => {
      const tokens = numberValue('tokens_used', get('tokens_used'), context.decimalComma);
      return isProblem(tokens) ? tokens : { licence_type: 'flex', tokens, feature: get('feature') || null };
    }),
});

type DayUsageColumn = (typeof SEAT_COLUMNS)[number] | (typeof TOKEN_COLUMNS)[number];
type HowLicensed = { licence_type: string; tokens: number | null; feature: string | null };

/** One usage day per row, of the person and product it names; `how` reads what differs between the two exports. */
function dayUsageMapper(context: FileContext, source: string, how: (get: Getter<DayUsageColumn>) => HowLicensed | RowProblem) {
  const presence = new EmailPresence();
  return {
    map(get: Getter<DayUsageColumn>, line: number, sink: Sink): RowProblem | null {
      const who = exportPerson(get);
      if (isProblem(who)) return who;
      const product = get('product_name');
      if (!product) return { column: 'product_name', value: null, reason: 'missing product: Product is empty' };
      const day = dayValue('day_used', get('day_used'), context.dateOrder);
      if (isProblem(day)) return day;
      const licensed = how(get);
      if (isProblem(licensed)) return licensed;
      if (day === null) return { column: 'day_used', value: null, reason: 'missing date: Day used is empty' };
      presence.see(who);
      sink.add('usage_day_rows', line, {
        user_key: who.key, user_id: who.autodesk_id ?? who.hashed_id, user_email: who.email, user_name: who.name, product,
        product_line_code: null, day, ...licensed, device_name: null, team: get('team_alias') || null, source,
      });
      linkIdentity(sink, line, who);
      return null;
    },
    notes: () => presence.notes(),
  };
}
