import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { openNativeRunner } from '../../src/db/open-native.ts';
import { COMPRESSED_MERGE_ROWS as MERGE_CHUNK_ROWS, type Runner } from '../../src/db/runner.ts';
import { file } from '../helpers/engine.ts';
import { tableRows } from './exports/helpers.ts';

/**
 * A file of more staged rows than one merge transaction takes is merged in parts, each committed; its rows are the
 * same as merged at once, and a part that fails takes the parts committed before it away. On native DuckDB, which
 * reads the half-million rows in a second, told to merge in the parts the wasm engines use (it does not, by itself).
 */
const ROWS = MERGE_CHUNK_ROWS + 1_000;
const HEADER = 'user_id,product,session_start,licence_type';
/** Every 100,000th line has a bad date: rejected, its staged row gone before the merge (the last part among them). */
const bad = (line: number) => line % 100_000 === 0;
const row = (line: number) => `u${line},AutoCAD,${bad(line) ? '2026-02-30' : `2026-03-0${1 + (line % 9)}`}T09:00:00Z,named_user`;
/** `rows` sessions, user u{line} on each line; `from` moves the users on (a file whose first rows are another's). */
const sessions = (rows: number, from = 0) => [HEADER, ...Array.from({ length: rows }, (_, i) => row(i + 2 + from))].join('\n') + '\n';

/** A native engine whose runner throws `failure` on the first statement `fails` picks, when given. */
function engineFailingOn(fails: (sql: string) => boolean = () => false): Engine {
  return new Engine(async () => {
    const runner = await openNativeRunner();
    return new Proxy(runner, {
      get(target, key) {
        if (key === 'mergeChunkRows') return MERGE_CHUNK_ROWS;
        if (key === 'query') return (sql: string, params?: never) => (fails(sql) ? Promise.reject(new Error('failure in the second part')) : target.query(sql, params));
        return Reflect.get(target, key, target);
      },
    }) as Runner;
  });
}

const engines: Engine[] = [];
afterAll(async () => {
  for (const engine of engines) await engine.close();
});

describe('a file merged in parts', () => {
  it('loads every row once, with its line, into an empty table and beside rows loaded before', async () => {
    const engine = engineFailingOn();
    engines.push(engine);
    const [first] = await engine.load([file('part-one.csv', sessions(ROWS))]);
    // Lines 100,000, 200,000, 300,000 and 400,000 (the last line is 492,521).
    const rejected = 4;
    expect(first).toMatchObject({ status: 'loaded', rows_read: ROWS, rows_loaded: ROWS - rejected, rows_new: ROWS - rejected });
    // Users u12 to u492531, from line 2: all were loaded already but the last 10, and the same four bad dates are
    // rejected again.
    const [second] = await engine.load([file('part-two.csv', sessions(ROWS, 10))]);
    expect(second).toMatchObject({ status: 'loaded', rows_read: ROWS, rows_new: 10 });
    const [counts] = await tableRows<{ rows: number; users: number; misplaced: number }>(engine, `
      SELECT count(*)::INTEGER AS rows, count(DISTINCT user_id)::INTEGER AS users,
             count(*) FILTER (WHERE file_id = ${first!.file_id} AND user_id <> 'u' || line)::INTEGER AS misplaced FROM sessions`);
    expect(counts).toEqual({ rows: ROWS - rejected + 10, users: ROWS - rejected + 10, misplaced: 0 });
  });

  it('takes away the parts committed when a later part fails, and keeps the files loaded before', async () => {
    const engine = engineFailingOn((sql) => sql.startsWith('INSERT INTO sessions') && sql.includes(`>= ${MERGE_CHUNK_ROWS} AND`));
    engines.push(engine);
    const [small] = await engine.load([file('small.csv', sessions(5, ROWS + 100))]);
    expect(small!.status).toBe('loaded');
    const [big] = await engine.load([file('big.csv', sessions(ROWS))]);
    expect(big).toMatchObject({ status: 'failed' });
    expect(big!.message).toContain('failure in the second part');
    const [left] = await tableRows<{ rows: number; of_big: number }>(engine, `SELECT count(*)::INTEGER AS rows, count(*) FILTER (WHERE file_id = ${big!.file_id})::INTEGER AS of_big FROM sessions`);
    expect(left).toEqual({ rows: 5, of_big: 0 });
    expect((await engine.ingestReports()).map((r) => [r.file, r.status])).toEqual([['small.csv', 'loaded'], ['big.csv', 'failed']]);
  });
});
