import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { openNativeRunner } from '../../src/db/open-native.ts';
import { file, newEngine } from '../helpers/engine.ts';
import { tableRows } from './exports/helpers.ts';

/**
 * DuckDB reads a large CSV with several threads, in the same statement that checks it; every row must still carry
 * its own line. 300,000 sessions (three of DuckDB's row groups and more), each user named after the line it is on;
 * three bad start dates at known lines; then the same file with a line break inside a quoted field near its start,
 * which moves every later row down a line; then with a value written with a space before it, which the checks trim.
 */
const ROWS = 300_000;
const BAD_LINES = [2, 150_001, ROWS + 1];

function sessions(quotedBreak: boolean, spaced = false): string {
  const out = ['user_id,product,device_name,session_start,licence_type'];
  // The line each record starts on: after the quoted line break, a line further down than its record's number.
  let line = 2;
  for (let i = 0; i < ROWS; i++) {
    const device = quotedBreak && i === 10 ? '"WS\n10"' : spaced && i === 20 ? ' WS20' : `WS${i % 50}`;
    const start = BAD_LINES.includes(line) ? '2026-02-30T09:00:00Z' : `2026-03-0${1 + (i % 9)}T09:00:00Z`;
    out.push(`u${line},AutoCAD,${device},${start},named_user`);
    line += quotedBreak && i === 10 ? 2 : 1;
  }
  return `${out.join('\n')}\n`;
}

describe.each([
  ['native DuckDB', () => new Engine(openNativeRunner)],
  ['duckdb-wasm', newEngine],
])('a large CSV on %s', (_, open) => {
  it('rejects each bad row on its own line and loads every other row with its line', async () => {
    const engine = open();
    try {
      for (const [quotedBreak, spaced] of [[false, false], [true, false], [false, true]]) {
        await engine.reset();
        const [report] = await engine.load([file('big-sessions.csv', sessions(quotedBreak!, spaced))]);
        expect(report).toMatchObject({ status: 'loaded', rows_read: ROWS, rows_loaded: ROWS - 3, rows_rejected: 3 });
        const rejects = (await engine.rejects()).rows;
        expect(rejects.map((r) => [r.column, r.value])).toEqual(BAD_LINES.map(() => ['session_start', '2026-02-30T09:00:00Z']));
        expect(rejects.map((r) => r.line)).toEqual(BAD_LINES);
        const [row] = await tableRows<{ misplaced: number }>(engine, "SELECT count(*)::INTEGER AS misplaced FROM sessions WHERE user_id <> 'u' || line");
        expect(row).toEqual({ misplaced: 0 });
        if (spaced) expect(await tableRows(engine, "SELECT device_name FROM sessions WHERE user_id = 'u22'")).toEqual([{ device_name: 'WS20' }]);
      }
    } finally {
      await engine.close();
    }
  });
});
