/** Small text helpers shared by the readers. */

/** Writes a number as plain decimal text: never an exponent, so 1e21 reads '1000000000000000000000'. */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (n === 0) return '0'; // also -0
  const text = String(n);
  return text.includes('e') ? expandExponent(text) : text;
}

/** '1.5e-7' -> '0.00000015', '1.2e+21' -> '1200000000000000000000'. */
function expandExponent(text: string): string {
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!m) return text;
  const [, sign = '', lead = '', rest = '', exponent = '0'] = m;
  const digits = lead + rest;
  const point = 1 + Number(exponent); // digits before the decimal point
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** 'a', 'a and b', 'a, b and c'. */
export function listOf(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
