import { mkdtempSync, rmSync, symlinkSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBInstance,
  DuckDBListValue,
  DuckDBArrayValue,
  DuckDBStructValue,
  DuckDBTimestampValue,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampSecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBBlobValue,
  type DuckDBAppender,
  type DuckDBConnection,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { Table } from 'apache-arrow';
import { startUpSql, type Runner } from './runner.ts';
import { boundQuery, type NamedParams, type Param } from './params.ts';
import { sqlString } from './sql-text.ts';

/**
 * Native DuckDB (@duckdb/node-api): the same SQL as the page's wasm, on every core, spilling to disk past memory. For
 * the headless twin on estates past a browser tab. Rows come back as the wasm runner returns them (db/open-node.ts,
 * through Arrow): dates and timestamps as epoch milliseconds, BIGINT as a number, lists as arrays, structs as
 * objects, so the engine above cannot tell the two apart.
 */
export async function openNativeRunner(): Promise<Runner> {
  const instance = await DuckDBInstance.create(':memory:', { autoload_known_extensions: 'false', autoinstall_known_extensions: 'false' });
  const conn = await instance.connect();
  for (const sql of startUpSql(false)) await conn.run(sql);
  // Files handed to DuckDB's readers (read_csv) are written here, under the name the engine chose, and read by it.
  const files = mkdtempSync(join(tmpdir(), 'lrt-native-'));
  await conn.run(`SET file_search_path = ${sqlString(files)}`);

  return {
    async exec(sql) {
      const statements = await conn.extractStatements(sql);
      for (let i = 0; i < statements.count; i++) await (await statements.prepare(i)).run();
    },
    async query<Row extends object>(text: string, params: readonly Param[] | NamedParams = []) {
      const { sql, values } = boundQuery(text, params);
      const reader = values.length === 0 ? await conn.runAndReadAll(sql) : await conn.runAndReadAll(sql, [...values] as DuckDBValue[]);
      const names = reader.columnNames();
      return reader.getRows().map((row) => {
        const out: Record<string, unknown> = {};
        for (let i = 0; i < names.length; i++) out[names[i]!] = plain(row[i] ?? null);
        return out as Row;
      });
    },
    async insertArrow(table: string, data: Table, create: boolean) {
      await appendArrow(conn, table, data, create);
    },
    async registerFile(name: string, file: Blob, path?: string) {
      // A file on disk is linked, not copied: DuckDB reads it where it lies.
      if (path) symlinkSync(resolve(path), join(files, name));
      else writeFileSync(join(files, name), new Uint8Array(await file.arrayBuffer()));
    },
    async dropFile(name: string) {
      unlinkSync(join(files, name));
    },
    async close() {
      conn.closeSync();
      instance.closeSync();
      rmSync(files, { recursive: true, force: true });
    },
  };
}

/** A value as the wasm runner hands it over. */
function plain(value: DuckDBValue): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? Number(value) : value;
  if (value instanceof DuckDBDateValue) return value.days * 86_400_000;
  if (value instanceof DuckDBTimestampValue) return Number(value.micros / 1000n);
  if (value instanceof DuckDBTimestampMillisecondsValue) return Number(value.millis);
  if (value instanceof DuckDBTimestampSecondsValue) return Number(value.seconds) * 1000;
  if (value instanceof DuckDBTimestampNanosecondsValue) return Number(value.nanos / 1_000_000n);
  if (value instanceof DuckDBListValue || value instanceof DuckDBArrayValue) return value.items.map(plain);
  if (value instanceof DuckDBStructValue) return Object.fromEntries(Object.entries(value.entries).map(([k, v]) => [k, plain(v)]));
  if (value instanceof DuckDBDecimalValue) return value.toDouble();
  if (value instanceof DuckDBBlobValue) return value.bytes;
  return String(value);
}

let appended = 0;

/**
 * An Arrow table into `table`, through an appender on a scratch table of the Arrow table's own columns (Utf8, Int32,
 * Float64: what the ingest sends), then one INSERT by name: the columns need not be in the target's order.
 */
async function appendArrow(conn: DuckDBConnection, table: string, data: Table, create: boolean): Promise<void> {
  const scratch = `native_arrow_${++appended}`;
  const fields = data.schema.fields;
  const types = fields.map((f) => {
    const type = String(f.type);
    if (type === 'Utf8') return 'VARCHAR';
    if (type === 'Int32') return 'INTEGER';
    if (type === 'Float64') return 'DOUBLE';
    throw new Error(`The native engine takes no ${type} column (${f.name}).`);
  });
  await conn.run(`CREATE TEMP TABLE ${scratch} (${fields.map((f, i) => `"${f.name}" ${types[i]}`).join(', ')})`);
  try {
    const appender: DuckDBAppender = await conn.createAppender(scratch, null, 'temp');
    const columns = fields.map((f) => data.getChild(f.name)!);
    for (let r = 0; r < data.numRows; r++) {
      for (let c = 0; c < columns.length; c++) {
        const v = columns[c]!.get(r) as string | number | null;
        if (v === null || v === undefined) appender.appendNull();
        else if (types[c] === 'VARCHAR') appender.appendVarchar(v as string);
        else if (types[c] === 'INTEGER') appender.appendInteger(v as number);
        else appender.appendDouble(v as number);
      }
      appender.endRow();
    }
    appender.closeSync();
    await conn.run(create ? `CREATE TABLE ${table} AS SELECT * FROM ${scratch}` : `INSERT INTO ${table} BY NAME SELECT * FROM ${scratch}`);
  } finally {
    await conn.run(`DROP TABLE IF EXISTS ${scratch}`);
  }
}
