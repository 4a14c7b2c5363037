import { parseDateTime, parseDay, type DateOrder } from '../dates.ts';
import type { RowProblem } from './adapter.ts';

/** Value readers shared by the export adapters: each returns the value, null for empty, or the problem. */

export function isProblem(v: unknown): v is RowProblem {
  return typeof v === 'object' && v !== null && 'reason' in v;
}

export function dayValue(column: string, text: string, order: DateOrder | null): string | null | RowProblem {
  if (text === '') return null;
  return parseDay(text, order) ?? { column, value: text, reason: 'bad date: expected a date such as 2026-03-04, 3/4/2026 or an Excel date' };
}

export function timeValue(column: string, text: string, order: DateOrder | null): number | null | RowProblem {
  if (text === '') return null;
  return parseDateTime(text, order) ?? { column, value: text, reason: 'bad date: expected a date and time such as 2026-03-04 08:30:00' };
}

/** A number as exports write it: plain, or with thousands separators (1,234.5); with `decimalComma`, 1.234,5. */
export function numberValue(column: string, text: string, decimalComma = false): number | null | RowProblem {
  if (text === '') return null;
  const plain = decimalComma
    ? text.replace(/(?<=\d)[.\s\u00a0](?=\d{3}(\D|$))/g, '').replace(/^([+-]?\d*),(\d+)$/, '$1.$2')
    : text.replace(/(?<=\d),(?=\d{3}(\D|$))/g, '');
  const n = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(plain) ? Number(plain) : NaN;
  if (!Number.isFinite(n)) return { column, value: text, reason: 'bad number: expected a number such as 42.5' };
  if (n < 0) return { column, value: text, reason: `negative number: ${column} cannot be below 0` };
  return n;
}

export function wholeValue(column: string, text: string, decimalComma = false): number | null | RowProblem {
  const n = numberValue(column, text, decimalComma);
  if (typeof n === 'number' && !Number.isInteger(n)) return { column, value: text, reason: 'bad number: expected a whole number' };
  return n;
}

/** Returns the first problem among the values, for a mapper's early exit. */
export function firstProblem(...values: unknown[]): RowProblem | null {
  return (values.find(isProblem) as RowProblem | undefined) ?? null;
}
