import { matchColumns } from '../header.ts';
import type { CsvRecord } from '../csv.ts';
import type { FileContext, RowProblem, Sink, TableAdapter, TableMapper } from './adapter.ts';

/** Reads one record's value of a column by name ('' when the file has no such column). */
export type Getter<C extends string> = (column: C) => string;

export interface ColumnFormat<C extends string> extends Omit<TableAdapter, 'shape' | 'score' | 'missing' | 'resemblance' | 'open'> {
  columns: readonly C[];
  /** Other spellings seen in real files (case, spaces, underscores and punctuation never matter). */
  aliases: Partial<Record<C, readonly string[]>>;
  /** Every one of these must be present. */
  required: readonly C[];
  /** From each group at least one column must be present (for example an e-mail or an id). */
  anyOf?: readonly (readonly C[])[];
  /** Columns that tell this format apart from its neighbours; each one present raises the score. */
  distinctive?: readonly C[];
  /** Columns holding dates. */
  dateColumns?: readonly C[];
  /** Per-file state and the mapping of one record. */
  start(context: FileContext, has: (column: C) => boolean): {
    map(get: Getter<C>, line: number, sink: Sink): RowProblem | null;
    notes?(): string[];
  };
}

/** A table adapter from a list of columns: matching, scoring and value picking done once for every format. */
export function columnAdapter<C extends string>(format: ColumnFormat<C>): TableAdapter {
  const match = (header: readonly string[]) => matchColumns(header, format.columns, format.aliases);
  const absent = (header: readonly string[]) => {
    const { positions } = match(header);
    const missing: string[] = format.required.filter((c) => !positions.has(c));
    for (const group of format.anyOf ?? []) {
      if (!group.some((c) => positions.has(c))) missing.push(`one of ${group.join(' or ')}`);
    }
    return { positions, missing };
  };
  return {
    shape: 'table',
    kind: format.kind,
    label: format.label,
    expects: format.expects,
    primary: format.primary,
    alsoPrimary: format.alsoPrimary,
    textChecks: format.textChecks,
    score(header) {
      const { positions, missing } = absent(header);
      if (missing.length > 0) return 0;
      const distinctive = (format.distinctive ?? []).filter((c) => positions.has(c)).length;
      return positions.size + 10 * distinctive;
    },
    missing(header) {
      const { missing } = absent(header);
      return missing.length > 0 ? missing.join(', ') : null;
    },
    resemblance(header) {
      const { positions } = match(header);
      const distinctive = format.distinctive ?? [];
      const present = distinctive.filter((c) => positions.has(c)).length;
      return present > 0 && present >= Math.min(2, distinctive.length) ? present : 0;
    },
    open(header, context): TableMapper {
      const { positions, extra } = match(header);
      const dateAt = (format.dateColumns ?? []).map((c) => positions.get(c)).filter((i): i is number => i !== undefined);
      const started = format.start(context, (c) => positions.has(c));
      return {
        extraColumns: extra,
        dates: (record: CsvRecord) => dateAt.map((i) => record.fields[i] ?? '').filter((v) => v.trim() !== ''),
        map(record, sink) {
          const get: Getter<C> = (c) => {
            const at = positions.get(c);
            return at === undefined ? '' : (record.fields[at] ?? '').trim();
          };
          return started.map(get, record.line, sink);
        },
        notes: () => started.notes?.() ?? [],
        textPositions: format.textChecks?.columns.map((c) => positions.get(c as C)),
      };
    },
  };
}
