import type { SourceFile } from './ingest-report.ts';
import { CsvReader, detectDelimiter, type CsvRecord } from './csv.ts';
import { fingerprintOf } from '../lib/fingerprint.ts';
import { decodeText, fileBytes, isZip, UnreadableFileError, type DecodedText } from './decode.ts';
import { chooseTableAdapter } from './choose-adapter.ts';
import { readCsvInDuckDb } from './read-csv-in-duckdb.ts';
import { readJsonTable } from './readers/json.ts';
import { readXlsxTable } from './readers/xlsx.ts';
import { expectedFormats } from './registry.ts';
import { chooseLineAdapter, recognises } from './choose-adapter.ts';
import { DELIMITER_NAMES } from './file-report.ts';
import type { LoadState } from './load-state.ts';
import { readLines } from './read-lines.ts';
import { readTable } from './read-table.ts';

/**
 * Reads one file by what its content is: an XLSX workbook (a zip that is not gzip), licence-server log lines,
 * a JSON table, or CSV text.
 */
export async function readSource(source: SourceFile, state: LoadState, options: { duckDbCsv: boolean; encoding?: string } = { duckDbCsv: true }): Promise<void> {
  const head = new Uint8Array(await source.blob.slice(0, 8).arrayBuffer());
  if (isZip(head) && !source.name.toLowerCase().endsWith('.gz')) {
    if (await loadedBefore(source, state)) return;
    await readWorkbook(source, state);
    return;
  }

  const text = await decodeText(source.blob, source.name, expectedFormats(), state.progress, undefined, options.encoding);
  state.report.encoding = text.compressed ? `${text.encoding} (gzip)` : text.encoding;
  const chunks = text.chunks[Symbol.asyncIterator]();
  const first = await chunks.next();
  if (first.done || first.value.trim() === '') throw new UnreadableFileError(`${source.name} is empty: expected ${expectedFormats()}.`);
  const rest = { [Symbol.asyncIterator]: () => chunks };
  const all = prepend(first.value, rest);

  const start = first.value.trimStart();
  const lineAdapter = chooseLineAdapter(source, first.value);
  if (lineAdapter) {
    state.adapter = lineAdapter;
    state.report.kind = lineAdapter.kind;
    state.report.kind_label = lineAdapter.label;
    if (await loadedBefore(source, state)) return;
    await readLines(source, state, lineAdapter, all);
  } else if (start.startsWith('[') || start.startsWith('{')) {
    if (await loadedBefore(source, state)) return;
    await readJson(source, state, all);
  } else {
    const read = options.duckDbCsv ? await readCsvWithDuckDb(source, state, first.value, text) : 'not-for-duckdb';
    if (read === 'not-for-duckdb') {
      if (await loadedBefore(source, state)) return;
      await readCsv(source, state, first.value, all);
    } else if (read === 'read-again') {
      await readSource(source, state, { duckDbCsv: false, encoding: options.encoding });
    }
  }
}

/**
 * Fingerprints the file's bytes, before any is parsed, unless an earlier reading of it did: true when a file with the
 * same bytes was loaded before. (A CSV that DuckDB reads is fingerprinted in the same pass as its line scan.)
 */
async function loadedBefore(source: SourceFile, state: LoadState): Promise<boolean> {
  return state.fingerprint === null && state.recognise(await fingerprintOf(source.blob));
}

/**
 * A UTF-8 CSV of a format checked in SQL is read by DuckDB's CSV reader (read-csv-in-duckdb.ts). 'read-again' when
 * DuckDB's reading differed from the JavaScript readers', which must then read the file from its start.
 */
async function readCsvWithDuckDb(source: SourceFile, state: LoadState, firstChunk: string, text: DecodedText): Promise<'read' | 'read-again' | 'not-for-duckdb'> {
  if (text.encoding !== 'utf-8') return 'not-for-duckdb';
  const reader = new CsvReader(detectDelimiter(firstChunk));
  // push() returns complete records only: a header here ended within the first chunk.
  const [header] = reader.push(firstChunk);
  if (!header || header.line !== 1) return 'not-for-duckdb';
  const adapter = chooseTableAdapter(source, header.fields);
  if (!adapter.textChecks) return 'not-for-duckdb';
  state.adapter = adapter;
  state.report.kind = adapter.kind;
  state.report.kind_label = adapter.label;
  state.report.delimiter = DELIMITER_NAMES[reader.delimiter];
  const plan = { header: header.fields, delimiter: reader.delimiter, compressed: text.compressed, adapter, checks: adapter.textChecks };
  // The text read so far only showed the header: the rest goes to DuckDB as bytes.
  return (await readCsvInDuckDb(state.runner, source, state, plan, fileBytes(source.blob, text.compressed, state.progress))) ? 'read' : 'read-again';
}

async function readWorkbook(source: SourceFile, state: LoadState): Promise<void> {
  const bytes = new Uint8Array(await source.blob.arrayBuffer());
  state.progress(bytes.length);
  const table = readXlsxTable(bytes, source.name, (h) => recognises(source, h), expectedFormats());
  state.report.encoding = 'xlsx';
  state.report.where = table.where;
  await readTable(source, state, table.header, table.records);
}

async function readJson(source: SourceFile, state: LoadState, chunks: AsyncIterable<string>): Promise<void> {
  let whole = '';
  for await (const chunk of chunks) whole += chunk;
  const table = readJsonTable(whole, source.name, (h) => recognises(source, h), expectedFormats());
  state.report.where = table.where;
  await readTable(source, state, table.header, table.records);
}

async function readCsv(source: SourceFile, state: LoadState, firstChunk: string, chunks: AsyncIterable<string>): Promise<void> {
  const reader = new CsvReader(detectDelimiter(firstChunk));
  state.report.delimiter = DELIMITER_NAMES[reader.delimiter];
  const records = csvRecords(chunks, reader);
  const header = await records.next();
  if (header.done) throw new UnreadableFileError(`${source.name} is empty: expected ${expectedFormats()}.`);
  await readTable(source, state, header.value.fields, { [Symbol.asyncIterator]: () => records });
  if (reader.unterminatedQuote) {
    throw new UnreadableFileError(`${source.name} ends inside a quoted field (an opening " is never closed): expected a complete CSV file.`);
  }
}

/** The first chunk, then the rest. */
async function* prepend(first: string, rest: AsyncIterable<string>): AsyncGenerator<string> {
  yield first;
  yield* rest;
}

async function* csvRecords(chunks: AsyncIterable<string>, reader: CsvReader): AsyncGenerator<CsvRecord> {
  for await (const chunk of chunks) yield* reader.push(chunk);
  yield* reader.end();
}
