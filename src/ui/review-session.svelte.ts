import { findingsOf } from '../rules/findings.ts';
import { usageSpikeRule } from '../rules/usage-spike.ts';
import { telemetryGapRule } from '../rules/telemetry-gap.ts';
import { lowFrequencyUserRule } from '../rules/low-frequency-user.ts';
import { utilisationDepthRule } from '../rules/utilisation-depth.ts';
import type { DeliverablesResult } from '../deliverables/deliverables.ts';
import { compareSnapshots, type SnapshotComparison } from '../deliverables/snapshot-compare.ts';
import { readSnapshot, snapshotFileName, snapshotText } from '../deliverables/snapshot.ts';
import { SvelteMap } from 'svelte/reactivity';
import type { FileKind, IngestReport, Reject, SourceFile } from '../ingest/ingest-report.ts';
import type { Review } from '../money/money-review.ts';
import type { UnknownProduct, UserTimeline } from '../engine/api.ts';
import type { DomainSuggestion } from '../rules/contractor-access.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { ReviewSettings, ReviewSettingsInput } from '../settings/schema.ts';
import shippedCatalogue from '../catalogue/default-catalogue.json';
import { engine, loadFiles } from './engine-client.ts';
import { downloadBlob, downloadText } from './download.ts';
import { errorMessage } from './format.ts';
import { settingsProblem } from './settings-form.ts';

/** Rows of rejected data listed on the page; the CSV download has them all. */
export const REJECTS_SHOWN = 200;

export const DEMO_FILE = 'demo/demo-estate.csv.gzip';
/** Every shipped demo file: the session CSV and the Autodesk Account exports of the same estate, loaded together. */
export const DEMO_SETTINGS = 'demo/demo-settings.json';
export const DEMO_FILES = [DEMO_FILE, 'demo/demo-usage-report.csv', 'demo/demo-subscriptions.csv', 'demo/demo-seat-usage.csv'] as const;

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
  /** Bumped when settings arrive from outside the panel (an import): the panel refills its fields. */
  settingsRevision = $state(0);
  /** What the last settings import or export did. */
  settingsNotice = $state<string | null>(null);
  /** Domains of the assigned users, offered as corporate domains while none are set. */
  domainSuggestions = $state.raw<DomainSuggestion[]>([]);

  /** The user whose timeline is open, and the engine's answer for them. */
  timelineKey = $state<string | null>(null);
  timeline = $state.raw<UserTimeline | null>(null);
  timelineError = $state<string | null>(null);

  /** The product catalogue in force in the engine; replaced only when the page sets a new one. */
  catalogue = $state.raw<Catalogue | null>(null);
  /** Product names in the data that the catalogue does not know. */
  unknownProducts = $state.raw<UnknownProduct[]>([]);
  /** Why the last catalogue change was refused (the engine's validation message), or why it could not be read. */
  catalogueError = $state<string | null>(null);
  /** What the last catalogue change did, for a screen reader and a glance. */
  catalogueNotice = $state<string | null>(null);

  private reviewRun = 0;
  /**
   * Every loaded file as it was handed to the engine (its name, its bytes and any choice of kind or date order),
   * by the file_id of its report: re-reading a file as another kind or with a date order needs no new drop.
   */
  private readonly sources = new SvelteMap<number, SourceFile>();

  /** Sessions (LRT, licence-server logs, Token Flex) or day-level rows (Seat / Token Usage) to review. */
  readonly hasData = $derived((this.review?.overview.sessions ?? 0) + (this.review?.overview.usage_days ?? 0) > 0);
  readonly hasSessions = $derived((this.review?.overview.sessions ?? 0) > 0);
  /** Rejected rows the engine keeps: those of loaded files (a duplicate file's rows are not stored again). */
  rejectedTotal = $state(0);
  readonly spikes = $derived(findingsOf(this.review?.rules, usageSpikeRule));
  readonly gaps = $derived(findingsOf(this.review?.rules, telemetryGapRule));
  /** The redaction switch: every export and download replaces names, e-mails, ids and devices with stable pseudonyms. */
  redact = $state(false);
  deliverables = $state.raw<DeliverablesResult | null>(null);
  /** The review the deliverables were built from: when the review changes they are out of date. */
  deliverablesOf = $state.raw<Review | null>(null);
  deliverablesError = $state<string | null>(null);
  preparing = $state(false);
  /** The print layout of the renewal brief is shown (and is what the browser prints). */
  printLayout = $state(false);
  comparison = $state.raw<SnapshotComparison | null>(null);
  snapshotError = $state<string | null>(null);

  readonly lowFrequency = $derived(findingsOf(this.review?.rules, lowFrequencyUserRule));
  readonly depth = $derived(findingsOf(this.review?.rules, utilisationDepthRule));

  /** Starts the engine (DuckDB in its worker) while the user picks files, and learns the default settings. */
  async start(): Promise<void> {
    try {
      const [review, catalogue] = await Promise.all([engine().review({}), engine().catalogue()]);
      this.defaults = review.settings;
      this.review ??= review;
      this.catalogue ??= catalogue;
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
    this.progress = { phase: 'starting', file: 'demo-estate.csv.gzip', position: 1, count: DEMO_FILES.length, bytes_done: 0, bytes_total: 0, rows: 0 };
    try {
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
      if (settings.ok) this.settings = (await settings.json()) as ReviewSettingsInput;
      await this.ingest(files);
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
    await this.refresh();
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

  /** Reads a loaded file again as another kind (the user's override of detection). */
  readAs(fileId: number, kind: FileKind): Promise<void> {
    return this.reread(fileId, { kind });
  }

  /** Reads again a file whose numeric dates read both ways, in the date order the user chose. */
  answerDateOrder(fileId: number, date_order: 'mdy' | 'dmy'): Promise<void> {
    return this.reread(fileId, { date_order });
  }

  /** Forgets a file's report and rows, then loads its kept bytes again with the user's choice; other choices made for it stay. */
  private async reread(fileId: number, choice: Pick<SourceFile, 'kind'> | Pick<SourceFile, 'date_order'>): Promise<void> {
    const source = this.sources.get(fileId);
    if (this.busy || !source) return;
    this.busy = true;
    this.loadErrors = [];
    this.engineError = null;
    try {
      await engine().removeFile(fileId);
      this.sources.delete(fileId);
      await this.ingest([{ ...source, ...choice }]);
    } catch (error) {
      this.engineError = `${source.name} could not be read again: ${errorMessage(error)}`;
      await this.refresh();
    } finally {
      this.progress = null;
      this.busy = false;
    }
  }

  /** Hands a catalogue document to the engine, which validates it; on success every figure is re-derived with it. */
  async applyCatalogue(document: unknown, done = 'Catalogue applied: the review now uses it.'): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.catalogueNotice = null;
    try {
      this.catalogue = await engine().setCatalogue(document);
      this.catalogueError = null;
      this.catalogueNotice = done;
    } catch (error) {
      this.catalogueError = errorMessage(error);
      return false;
    } finally {
      this.busy = false;
    }
    await this.refresh();
    return true;
  }

  /** Reads a catalogue file the user picked and applies it. */
  async importCatalogue(file: File): Promise<void> {
    let document: unknown;
    try {
      document = JSON.parse(await file.text());
    } catch (error) {
      this.catalogueNotice = null;
      this.catalogueError = `${file.name} is not a JSON file: ${errorMessage(error)}`;
      return;
    }
    await this.applyCatalogue(document, `Catalogue imported from ${file.name}: the review now uses it.`);
  }

  /** Goes back to the catalogue the page ships with. */
  restoreCatalogue(): Promise<boolean> {
    return this.applyCatalogue(shippedCatalogue, 'Shipped catalogue restored: the review now uses it.');
  }

  exportCatalogue(): void {
    if (!this.catalogue) return;
    downloadText('product-catalogue.json', `${JSON.stringify(this.catalogue, null, 2)}\n`, 'application/json;charset=utf-8');
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
      this.settingsNotice = null;
    } catch (error) {
      if (run !== this.reviewRun) return;
      this.settingsError = settingsProblem(errorMessage(error));
    }
  }

  /**
   * Replaces some parts of the settings in force and re-runs the review. Each panel owns its parts (the settings
   * panel its thresholds, the price book its prices), so that no panel's older copy of another part overwrites it.
   */
  async applySettingsParts(parts: ReviewSettingsInput): Promise<void> {
    await this.applySettings({ ...(this.review?.settings ?? this.settings), ...parts });
  }

  /** Builds the deliverables of the review in force, redacted when the switch is on. */
  async prepareDeliverables(): Promise<void> {
    const review = this.review;
    if (!review) return;
    this.preparing = true;
    this.deliverablesError = null;
    try {
      this.deliverables = await engine().deliverables(review.settings, { redact: this.redact });
      this.deliverablesOf = review;
    } catch (error) {
      this.deliverablesError = `The deliverables could not be built: ${errorMessage(error)}`;
    } finally {
      this.preparing = false;
    }
  }

  setRedact(on: boolean): void {
    this.redact = on;
    this.deliverables = null;
    this.printLayout = false;
  }

  downloadDeliverable(name: string): void {
    const file = this.deliverables?.files.find((f) => f.name === name);
    if (file) downloadBlob(file.name, new Blob([file.content as BlobPart], { type: file.type }));
  }

  /** Saves this review as a snapshot file for next quarter, redacted when the switch is on. */
  async saveSnapshot(includeUsage: boolean): Promise<void> {
    if (!this.review) return;
    this.snapshotError = null;
    try {
      const snapshot = await engine().snapshot(this.review.settings, { includeUsage, redact: this.redact });
      downloadText(snapshotFileName(snapshot), snapshotText(snapshot), 'application/json;charset=utf-8');
    } catch (error) {
      this.snapshotError = `The snapshot could not be saved: ${errorMessage(error)}`;
    }
  }

  /** Compares last quarter's snapshot with this review, taken with the same redaction so that findings match. */
  async loadSnapshot(file: File): Promise<void> {
    if (!this.review) return;
    this.snapshotError = null;
    try {
      const previous = readSnapshot(await file.text(), file.name);
      const current = await engine().snapshot(this.review.settings, { includeUsage: false, redact: previous.redacted });
      this.comparison = compareSnapshots(previous, current);
    } catch (error) {
      this.comparison = null;
      this.snapshotError = errorMessage(error);
    }
  }

  clearComparison(): void {
    this.comparison = null;
    this.snapshotError = null;
  }

  /** Shows a settings problem found before asking the engine (an emptied field). */
  rejectSettings(problem: string): void {
    ++this.reviewRun;
    this.settingsError = problem;
  }

  /** Opens the timeline of a user: their assignments and usage days, from the engine. */
  async openTimeline(userKey: string): Promise<void> {
    this.timelineKey = userKey;
    this.timeline = null;
    this.timelineError = null;
    try {
      const timeline = await engine().userTimeline(userKey);
      if (this.timelineKey === userKey) this.timeline = timeline;
    } catch (error) {
      if (this.timelineKey === userKey) this.timelineError = `The timeline of ${userKey} could not be read: ${errorMessage(error)}`;
    }
  }

  closeTimeline(): void {
    this.timelineKey = null;
    this.timeline = null;
    this.timelineError = null;
  }

  /** Saves the settings document the engine accepted, as `npm run review -- --config FILE` reads it. */
  exportSettings(): void {
    const settings = this.review?.settings;
    if (!settings) return;
    downloadText('review-settings.json', `${JSON.stringify(settings, null, 2)}\n`, 'application/json;charset=utf-8');
    this.settingsNotice = 'Settings exported as review-settings.json.';
  }

  /** Reads a settings file the user picked; the engine validates it, and a rejection keeps the settings in force. */
  async importSettings(file: File): Promise<void> {
    this.settingsNotice = null;
    let document: unknown;
    try {
      document = JSON.parse(await file.text());
    } catch (error) {
      this.settingsError = `${file.name} is not a JSON file: ${errorMessage(error)}`;
      return;
    }
    if (typeof document !== 'object' || document === null || Array.isArray(document)) {
      this.settingsError = `${file.name} is not a settings document: expected a JSON object.`;
      return;
    }
    const run = ++this.reviewRun;
    try {
      const review = await engine().review(document as ReviewSettingsInput);
      if (run !== this.reviewRun) return;
      this.review = review;
      this.settings = review.settings;
      this.settingsError = null;
      this.settingsNotice = `Settings imported from ${file.name}: the review now uses them.`;
      this.settingsRevision++;
    } catch (error) {
      if (run !== this.reviewRun) return;
      this.settingsError = `${file.name}: ${settingsProblem(errorMessage(error))}`;
    }
  }

  /** Goes back to the engine's defaults and refills the panel. */
  async resetSettings(): Promise<void> {
    if (!this.defaults) return;
    await this.applySettings(this.defaults);
    if (!this.settingsError) {
      this.settingsRevision++;
      this.settingsNotice = 'Settings reset to the defaults.';
    }
  }

  /** Re-reads everything the page shows from the engine. */
  async refresh(): Promise<void> {
    const run = ++this.reviewRun;
    try {
      const [reports, rejects, review, unknown] = await Promise.all([
        engine().ingestReports(),
        engine().rejects(REJECTS_SHOWN),
        engine().review(this.settings),
        engine().unknownProducts(),
      ]);
      this.reports = reports;
      this.unknownProducts = unknown;
      this.domainSuggestions = await engine()
        .suggestCorporateDomains()
        .catch(() => []);
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
      downloadText('rejected-rows.csv', await engine().rejectsCsv({ redact: this.redact }));
    } catch (error) {
      this.engineError = `The rejected rows could not be exported: ${errorMessage(error)}`;
    }
  }

  async exportSessions(): Promise<void> {
    try {
      downloadText(this.redact ? 'sessions-canonical-redacted.csv' : 'sessions-canonical.csv', await engine().exportSessionsCsv({ redact: this.redact }));
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
      this.sources.clear();
    } catch (error) {
      this.engineError = `The data could not be cleared: ${errorMessage(error)}`;
    }
    await this.refresh();
    this.busy = false;
  }
}


