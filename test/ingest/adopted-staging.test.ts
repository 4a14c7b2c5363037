import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { openNativeRunner } from '../../src/db/open-native.ts';
import type { Runner } from '../../src/db/runner.ts';
import { createTableSql, TABLES, type TableName } from '../../src/db/tables.ts';
import { file, newEngine, sessionsCsv, useOn } from '../helpers/engine.ts';

// The native twin's first rows of a table are its staging table, altered in place (ingest/stage.ts, adopt); later
// files are inserted into it as into any table. The wasm engines always copy: they are the reference here.

// Seat Usage without its repeated row (a table is adopted only when no key repeats): 6 rows, 2 rejected (no e-mail; 30 February).
const SEAT_USAGE = readFileSync(new URL('../fixtures/exports/seat-usage-2026.csv', import.meta.url), 'utf8').replace(/(\n2026-03-03,bob[^\n]*)\1/, '$1');
const FIRST = sessionsCsv([useOn('U1', 'Revit', '2026-03-02'), useOn('U2', 'AutoCAD', '2026-03-02'), useOn('U1', 'Revit', '2026-03-03')]);
// Two rows of the first file again (one of them with other spacing, the same fact), and one new session.
const SECOND = sessionsCsv([useOn('U2', 'AutoCAD', '2026-03-02'), { ...useOn('U1', 'Revit', '2026-03-03'), user_name: ' ' }, useOn('U3', 'Civil 3D', '2026-03-04')]);

let runner: Runner | undefined;
/** The tables the native engine renamed a staging table to. */
const adopted: string[] = [];
const native = new Engine(async () => {
  runner = await openNativeRunner();
  return new Proxy(runner, {
    get(target, key) {
      if (key === 'exec') return (sql: string) => (adopted.push(...[...sql.matchAll(/RENAME TO (\w+)/g)].map((m) => m[1]!)), target.exec(sql));
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as Runner;
});
const wasm = newEngine();
afterAll(async () => {
  await native.close();
  await wasm.close();
});

/** A table's columns as DuckDB describes them: name, type and whether it takes a null, sorted by name. */
async function columns(table: string): Promise<string[]> {
  const rows = await runner!.query<{ column_name: string; data_type: string; is_nullable: boolean }>(
    `SELECT column_name, data_type, is_nullable FROM duckdb_columns() WHERE database_name = 'memory' AND table_name = ?`,
    [table],
  );
  return rows.map((r) => `${r.column_name} ${r.data_type}${r.is_nullable ? '' : ' NOT NULL'}`).sort();
}

/** The columns of the table as the engine makes it when empty, under another name. */
async function madeEmpty(table: TableName): Promise<string[]> {
  const name = `expected_${table}`;
  await runner!.exec(createTableSql({ ...TABLES[table], name }));
  return columns(name);
}

async function loadBoth(name: string, text: string) {
  const [a, b] = await Promise.all([native.load([file(name, text)]), wasm.load([file(name, text)])]);
  return { native: a.map((r) => [r.status, r.rows_read, r.rows_loaded, r.rows_new]), wasm: b.map((r) => [r.status, r.rows_read, r.rows_loaded, r.rows_new]) };
}

describe('a first file in the native twin', () => {
  it('becomes the table with its columns, types and constraints, and later files merge into it as in the page', async () => {
    expect(await loadBoth('first.csv', FIRST)).toEqual({ native: [['loaded', 3, 3, 3]], wasm: [['loaded', 3, 3, 3]] });
    expect(await loadBoth('seat-usage.csv', SEAT_USAGE)).toEqual({ native: [['loaded', 6, 4, 4]], wasm: [['loaded', 6, 4, 4]] });
    expect(adopted).toEqual(['sessions', 'usage_day_rows']);
    for (const table of ['sessions', 'usage_day_rows'] as const) expect(await columns(table), table).toEqual(await madeEmpty(table));
    await expect(runner!.exec(`INSERT INTO sessions (file_id, line, user_key, user_id, product, session_start, licence_type) VALUES (1, 2, NULL, 'U9', 'Revit', TIMESTAMP '2026-03-05 09:00:00', 'named_user')`)).rejects.toThrow(/NOT NULL/);
    // The third session is the only new one.
    expect(await loadBoth('second.csv', SECOND)).toEqual({ native: [['loaded', 3, 3, 1]], wasm: [['loaded', 3, 3, 1]] });
    expect(adopted).toEqual(['sessions', 'usage_day_rows']);
    expect(await runner!.query('SELECT file_id, count(*)::INTEGER AS n FROM sessions GROUP BY ALL ORDER BY ALL')).toEqual([
      { file_id: 1, n: 3 },
      { file_id: 3, n: 1 },
    ]);
    expect(await native.exportSessionsCsv()).toBe(await wasm.exportSessionsCsv());
    expect(JSON.stringify(await native.review())).toBe(JSON.stringify(await wasm.review()));
  });

  it('takes its rows with it when removed, and a file loaded after is a first file again', async () => {
    for (const report of await native.ingestReports()) await native.removeFile(report.file_id!);
    expect(await runner!.query('SELECT count(*)::INTEGER AS n FROM sessions')).toEqual([{ n: 0 }]);
    expect((await native.load([file('second again.csv', SECOND)])).map((r) => [r.status, r.rows_new])).toEqual([['loaded', 3]]);
    expect(adopted).toEqual(['sessions', 'usage_day_rows', 'sessions']);
    expect(await columns('sessions')).toEqual(await madeEmpty('sessions'));
  });
});
