import { Float64, Int32, Table, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import type { SessionRow } from './formats/lrt-sessions.ts';
import type { RowProblem } from './formats/lrt-sessions.ts';

export const TEXT_COLUMNS = [
  'user_key', 'user_id', 'user_email', 'user_name', 'product', 'product_line_code', 'product_version', 'feature',
  'device_name', 'device_id', 'os', 'ip_address', 'network_domain', 'licence_type', 'source',
] as const;
export const NUMBER_COLUMNS = ['start_ms', 'end_ms', 'duration_minutes', 'tokens'] as const;

/** Column-wise Arrow table of validated sessions, for one insert. */
export function sessionsToArrow(rows: readonly SessionRow[]): Table {
  const columns: Record<string, Vector> = {
    line: vectorFromArray(rows.map((r) => r.line), new Int32()),
  };
  for (const c of TEXT_COLUMNS) columns[c] = vectorFromArray(rows.map((r) => r[c]), new Utf8());
  for (const c of NUMBER_COLUMNS) columns[c] = vectorFromArray(rows.map((r) => r[c]), new Float64());
  return new Table(columns);
}

export interface RejectedRow extends RowProblem {
  line: number;
}

export function rejectsToArrow(rows: readonly RejectedRow[]): Table {
  return new Table({
    line: vectorFromArray(rows.map((r) => r.line), new Int32()),
    column: vectorFromArray(rows.map((r) => r.column), new Utf8()),
    value: vectorFromArray(rows.map((r) => (r.value === null ? null : r.value.slice(0, 500))), new Utf8()),
    reason: vectorFromArray(rows.map((r) => r.reason), new Utf8()),
  });
}
