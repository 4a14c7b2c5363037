import type { IngestReport, LoadProgress, SourceFile } from '../engine/api.ts';
import type { Runner } from '../engine/db/runner.ts';
import { CsvReader, detectDelimiter, type CsvRecord, type Delimiter } from './csv.ts';
import { decodeText, UnreadableFileError } from './decode.ts';
import { detectFormat, expectedFormats } from './detect.ts';
import { Fingerprint } from './fingerprint.ts';
import { matchColumns } from './header.ts';
import { isRowProblem, LRT_ALIASES, LRT_SESSION_COLUMNS, toSessionRow, type SessionRow } from './formats/lrt-sessions.ts';
import { rejectsToArrow, sessionsToArrow, type RejectedRow } from './session-batch.ts';
import { createStaging, dropStaging, mergeStagedFile, STAGED_REJECTS, STAGED_SESSIONS } from './merge.ts';

const BATCH_ROWS = 20_000;
const DELIMITER_NAMES: Record<Delimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

/**
 * Loads one file into the engine: decode, detect, validate every row, stage, then merge in one
 * transaction. A file that cannot be read leaves every table as it was.
 */
export type FileProgress = Omit<LoadProgress, 'file_index' | 'files_total'>;

export async function loadFile(runner: Runner, source: SourceFile, fileId: number, onProgress: (p: FileProgress) => void): Promise<IngestReport> {
  const report = emptyReport(source, fileId);
  try {
    await stageFile(runner, source, report, onProgress);
    if (report.rows_read === 0) {
      throw new UnreadableFileError(`${source.name} has a header but no data rows: expected at least one session after the header.`);
    }
    await mergeStagedFile(runner, report);
  } catch (error) {
    await dropStaging(runner);
    report.status = 'failed';
    report.message = error instanceof UnreadableFileError ? error.message : `${source.name} could not be loaded: ${String(error instanceof Error ? error.message : error)}`;
    report.rows_read = report.rows_loaded = report.rows_rejected = report.rows_new = 0;
    report.first_day = report.last_day = null;
    await recordFailure(runner, report);
  }
  const { fingerprint: _, ...plain } = report;
  return plain;
}

async function stageFile(runner: Runner, source: SourceFile, report: IngestReport & { fingerprint?: string }, onProgress: (p: FileProgress) => void): Promise<void> {
  const progress = (bytes: number) => onProgress({ file: source.name, bytes_done: bytes, bytes_total: source.blob.size, rows: report.rows_read });
  const text = await decodeText(source.blob, source.name, expectedFormats(), progress);
  report.encoding = text.compressed ? `${text.encoding} (gzip)` : text.encoding;

  await createStaging(runner);
  const fingerprint = new Fingerprint();
  let reader: CsvReader | null = null;
  let header: string[] | null = null;
  let pick: ((record: CsvRecord) => (c: (typeof LRT_SESSION_COLUMNS)[number]) => string) | null = null;
  let sessions: SessionRow[] = [];
  let rejects: RejectedRow[] = [];

  const flush = async (final: boolean) => {
    if (sessions.length >= BATCH_ROWS || (final && sessions.length > 0)) {
      await runner.insertArrow(STAGED_SESSIONS, sessionsToArrow(sessions), false);
      sessions = [];
    }
    if (rejects.length >= BATCH_ROWS || (final && rejects.length > 0)) {
      await runner.insertArrow(STAGED_REJECTS, rejectsToArrow(rejects), false);
      rejects = [];
    }
  };

  const take = (record: CsvRecord) => {
    if (header === null) {
      header = record.fields;
      const format = detectFormat(header);
      if (!format) {
        const found = header.filter((h) => h.trim()).slice(0, 8).map((h) => h.trim()).join(', ');
        throw new UnreadableFileError(`${source.name} has no recognisable header: expected ${expectedFormats()} (first line found: ${found || 'nothing'}).`);
      }
      report.kind = format.kind;
      report.kind_label = format.label;
      const match = matchColumns(header, LRT_SESSION_COLUMNS, LRT_ALIASES);
      report.extra_columns = match.extra;
      pick = (r) => (c) => {
        const at = match.positions.get(c);
        return at === undefined ? '' : r.fields[at] ?? '';
      };
      return;
    }
    if (record.fields.every((f) => f.trim() === '')) return; // a blank line is not a row
    report.rows_read++;
    if (record.fields.length !== header.length) {
      rejects.push({ line: record.line, column: null, value: null, reason: `has ${record.fields.length} fields where the header has ${header.length}` });
      return;
    }
    const row = toSessionRow(record.line, pick!(record));
    if (isRowProblem(row)) rejects.push({ line: record.line, ...row });
    else sessions.push(row);
  };

  for await (const chunk of text.chunks) {
    fingerprint.update(chunk);
    reader ??= new CsvReader(detectDelimiter(chunk));
    for (const record of reader.push(chunk)) take(record);
    await flush(false);
  }
  if (!reader) throw new UnreadableFileError(`${source.name} is empty: expected ${expectedFormats()}.`);
  for (const record of reader.end()) take(record);
  if (header === null) throw new UnreadableFileError(`${source.name} is empty: expected ${expectedFormats()}.`);
  if (reader.unterminatedQuote) {
    throw new UnreadableFileError(`${source.name} ends inside a quoted field (an opening " is never closed): expected a complete CSV file.`);
  }
  await flush(true);
  report.delimiter = DELIMITER_NAMES[reader.delimiter];
  report.fingerprint = fingerprint.digest();
}

function emptyReport(source: SourceFile, fileId: number): IngestReport & { fingerprint?: string } {
  return {
    file_id: fileId,
    file: source.name,
    kind: null,
    kind_label: 'not recognised',
    status: 'loaded',
    message: null,
    bytes: source.blob.size,
    encoding: null,
    delimiter: null,
    rows_read: 0,
    rows_loaded: 0,
    rows_rejected: 0,
    rows_new: 0,
    extra_columns: [],
    first_day: null,
    last_day: null,
  };
}

async function recordFailure(runner: Runner, report: IngestReport): Promise<void> {
  await runner.query(
    `INSERT INTO files (file_id, name, kind, status, message, bytes, encoding, delimiter, rows_read, rows_loaded, rows_rejected, rows_new, extra_columns)
     VALUES (?, ?, ?, 'failed', ?, ?, ?, ?, 0, 0, 0, 0, '[]')`,
    [report.file_id, report.file, report.kind, report.message, report.bytes, report.encoding, report.delimiter],
  );
}
