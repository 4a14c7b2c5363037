import { SvelteMap } from 'svelte/reactivity';
import type { FileKind, IngestReport, LoadStage, Reject, SourceFile } from '../../ingest/ingest-report.ts';
import type { ReviewSettingsInput } from '../../settings/schema.ts';
import { engine, loadFiles } from '../engine-client.ts';
import { errorMessage } from '../format.ts';
import type { SessionCore } from './core.svelte.ts';

/** Rows of rejected data listed on the page; the CSV download has them all. */
export const REJECTS_SHOWN = 200;

export const DEMO_FILE = 'demo/demo-estate.csv.gzip';
/** Every shipped demo file: the session CSV and the Autodesk Account exports of the same estate, loaded together. */
export const DEMO_SETTINGS = 'demo/demo-settings.json';
export const DEMO_FILES = [DEMO_FILE, 'demo/demo-usage-report.csv', 'demo/demo-subscriptions.csv', 'demo/demo-seat-usage.csv'] as const;

/** What the progress bar shows while files load. */
export interface LoadProgressView {
  /** Before the engine answers, what the engine is doing (reading, checking, merging, deriving), then the review. */
  phase: 'starting' | LoadStage | 'reviewing';
  /** The user asked the load to stop; the engine stops at its next check. */
  stopping?: boolean;
  file: string;
  /** 1-based position of `file` in this load, and how many files the load has. */
  position: number;
  count: number;
  bytes_done: number;
  bytes_total: number;
  rows: number;
}

/** The files the engine holds: loading, re-reading and forgetting them, their reports and their rejected rows. */
export class LoadedFiles {
  progress = $state<LoadProgressView | null>(null);
  /** One sentence per file that failed in the latest load, or for a load that failed as a whole. */
  loadErrors = $state.raw<string[]>([]);
  reports = $state.raw<IngestReport[]>([]);
  rejects = $state.raw<Reject[]>([]);
  /** Rejected rows the engine keeps: those of loaded files (a duplicate file's rows are not stored again). */
  rejectedTotal = $state(0);
  /**
   * The licence servers' time zone the user last chose: licence-server files dropped later are read in it, and
   * choosing it for one file re-reads the others whose zone nobody chose. Null: UTC.
   */
  serverTimeZone = $state<string | null>(null);

  /**
   * Every loaded file as it was handed to the engine (its name, its bytes and any choice of kind or date order),
   * by the file_id of its report: re-reading a file as another kind or with a date order needs no new drop.
   */
  private readonly sources = new SvelteMap<number, SourceFile>();

  /** `useSettings` takes the review settings that come with the demo estate. */
  constructor(
    private readonly core: SessionCore,
    private readonly useSettings: (settings: ReviewSettingsInput) => void,
  ) {}

  /**
   * Runs a change to the loaded files as the page's exclusive task: the previous load's errors are cleared first,
   * and the progress bar goes when it ends.
   */
  private async loading(work: () => Promise<void>): Promise<void> {
    await this.core.exclusive(async () => {
      this.loadErrors = [];
      this.core.engineError = null;
      try {
        await work();
      } finally {
        this.progress = null;
      }
    });
  }

  /** Loads files (dropped or picked), then refreshes every view from the engine. */
  async load(files: SourceFile[]): Promise<void> {
    if (files.length === 0) return;
    const zone = this.serverTimeZone;
    await this.loading(() => this.ingest(zone === null ? files : files.map((f) => ({ time_zone: zone, ...f }))));
  }

  /** Fetches the demo estate from the page's own origin and loads it like a dropped file (the engine un-gzips it). */
  loadDemo(): Promise<void> {
    return this.loading(async () => {
      this.progress = { phase: 'starting', file: 'demo-estate.csv.gzip', position: 1, count: DEMO_FILES.length, bytes_done: 0, bytes_total: 0, rows: 0 };
      const files: SourceFile[] = [];
      for (const path of DEMO_FILES) {
        try {
          const response = await fetch(new URL(path, document.baseURI));
          if (!response.ok) throw new Error(`the server answered ${`${response.status} ${response.statusText}`.trim()}`);
          // A server that answers unknown paths with the page itself (a single-page fallback) has no demo file.
          if (response.headers.get('content-type')?.startsWith('text/html')) throw new Error(`${path} is not on this server`);
          files.push({ name: path.slice(path.lastIndexOf('/') + 1), blob: await response.blob() });
        } catch (error) {
          this.loadErrors = [`The demo estate could not be fetched from this page's server: ${errorMessage(error)}.`];
          return;
        }
      }
      // The demo's own review settings (corporate domains, prices, the acquisition event), as the twin's --demo uses them.
      const settings = await fetch(new URL(DEMO_SETTINGS, document.baseURI));
      if (settings.ok) this.useSettings((await settings.json()) as ReviewSettingsInput);
      await this.ingest(files);
    });
  }

  private async ingest(files: SourceFile[]): Promise<void> {
    this.progress = { phase: 'starting', file: files[0]!.name, position: 1, count: files.length, bytes_done: 0, bytes_total: files[0]!.blob.size, rows: 0 };
    try {
      const reports = await loadFiles(files, ({ file_index, files_total, stage, ...p }) => {
        this.progress = { phase: stage, position: file_index, count: files_total, stopping: this.progress?.stopping, ...p };
      });
      // Reports come back in the order of the files given.
      reports.forEach((report, i) => {
        const source = files[i];
        if (source) this.sources.set(report.file_id, source);
      });
      this.loadErrors = reports.filter((r) => r.status === 'failed' && r.question === null).map((r) => r.message ?? `${r.file} could not be loaded.`);
    } catch (error) {
      this.loadErrors = [`The files could not be loaded: ${errorMessage(error)}`];
    }
    if (this.progress) this.progress = { ...this.progress, phase: 'reviewing', bytes_done: this.progress.bytes_total };
    await this.core.refresh();
  }

  /** Stops the running load: the file being read is not loaded, the ones after it are not read, the earlier ones stay. */
  async stop(): Promise<void> {
    if (!this.progress || this.progress.phase === 'reviewing') return;
    this.progress = { ...this.progress, stopping: true };
    await engine().stopLoad();
  }

  /** Whether the page still holds the bytes of a file, so that it can be read again. */
  canReread(fileId: number): boolean {
    return this.sources.has(fileId);
  }

  /** The kind the user chose for a file, when the file was read as a chosen kind rather than as detected. */
  chosenKind(fileId: number): FileKind | null {
    return this.sources.get(fileId)?.kind ?? null;
  }

  /** The date order the user chose for a file, when they were asked for it. */
  chosenDateOrder(fileId: number): 'mdy' | 'dmy' | null {
    return this.sources.get(fileId)?.date_order ?? null;
  }

  /** The time zone the user chose for a licence-server file, when they chose one (for it or for the files before it). */
  chosenTimeZone(fileId: number): string | null {
    return this.sources.get(fileId)?.time_zone ?? null;
  }

  /**
   * Reads a licence-server file again in the time zone of its server's clock, with every other licence-server file
   * whose zone was not chosen: one server's logs are usually many files. Files dropped later are read in it too.
   */
  async chooseTimeZone(fileId: number, time_zone: string): Promise<void> {
    this.serverTimeZone = time_zone;
    const others = this.reports
      .filter((r) => r.file_id !== fileId && r.status === 'loaded' && r.time_zone !== null && this.chosenTimeZone(r.file_id) === null)
      .map((r) => r.file_id);
    await this.reread([fileId, ...others], { time_zone });
  }

  /** Reads a loaded file again as another kind (the user's override of detection). */
  readAs(fileId: number, kind: FileKind): Promise<void> {
    return this.reread([fileId], { kind });
  }

  /** Reads again a file whose numeric dates read both ways, in the date order the user chose. */
  answerDateOrder(fileId: number, date_order: 'mdy' | 'dmy'): Promise<void> {
    return this.reread([fileId], { date_order });
  }

  /** Forgets files' reports and rows, then loads their kept bytes again with the user's choice; other choices made for them stay. */
  private async reread(fileIds: number[], choice: Pick<SourceFile, 'kind'> | Pick<SourceFile, 'date_order'> | Pick<SourceFile, 'time_zone'>): Promise<void> {
    const sources = fileIds.flatMap((id) => {
      const source = this.sources.get(id);
      return source ? [{ id, source }] : [];
    });
    if (sources.length === 0) return;
    await this.loading(async () => {
      try {
        for (const { id } of sources) {
          await engine().removeFile(id);
          this.sources.delete(id);
        }
        await this.ingest(sources.map(({ source }) => ({ ...source, ...choice })));
      } catch (error) {
        this.core.engineError = `${sources.map(({ source }) => source.name).join(', ')} could not be read again: ${errorMessage(error)}`;
        await this.core.refresh();
      }
    });
  }

  /** Forgets every loaded file; the settings stay. */
  clear(): Promise<void> {
    return this.loading(async () => {
      try {
        await engine().reset();
        this.sources.clear();
        this.serverTimeZone = null;
      } catch (error) {
        this.core.engineError = `The data could not be cleared: ${errorMessage(error)}`;
      }
      await this.core.refresh();
    });
  }
}
