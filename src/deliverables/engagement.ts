import { currencySymbol } from '../lib/amounts.ts';
import type { ReviewWindow } from '../rules/rule.ts';
import type { ReviewSettings } from '../settings/schema.ts';

/** Who a deliverable is for and by, its period and its currency: the same on every file. */
export interface Engagement {
  client: string | null;
  prepared_by: string | null;
  review_date: string | null;
  currency: string;
  window: { start: string; end: string } | null;
}

export function engagementOf(settings: ReviewSettings, window: ReviewWindow | null): Engagement {
  const e = settings.engagement;
  return { client: e.client, prepared_by: e.prepared_by, review_date: e.review_date, currency: settings.prices.currency, window: window ? { start: window.start, end: window.end } : null };
}

/** "Prepared for Northwind Design by A. Consultant, 2026-11-15"; null when the engagement names nobody and no date. */
export function preparedLine(e: Engagement): string | null {
  if (!e.client && !e.prepared_by && !e.review_date) return null;
  const who = ['Prepared', e.client ? `for ${e.client}` : '', e.prepared_by ? `by ${e.prepared_by}` : ''].filter((p) => p !== '').join(' ');
  return e.review_date ? `${who}, ${e.review_date}` : who;
}

/**
 * The line that opens every client file: "Action list · Prepared for Northwind Design by A. Consultant, 2026-11-15 ·
 * review window 2025-07-01 to 2026-06-30 · amounts in GBP (£)".
 */
export function fileHeading(title: string, e: Engagement): string {
  return `${title} · ${engagementLine(e)}`;
}

/** The heading without a title: "Prepared for … · review window … · amounts in GBP (£)" (a chart's subtitle). */
export function engagementLine(e: Engagement): string {
  const symbol = currencySymbol(e.currency);
  return [
    preparedLine(e),
    e.window ? `review window ${e.window.start} to ${e.window.end}` : 'no review window (no usage data)',
    `amounts in ${e.currency}${symbol !== e.currency ? ` (${symbol})` : ''}`,
  ]
    .filter((p): p is string => p !== null)
    .join(' · ');
}
