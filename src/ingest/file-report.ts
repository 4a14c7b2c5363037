import { TABLES } from '../db/tables.ts';
import { KIND_LABELS } from './kinds.ts';
import type { IngestReport, SourceFile } from './ingest-report.ts';
import type { Runner } from '../db/runner.ts';
import type { Delimiter } from './csv.ts';
import { UnreadableFileError } from './decode.ts';
import { QuestionError } from './date-order-hold.ts';

/** How the ingest report names a CSV delimiter. */
export const DELIMITER_NAMES: Record<Delimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

/** The report of a file before anything is read: not recognised, nothing read. */
export function emptyReport(source: SourceFile, fileId: number): IngestReport {
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
    time_zone: null,
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

/** What a file's content says in its report, whatever its name: a file with the same bytes says the same. */
export type ContentReport = Pick<IngestReport, 'file' | 'kind' | 'kind_label' | 'encoding' | 'delimiter' | 'where' | 'date_order' | 'time_zone' | 'rows_read' | 'rows_loaded'
  | 'rows_rejected' | 'extra_columns' | 'notes' | 'first_day' | 'last_day'>;

/** True when a file of `bytes` bytes is loaded: only such a file can have the same content as a new one of that size. */
export async function loadedOfSize(runner: Runner, bytes: number): Promise<boolean> {
  const rows = await runner.query(`SELECT 1 FROM files WHERE bytes = ? AND fingerprint IS NOT NULL AND status = 'loaded' LIMIT 1`, [bytes]);
  return rows.length > 0;
}

/** The first file already loaded with the same content (the same fingerprint), when there is one: its report. */
export async function loadedTwin(runner: Runner, fingerprint: string): Promise<{ report: ContentReport } | null> {
  const [twin] = await runner.query<ContentReport & { extra_columns: string; notes: string }>(
    `SELECT name AS file, kind, encoding, delimiter, "where", date_order, time_zone, rows_read, rows_loaded, rows_rejected, extra_columns, notes, first_day, last_day
     FROM files WHERE fingerprint = ? AND status = 'loaded' ORDER BY file_id LIMIT 1`,
    [fingerprint],
  );
  if (!twin) return null;
  const kindLabel = twin.kind ? KIND_LABELS[twin.kind] : 'not recognised';
  return { report: { ...twin, kind_label: kindLabel, extra_columns: JSON.parse(twin.extra_columns ?? '[]') as string[], notes: JSON.parse(twin.notes ?? '[]') as string[] } };
}

/** Marks the report of a file whose content was loaded before, from `twinName`: nothing of it is new. */
export function markDuplicate(report: IngestReport, twinName: string): void {
  report.status = 'duplicate_file';
  report.message = `${report.file} has the same content as ${twinName}, loaded before: nothing was added twice.`;
  report.rows_new = 0;
}

/** Marks the report of a file that could not be loaded: one sentence, the question to ask if any, nothing counted. */
export function markFailed(report: IngestReport, source: SourceFile, error: unknown): void {
  report.status = 'failed';
  report.question = error instanceof QuestionError ? 'date_order' : null;
  report.message = error instanceof UnreadableFileError ? error.message : `${source.name} could not be loaded: ${String(error instanceof Error ? error.message : error)}`;
  report.rows_read = report.rows_loaded = report.rows_rejected = report.rows_new = 0;
  report.first_day = report.last_day = null;
}

/** The report of a file a stopped load never read: failed, with its sentence, its row in `files` written. */
export async function notRead(runner: Runner, source: SourceFile, fileId: number): Promise<IngestReport> {
  const report = emptyReport(source, fileId);
  report.status = 'failed';
  report.message = `${source.name} was not read: loading was stopped before it.`;
  await insertFileRow(runner, report, null);
  return report;
}

/** Writes the report as the file's row of the `files` table (the fingerprint is null for a failed file). */
export async function insertFileRow(runner: Runner, r: IngestReport, fingerprint: string | null): Promise<void> {
  await runner.query(
    `INSERT INTO files (file_id, name, kind, status, message, question, bytes, fingerprint, encoding, delimiter, "where", date_order,
                        time_zone, rows_read, rows_loaded, rows_rejected, rows_new, extra_columns, notes, first_day, last_day)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [r.file_id, r.file, r.kind, r.status, r.message, r.question, r.bytes, fingerprint, r.encoding, r.delimiter, r.where, r.date_order, r.time_zone,
     r.rows_read, r.rows_loaded, r.rows_rejected, r.rows_new, JSON.stringify(r.extra_columns), JSON.stringify(r.notes), r.first_day, r.last_day],
  );
}

/** Deletes every row a file left: its facts in every table, its rejects and its report. */
export async function deleteFileRows(runner: Runner, fileId: number): Promise<void> {
  for (const table of ['files', 'rejects', ...Object.keys(TABLES)]) await runner.query(`DELETE FROM ${table} WHERE file_id = ?`, [fileId]);
}
