/** Header matching: case, spaces, underscores and punctuation never matter. */
export function normaliseHeader(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

export interface ColumnMatch<C extends string> {
  /** Position in the file of each known column found. */
  positions: Map<C, number>;
  /** File headers that match no known column (kept in the report, ignored by the review). */
  extra: string[];
  /** Known columns named more than once: the first occurrence wins. */
  repeated: string[];
}

/**
 * Maps a file's header row onto a format's columns. `aliases` lists, per column, the other
 * spellings seen in real files; the column's own name always matches.
 */
export function matchColumns<C extends string>(header: readonly string[], columns: readonly C[], aliases: Partial<Record<C, readonly string[]>>): ColumnMatch<C> {
  const lookup = new Map<string, C>();
  for (const column of columns) {
    for (const name of [column, ...(aliases[column] ?? [])]) lookup.set(normaliseHeader(name), column);
  }
  const positions = new Map<C, number>();
  const extra: string[] = [];
  const repeated: string[] = [];
  header.forEach((raw, i) => {
    const column = lookup.get(normaliseHeader(raw));
    if (column === undefined) {
      if (raw.trim() !== '') extra.push(raw.trim());
    } else if (positions.has(column)) {
      repeated.push(raw.trim());
    } else {
      positions.set(column, i);
    }
  });
  return { positions, extra, repeated };
}
