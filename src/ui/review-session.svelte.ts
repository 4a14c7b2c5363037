import type { IngestReport, Reject, Review, SourceFile, TelemetryGapFinding, UsageSpikeFinding } from '../engine/api.ts';
import type { ReviewSettings, ReviewSettingsInput } from '../settings/schema.ts';
import { engine, loadFiles } from './engine-client.ts';
import { downloadText } from './download.ts';
import { errorMessage } from './format.ts';
import { settingsProblem } from './settings-form.ts';

/** Rows of rejected data listed on the page; the CSV download has them all. */
export const REJECTS_SHOWN = 200;

export const DEMO_FILE = 'demo/demo-estate.csv.gzip';

/** What the progress bar shows while files load. */
export interface LoadProgressView {
  phase: 'starting' | 'reading' | 'reviewing';
  file: string;
  /** 1-based position of `file` in this load, and how many files the load has. */
  position: number;
  count: number;
  bytes_done: number;
  bytes_total: number;
  rows: number;
}

/**
 * The page's state: what the engine holds (ingest reports, rejects, the review) and what the page is doing.
 * Every figure comes from the engine in the worker; this class only asks for it and keeps the answers.
 */
export class ReviewSession {
  /** The engine worker answered its first call (DuckDB is up). */
  engineReady = $state(false);
  busy = $state(false);
  progress = $state<LoadProgressView | null>(null);
  /** One sentence per file that failed in the latest load, or for a load that failed as a whole. */
  loadErrors = $state.raw<string[]>([]);
  /** Problems outside loading (engine start-up, export, reset). */
  engineError = $state<string | null>(null);
  reports = $state.raw<IngestReport[]>([]);
  rejects = $state.raw<Reject[]>([]);
  review = $state.raw<Review | null>(null);
  /** The settings the page last asked for and the engine accepted. */
  settings = $state.raw<ReviewSettingsInput>({});
  settingsError = $state<string | null>(null);
  /** The engine's default settings, learnt from its first review. */
  defaults = $state.raw<ReviewSettings | null>(null);

  private reviewRun = 0;

  readonly hasData = $derived((this.review?.overview.sessions ?? 0) > 0);
  /** Rejected rows the engine keeps: those of loaded files (a duplicate file's rows are not stored again). */
  rejectedTotal = $state(0);
  readonly spikes = $derived(findings<UsageSpikeFinding>(this.review, 'usage_spike'));
  readonly gaps = $derived(findings<TelemetryGapFinding>(this.review, 'telemetry_gap'));

  /** Starts the engine (DuckDB in its worker) while the user picks files, and learns the default settings. */
  async start(): Promise<void> {
    try {
      const review = await engine().review({});
      this.defaults = review.settings;
      this.review ??= review;
      this.engineReady = true;
    } catch (error) {
      this.engineError = `The analysis engine could not start in this browser: ${errorMessage(error)}`;
    }
  }

  /** Loads files (dropped or picked), then refreshes every view from the engine. */
  async load(files: SourceFile[]): Promise<void> {
    if (this.busy || files.length === 0) return;
    this.busy = true;
    this.loadErrors = [];
    this.engineError = null;
    try {
      await this.ingest(files);
    } finally {
      this.progress = null;
      this.busy = false;
    }
  }

  /** Fetches the demo estate from the page's own origin and loads it like a dropped file (the engine un-gzips it). */
  async loadDemo(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.loadErrors = [];
    this.engineError = null;
    this.progress = { phase: 'starting', file: 'demo-estate.csv.gzip', position: 1, count: 1, bytes_done: 0, bytes_total: 0, rows: 0 };
    try {
      let blob: Blob;
      try {
        const response = await fetch(new URL(DEMO_FILE, document.baseURI));
        if (!response.ok) throw new Error(`the server answered ${`${response.status} ${response.statusText}`.trim()}`);
        // A server that answers unknown paths with the page itself (a single-page fallback) has no demo file.
        if (response.headers.get('content-type')?.startsWith('text/html')) throw new Error(`${DEMO_FILE} is not on this server`);
        blob = await response.blob();
      } catch (error) {
        this.loadErrors = [`The demo estate could not be fetched from this page's server: ${errorMessage(error)}.`];
        return;
      }
      await this.ingest([{ name: 'demo-estate.csv.gzip', blob }]);
    } finally {
      this.progress = null;
      this.busy = false;
    }
  }

  private async ingest(files: SourceFile[]): Promise<void> {
    this.progress = { phase: 'starting', file: files[0]!.name, position: 1, count: files.length, bytes_done: 0, bytes_total: files[0]!.blob.size, rows: 0 };
    try {
      const reports = await loadFiles(files, ({ file_index, files_total, ...p }) => {
        this.progress = { phase: 'reading', position: file_index, count: files_total, ...p };
      });
      this.loadErrors = reports.filter((r) => r.status === 'failed').map((r) => r.message ?? `${r.file} could not be loaded.`);
    } catch (error) {
      this.loadErrors = [`The files could not be loaded: ${errorMessage(error)}`];
    }
    if (this.progress) this.progress = { ...this.progress, phase: 'reviewing', bytes_done: this.progress.bytes_total };
    await this.refresh();
  }

  /** Re-runs the review with new settings; the engine validates them, and a rejection keeps the last review. */
  async applySettings(input: ReviewSettingsInput): Promise<void> {
    const run = ++this.reviewRun;
    try {
      const review = await engine().review(input);
      if (run !== this.reviewRun) return;
      this.review = review;
      this.settings = input;
      this.settingsError = null;
    } catch (error) {
      if (run !== this.reviewRun) return;
      this.settingsError = settingsProblem(errorMessage(error));
    }
  }

  /** Shows a settings problem found before asking the engine (an emptied field). */
  rejectSettings(problem: string): void {
    ++this.reviewRun;
    this.settingsError = problem;
  }

  /** Re-reads everything the page shows from the engine. */
  async refresh(): Promise<void> {
    const run = ++this.reviewRun;
    try {
      const [reports, rejects, review] = await Promise.all([engine().ingestReports(), engine().rejects(REJECTS_SHOWN), engine().review(this.settings)]);
      this.reports = reports;
      this.rejects = rejects.rows;
      this.rejectedTotal = rejects.total;
      if (run === this.reviewRun) this.review = review;
      this.engineReady = true;
    } catch (error) {
      this.engineError = `The engine could not refresh the review: ${errorMessage(error)}`;
    }
  }

  async downloadRejects(): Promise<void> {
    try {
      downloadText('rejected-rows.csv', await engine().rejectsCsv());
    } catch (error) {
      this.engineError = `The rejected rows could not be exported: ${errorMessage(error)}`;
    }
  }

  async exportSessions(): Promise<void> {
    try {
      downloadText('sessions-canonical.csv', await engine().exportSessionsCsv());
    } catch (error) {
      this.engineError = `The sessions could not be exported: ${errorMessage(error)}`;
    }
  }

  /** Forgets every loaded file; the settings stay. */
  async clear(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.engineError = null;
    this.loadErrors = [];
    try {
      await engine().reset();
    } catch (error) {
      this.engineError = `The data could not be cleared: ${errorMessage(error)}`;
    }
    await this.refresh();
    this.busy = false;
  }
}

function findings<F extends UsageSpikeFinding | TelemetryGapFinding>(review: Review | null, rule: F['rule']): F[] {
  const result = review?.rules.find((r) => r.rule === rule);
  return (result?.findings ?? []).filter((f): f is F => f.rule === rule);
}
