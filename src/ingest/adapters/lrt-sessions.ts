import { isRowProblem, LRT_ALIASES, LRT_REQUIRED, LRT_SESSION_COLUMNS, toSessionRow } from '../formats/lrt-sessions.ts';
import { columnAdapter } from './columns.ts';
import type { FactRow } from '../../db/tables.ts';
import { KIND_LABELS } from '../kinds.ts';
import { unneutralise } from '../../lib/csv-write.ts';

/** Columns holding numbers: the export writes them as numbers, never neutralised. */
const NUMBER_COLUMNS: ReadonlySet<string> = new Set(['duration_minutes', 'tokens']);

/** The canonical LRT session CSV: the project's own format, one row per product session. */
export const lrtSessionsAdapter = columnAdapter({
  kind: 'lrt_sessions',
  label: KIND_LABELS.lrt_sessions,
  expects: `an LRT session CSV whose header names at least ${LRT_REQUIRED.join(', ')}`,
  primary: 'sessions',
  columns: LRT_SESSION_COLUMNS,
  aliases: LRT_ALIASES,
  required: LRT_REQUIRED,
  distinctive: ['session_start', 'session_end', 'licence_type'],
  start: () => ({
    map(get, line, sink) {
      // The export neutralises texts that a spreadsheet would run as formulas ('=..., '-...): undone here, for this
      // format only (the project's own files), so that an exported session CSV loads back into the same sessions.
      const row = toSessionRow((c) => (NUMBER_COLUMNS.has(c) ? get(c) : unneutralise(get(c))));
      if (isRowProblem(row)) return row;
      // The log-only columns (package_feature, open_at...) are absent, which staging reads as null.
      sink.add('sessions', line, row as unknown as FactRow);
      return null;
    },
  }),
});
