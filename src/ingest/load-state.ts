import type { IngestReport } from './ingest-report.ts';
import type { Adapter, Sink } from './adapters/adapter.ts';
import type { Fingerprint } from '../lib/fingerprint.ts';
import type { Stager } from './stage.ts';
import type { Runner } from '../db/runner.ts';

/** What the readers of one file share: the report they fill, its content's fingerprint, the adapter chosen, the staging tables. */
export interface LoadState {
  runner: Runner;
  productForPlc: (plc: string) => string | null;
  report: IngestReport;
  fingerprint: Fingerprint;
  adapter: Adapter | null;
  stager: Stager;
  progress: (bytes: number) => void;
}

/** The sink an adapter writes to: the file's staging tables. */
export function sinkOf(state: LoadState): Sink {
  return {
    add: (table, line, row) => state.stager.add(table, line, row),
    addText: (line, values) => state.stager.addText(line, values),
    reject: (row) => state.stager.reject(row),
  };
}
