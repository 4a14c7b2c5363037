/** Display formatting for the page. Numbers use en-GB grouping; dates stay ISO (YYYY-MM-DD), which no reader misreads. */

import { DEFAULT_CURRENCY, currencySymbol, money, moneyChange, moneyRange } from '../lib/amounts.ts';
import { fileSize } from '../lib/wording.ts';
import { engagementLine, engagementOf } from '../deliverables/engagement.ts';
import type { ReviewWindow } from '../rules/rule.ts';
import type { ReviewSettings } from '../settings/schema.ts';

let reviewOf: () => { settings: ReviewSettings; window: ReviewWindow | null } | null = () => null;

/**
 * Where the page's formats read the review in force: the session hands a getter over its review, so that every money
 * figure a template formats follows a settings change (the engagement's currency, settings `prices.currency`).
 */
export function readReviewFrom(get: () => { settings: ReviewSettings; window: ReviewWindow | null } | null): void {
  reviewOf = get;
}

const currencyOf = () => reviewOf()?.settings.prices.currency ?? DEFAULT_CURRENCY;

/** "Prepared for … · review window … · amounts in GBP (£)": what a chart's PNG says under its title. */
export function reviewContext(): string {
  const review = reviewOf();
  return review ? engagementLine(engagementOf(review.settings, review.window)) : '';
}

/** The engagement's currency code, as the page shows money in it. */
export function pageCurrency(): string {
  return currencyOf();
}

/** The symbol of the engagement's currency: "US$", "£". */
export function pageCurrencySymbol(): string {
  return currencySymbol(currencyOf());
}

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
export const formatBytes = fileSize;

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

/** Money that may be missing (not priced): a dash then. In the engagement's currency, whole units: "US$12,346", "£12,346". */
export function formatMoney(amount: number | null): string {
  return amount === null ? '—' : money(amount, currencyOf());
}

/** A money range, one figure when both ends round to the same unit: "US$5,100 – US$8,415". */
export function formatMoneyRange(low: number, high: number): string {
  return moneyRange(low, high, currencyOf(), ' – ');
}

/** A change of money with its sign: "+£2,965", "-£400", "£0". */
export function formatMoneyChange(amount: number): string {
  return moneyChange(amount, currencyOf());
}

/** Typical ranges advisers quote in US dollars stay in US dollars, whatever the engagement's currency. */
export function formatUsdRange(low: number, high: number): string {
  return moneyRange(low, high, 'USD', ' – ');
}

/** A share as a percentage with one decimal: 0.1543 -> "15.4%". */
export function formatShare(share: number | null): string {
  return share === null ? '—' : `${oneDecimal.format(share * 100)}%`;
}
