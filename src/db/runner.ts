import type { Table } from 'apache-arrow';
import type { NamedParams, Param } from './params.ts';

/**
 * The one seam between the engine and DuckDB. Statements change state and return nothing;
 * queries return plain rows. Both hosts (browser worker, Node) implement it over the same wasm.
 */
export interface Runner {
  /** Runs one or more statements that return nothing (DDL, INSERT ... SELECT). */
  exec(sql: string): Promise<void>;
  /**
   * Runs a parameterised query; values are bound, never spliced into the SQL text. Positional (`?`, `$1`) or by name
   * (`$window_end`, see params.ts).
   */
  query<Row extends object>(sql: string, params?: readonly Param[] | NamedParams): Promise<Row[]>;
  /** Appends an Arrow table (sent as an IPC stream) to `table`, creating it when asked. */
  insertArrow(table: string, data: Table, create: boolean): Promise<void>;
  /**
   * Makes a file readable by DuckDB's own readers (read_csv) under `name`, which the caller generates (never a
   * user's file name). The page hands DuckDB the dropped File, read in the slices it asks for; Node, its bytes, or
   * the native engine the file at `path` itself, when the file has one.
   */
  registerFile(name: string, file: Blob, path?: string): Promise<void>;
  /**
   * The largest file this engine is known to run out of memory on, when it has a ceiling (a browser tab: wasm32 gives
   * DuckDB about 3 GB): larger files are refused before any byte is read.
   */
  fileLimitBytes?: number;
  /**
   * The most staged rows a merge inserts in one transaction, when the engine compresses its tables (startUpSql): a
   * transaction holds its rows uncompressed until it commits, so a large file is merged in parts (ingest/stage.ts).
   */
  mergeChunkRows?: number;
  /** Forgets a file registered with registerFile. */
  dropFile(name: string): Promise<void>;
  close(): Promise<void>;
}

/** The in-memory database the wasm engines make every table in, compressed (startUpSql). */
export const FACTS_DATABASE = 'lrt';

/** Rows a merge of a compressing engine inserts per transaction (Runner.mergeChunkRows): four of DuckDB's row groups. */
export const COMPRESSED_MERGE_ROWS = 4 * 122_880;

/**
 * Statements every new database runs before anything else. `compressed`: the engine's tables are made in a database
 * that compresses them (dictionary, FSST, bit-packing...): they take about a tenth of the memory, which is what lets
 * a tab hold a CSV of more than a gigabyte, and a merge takes about a fifth longer (rows are compressed as it
 * commits). Staging tables stay in DuckDB's own database, `memory`: a file's rows are compressed once, as they are
 * merged, or as they are checked when they are to become a table's first rows (ingest/stage.ts). The wasm engines
 * compress; the native twin, which has the machine's memory and disk, keeps everything in `memory`.
 */
export function startUpSql(compressed: boolean): string[] {
  return [
    // The npm build links no Parquet/JSON/ICU: without these, the first touch of one tries a download
    // (Node then hangs forever; the browser fails with a misleading signature error).
    'SET autoload_known_extensions = false',
    'SET autoinstall_known_extensions = false',
    // No ICU either: TIMESTAMP (without time zone) everywhere, and every timestamp is UTC by convention.
    ...(compressed ? [`ATTACH ':memory:' AS ${FACTS_DATABASE} (COMPRESS)`, `USE ${FACTS_DATABASE}`] : []),
  ];
}

/**
 * Runs `insert` with the table's own name, in its database: duckdb-wasm's Arrow insert takes a table name of the
 * current database only, and the staging tables are in `memory` (ingest/stage.ts). For the wasm engines, whose
 * current database is FACTS_DATABASE.
 */
export async function inTableDatabase(table: string, exec: (sql: string) => Promise<unknown>, insert: (name: string) => Promise<void>): Promise<void> {
  const dot = table.indexOf('.');
  if (dot < 0) return insert(table);
  await exec(`USE ${table.slice(0, dot)}`);
  try {
    await insert(table.slice(dot + 1));
  } finally {
    await exec(`USE ${FACTS_DATABASE}`);
  }
}

/**
 * Arrow rows come back as StructRow proxies, and LIST values as Arrow vectors; the engine hands plain
 * objects and arrays to everyone else (decided once here, for every query).
 */
export function plainRows<Row>(table: { toArray(): { toJSON(): unknown }[] }): Row[] {
  return table.toArray().map((r) => plainValue(r.toJSON()) as Row);
}

function plainValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(plainValue);
  if (ArrayBuffer.isView(value)) return value;
  if (typeof (value as { toArray?: unknown }).toArray === 'function' && Symbol.iterator in value) {
    return Array.from(value as Iterable<unknown>, plainValue);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainValue(v)]));
}

/** Runs `work` in one transaction: committed when it returns, rolled back when it throws. */
export async function inTransaction<T>(runner: Runner, work: (runner: Runner) => Promise<T>): Promise<T> {
  await runner.exec('BEGIN TRANSACTION');
  try {
    const result = await work(runner);
    await runner.exec('COMMIT');
    return result;
  } catch (error) {
    await runner.exec('ROLLBACK');
    throw error;
  }
}
