import { Float64, Int32, Table, Utf8, makeData, makeVector, vectorFromArray, type Vector } from 'apache-arrow';
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
  for (const c of TEXT_COLUMNS) columns[c] = utf8Vector(rows.map((r) => r[c]));
  for (const c of NUMBER_COLUMNS) columns[c] = vectorFromArray(rows.map((r) => r[c]), new Float64());
  return new Table(columns);
}

export interface RejectedRow extends RowProblem {
  line: number;
}

export function rejectsToArrow(rows: readonly RejectedRow[]): Table {
  return new Table({
    line: vectorFromArray(rows.map((r) => r.line), new Int32()),
    column: utf8Vector(rows.map((r) => r.column)),
    value: utf8Vector(rows.map((r) => (r.value === null ? null : r.value.slice(0, 500)))),
    reason: utf8Vector(rows.map((r) => r.reason)),
  });
}

const encoder = new TextEncoder();

/**
 * A Utf8 vector written straight into one buffer. apache-arrow's generic builder encodes and grows
 * per value, which made it the slowest step of a load.
 */
export function utf8Vector(values: readonly (string | null)[]): Vector<Utf8> {
  let chars = 0;
  for (const v of values) if (v !== null) chars += v.length;
  let data = new Uint8Array(chars * 3 + 16);
  const offsets = new Int32Array(values.length + 1);
  const validity = new Uint8Array(Math.ceil(values.length / 8));
  let at = 0;
  let nulls = 0;
  values.forEach((v, i) => {
    if (v === null) nulls++;
    else {
      validity[i >> 3]! |= 1 << (i & 7);
      at += encoder.encodeInto(v, data.subarray(at)).written;
    }
    offsets[i + 1] = at;
  });
  data = data.slice(0, at);
  return makeVector(makeData({ type: new Utf8(), length: values.length, nullCount: nulls, nullBitmap: nulls > 0 ? validity : null, valueOffsets: offsets, data }));
}
