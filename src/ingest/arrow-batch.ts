import { Float64, Int32, Table, Utf8, makeData, makeVector, vectorFromArray, type Vector } from 'apache-arrow';
import type { ColumnSpec, FactRow } from '../db/tables.ts';

/** How a column travels to its staging table: text and days as text, everything else as a double. */
export function stagedAsText(column: ColumnSpec): boolean {
  return column.type === 'text' || column.type === 'day';
}

/** Column-wise Arrow table of staged rows (a `line` column, then the spec's columns in order). */
export function rowsToArrow(columns: readonly ColumnSpec[], lines: readonly number[], rows: readonly FactRow[]): Table {
  const vectors: Record<string, Vector> = { line: vectorFromArray(lines, new Int32()) };
  for (const column of columns) {
    const name = column.name;
    if (stagedAsText(column)) {
      const texts = new Array<string | null>(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const v = rows[i]![name];
        texts[i] = v === null || v === undefined ? null : typeof v === 'string' ? v : String(v);
      }
      vectors[name] = utf8Vector(texts);
    } else {
      const numbers = new Array<number | null>(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const v = rows[i]![name];
        numbers[i] = v === null || v === undefined ? null : Number(v);
      }
      vectors[name] = vectorFromArray(numbers, new Float64());
    }
  }
  return new Table(vectors);
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
