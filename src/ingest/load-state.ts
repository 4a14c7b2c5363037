import type { IngestReport } from './ingest-report.ts';
import type { ContentReport } from './file-report.ts';
import type { Adapter, Sink } from './adapters/adapter.ts';
import type { Stager } from './stage.ts';
import type { Runner } from '../db/runner.ts';

/** What the readers of one file share: the report they fill, the adapter chosen, the staging tables. */
export interface LoadState {
  runner: Runner;
  productForPlc: (plc: string) => string | null;
  report: IngestReport;
  adapter: Adapter | null;
  /** The fingerprint of the file's raw bytes, once taken. */
  fingerprint: string | null;
  /** The report of the file loaded before with the same bytes, when recognise found one: nothing more is read. */
  twin: ContentReport | null;
  /** Takes the fingerprint, before anything is parsed; true when a file with the same bytes was loaded before. */
  recognise(fingerprint: string): Promise<boolean>;
  stager: Stager;
  progress: (bytes: number) => void;
  /** Tells that the file's `rows` records are being checked (read into staging once they are). */
  checking: (rows: number) => void;
}

/** The sink an adapter writes to: the file's staging tables. */
export function sinkOf(state: LoadState): Sink {
  return {
    add: (table, line, row) => state.stager.add(table, line, row),
    addText: (line, values) => state.stager.addText(line, values),
    reject: (row) => state.stager.reject(row),
  };
}
