import type { Runner } from '../db/runner.ts';
import { TABLES, tableColumns, type ColumnSpec, type FactRow, type TableName, type TableSpec } from '../db/tables.ts';
import { rowsToArrow, stagedAsText, utf8Vector } from './arrow-batch.ts';
import { Int32, Table, vectorFromArray, type Vector } from 'apache-arrow';
import type { CheckedTables, RejectedRow, TextChecks } from './adapters/adapter.ts';
import { KEYED, linkIdentities } from './after-merge.ts';

const BATCH_ROWS = 20_000;

/**
 * Staging tables live in the database DuckDB opened, which stores tables as they are written; the loaded facts live
 * in one that the wasm engines compress (db/runner.ts, startUpSql). Compressing a file's rows twice would cost a load
 * more time than it saves memory: its staged rows are dropped once merged. One exception: the facts a format's SQL
 * checks make for a table with no rows yet are made beside it, to become its rows (Stager.checkedFacts).
 */
const staged = (table: TableName | 'rejects', database = 'memory') => `${database}.staged_${table}`;
/** A format's records as text (addText), before its SQL checks. */
const STAGED_TEXT = 'memory.staged_text';

/**
 * Collects one file's rows in staging tables, in Arrow batches, so that nothing reaches the engine's
 * tables until the whole file has been read; then merges them in one transaction.
 */
export class Stager {
  private readonly pending = new Map<TableName, { lines: number[]; rows: FactRow[] }>();
  private readonly created = new Set<TableName>();
  /** The staging tables made outside `memory` (checkedFacts), by table. */
  private readonly besideFacts = new Map<TableName, string>();
  /** The database the engine's tables are in: `memory` natively, the compressed one in the wasm engines (engineDatabase). */
  private engineDatabaseName: string | null = null;
  private rejects: RejectedRow[] = [];
  /** The format's columns when its records are staged as text for its SQL checks (adapters/adapter.ts, TextChecks). */
  private textColumns: readonly string[] | null = null;
  private text: { lines: number[]; values: (string | null)[][] } = { lines: [], values: [] };
  /** No staged text value has surrounding whitespace or a leading apostrophe (TextChecks, plain). */
  private plainText = true;

  constructor(private readonly runner: Runner) {}

  async begin(): Promise<void> {
    await this.drop();
    await this.runner.exec(`CREATE TABLE ${staged('rejects')} (line INTEGER, "column" VARCHAR, value VARCHAR, reason VARCHAR)`);
  }

  add(table: TableName, line: number, row: FactRow): void {
    let batch = this.pending.get(table);
    if (!batch) this.pending.set(table, (batch = { lines: [], rows: [] }));
    batch.lines.push(line);
    batch.rows.push(row);
  }

  reject(row: RejectedRow): void {
    this.rejects.push(row);
  }

  /** Stages the records of a format checked in SQL as text (addText), one VARCHAR column per format column. */
  async stageText(columns: readonly string[]): Promise<void> {
    this.textColumns = columns;
    await this.runner.exec(`CREATE TABLE ${STAGED_TEXT} (line INTEGER, ${columns.map((c) => `${c} VARCHAR`).join(', ')})`);
  }

  /** One record's values in the order of `stageText`'s columns. */
  addText(line: number, values: (string | null)[]): void {
    if (this.plainText && values.some((v) => v !== null && (v.startsWith("'") || v !== v.trim()))) this.plainText = false;
    this.text.lines.push(line);
    this.text.values.push(values);
  }

  /** Creates the staging table of `table` (in `database`) if this file has not yet. */
  async ensureStaged(table: TableName, database = 'memory'): Promise<string> {
    if (!this.created.has(table)) {
      const columns = TABLES[table].columns.map((c) => `${c.name} ${stagedAsText(c) ? 'VARCHAR' : 'DOUBLE'}`);
      if (database !== 'memory') this.besideFacts.set(table, staged(table, database));
      await this.runner.exec(`CREATE TABLE ${this.stagedTable(table)} (line INTEGER, ${columns.join(', ')})`);
      this.created.add(table);
    }
    return this.stagedTable(table);
  }

  private stagedTable(table: TableName): string {
    return this.besideFacts.get(table) ?? staged(table);
  }

  private async engineDatabase(): Promise<string> {
    this.engineDatabaseName ??= (await this.runner.query<{ db: string }>('SELECT current_database() AS db'))[0]!.db;
    return this.engineDatabaseName;
  }

  /**
   * The staging table of the facts a format's SQL checks make for `table`. When no row of `table` is loaded yet, it
   * is made in the database of the engine's tables, where the merge can make it the table (adopt): in the wasm
   * engines the rows are then compressed once, as they are checked, instead of copied and compressed as they are
   * merged (1 M sessions: 5.8 s to read into a compressed table, against 2.7 s uncompressed and then 4.3 s to merge).
   * A file that repeats a key is still copied, its rows compressed twice.
   */
  private async checkedFacts(table: TableName): Promise<string> {
    if (this.created.has(table)) return this.stagedTable(table);
    const [{ empty }] = (await this.runner.query<{ empty: boolean }>(`SELECT NOT EXISTS (SELECT 1 FROM ${TABLES[table].name}) AS empty`)) as [{ empty: boolean }];
    return this.ensureStaged(table, empty ? await this.engineDatabase() : 'memory');
  }

  /**
   * Runs a format's checks over its records as text: facts into `table`'s staging table, problems into the rejects.
   * The records are those staged with addText (whose values were plain when addText saw none that was not), unless
   * `from` gives them otherwise (DuckDB's CSV reader: read-csv-in-duckdb.ts). Returns the rows rejected, or null
   * when `from` abandoned the reading.
   */
  async checkText(table: TableName, checks: TextChecks, from?: Pick<CheckedTables, 'text' | 'plain' | 'numberLines'>): Promise<number | null> {
    await this.flush(true);
    const count = async () => (await this.runner.query<{ n: number }>(`SELECT count(*) AS n FROM ${staged('rejects')}`))[0]!.n;
    const before = await count();
    const tables = { text: `(SELECT *, false AS blank FROM ${STAGED_TEXT})`, plain: this.plainText, ...from, facts: await this.checkedFacts(table), rejects: staged('rejects') };
    if (!(await checks.run(this.runner, tables))) return null;
    return (await count()) - before;
  }

  /** The rows staged for `table`. */
  async stagedRows(table: TableName): Promise<number> {
    return (await this.runner.query<{ n: number }>(`SELECT count(*) AS n FROM ${await this.ensureStaged(table)}`))[0]!.n;
  }

  /** Sends full batches to DuckDB (all of them when `final`). */
  async flush(final = false): Promise<void> {
    for (const [table, batch] of this.pending) {
      if (batch.rows.length === 0 || (!final && batch.rows.length < BATCH_ROWS)) continue;
      await this.runner.insertArrow(await this.ensureStaged(table), rowsToArrow(TABLES[table].columns, batch.lines, batch.rows), false);
      this.pending.set(table, { lines: [], rows: [] });
    }
    const text = this.text;
    if (this.textColumns && text.lines.length > 0 && (final || text.lines.length >= BATCH_ROWS)) {
      const vectors: Record<string, Vector> = { line: vectorFromArray(text.lines, new Int32()) };
      this.textColumns.forEach((c, i) => (vectors[c] = utf8Vector(text.values.map((v) => v[i] ?? null))));
      await this.runner.insertArrow(STAGED_TEXT, new Table(vectors), false);
      this.text = { lines: [], values: [] };
    }
    if (this.rejects.length > 0 && (final || this.rejects.length >= BATCH_ROWS)) {
      const rows = this.rejects;
      await this.runner.insertArrow(
        staged('rejects'),
        new Table({
          line: vectorFromArray(rows.map((r) => r.line), new Int32()),
          column: utf8Vector(rows.map((r) => r.column)),
          value: utf8Vector(rows.map((r) => (r.value === null ? null : r.value.slice(0, 500)))),
          reason: utf8Vector(rows.map((r) => r.reason)),
        }),
        false,
      );
      this.rejects = [];
    }
  }

  /** First and last day of the staged rows of `table`, by its range column. */
  async range(table: TableName): Promise<{ first_day: string | null; last_day: string | null }> {
    const spec = TABLES[table];
    const column = spec.columns.find((c) => c.name === spec.range);
    if (!column || !this.created.has(table)) return { first_day: null, last_day: null };
    const value = `CAST(${toSql(column, column.name)} AS DATE)`;
    const [row] = await this.runner.query<{ first_day: string | null; last_day: string | null }>(
      `SELECT strftime(min(${value}), '%Y-%m-%d') AS first_day, strftime(max(${value}), '%Y-%m-%d') AS last_day FROM ${this.stagedTable(table)}`,
    );
    return row!;
  }

  /**
   * Re-keys the staged rows by the identities loaded and this file's own, before the merge's transaction: a
   * transaction writes to one database, and the staged tables are in another.
   */
  async rekeyStaged(): Promise<void> {
    const identities = this.created.has('identities')
      ? `(SELECT user_email, autodesk_id, hashed_id FROM identities UNION ALL SELECT user_email, autodesk_id, hashed_id FROM ${this.stagedTable('identities')})`
      : 'identities';
    const keyed = [...this.created].filter((table) => table !== 'identities' && KEYED.includes(table));
    await linkIdentities(this.runner, keyed.map((table) => this.stagedTable(table)), identities);
  }

  /**
   * Moves every staged table into the engine's tables inside the caller's transaction (rekeyStaged first). A row whose
   * key is already present (from an earlier file or an earlier line) is not added again. A staging table beside an
   * empty table, with no key twice, becomes that table (adopt). Otherwise, on an engine that compresses
   * its tables, a table of more staged rows than it takes in one transaction (Runner.mergeChunkRows) is inserted a
   * part at a time, with `commit` between the parts: a CSV of a gigabyte needed more memory than a tab has, inserted
   * at once. Returns the rows added per table.
   */
  async merge(fileId: number, commit: () => Promise<void>): Promise<Map<TableName, number>> {
    const added = new Map<TableName, number>();
    // Identities first, then loaded rows re-keyed with them (the staged ones were, by rekeyStaged): a row is compared
    // with what is loaded, both under their final key (a loaded row keyed by a hashed id that this file links to an
    // e-mail included).
    const order = [...this.created].sort((a, b) => Number(b === 'identities') - Number(a === 'identities'));
    for (const table of order) {
      if (table !== 'identities' && KEYED.includes(table)) await linkIdentities(this.runner, [table]);
      const spec = TABLES[table];
      const [before] = await this.runner.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
      // Rows are numbered from 0 as they were staged; those of rejected records are gone, their numbers with them.
      // Numbering identical facts takes a window over every staged row: first, whether any key is staged twice. As
      // many distinct hashes of the key as rows means no key is; fewer, that one may be, which grouping settles.
      const key = keyExpressions(spec).join(', ');
      const from = this.stagedTable(table);
      const [{ end, rows, hashes }] = (await this.runner.query<{ end: number; rows: number; hashes: number }>(
        `SELECT coalesce(max(rowid) + 1, 0)::BIGINT AS end, count(*) AS rows, count(DISTINCT hash(${key})) AS hashes FROM ${from}`,
      )) as [{ end: number; rows: number; hashes: number }];
      const repeats = hashes < rows && (await this.runner.query(`SELECT 1 FROM ${from} GROUP BY ${key} HAVING count(*) > 1 LIMIT 1`)).length > 0;
      const choose = repeats || before!.n > 0;
      if (!choose && from.startsWith(`${await this.engineDatabase()}.`)) {
        await this.adopt(table, fileId);
        added.set(table, rows);
        continue;
      }
      if (choose) await this.runner.exec(chosenSql(spec, from, repeats));
      const part = this.runner.mergeChunkRows ?? Math.max(end, 1);
      for (let first = 0; first < end; first += part) {
        if (first > 0) await commit();
        await this.runner.query(insertSql(spec, from, choose, part >= end ? null : { from: first, to: first + part }), { file_id: fileId });
      }
      if (choose) await this.runner.exec(`DROP TABLE ${CHOSEN}`);
      const [after] = await this.runner.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
      added.set(table, after!.n - before!.n);
    }
    await this.runner.query(`INSERT INTO rejects SELECT ?, line, "column", value, reason FROM ${staged('rejects')}`, [fileId]);
    return added;
  }

  /**
   * Makes the staged rows of `table`, which has none, its rows without copying them (a staging table in the database
   * of the engine's tables): the staging table is altered into the table's columns, types and constraints (the
   * columns in another order: rows are inserted by name) and takes its name, inside the caller's transaction. Copying
   * them took 0.5 s a million sessions natively, and the memory of both tables while it ran.
   */
  private async adopt(table: TableName, fileId: number): Promise<void> {
    const spec = TABLES[table];
    const name = this.stagedTable(table);
    const [database, bare] = name.split('.') as [string, string];
    const types = new Map(
      (await this.runner.query<{ column_name: string; data_type: string }>(
        'SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = ? AND schema_name = \'main\' AND table_name = ?',
        [database, bare],
      )).map((c) => [c.column_name, c.data_type]),
    );
    const columns = tableColumns(spec);
    const statements = [...types.keys()].filter((c) => !columns.some((column) => column.name === c)).map((c) => `ALTER TABLE ${name} DROP COLUMN ${c}`);
    for (const column of columns) {
      const now = types.get(column.name);
      if (now === undefined) {
        // The file's id fills its column once; a column's own default stays.
        const fill = column.name === 'file_id' ? String(Math.trunc(fileId)) : column.default;
        statements.push(`ALTER TABLE ${name} ADD COLUMN ${column.name} ${column.type}${fill === undefined ? '' : ` DEFAULT ${fill}`}`);
        if (fill !== column.default) statements.push(`ALTER TABLE ${name} ALTER ${column.name} DROP DEFAULT`);
      } else if (now !== column.type) {
        statements.push(`ALTER TABLE ${name} ALTER ${column.name} TYPE ${column.type} USING ${column.spec ? toSql(column.spec, column.name) : column.name}`);
      }
    }
    statements.push(
      ...columns.filter((c) => c.notNull).map((c) => `ALTER TABLE ${name} ALTER ${c.name} SET NOT NULL`),
      `DROP TABLE ${spec.name}`,
      `ALTER TABLE ${name} RENAME TO ${spec.name}`,
    );
    await this.runner.exec(statements.join(';\n'));
  }

  async drop(): Promise<void> {
    const names = [...Object.keys(TABLES), 'rejects'].map((t) => staged(t as TableName)).concat([...this.besideFacts.values()]);
    await this.runner.exec(`DROP TABLE IF EXISTS ${STAGED_TEXT}; ${names.map((name) => `DROP TABLE IF EXISTS ${name};`).join(' ')}`);
    this.created.clear();
    this.besideFacts.clear();
    this.pending.clear();
    this.rejects = [];
    this.textColumns = null;
    this.text = { lines: [], values: [] };
    this.plainText = true;
  }
}

/** The SQL expression that turns a staged value into the table's type. */
function toSql(column: ColumnSpec, expression: string): string {
  switch (column.type) {
    case 'timestamp':
      return `make_timestamp(CAST(${expression} * 1000 AS BIGINT))`;
    case 'day':
      return `CAST(${expression} AS DATE)`;
    case 'int':
      return `CAST(${expression} AS INTEGER)`;
    case 'bool':
      return `(${expression} <> 0)`;
    default:
      return expression;
  }
}

/** The key of a table's staged rows, each value as the table will hold it. */
function keyExpressions(spec: TableSpec): string[] {
  return spec.key.map((k) => {
    const column = spec.columns.find((c) => c.name === k);
    return column ? toSql(column, k) : k;
  });
}

/** The staged rows a merge inserts when it must choose them (chosenSql): each by its row, with its occurrence. */
const CHOSEN = 'merge_chosen';

/**
 * Chooses the staged rows of one table that are new: the first staged row (by line) of each key, unless a row with
 * that key is already loaded. Keys are chosen on their own first and only the chosen rows are converted and inserted
 * (insertSql): a window over every staged column costs several times more time and memory on a large file.
 */
function chosenSql(spec: TableSpec, from: string, repeats: boolean): string {
  const keyColumns = keyExpressions(spec).map((expression, i) => `${expression} AS ${spec.key[i]}`);
  const keys = spec.key.join(', ');
  const same = [...spec.key.map((k) => `t.${k} IS NOT DISTINCT FROM s.${k}`), 't.occurrence = s.occurrence'].join(' AND ');
  // Identical facts of one file are as many facts (two identical checkouts held at once are two), numbered by line
  // (all 1 when `repeats` is false: no key is staged twice); a fact is already loaded when a row with its key and its
  // number is: a file seen again adds nothing, one that repeats a fact more often than before adds only the extra ones.
  return `CREATE OR REPLACE TEMP TABLE ${CHOSEN} AS
    WITH numbered AS (
      SELECT rowid AS staged_row, ${keyColumns.join(', ')},
             ${repeats ? `row_number() OVER (PARTITION BY ${keys} ORDER BY line, rowid)::INTEGER` : '1'} AS occurrence
      FROM ${from}
    )
    SELECT s.staged_row, s.occurrence FROM numbered s WHERE NOT EXISTS (SELECT 1 FROM ${spec.name} t WHERE ${same})`;
}

/**
 * Inserts the staged rows of `part` (by row; all of them when null: a filter on the row costs a quarter of the insert)
 * of one table, converted to the table's types: those chosenSql chose when `chosen`, else all of them (each key
 * once, into a table that has none: there is nothing to choose).
 */
function insertSql(spec: TableSpec, from: string, chosen: boolean, part: { from: number; to: number } | null): string {
  const converted = spec.columns.map((c) => `${toSql(c, c.name)} AS ${c.name}`).join(', ');
  const rows = (row: string) => (part ? `WHERE ${row} >= ${part.from} AND ${row} < ${part.to}` : '');
  return chosen
    ? `INSERT INTO ${spec.name} BY NAME SELECT CAST($file_id AS INTEGER) AS file_id, line, ${converted}, c.occurrence
       FROM ${from} s JOIN ${CHOSEN} c ON c.staged_row = s.rowid ${rows('c.staged_row')}`
    : `INSERT INTO ${spec.name} BY NAME SELECT CAST($file_id AS INTEGER) AS file_id, line, ${converted}, 1 AS occurrence FROM ${from} ${rows('rowid')}`;
}
