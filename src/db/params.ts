/** A value bound to a placeholder. Dates travel as ISO strings and are cast in SQL. */
export type Param = string | number | boolean | null;

/** Values bound by name: `$window_end` in the SQL takes `window_end`. */
export type NamedParams = Readonly<Record<string, Param>>;

/**
 * Turns `$name` placeholders into DuckDB's positional `$n` and lists the values in that order, so that SQL fragments
 * written apart (the seat CTEs, a rule's query) agree on what they read by name, not by position. Quoted text and
 * comments are left alone; a name without a value is an error, a value the SQL does not use is not.
 */
export function bindNamed(sql: string, params: NamedParams): { sql: string; values: Param[] } {
  const order = new Map<string, number>();
  const values: Param[] = [];
  const text = sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^']|'')*'|"(?:[^"]|"")*"|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, name: string | undefined) => {
    if (name === undefined) return whole;
    if (!Object.hasOwn(params, name)) throw new Error(`SQL parameter $${name} has no value.`);
    let at = order.get(name);
    if (at === undefined) {
      values.push(params[name]!);
      at = values.length;
      order.set(name, at);
    }
    return `$${at}`;
  });
  return { sql: text, values };
}

/** Positional values as they are; named ones bound through bindNamed. */
export function boundQuery(sql: string, params: readonly Param[] | NamedParams): { sql: string; values: readonly Param[] } {
  return Array.isArray(params) ? { sql, values: params as readonly Param[] } : bindNamed(sql, params as NamedParams);
}
