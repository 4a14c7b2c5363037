/**
 * Characters that make a spreadsheet read a cell as a formula (or, for a tab or carriage return, that Excel
 * strips before doing so): a text starting with one of them is never written as it stands.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A neutralised text: an apostrophe followed by one of the formula-starting characters. */
const NEUTRALISED = /^'[=+\-@\t\r]/;

/**
 * Makes a text inert in a spreadsheet (CSV or XLSX): one that begins with `=`, `+`, `-`, `@`, a tab or a carriage
 * return gets a leading apostrophe, so that no spreadsheet ever runs it as a formula (CSV injection). Any other text
 * is returned unchanged. Numbers are never passed through this: a negative number stays a number.
 */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * Undoes `neutralise` exactly: a leading apostrophe immediately followed by one of `= + - @ \t \r` is dropped.
 * Only for files this product wrote (the canonical session CSV), never for third-party exports.
 */
export function unneutralise(text: string): string {
  return NEUTRALISED.test(text) ? text.slice(1) : text;
}

/**
 * One CSV field: texts are neutralised (see `neutralise`), then quoted when they hold the delimiter, a quote or a
 * line break. Numbers, bigints and booleans are written as they are; null and undefined as an empty field.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' ? String(value) : neutralise(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly unknown[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

/** Rows to CSV text with the given columns as header, in that order. */
export function toCsv<Row extends object>(columns: readonly (keyof Row & string)[], rows: readonly Row[]): string {
  return csvLine(columns) + rows.map((r) => csvLine(columns.map((c) => r[c]))).join('');
}
