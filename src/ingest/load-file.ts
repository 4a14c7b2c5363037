import type { IngestReport, LoadProgress, SourceFile } from './ingest-report.ts';
import type { Runner } from '../db/runner.ts';
import type { Adapter, FileContext, Sink, TableAdapter } from './adapters/adapter.ts';
import { CsvReader, detectDelimiter, type CsvRecord, type Delimiter } from './csv.ts';
import { DateOrderDetector } from './dates.ts';
import { decodeText, isZip, UnreadableFileError } from './decode.ts';
import { Fingerprint } from '../lib/fingerprint.ts';
import { readJsonTable } from './readers/json.ts';
import { readXlsxTable } from './readers/xlsx.ts';
import { ADAPTERS, adapterFor, bestTableAdapter, expectedFormats, lineAdapterFor } from './registry.ts';
import { Stager } from './stage.ts';
import { afterMerge } from './after-merge.ts';

export type FileProgress = Omit<LoadProgress, 'file_index' | 'files_total'>;

const DELIMITER_NAMES: Record<Delimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };
/** Records held back while a file's date order is still unknown. */
const DATE_ORDER_BUFFER = 100_000;

/** A file that cannot be loaded until the user answers a question (its date order). */
export class QuestionError extends UnreadableFileError {}

interface LoadState {
  productForPlc: (plc: string) => string | null;
  report: IngestReport;
  fingerprint: Fingerprint;
  adapter: Adapter | null;
  stager: Stager;
  progress: (bytes: number) => void;
}

/**
 * Loads one file into the engine: detect its kind, read every record through its adapter into staging
 * tables, then merge in one transaction. A file that cannot be read leaves every table as it was.
 */
export async function loadFile(
  runner: Runner,
  source: SourceFile,
  fileId: number,
  productForPlc: (plc: string) => string | null,
  onProgress: (p: FileProgress) => void,
): Promise<IngestReport> {
  const report = emptyReport(source, fileId);
  const stager = new Stager(runner);
  const state: LoadState = {
    productForPlc,
    report,
    fingerprint: new Fingerprint(),
    adapter: null,
    stager,
    progress: (bytes) => onProgress({ file: source.name, bytes_done: bytes, bytes_total: source.blob.size, rows: report.rows_read }),
  };
  let inTransaction = false;
  try {
    await stager.begin();
    await readFile(source, state);
    const adapter = state.adapter!;
    if (report.rows_read === 0) {
      throw new UnreadableFileError(`${source.name} has no data rows: expected ${adapter.expects}, with at least one row after the header.`);
    }
    await stager.flush(true);
    const primaries = [adapter.primary, ...(adapter.alsoPrimary ?? [])];
    for (const table of primaries) {
      const { first_day, last_day } = await stager.range(table);
      if (first_day !== null && (report.first_day === null || first_day < report.first_day)) report.first_day = first_day;
      if (last_day !== null && (report.last_day === null || last_day > report.last_day)) report.last_day = last_day;
    }

    const [twin] = await runner.query<{ name: string }>(`SELECT name FROM files WHERE fingerprint = ? AND status = 'loaded' ORDER BY file_id LIMIT 1`, [state.fingerprint.digest()]);
    if (twin) {
      report.status = 'duplicate_file';
      report.message = `${report.file} has the same content as ${twin.name}, loaded before: nothing was added twice.`;
      await insertFileRow(runner, report, state.fingerprint.digest());
      await stager.drop();
      return report;
    }

    await runner.exec('BEGIN TRANSACTION');
    inTransaction = true;
    const added = await stager.merge(fileId);
    report.rows_new = primaries.reduce((n, table) => n + (added.get(table) ?? 0), 0);
    await insertFileRow(runner, report, state.fingerprint.digest());
    await afterMerge(runner);
    await runner.exec('COMMIT');
    inTransaction = false;
    await stager.drop();
  } catch (error) {
    if (inTransaction) await runner.exec('ROLLBACK');
    await stager.drop();
    report.status = 'failed';
    report.question = error instanceof QuestionError ? 'date_order' : null;
    report.message = error instanceof UnreadableFileError ? error.message : `${source.name} could not be loaded: ${String(error instanceof Error ? error.message : error)}`;
    report.rows_read = report.rows_loaded = report.rows_rejected = report.rows_new = 0;
    report.first_day = report.last_day = null;
    await insertFileRow(runner, report, null);
  }
  return report;
}

async function readFile(source: SourceFile, state: LoadState): Promise<void> {
  const head = new Uint8Array(await source.blob.slice(0, 8).arrayBuffer());
  if (isZip(head) && !source.name.toLowerCase().endsWith('.gz')) {
    const bytes = new Uint8Array(await source.blob.arrayBuffer());
    state.progress(bytes.length);
    state.fingerprint.updateBytes(bytes);
    const table = readXlsxTable(bytes, source.name, (h) => recognises(source, h), expectedFormats());
    state.report.encoding = 'xlsx';
    state.report.where = table.where;
    await readTable(source, state, table.header, table.records);
    return;
  }

  const text = await decodeText(source.blob, source.name, expectedFormats(), state.progress);
  state.report.encoding = text.compressed ? `${text.encoding} (gzip)` : text.encoding;
  const chunks = text.chunks[Symbol.asyncIterator]();
  const first = await chunks.next();
  if (first.done || first.value.trim() === '') throw new UnreadableFileError(`${source.name} is empty: expected ${expectedFormats()}.`);
  const rest = { [Symbol.asyncIterator]: () => chunks };
  const all = prepend(first.value, rest, state.fingerprint);

  const start = first.value.trimStart();
  const forced = source.kind ? adapterFor(source.kind) : null;
  const firstLines = first.value.split(/\r\n|\n|\r/, 60);
  const lineAdapter = forced?.shape === 'lines' ? forced : forced ? null : lineAdapterFor(firstLines);
  if (lineAdapter) {
    state.adapter = lineAdapter;
    state.report.kind = lineAdapter.kind;
    state.report.kind_label = lineAdapter.label;
    await readLines(source, state, lineAdapter, all);
  } else if ((start.startsWith('[') || start.startsWith('{')) && forced?.shape !== 'lines') {
    let whole = '';
    for await (const chunk of all) whole += chunk;
    const table = readJsonTable(whole, source.name, (h) => recognises(source, h), expectedFormats());
    state.report.where = table.where;
    await readTable(source, state, table.header, table.records);
  } else {
    const reader = new CsvReader(detectDelimiter(first.value));
    state.report.delimiter = DELIMITER_NAMES[reader.delimiter];
    const records = csvRecords(all, reader);
    const header = await records.next();
    if (header.done) throw new UnreadableFileError(`${source.name} is empty: expected ${expectedFormats()}.`);
    await readTable(source, state, header.value.fields, { [Symbol.asyncIterator]: () => records });
    if (reader.unterminatedQuote) {
      throw new UnreadableFileError(`${source.name} ends inside a quoted field (an opening " is never closed): expected a complete CSV file.`);
    }
  }
}

function recognises(source: SourceFile, header: string[]): boolean {
  const forced = source.kind ? adapterFor(source.kind) : null;
  if (forced?.shape === 'table') return forced.missing(header) === null;
  return bestTableAdapter(header) !== null;
}

/** Chooses the table adapter (the user's choice or the best fit) and runs every record through it. */
async function readTable(source: SourceFile, state: LoadState, header: string[], records: Iterable<CsvRecord> | AsyncIterable<CsvRecord>): Promise<void> {
  const report = state.report;
  const adapter = chooseTableAdapter(source, header);
  state.adapter = adapter;
  report.kind = adapter.kind;
  report.kind_label = adapter.label;
  const context: FileContext = { fileName: source.name, productForPlc: state.productForPlc, dateOrder: source.date_order ?? null, decimalComma: report.delimiter === DELIMITER_NAMES[';'] };
  const mapper = adapter.open(header, context);
  report.extra_columns = mapper.extraColumns;
  const sink = sinkOf(state);
  const detector = new DateOrderDetector();
  const held: CsvRecord[] = [];

  const use = (record: CsvRecord) => {
    report.rows_read++;
    if (record.fields.length !== header.length) {
      state.stager.reject({ line: record.line, column: null, value: null, reason: `has ${record.fields.length} fields where the header has ${header.length}` });
      report.rows_rejected++;
      return;
    }
    const problem = mapper.map(record, sink);
    if (problem) {
      state.stager.reject({ line: record.line, ...problem });
      report.rows_rejected++;
    } else report.rows_loaded++;
  };
  const release = () => {
    for (const record of held) use(record);
    held.length = 0;
  };

  let count = 0;
  for await (const record of records) {
    if (record.fields.every((f) => f.trim() === '')) continue; // a blank line is not a row
    if (context.dateOrder === null) {
      for (const value of mapper.dates(record)) detector.add(value);
      if (detector.conflicting) throw mixedDates(source, detector);
      if (detector.decided) {
        context.dateOrder = detector.decided;
        release();
      } else if (detector.example()) {
        // A date that reads both ways has been seen: hold records until one decides the order.
        if (held.length >= DATE_ORDER_BUFFER) throw ambiguousDates(source, detector);
        held.push(record);
        continue;
      }
      // Otherwise no numeric date needs an order yet (ISO dates, or none): the record is read as it is.
    }
    use(record);
    if (++count % 5_000 === 0) await state.stager.flush();
  }
  if (held.length > 0) {
    if (detector.example()) throw ambiguousDates(source, detector);
    release();
  }
  // A chosen order skips detection (the detector sees no dates), yet the report must still say which order was used.
  report.date_order = describeOrder(context.dateOrder, source.date_order != null, detector.sawNumericDates || source.date_order != null);
  report.notes = mapper.notes();
}

function chooseTableAdapter(source: SourceFile, header: string[]): TableAdapter {
  const found = header.filter((h) => h.trim()).slice(0, 8).map((h) => h.trim()).join(', ') || 'nothing';
  if (source.kind) {
    const forced = adapterFor(source.kind);
    if (!forced || forced.shape !== 'table') throw new UnreadableFileError(`${source.name} cannot be read as ${source.kind}: that kind is not a table of columns.`);
    const missing = forced.missing(header);
    if (missing) throw new UnreadableFileError(`${source.name} does not have the columns of ${forced.label}: missing ${missing} (first line found: ${found}).`);
    return forced;
  }
  const adapter = bestTableAdapter(header);
  if (adapter) return adapter;
  // A header that is clearly of one format but lacks a required column: say which format and which column.
  let near: TableAdapter | null = null;
  let nearScore = 0;
  for (const candidate of ADAPTERS) {
    if (candidate.shape !== 'table') continue;
    const score = candidate.resemblance(header);
    if (score > nearScore) [near, nearScore] = [candidate, score];
  }
  if (near) {
    throw new UnreadableFileError(`${source.name} looks like ${near.label} but lacks a required column: missing ${near.missing(header)} (first line found: ${found}).`);
  }
  throw new UnreadableFileError(`${source.name} has no recognisable header: expected ${expectedFormats()} (first line found: ${found}).`);
}

async function readLines(source: SourceFile, state: LoadState, adapter: Extract<Adapter, { shape: 'lines' }>, chunks: AsyncIterable<string>): Promise<void> {
  const mapper = adapter.open({ fileName: source.name, productForPlc: state.productForPlc, dateOrder: source.date_order ?? null });
  const sink = sinkOf(state);
  let carry = '';
  let lineNumber = 0;
  for await (const chunk of chunks) {
    const lines = (carry + chunk).split(/\r\n|\n|\r/);
    carry = lines.pop() ?? '';
    for (const line of lines) mapper.line(line, ++lineNumber, sink);
    Object.assign(state.report, countsOf(mapper.counts()));
    await state.stager.flush();
  }
  if (carry !== '') mapper.line(carry, ++lineNumber, sink);
  mapper.end(sink);
  Object.assign(state.report, countsOf(mapper.counts()));
  state.report.notes = mapper.notes();
}

function countsOf(c: { read: number; loaded: number; rejected: number }) {
  return { rows_read: c.read, rows_loaded: c.loaded, rows_rejected: c.rejected };
}

function sinkOf(state: LoadState): Sink {
  return {
    add: (table, line, row) => state.stager.add(table, line, row),
    reject: (row) => state.stager.reject(row),
  };
}

async function* prepend(first: string, rest: AsyncIterable<string>, fingerprint: Fingerprint): AsyncGenerator<string> {
  fingerprint.update(first);
  yield first;
  for await (const chunk of rest) {
    fingerprint.update(chunk);
    yield chunk;
  }
}

async function* csvRecords(chunks: AsyncIterable<string>, reader: CsvReader): AsyncGenerator<CsvRecord> {
  for await (const chunk of chunks) yield* reader.push(chunk);
  yield* reader.end();
}

function ambiguousDates(source: SourceFile, detector: DateOrderDetector): QuestionError {
  return new QuestionError(
    `${source.name} has dates such as ${detector.example()} that read either as day/month or as month/day, and none that decides: choose the file's date order (M/D/Y or D/M/Y) and load it again.`,
  );
}

function mixedDates(source: SourceFile, detector: DateOrderDetector): UnreadableFileError {
  return new UnreadableFileError(`${source.name} mixes day-first and month-first dates (${detector.example() ?? 'both orders seen'}): expected one date order throughout the file.`);
}

function describeOrder(order: string | null, chosen: boolean, numeric: boolean): string | null {
  if (!numeric) return null;
  const name = order === 'dmy' ? 'D/M/Y' : order === 'mdy' ? 'M/D/Y' : null;
  if (!name) return null;
  return chosen ? `${name} (chosen by the user)` : `${name} (decided from the file's values)`;
}

function emptyReport(source: SourceFile, fileId: number): IngestReport {
  return {
    file_id: fileId,
    file: source.name,
    kind: null,
    kind_label: 'not recognised',
    status: 'loaded',
    message: null,
    question: null,
    bytes: source.blob.size,
    encoding: null,
    delimiter: null,
    where: null,
    date_order: null,
    rows_read: 0,
    rows_loaded: 0,
    rows_rejected: 0,
    rows_new: 0,
    extra_columns: [],
    notes: [],
    first_day: null,
    last_day: null,
  };
}

async function insertFileRow(runner: Runner, r: IngestReport, fingerprint: string | null): Promise<void> {
  await runner.query(
    `INSERT INTO files (file_id, name, kind, status, message, question, bytes, fingerprint, encoding, delimiter, "where", date_order,
                        rows_read, rows_loaded, rows_rejected, rows_new, extra_columns, notes, first_day, last_day)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [r.file_id, r.file, r.kind, r.status, r.message, r.question, r.bytes, fingerprint, r.encoding, r.delimiter, r.where, r.date_order,
     r.rows_read, r.rows_loaded, r.rows_rejected, r.rows_new, JSON.stringify(r.extra_columns), JSON.stringify(r.notes), r.first_day, r.last_day],
  );
}
