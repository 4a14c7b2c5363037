import { Table, makeVector } from 'apache-arrow';
import type { Runner } from '../db/runner.ts';
import { blankSql, sqlString } from '../db/sql-text.ts';
import type { SourceFile } from './ingest-report.ts';
import type { TableAdapter, TextChecks } from './adapters/adapter.ts';
import type { Delimiter } from './csv.ts';
import type { LoadState } from './load-state.ts';
import { RecordLines } from './record-lines.ts';
import { Fingerprint, fingerprintOf } from '../lib/fingerprint.ts';
import { loadedOfSize } from './file-report.ts';

/** What JavaScript decided from the file's first bytes, for DuckDB to read the rest. */
export interface CsvPlan {
  header: string[];
  delimiter: Delimiter;
  compressed: boolean;
  adapter: TableAdapter;
  checks: TextChecks;
}

let registered = 0;

/** The line each record starts on, when some record does not start on the line after the one before: staged, as the facts are. */
const RECORD_LINES = 'memory.staged_csv_lines';

/** What JavaScript's one pass over the raw bytes found: where records start, and the file's fingerprint. */
interface ByteScan {
  lines: RecordLines;
  fingerprint: string;
}

/**
 * Scans the bytes for record lines and plain fields, fingerprinting them in the same pass (a gzip file by its own
 * bytes); `onRecords` hears how many data records there are once the last byte is read.
 */
async function scanBytes(plan: CsvPlan, blob: Blob, bytes: AsyncIterable<Uint8Array>, onRecords: (records: number) => void): Promise<ByteScan> {
  const lines = new RecordLines(plan.delimiter.charCodeAt(0));
  const fingerprint = new Fingerprint();
  for await (const slice of bytes) {
    if (!plan.compressed) fingerprint.update(slice);
    lines.push(slice);
  }
  onRecords(lines.records - 1);
  return { lines, fingerprint: plan.compressed ? await fingerprintOf(blob) : await fingerprint.digest() };
}

/**
 * Reads a CSV file of a format checked in SQL with DuckDB's own CSV reader, every field as text, in the statement
 * that runs the format's checks over them. JavaScript only scans the raw bytes once for the lines on which records
 * start (and whether the fields are plain), fingerprinting them in the same pass; it never decodes the text.
 * DuckDB checks that the bytes are UTF-8.
 *
 * A file can only repeat a loaded one of its own size: when there is one, the file is fingerprinted before DuckDB
 * reads any of it, and recognised then. Otherwise DuckDB reads the file while JavaScript scans it (DuckDB on its own
 * threads, or its own worker in the page), and the checks take the fields as plain until the scan says otherwise:
 * then they run again, trimming.
 *
 * Returns false, having staged nothing, when DuckDB's reading differs from what the JavaScript readers would make
 * of the file (a row with the wrong number of fields, bytes that are not UTF-8, a record count that differs from
 * the line scan): the caller then reads the file with them, which name each such row or refuse the file in the
 * project's words.
 */
export async function readCsvInDuckDb(runner: Runner, source: SourceFile, state: LoadState, plan: CsvPlan, bytes: AsyncIterable<Uint8Array>): Promise<boolean> {
  // The byte scan, started once, by whichever step needs it first.
  let scanning: Promise<ByteScan> | null = null;
  const scanned = (): Promise<ByteScan> => {
    if (!scanning) {
      scanning = scanBytes(plan, source.blob, bytes, (records) => state.checking(records));
      // A scan stopped while DuckDB reads is no unhandled rejection: whoever waits for the scan hears of it.
      scanning.catch(() => undefined);
    }
    return scanning;
  };
  const name = `lrt_source_${++registered}.csv`;
  // Whether DuckDB's checks may take the fields as plain: known when the file was scanned first, else hoped for.
  let plainFirst = true;
  try {
    if (state.fingerprint === null && (await loadedOfSize(runner, source.blob.size))) {
      const { fingerprint, lines } = await scanned();
      if (await state.recognise(fingerprint)) return true;
      plainFirst = lines.plainFields;
    }
    const fields = plan.header.map((_, i) => `f${i}`);
    const columns = `{${fields.map((f) => `${sqlString(f)}: 'VARCHAR'`).join(', ')}}`;
    await runner.registerFile(name, source.blob, source.path);
    // From here DuckDB reads the file while JavaScript scans it.
    void scanned();
    const report = state.report;
    const mapper = plan.adapter.open(plan.header, { fileName: source.name, productForPlc: state.productForPlc, dateOrder: source.date_order ?? null });
    report.extra_columns = mapper.extraColumns;
    report.notes = mapper.notes();
    const positions = mapper.textPositions!;
    const text = (plain: boolean) => {
      // A record of empty fields is not a row, as in the JavaScript readers.
      const blank = fields.map((f) => (plain ? `coalesce(${f}, '') = ''` : blankSql(f))).join(' AND ');
      // The checks read the file in the same statement that makes the facts: the records are never a table of their
      // own (which cost as much time again as reading them, and three times the file's size in memory). Nothing is
      // left out on the way, so the facts' rows stay in the file's order and the nth is record n, which numberLines uses.
      return `(
      SELECT CAST(NULL AS INTEGER) AS line, ${blank} AS blank,
             ${positions.map((at, i) => `${at === undefined ? 'CAST(NULL AS VARCHAR)' : fields[at]} AS ${plan.checks.columns[i]}`).join(', ')}
      FROM read_csv(${sqlString(name)}, header = true, auto_detect = false, delim = ${sqlString(plan.delimiter)}, quote = '"', escape = '"',
                    columns = ${columns}, compression = ${plan.compressed ? "'gzip'" : "'none'"}, strict_mode = true, null_padding = false,
                    store_rejects = true, rejects_table = 'staged_csv_rejects', rejects_scan = 'staged_csv_scans'))`;
    };
    let notPlain = false;
    const check = (plain: boolean) => {
      const numberLines = async (facts: string): Promise<boolean> => {
        const { lines } = await scanned();
        if (plain && !lines.plainFields) {
          notPlain = true;
          await runner.exec(`DELETE FROM ${facts}; DROP TABLE IF EXISTS staged_csv_rejects; DROP TABLE IF EXISTS staged_csv_scans;`);
          return false;
        }
        const [{ rejected, records }] = (await runner.query<{ rejected: number; records: number }>(
          `SELECT (SELECT count(*) FROM staged_csv_rejects) AS rejected, (SELECT count(*) FROM ${facts}) AS records`,
        )) as [{ rejected: number; records: number }];
        if (rejected > 0 || records !== lines.records - 1) {
          await runner.exec(`DELETE FROM ${facts}`);
          return false;
        }
        if (lines.oneLineEach) {
          await runner.exec(`UPDATE ${facts} SET line = CAST(rowid + 2 AS INTEGER)`);
        } else {
          const data = lines.dataLines();
          const numbers = Int32Array.from({ length: data.length }, (_, i) => i);
          await runner.insertArrow(RECORD_LINES, new Table({ record: makeVector(numbers), line: makeVector(Int32Array.from(data)) }), true);
          await runner.exec(`UPDATE ${facts} SET line = l.line FROM ${RECORD_LINES} l WHERE l.record = ${facts}.rowid`);
        }
        return true;
      };
      return state.stager.checkText(plan.adapter.primary, plan.checks, { text: text(plain), plain, numberLines });
    };
    let rejected = await check(plainFirst);
    if (rejected === null && notPlain) rejected = await check(false);
    if (rejected === null) return false;
    // Only a file of a size no loaded file has gets here without a fingerprint: it is new.
    if (state.fingerprint === null) await state.recognise((await scanned()).fingerprint);
    report.rows_loaded = await state.stager.stagedRows(plan.adapter.primary);
    report.rows_rejected = rejected;
    report.rows_read = report.rows_loaded + rejected;
    return true;
  } finally {
    await (scanning as Promise<ByteScan> | null)?.catch(() => undefined);
    await runner.exec(`DROP TABLE IF EXISTS ${RECORD_LINES}; DROP TABLE IF EXISTS staged_csv_rejects; DROP TABLE IF EXISTS staged_csv_scans;`);
    await runner.dropFile(name);
  }
}
