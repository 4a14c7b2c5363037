import { Table, makeVector } from 'apache-arrow';
import type { Runner } from '../db/runner.ts';
import { blankSql, sqlString } from '../db/sql-text.ts';
import type { SourceFile } from './ingest-report.ts';
import type { TableAdapter, TextChecks } from './adapters/adapter.ts';
import type { Delimiter } from './csv.ts';
import type { LoadState } from './load-state.ts';
import { RecordLines } from './record-lines.ts';
import { Fingerprint, fingerprintOf } from '../lib/fingerprint.ts';
import { STAGED_TEXT } from './stage.ts';

/** What JavaScript decided from the file's first bytes, for DuckDB to read the rest. */
export interface CsvPlan {
  header: string[];
  delimiter: Delimiter;
  compressed: boolean;
  adapter: TableAdapter;
  checks: TextChecks;
}

let registered = 0;

/**
 * Reads a CSV file of a format checked in SQL with DuckDB's own CSV reader: every field as text, into the staged
 * text table, then the format's checks. JavaScript only scans the raw bytes once for the lines on which records
 * start (and whether the fields are plain), fingerprinting them in the same pass; it never decodes the text.
 * DuckDB checks that the bytes are UTF-8.
 *
 * Returns false, having staged nothing, when DuckDB's reading differs from what the JavaScript readers would make
 * of the file (a row with the wrong number of fields, bytes that are not UTF-8, a record count that differs from
 * the line scan): the caller then reads the file with them, which name each such row or refuse the file in the
 * project's words.
 */
export async function readCsvInDuckDb(runner: Runner, source: SourceFile, state: LoadState, plan: CsvPlan, bytes: AsyncIterable<Uint8Array>): Promise<boolean> {
  const lines = new RecordLines(plan.delimiter.charCodeAt(0));
  const fingerprint = new Fingerprint();
  for await (const slice of bytes) {
    if (!plan.compressed) fingerprint.update(slice);
    lines.push(slice);
  }
  // A file loaded before is recognised here, before DuckDB parses any of it (a gzip file by its own bytes).
  const known = plan.compressed ? await fingerprintOf(source.blob) : fingerprint.digest();
  if (state.fingerprint === null && (await state.recognise(known))) return true;

  const name = `lrt_source_${++registered}.csv`;
  const fields = plan.header.map((_, i) => `f${i}`);
  const columns = `{${fields.map((f) => `${sqlString(f)}: 'VARCHAR'`).join(', ')}}`;
  await runner.registerFile(name, source.blob, source.path);
  try {
    await runner.exec(`
      CREATE TABLE staged_csv AS
      SELECT * FROM read_csv(${sqlString(name)}, header = true, auto_detect = false, delim = ${sqlString(plan.delimiter)}, quote = '"', escape = '"',
                    columns = ${columns}, compression = ${plan.compressed ? "'gzip'" : "'none'"}, strict_mode = true, null_padding = false,
                    store_rejects = true, rejects_table = 'staged_csv_rejects', rejects_scan = 'staged_csv_scans')`);
    const [{ rejected, records }] = await runner.query<{ rejected: number; records: number }>(
      `SELECT (SELECT count(*) FROM staged_csv_rejects) AS rejected, (SELECT count(*) FROM staged_csv) AS records`,
    ) as [{ rejected: number; records: number }];
    if (rejected > 0 || records !== lines.records - 1) return false;

    // The table's rowid is the record's place in the file (from 0), as DuckDB read them in order.
    let from = 'SELECT CAST(rowid + 2 AS INTEGER) AS line, * FROM staged_csv';
    if (!lines.oneLineEach) {
      const data = lines.dataLines();
      const numbers = Int32Array.from({ length: data.length }, (_, i) => i);
      await runner.insertArrow('staged_csv_lines', new Table({ record: makeVector(numbers), line: makeVector(Int32Array.from(data)) }), true);
      from = 'SELECT l.line, c.* FROM staged_csv c JOIN staged_csv_lines l ON l.record = c.rowid';
    }

    const report = state.report;
    const mapper = plan.adapter.open(plan.header, { fileName: source.name, productForPlc: state.productForPlc, dateOrder: source.date_order ?? null });
    report.extra_columns = mapper.extraColumns;
    report.notes = mapper.notes();
    const positions = mapper.textPositions!;
    const plain = lines.plainFields;
    // A record of empty fields is not a row, as in the JavaScript readers.
    const blank = fields.map((f) => (plain ? `coalesce(${f}, '') = ''` : blankSql(f))).join(' AND ');
    await state.stager.stageText(plan.checks.columns, `
      SELECT line, ${positions.map((at, i) => `${at === undefined ? 'CAST(NULL AS VARCHAR)' : fields[at]} AS ${plan.checks.columns[i]}`).join(', ')}
      FROM (${from}) WHERE NOT (${blank})`);
    const [{ rows }] = (await runner.query<{ rows: number }>(`SELECT count(*) AS rows FROM ${STAGED_TEXT}`)) as [{ rows: number }];
    report.rows_read = rows;
    const rejectedByChecks = await state.stager.checkText(plan.adapter.primary, plan.checks, plain);
    report.rows_loaded = rows - rejectedByChecks;
    report.rows_rejected = rejectedByChecks;
    return true;
  } finally {
    await runner.exec(`DROP VIEW IF EXISTS ${STAGED_TEXT}; DROP TABLE IF EXISTS staged_csv; DROP TABLE IF EXISTS staged_csv_lines; DROP TABLE IF EXISTS staged_csv_rejects; DROP TABLE IF EXISTS staged_csv_scans;`);
    await runner.dropFile(name);
  }
}
