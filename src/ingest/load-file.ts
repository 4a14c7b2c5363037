import type { IngestReport, LoadProgress, SourceFile } from './ingest-report.ts';
import { inTransaction, type Runner } from '../db/runner.ts';
import { NotUtf8Error, UnreadableFileError } from './decode.ts';
import { Stager } from './stage.ts';
import { deleteFileRows, emptyReport, insertFileRow, loadedTwin, markDuplicate, markFailed } from './file-report.ts';
import type { LoadState } from './load-state.ts';
import { readSource } from './read-source.ts';
import { fileSize } from '../lib/wording.ts';

export type FileProgress = Omit<LoadProgress, 'file_index' | 'files_total'>;

/** Thrown where a load checks whether it should stop, once the user asked it to: the file is not loaded. */
export class LoadStopped extends UnreadableFileError {}

/**
 * Loads one file into the engine: detect its kind, fingerprint its bytes (a file loaded before is recognised then,
 * before anything of it is parsed), read every record through its adapter into staging tables, then merge in one
 * transaction. A file that cannot be read leaves every table as it was.
 * What depends on every file (identity links, usage days) is the caller's to redo once per load: afterMerge.
 */
export async function loadFile(
  runner: Runner,
  source: SourceFile,
  fileId: number,
  productForPlc: (plc: string) => string | null,
  onProgress: (p: FileProgress) => void,
  /** True once the user asked the load to stop: checked as each chunk is read and before each stage. */
  stopRequested: () => boolean = () => false,
): Promise<IngestReport> {
  const report = emptyReport(source, fileId);
  const stager = new Stager(runner);
  const state: LoadState = {
    runner,
    productForPlc,
    report,
    adapter: null,
    fingerprint: null,
    twin: null,
    recognise: async (fingerprint) => {
      state.fingerprint = fingerprint;
      state.twin = (await loadedTwin(runner, fingerprint))?.report ?? null;
      return state.twin !== null;
    },
    stager,
    progress: (bytes) => {
      stopIfAsked();
      onProgress({ stage: 'reading', file: source.name, bytes_done: bytes, bytes_total: source.blob.size, rows: report.rows_read });
    },
    checking: (rows) => {
      stopIfAsked();
      onProgress({ stage: 'checking', file: source.name, bytes_done: source.blob.size, bytes_total: source.blob.size, rows });
    },
  };
  const stopIfAsked = () => {
    if (stopRequested()) throw new LoadStopped(`Loading ${source.name} was stopped before it finished: nothing of it was loaded.`);
  };
  const stage = (name: 'checking' | 'merging') => {
    stopIfAsked();
    onProgress({ stage: name, file: source.name, bytes_done: source.blob.size, bytes_total: source.blob.size, rows: report.rows_read });
  };
  let transactionOpen = false;
  let committedPart = false;
  try {
    if (runner.fileLimitBytes !== undefined && source.blob.size > runner.fileLimitBytes) {
      throw new UnreadableFileError(tooLarge(source.name, source.blob.size, 'before', runner.fileLimitBytes));
    }
    await stager.begin();
    try {
      await readSource(source, state);
    } catch (error) {
      if (!(error instanceof NotUtf8Error)) throw error;
      // Text that mixes UTF-8 with another encoding has no one right reading: refused, nothing of it loaded.
      if (error.mixed) throw new UnreadableFileError(error.message);
      // Plain ASCII, then bytes that are not UTF-8: the whole file is Windows-1252 (which every byte is). Read again.
      Object.assign(report, emptyReport(source, fileId));
      state.adapter = null;
      await stager.begin();
      await readSource(source, state, { duckDbCsv: false, encoding: 'windows-1252' });
    }
    if (state.twin) {
      const { file: twinName, ...content } = state.twin;
      Object.assign(report, content);
      markDuplicate(report, twinName);
      await insertFileRow(runner, report, state.fingerprint);
      await stager.drop();
      return report;
    }
    const fingerprint = state.fingerprint!;
    const adapter = state.adapter!;
    if (report.rows_read === 0) {
      throw new UnreadableFileError(`${source.name} has no data rows: expected ${adapter.expects}, with at least one row after the header.`);
    }
    stage('checking');
    await stager.flush(true);
    const primaries = [adapter.primary, ...(adapter.alsoPrimary ?? [])];
    for (const table of primaries) {
      const { first_day, last_day } = await stager.range(table);
      if (first_day !== null && (report.first_day === null || first_day < report.first_day)) report.first_day = first_day;
      if (last_day !== null && (report.last_day === null || last_day > report.last_day)) report.last_day = last_day;
    }

    stage('merging');
    await stager.rekeyStaged();
    await runner.exec('BEGIN TRANSACTION');
    transactionOpen = true;
    const added = await stager.merge(fileId, async () => {
      await runner.exec('COMMIT');
      committedPart = true;
      await runner.exec('BEGIN TRANSACTION');
    });
    report.rows_new = primaries.reduce((n, table) => n + (added.get(table) ?? 0), 0);
    await insertFileRow(runner, report, fingerprint);
    await runner.exec('COMMIT');
    transactionOpen = false;
    await stager.drop();
  } catch (error) {
    if (transactionOpen) await runner.exec('ROLLBACK');
    // A large file is merged in parts (Stager.merge): the parts committed go too.
    if (committedPart) await inTransaction(runner, (r) => deleteFileRows(r, fileId));
    await stager.drop();
    const ranOut = isOutOfMemory(error) ? new UnreadableFileError(tooLarge(source.name, source.blob.size, runner.fileLimitBytes === undefined ? 'twin' : 'tab')) : null;
    markFailed(report, source, ranOut ?? error);
    await insertFileRow(runner, report, null);
  }
  return report;
}

/**
 * One sentence for a file too large for the engine's memory: refused by a tab before reading it ('before'), or after
 * DuckDB ran out of memory in a tab or in the twin.
 */
function tooLarge(name: string, bytes: number, when: 'before' | 'tab' | 'twin', limit = 0): string {
  const size = fileSize(bytes);
  if (when === 'twin') return `${name} (${size}) needed more memory than this machine gave DuckDB: nothing of it was loaded. Close other programs, or split the file by date, and run the review again.`;
  const what = when === 'before' ? `is larger than a browser tab can load (${fileSize(limit)})` : 'needed more memory than this browser tab has: nothing of it was loaded';
  return `${name} (${size}) ${what}. Review it with the headless twin, which reads files of any size on native DuckDB: npm run review -- ${name}`;
}

function isOutOfMemory(error: unknown): boolean {
  return /Out of Memory Error/i.test(String(error instanceof Error ? error.message : error));
}
