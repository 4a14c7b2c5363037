import { parseIsoTimestamp } from '../timestamp.ts';
import { isIpAddress } from '../../lib/ip.ts';

/** The canonical LRT session format: the project's own public file format, one row per product session. */
export const LRT_SESSION_COLUMNS = [
  'user_id',
  'user_email',
  'user_name',
  'product',
  'product_line_code',
  'product_version',
  'feature',
  'device_name',
  'device_id',
  'os',
  'ip_address',
  'network_domain',
  'session_start',
  'session_end',
  'duration_minutes',
  'licence_type',
  'tokens',
  'source',
] as const;

export type LrtSessionColumn = (typeof LRT_SESSION_COLUMNS)[number];

export const LRT_REQUIRED: readonly LrtSessionColumn[] = ['user_id', 'product', 'session_start'];

/** Other spellings accepted for a column (on top of case, space, underscore and punctuation folding). */
export const LRT_ALIASES: Partial<Record<LrtSessionColumn, readonly string[]>> = {
  licence_type: ['license_type'],
  user_email: ['email'],
  duration_minutes: ['duration_min'],
};

export const LICENCE_TYPES = ['named_user', 'flex', 'network', 'serial', 'unknown'] as const;
export type LicenceType = (typeof LICENCE_TYPES)[number];

/** One valid session, ready for the engine's tables. */
export interface SessionRow {
  user_key: string;
  user_id: string;
  user_email: string | null;
  user_name: string | null;
  product: string;
  product_line_code: string | null;
  product_version: string | null;
  feature: string | null;
  device_name: string | null;
  device_id: string | null;
  os: string | null;
  ip_address: string | null;
  network_domain: string | null;
  /** Epoch milliseconds, UTC. */
  session_start: number;
  session_end: number | null;
  duration_minutes: number | null;
  licence_type: LicenceType;
  tokens: number | null;
  source: string | null;
}

export type { RowProblem } from '../adapters/adapter.ts';
import type { RowProblem } from '../adapters/adapter.ts';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** Autodesk masks personal data as asterisks when the team's personal-data setting is off. */
const MASKED = /^\*+$/;

/** Validates one record's values (already picked by column); returns the session or the first problem. */
export function toSessionRow(get: (c: LrtSessionColumn) => string): SessionRow | RowProblem {
  const text = (c: LrtSessionColumn) => {
    const v = get(c).trim();
    return v === '' ? null : v;
  };
  const userId = text('user_id');
  if (!userId) return { column: 'user_id', value: null, reason: 'missing user: user_id is empty' };
  const product = text('product');
  if (!product) return { column: 'product', value: null, reason: 'missing product: product is empty' };

  const startText = text('session_start');
  if (!startText) return { column: 'session_start', value: null, reason: 'missing session_start' };
  const start = parseIsoTimestamp(startText);
  if (start === null) return badDate('session_start', startText);
  const endText = text('session_end');
  const end = endText === null ? null : parseIsoTimestamp(endText);
  if (endText !== null && end === null) return badDate('session_end', endText);
  if (end !== null && end < start) return { column: 'session_end', value: endText, reason: 'session_end is before session_start' };

  const duration = number('duration_minutes', text('duration_minutes'));
  if (typeof duration === 'object' && duration !== null) return duration;
  const tokens = number('tokens', text('tokens'));
  if (typeof tokens === 'object' && tokens !== null) return tokens;

  const licenceText = text('licence_type');
  const licence = licenceText === null ? 'unknown' : normaliseLicenceType(licenceText);
  if (licence === null) {
    return { column: 'licence_type', value: licenceText, reason: `unknown licence type: expected one of ${LICENCE_TYPES.join(', ')}` };
  }

  let email = text('user_email');
  if (email !== null && MASKED.test(email)) email = null;
  if (email !== null && !EMAIL.test(email)) return { column: 'user_email', value: email, reason: 'bad e-mail address' };
  const ip = text('ip_address');
  if (ip !== null && !isIpAddress(ip)) return { column: 'ip_address', value: ip, reason: 'bad IP address: expected IPv4 or IPv6' };

  const userName = text('user_name');
  return {
    user_key: (email ?? userId).toLowerCase(),
    user_id: userId,
    user_email: email,
    user_name: userName !== null && MASKED.test(userName) ? null : userName,
    product,
    product_line_code: text('product_line_code'),
    product_version: text('product_version'),
    feature: text('feature'),
    device_name: text('device_name'),
    device_id: text('device_id'),
    os: text('os'),
    ip_address: ip,
    network_domain: text('network_domain'),
    session_start: start,
    session_end: end,
    duration_minutes: duration ?? (end !== null ? (end - start) / 60_000 : null),
    licence_type: licence,
    tokens,
    source: text('source'),
  };
}

export function isRowProblem(r: SessionRow | RowProblem): r is RowProblem {
  return 'reason' in r;
}

function badDate(column: LrtSessionColumn, value: string): RowProblem {
  return { column, value, reason: 'bad date: expected ISO 8601, such as 2025-03-04T08:30:00Z' };
}

function number(column: LrtSessionColumn, value: string | null): number | null | RowProblem {
  if (value === null) return null;
  const n = /^[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(value) ? Number(value) : NaN;
  if (Number.isFinite(n)) return n;
  if (/^-/.test(value) && Number.isFinite(Number(value))) return { column, value, reason: `negative number: ${column} cannot be below 0` };
  return { column, value, reason: `bad number: expected a number such as 42.5` };
}

function normaliseLicenceType(value: string): LicenceType | null {
  const v = value.trim().toLowerCase().replace(/[\s-]+/g, '_');
  const aliases: Record<string, LicenceType> = { named: 'named_user', nameduser: 'named_user', multi_user: 'network', multiuser: 'network', token: 'flex', tokens: 'flex' };
  const found = (LICENCE_TYPES as readonly string[]).includes(v) ? (v as LicenceType) : aliases[v.replace(/_/g, '')] ?? aliases[v];
  return found ?? null;
}
