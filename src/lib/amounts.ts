/** Money as the product writes it, in one place for the engine, the files and the page. */

/** Rounded to the cent: every stored money figure. */
export const cents = (v: number): number => Math.round(v * 100) / 100;

/** US$ rounded to the dollar: 12345.6 -> "US$12,346", -415 -> "-US$415". */
export function usd(amount: number): string {
  const text = `US$${Math.round(Math.abs(amount)).toLocaleString('en-US')}`;
  return amount < 0 && Math.round(amount) !== 0 ? `-${text}` : text;
}

/** A range, one figure when both ends round to the same dollar. */
export function usdRange(low: number, high: number, joiner = ' to '): string {
  return usd(low) === usd(high) ? usd(low) : `${usd(low)}${joiner}${usd(high)}`;
}
