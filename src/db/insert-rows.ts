import type { Param } from './params.ts';
import type { Runner } from './runner.ts';

/**
 * Inserts rows into `table` with one bound statement: `row` is the VALUES tuple of one row, such as `(?, upper(?))`.
 * A statement per row costs a round trip into the wasm each, which adds up to most of a second for a catalogue.
 */
export async function insertRows(runner: Runner, table: string, row: string, rows: readonly (readonly Param[])[]): Promise<void> {
  if (rows.length === 0) return;
  await runner.query(`INSERT INTO ${table} VALUES ${rows.map(() => row).join(', ')}`, rows.flat());
}
