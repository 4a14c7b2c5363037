/** The code points JavaScript's trim() removes (RE2's \s and DuckDB's trim() know fewer). */
export const JS_WHITESPACE: readonly number[] = [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff];

/** Those code points as an RE2 class. */
export const SPACE_CLASS = `[${JS_WHITESPACE.map((c) => `\\x{${c.toString(16)}}`).join('')}]`;

/** A text in single quotes for SQL. */
export function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * `column` trimmed as JavaScript's trim() would. DuckDB's trim() with a set of characters is slow, so it runs only
 * for a value that starts or ends with a character outside 33-159 (every whitespace code point is below or above).
 */
export function trimSql(column: string): string {
  return `CASE WHEN ord(${column}) BETWEEN 33 AND 159 AND ord(right(${column}, 1)) BETWEEN 33 AND 159 THEN ${column}
    ELSE trim(${column}, ${sqlString(String.fromCodePoint(...JS_WHITESPACE))}) END`;
}

/** True when a text column is null, empty or only whitespace. */
export function blankSql(column: string): string {
  return `(${column} IS NULL OR NOT (ord(${column}) BETWEEN 33 AND 159) AND ${trimSql(column)} = '')`;
}
