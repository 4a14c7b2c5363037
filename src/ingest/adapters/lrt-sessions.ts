import { LRT_ALIASES, LRT_REQUIRED, LRT_SESSION_COLUMNS } from '../formats/lrt-sessions.ts';
import { SESSION_CHECKS } from '../formats/lrt-session-checks.ts';
import { columnAdapter } from './columns.ts';
import { KIND_LABELS } from '../kinds.ts';

/** The canonical LRT session CSV: the project's own format, one row per product session, checked in SQL. */
export const lrtSessionsAdapter = columnAdapter({
  kind: 'lrt_sessions',
  label: KIND_LABELS.lrt_sessions,
  expects: `an LRT session CSV whose header names at least ${LRT_REQUIRED.join(', ')}`,
  primary: 'sessions',
  columns: LRT_SESSION_COLUMNS,
  aliases: LRT_ALIASES,
  required: LRT_REQUIRED,
  distinctive: ['session_start', 'session_end', 'licence_type'],
  textChecks: SESSION_CHECKS,
  start: (_context, has) => ({
    map(get, line, sink) {
      sink.addText(line, LRT_SESSION_COLUMNS.map((c) => (has(c) ? get(c) : null)));
      return null;
    },
  }),
});
