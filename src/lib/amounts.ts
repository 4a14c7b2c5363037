/** Money as the product writes it, in one place for the engine, the files and the page. */

/** Rounded to the cent: every stored money figure. */
export const cents = (v: number): number => Math.round(v * 100) / 100;

/** The currency of a review that does not name one (settings `prices.currency`). */
export const DEFAULT_CURRENCY = 'USD';

const formats = new Map<string, Intl.NumberFormat>();

/** British English grouping with the currency's own symbol: US$ for USD (never a bare $), £ for GBP, € for EUR. */
function format(currency: string): Intl.NumberFormat {
  let f = formats.get(currency);
  if (!f) {
    f = new Intl.NumberFormat('en-GB', { style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0 });
    formats.set(currency, f);
  }
  return f;
}

/** True for an ISO 4217 code this JavaScript engine can format. */
export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    format(code);
    return typeof Intl.supportedValuesOf !== 'function' || Intl.supportedValuesOf('currency').includes(code);
  } catch {
    return false;
  }
}

/** Rounded to the whole unit in `currency`: 12345.6 -> "US$12,346" (USD), "£12,346" (GBP); -415 -> "-£415". */
export function money(amount: number, currency: string = DEFAULT_CURRENCY): string {
  // Halves round away from zero, as on paper: -7,499.5 is -7,500.
  const rounded = Math.sign(amount) * Math.round(Math.abs(amount));
  return format(currency).format(rounded === 0 ? 0 : rounded);
}

/** A change of money with its sign: "+£2,965", "-£400", "£0". */
export function moneyChange(amount: number, currency: string = DEFAULT_CURRENCY): string {
  const text = money(amount, currency);
  return Math.round(amount) > 0 ? `+${text}` : text;
}

/** A range, one figure when both ends round to the same unit. */
export function moneyRange(low: number, high: number, currency: string = DEFAULT_CURRENCY, joiner = ' to '): string {
  const a = money(low, currency);
  const b = money(high, currency);
  return a === b ? a : `${a}${joiner}${b}`;
}

/** The currency's minor unit digits (ISO 4217): 2 for GBP, 0 for JPY, 3 for KWD. */
export function currencyDecimals(currency: string = DEFAULT_CURRENCY): number {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** The symbol `money` writes for `currency`: "US$", "£", "€", "CHF". */
export function currencySymbol(currency: string = DEFAULT_CURRENCY): string {
  return format(currency).formatToParts(0).find((p) => p.type === 'currency')?.value ?? currency;
}
