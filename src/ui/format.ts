/** Display formatting for the page. Numbers use en-GB grouping; dates stay ISO (YYYY-MM-DD), which no reader misreads. */

import { usd, usdRange } from '../lib/amounts.ts';

const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/** A count with thousands separators: 12345 -> "12,345". */
export function formatCount(n: number): string {
  return integer.format(n);
}

/** A measure with at most one decimal: 1234.56 -> "1,234.6". */
export function formatDecimal(n: number): string {
  return oneDecimal.format(n);
}

/** A ratio with at most two decimals, or a dash when there is none. */
export function formatRatio(n: number | null): string {
  return n === null ? '—' : `${twoDecimals.format(n)} ×`;
}

/** A file size in binary units: 2709884 -> "2.6 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${formatCount(bytes)} B`;
  const units = ['KB', 'MB', 'GB'] as const;
  let value = bytes / 1024;
  let unit: (typeof units)[number] = 'KB';
  for (const next of units.slice(1)) {
    if (value < 1024) break;
    value /= 1024;
    unit = next;
  }
  return `${oneDecimal.format(value)} ${unit}`;
}

/** "first – last", with a dash for an unknown end. */
export function formatRange(first: string | null, last: string | null): string {
  if (!first && !last) return '—';
  return `${first ?? '—'} – ${last ?? '—'}`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** The weekday of an ISO day, read in UTC: "2026-03-02" -> "Mon". */
export function weekday(isoDay: string): string {
  const day = new Date(`${isoDay}T00:00:00Z`).getUTCDay();
  return WEEKDAYS[day] ?? '';
}

/** The message of anything thrown, without comlink's or the browser's prefixes. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return String(error);
}

/** Money as US$, rounded to the dollar: 12345.6 -> "US$12,346". */
export const formatUsd = usd;

/** Money that may be missing (not priced): a dash then. */
export function formatMoney(amount: number | null): string {
  return amount === null ? '—' : usd(amount);
}

/** A money range, one figure when both ends round to the same dollar: "US$5,100 – US$8,415". */
export function formatMoneyRange(low: number, high: number): string {
  return usdRange(low, high, ' – ');
}

/** A share as a percentage with one decimal: 0.1543 -> "15.4%". */
export function formatShare(share: number | null): string {
  return share === null ? '—' : `${oneDecimal.format(share * 100)}%`;
}
