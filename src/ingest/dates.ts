/**
 * Dates as they appear in exports: ISO, numeric with the day or the month first, English month
 * names and Excel serial day numbers. Everything is read as UTC; the machine's time zone never enters.
 */
import { isoDay, parseIsoTimestamp } from './timestamp.ts';

export type DateOrder = 'mdy' | 'dmy';

const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,3}))?)?(?:\s*([AaPp])\.?[Mm]\.?)?`;
/** What may stand between a date and its time: 'T', spaces, or a comma. */
const TIME_JOIN = String.raw`(?:T|\s*,\s*|\s+)`;
const OPTIONAL_TIME = `(?:${TIME_JOIN}${TIME})?`;

/** 3/30/2026, 30.3.2026, 30-03-2026: the same separator twice, a four-digit year. */
const NUMERIC = new RegExp(String.raw`^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})${OPTIONAL_TIME}$`);
/** 2026/3/30, 2026-3-5: year first is never ambiguous (zero-padded ISO goes through parseIsoTimestamp). */
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})${OPTIONAL_TIME}$`);
/** 30-Mar-2026, 30 March 2026. */
const DAY_MONTH_NAME = new RegExp(String.raw`^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4})${OPTIONAL_TIME}$`);
/** Mar 30, 2026, Thu May 05 2022 (the weekday is ignored). */
const MONTH_NAME_DAY = new RegExp(
  String.raw`^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${OPTIONAL_TIME}$`,
  'i',
);
const EXCEL_SERIAL = /^\d+(?:\.\d+)?$/;

/** Excel serial day numbers accepted as dates: 1954-10-03 to 2119-01-11. Smaller numbers are rather counts. */
const SERIAL_MIN = 20000;
const SERIAL_MAX = 80000;
/** Serial of 1970-01-01 in Excel's 1900 date system (which counts the fictional 1900-02-29). */
const SERIAL_OF_UNIX_EPOCH = 25569;
const DAY_MS = 86_400_000;

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

interface Clock {
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

/** Decides M/D/Y or D/M/Y from a file's slash/dot/dash dates: a first part above 12 proves D/M, a second part above 12 proves M/D. */
export class DateOrderDetector {
  private dayFirstProof = false;
  private monthFirstProof = false;
  private numeric = false;
  private ambiguousExample: string | null = null;

  add(text: string): void {
    const m = NUMERIC.exec(text.trim());
    if (!m) return;
    this.numeric = true;
    const first = Number(m[1]), second = Number(m[3]), year = Number(m[4]);
    // Only a part that makes the date impossible the other way round is proof (31/4/2026 proves nothing).
    const asMdy = isRealDate(year, first, second);
    const asDmy = isRealDate(year, second, first);
    if (asMdy && !asDmy) this.monthFirstProof = true;
    else if (asDmy && !asMdy) this.dayFirstProof = true;
    else if (asMdy && asDmy && first !== second) this.ambiguousExample ??= `${m[1]}${m[2]}${m[3]}${m[2]}${m[4]}`;
  }

  /** The order proven by the dates seen; null when nothing proves it, or when both orders were proven. */
  get decided(): DateOrder | null {
    if (this.dayFirstProof === this.monthFirstProof) return null;
    return this.dayFirstProof ? 'dmy' : 'mdy';
  }

  /** Both a D/M and an M/D proof were seen. */
  get conflicting(): boolean {
    return this.dayFirstProof && this.monthFirstProof;
  }

  get sawNumericDates(): boolean {
    return this.numeric;
  }

  /** A date seen that reads differently in the two orders, such as 3/4/2026, to show the user. */
  example(): string | null {
    return this.ambiguousExample;
  }
}

/** A date or date-time as `YYYY-MM-DD` (its UTC day when it carries a time zone offset). */
export function parseDay(text: string, order: DateOrder | null): string | null {
  const epoch = parseDateTime(text, order);
  return epoch === null ? null : isoDay(epoch);
}

/**
 * A date or date-time as epoch milliseconds (UTC). Without an offset the wall-clock value is taken
 * as UTC. `order` is the file's M/D or D/M order; when null, only dates that read one way parse.
 */
export function parseDateTime(text: string, order: DateOrder | null): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return parseIsoTimestamp(trimmed) ?? excelSerial(trimmed) ?? numericDate(trimmed, order) ?? yearFirstDate(trimmed) ?? namedMonthDate(trimmed);
}

function excelSerial(text: string): number | null {
  if (!EXCEL_SERIAL.test(text)) return null;
  const serial = Number(text);
  if (serial < SERIAL_MIN || serial > SERIAL_MAX) return null;
  return Math.round((serial - SERIAL_OF_UNIX_EPOCH) * DAY_MS);
}

function numericDate(text: string, order: DateOrder | null): number | null {
  const m = NUMERIC.exec(text);
  if (!m) return null;
  const first = Number(m[1]), second = Number(m[3]), year = Number(m[4]);
  const clock = clockOf(m.slice(5));
  if (!clock) return null;
  if (order === 'mdy') return utc(year, first, second, clock);
  if (order === 'dmy') return utc(year, second, first, clock);
  const asMdy = utc(year, first, second, clock);
  const asDmy = utc(year, second, first, clock);
  if (asMdy !== null && asDmy !== null && asMdy !== asDmy) return null; // ambiguous without the file's order
  return asMdy ?? asDmy;
}

function yearFirstDate(text: string): number | null {
  const m = YEAR_FIRST.exec(text);
  if (!m) return null;
  const clock = clockOf(m.slice(5));
  return clock ? utc(Number(m[1]), Number(m[3]), Number(m[4]), clock) : null;
}

function namedMonthDate(text: string): number | null {
  const dayFirst = DAY_MONTH_NAME.exec(text);
  if (dayFirst) {
    const clock = clockOf(dayFirst.slice(4));
    return clock ? utc(Number(dayFirst[3]), monthNumber(dayFirst[2]!), Number(dayFirst[1]), clock) : null;
  }
  const monthFirst = MONTH_NAME_DAY.exec(text);
  if (monthFirst) {
    const clock = clockOf(monthFirst.slice(4));
    return clock ? utc(Number(monthFirst[3]), monthNumber(monthFirst[1]!), Number(monthFirst[2]), clock) : null;
  }
  return null;
}

/** 1-12 for an English month name or abbreviation ('Mar', 'March', 'Sept'); 0 when it is none. */
function monthNumber(name: string): number {
  const lower = name.toLowerCase();
  const isName = (full: string) => lower === full || lower === full.slice(0, 3) || (full === 'september' && lower === 'sept');
  return MONTHS.findIndex(isName) + 1;
}

/** The time-of-day groups of OPTIONAL_TIME (hour, minute, second, fraction, AM/PM); midnight when absent. */
function clockOf([hourText, minuteText, secondText, fraction, meridiem]: (string | undefined)[]): Clock | null {
  if (hourText === undefined) return { hour: 0, minute: 0, second: 0, ms: 0 };
  let hour = Number(hourText);
  const minute = Number(minuteText), second = Number(secondText ?? '0');
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem.toLowerCase() === 'p' ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return null;
  const ms = fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0;
  return { hour, minute, second, ms };
}

/** Epoch ms of a wall-clock value read as UTC; null for an impossible date such as 31 April. */
function utc(year: number, month: number, day: number, clock: Clock): number | null {
  if (!isRealDate(year, month, day)) return null;
  return Date.UTC(year, month - 1, day, clock.hour, clock.minute, clock.second, clock.ms);
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 1000 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
