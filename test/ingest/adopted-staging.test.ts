import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { openNativeRunner } from '../../src/db/open-native.ts';
import { FACTS_DATABASE, type Runner } from '../../src/db/runner.ts';
import { createTableSql, TABLES, type TableName } from '../../src/db/tables.ts';
import { file, sessionsCsv, useOn } from '../helpers/engine.ts';
import { pooledNodeRunner } from '../helpers/runner-pool.ts';

// A table's first rows are its file's staging table, altered in place and renamed (ingest/stage.ts, adopt): natively
// any staging table (all are in `memory`, with the engine's tables); in the wasm engines, the facts a format's SQL
// checks made, in the compressed database (Seat Usage is staged by JavaScript, in `memory`, and copied). Later files
// are inserted into it as into any table.

// Seat Usage without its repeated row (a table is adopted only when no key repeats): 6 rows, 2 rejected (no e-mail; 30 February).
const SEAT_USAGE = readFileSync(new URL('../fixtures/exports/seat-usage-2026.csv', import.meta.url), 'utf8').replace(/(\n2026-03-03,bob[^\n]*)\1/, '$1');
const FIRST = sessionsCsv([useOn('U1', 'Revit', '2026-03-02'), useOn('U2', 'AutoCAD', '2026-03-02'), useOn('U1', 'Revit', '2026-03-03')]);
// Two rows of the first file again (one of them with other spacing, the same fact), and one new session.
const SECOND = sessionsCsv([useOn('U2', 'AutoCAD', '2026-03-02'), { ...useOn('U1', 'Revit', '2026-03-03'), user_name: ' ' }, useOn('U3', 'Civil 3D', '2026-03-04')]);

/** An engine on `open`'s runner, with the runner itself and the tables it renamed a staging table to. */
function watched(open: () => Promise<Runner>, database: string, adopts: string[]) {
  const engine = {
    database,
    adopts,
    runner: undefined as Runner | undefined,
    adopted: [] as string[],
    engine: new Engine(async () => {
      const runner = await open();
      engine.runner = runner;
      return new Proxy(runner, {
        get(target, key) {
          if (key === 'exec') return (sql: string) => (engine.adopted.push(...[...sql.matchAll(/RENAME TO (\w+)/g)].map((m) => m[1]!)), target.exec(sql));
          const value: unknown = Reflect.get(target, key, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }) as Runner;
    }),
  };
  return engine;
}
type Watched = ReturnType<typeof watched>;

const native = watched(openNativeRunner, 'memory', ['sessions', 'usage_day_rows']);
const wasm = watched(pooledNodeRunner, FACTS_DATABASE, ['sessions']);
afterAll(async () => {
  await native.engine.close();
  await wasm.engine.close();
});

/** A table's columns as DuckDB describes them: name, type and whether it takes a null, sorted by name. */
async function columns(on: Watched, table: string): Promise<string[]> {
  const rows = await on.runner!.query<{ column_name: string; data_type: string; is_nullable: boolean }>(
    `SELECT column_name, data_type, is_nullable FROM duckdb_columns() WHERE database_name = ? AND table_name = ?`,
    [on.database, table],
  );
  return rows.map((r) => `${r.column_name} ${r.data_type}${r.is_nullable ? '' : ' NOT NULL'}`).sort();
}

/** The columns of the table as the engine makes it when empty, under another name. */
async function madeEmpty(on: Watched, table: TableName): Promise<string[]> {
  const name = `expected_${table}`;
  await on.runner!.exec(createTableSql({ ...TABLES[table], name: name as TableName }));
  return columns(on, name);
}

async function loadBoth(name: string, text: string) {
  const [a, b] = await Promise.all([native.engine.load([file(name, text)]), wasm.engine.load([file(name, text)])]);
  return { native: a.map((r) => [r.status, r.rows_read, r.rows_loaded, r.rows_new]), wasm: b.map((r) => [r.status, r.rows_read, r.rows_loaded, r.rows_new]) };
}

describe('a first file', () => {
  it('becomes the table with its columns, types and constraints, and later files merge into it, alike on both engines', async () => {
    expect(await loadBoth('first.csv', FIRST)).toEqual({ native: [['loaded', 3, 3, 3]], wasm: [['loaded', 3, 3, 3]] });
    expect(await loadBoth('seat-usage.csv', SEAT_USAGE)).toEqual({ native: [['loaded', 6, 4, 4]], wasm: [['loaded', 6, 4, 4]] });
    for (const on of [native, wasm]) {
      expect(on.adopted, on.database).toEqual(on.adopts);
      for (const table of ['sessions', 'usage_day_rows'] as const) expect(await columns(on, table), `${on.database}.${table}`).toEqual(await madeEmpty(on, table));
    }
    for (const on of [native, wasm]) await expect(on.runner!.exec(`INSERT INTO sessions (file_id, line, user_key, user_id, product, session_start, licence_type) VALUES (1, 2, NULL, 'U9', 'Revit', TIMESTAMP '2026-03-05 09:00:00', 'named_user')`)).rejects.toThrow(/NOT NULL/);
    // The third session is the only new one.
    expect(await loadBoth('second.csv', SECOND)).toEqual({ native: [['loaded', 3, 3, 1]], wasm: [['loaded', 3, 3, 1]] });
    for (const on of [native, wasm]) {
      expect(on.adopted, on.database).toEqual(on.adopts);
      expect(await on.runner!.query('SELECT file_id, count(*)::INTEGER AS n FROM sessions GROUP BY ALL ORDER BY ALL'), on.database).toEqual([
        { file_id: 1, n: 3 },
        { file_id: 3, n: 1 },
      ]);
    }
    expect(await native.engine.exportSessionsCsv()).toBe(await wasm.engine.exportSessionsCsv());
    expect(JSON.stringify(await native.engine.review())).toBe(JSON.stringify(await wasm.engine.review()));
  });

  it('takes its rows with it when removed, and a file loaded after is a first file again', async () => {
    for (const on of [native, wasm]) {
      for (const report of await on.engine.ingestReports()) await on.engine.removeFile(report.file_id!);
      expect(await on.runner!.query('SELECT count(*)::INTEGER AS n FROM sessions'), on.database).toEqual([{ n: 0 }]);
      expect((await on.engine.load([file('second again.csv', SECOND)])).map((r) => [r.status, r.rows_new]), on.database).toEqual([['loaded', 3]]);
      expect(on.adopted, on.database).toEqual([...on.adopts, 'sessions']);
      expect(await columns(on, 'sessions'), on.database).toEqual(await madeEmpty(on, 'sessions'));
    }
  });
});
