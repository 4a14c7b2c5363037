import type { EngineApi, PickedFile, PriceBookImport, RejectList, UnknownProduct, UserTimeline } from './api.ts';
import type { IngestReport, LoadProgress, Reject, SourceFile } from '../ingest/ingest-report.ts';
import { inTransaction, type Runner } from '../db/runner.ts';
import { SCHEMA_SQL, REBUILD_USAGE_DAYS_SQL } from '../db/schema.ts';
import { TABLES } from '../db/tables.ts';
import { loadFile } from '../ingest/load-file.ts';
import { deleteFileRows, notRead } from '../ingest/file-report.ts';
import { afterMerge, usageRows } from '../ingest/after-merge.ts';
import { kindLabel } from '../ingest/registry.ts';
import { DEFAULT_CATALOGUE, parseCatalogue, productByLineCode, storeCatalogue, type Catalogue } from '../catalogue/catalogue.ts';
import { parseSettings, type ReviewSettings, type ReviewSettingsInput } from '../settings/schema.ts';
import { buildDeliverables, deliverableFiles, type DeliverablesResult } from '../deliverables/deliverables.ts';
import { personalData } from '../deliverables/personal-data.ts';
import { keyedRedactor, NO_REDACTION, redactionKeyCheck, type Redactor } from '../deliverables/redact.ts';
import type { RedactionOptions } from './api.ts';
import { makeSnapshot, readSnapshot, type ReviewSnapshot } from '../deliverables/snapshot.ts';
import { compareSnapshots, type SnapshotComparison } from '../deliverables/snapshot-compare.ts';
import { priceBookCsv } from '../deliverables/price-book-csv.ts';
import { PriceBookCsvError, readPriceBookFile, withPriceBook } from '../ingest/formats/price-book.ts';
import { UnreadableFileError } from '../ingest/decode.ts';
import { priceReview, type Review } from '../money/money-review.ts';
import { runRules, type RulesReview } from '../review/run-review.ts';
import { withTokenPool } from '../review/flex-tokens.ts';
import { licenceServerActivity, type LicenceServerActivity } from '../review/licence-servers.ts';
import type { ReviewWindow } from '../rules/rule.ts';
import { suggestCorporateDomains, type DomainSuggestion } from '../rules/contractor-access.ts';
import { toCsv } from '../lib/csv-write.ts';
import { exportSessionsCsv } from '../deliverables/sessions-export.ts';

/**
 * The analyzer's engine: every data operation, over one DuckDB database. It knows nothing of its host:
 * the page runs it in a Web Worker, tests and the headless twin run it in Node, on the same wasm.
 */
export class Engine implements EngineApi {
  private readonly ready: Promise<Runner>;
  /** Operations run one at a time: a review never sees a half-merged file. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(open: () => Promise<Runner>) {
    this.ready = open().then(async (runner) => {
      await this.createTables(runner);
      return runner;
    });
  }

  private catalogueInUse: Catalogue = DEFAULT_CATALOGUE;

  /**
   * The last review and the settings it was run with: the page asks for the deliverables or a snapshot of the
   * review it shows, and the twin for all three, so the same review is not run again. Beside it, the rules' part of
   * it: an edit that no rule reads (the engagement, the exposure factors, the token pool) prices the same findings
   * again instead of running every rule. Both are forgotten whenever the data or the catalogue changes.
   */
  private lastReview: { settings: string; review: Review } | null = null;
  private lastRules: { settings: string; rules: RulesReview } | null = null;

  private async reviewWith(runner: Runner, settings: ReviewSettings): Promise<Review> {
    const key = JSON.stringify(settings);
    if (this.lastReview?.settings !== key) {
      // The review tables of prepareReviewTables stay those of the last rules run: the money layer reads them too.
      const rulesKey = JSON.stringify({ ...settings, engagement: null, exposure: null, token_pool: null });
      if (this.lastRules?.settings !== rulesKey) this.lastRules = { settings: rulesKey, rules: await runRules(runner, settings) };
      const rules = this.lastRules.rules;
      this.lastReview = { settings: key, review: await priceReview(runner, { ...rules, settings, flex: withTokenPool(rules.flex, settings.token_pool) }) };
    }
    return this.lastReview.review;
  }

  /** Runs an operation that changes the data or the catalogue: any review held is out of date. */
  private changing<T>(work: (runner: Runner) => Promise<T>): Promise<T> {
    return this.serial(async (runner) => {
      this.lastReview = null;
      this.lastRules = null;
      return work(runner);
    });
  }

  private async createTables(runner: Runner): Promise<void> {
    await runner.exec(SCHEMA_SQL);
    await storeCatalogue(runner, this.catalogueInUse);
    await runner.exec(REBUILD_USAGE_DAYS_SQL);
  }

  private serial<T>(work: (runner: Runner) => Promise<T>): Promise<T> {
    const next = this.queue.then(() => this.ready).then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Set by stopLoad while a load runs; the load checks it as it reads and between its stages. */
  private stopRequested = false;

  load(files: SourceFile[], onProgress: (p: LoadProgress) => void = () => {}): Promise<IngestReport[]> {
    return this.changing(async (runner) => {
      this.stopRequested = false;
      const reports: IngestReport[] = [];
      // Before any file is merged: a file's merge may re-key rows loaded before it (afterMerge).
      const before = await usageRows(runner);
      try {
        for (const [i, file] of files.entries()) {
          const [next] = await runner.query<{ id: number }>('SELECT coalesce(max(file_id), 0) + 1 AS id FROM files');
          const position = { file_index: i + 1, files_total: files.length };
          if (this.stopRequested) {
            // Not read at all: reported, so that every file given has its report and its sentence.
            reports.push(await notRead(runner, file, next!.id));
            continue;
          }
          const report = await loadFile(runner, file, next!.id, productByLineCode(this.catalogueInUse), (p) => onProgress({ ...p, ...position }), () => this.stopRequested);
          reports.push(report);
        }
      } finally {
        // Identity links and usage days over everything loaded, once for all the files of this call.
        if (reports.some((r) => r.status === 'loaded')) {
          const last = files.at(-1);
          if (last) onProgress({ stage: 'deriving', file: last.name, bytes_done: last.blob.size, bytes_total: last.blob.size, rows: 0, file_index: files.length, files_total: files.length });
          const added = reports.filter((r) => r.status === 'loaded').map((r) => r.file_id);
          await inTransaction(runner, (r) => afterMerge(r, { added, before }));
        }
        this.stopRequested = false;
      }
      return reports;
    });
  }

  /**
   * Stops the load that is running: the file being read is not loaded, the files after it are not read, the files
   * before it stay loaded. Not queued behind the load (it would wait for it to end); nothing when no load runs.
   */
  async stopLoad(): Promise<void> {
    this.stopRequested = true;
  }

  ingestReports(): Promise<IngestReport[]> {
    return this.serial(ingestReports);
  }

  rejects(limit = 1000): Promise<RejectList> {
    return this.serial(async (runner) => {
      const [count] = await runner.query<{ total: number }>('SELECT count(*) AS total FROM rejects');
      const rows = await runner.query<Reject>(
        `SELECT r.file_id, f.name AS file, r.line, r."column" AS "column", r.value, r.reason
         FROM rejects r JOIN files f USING (file_id) ORDER BY r.file_id, r.line LIMIT $1`,
        [limit],
      );
      return { total: count!.total, rows };
    });
  }

  /** Every rejected row as CSV; redacted, a rejected value that looks like an e-mail is replaced too (it was never loaded, so no list knows it). */
  async rejectsCsv(options: RedactionOptions = { redact: false }): Promise<string> {
    const { rows } = await this.rejects(Number.MAX_SAFE_INTEGER);
    if (!options.redact) return toCsv<Reject>(['file', 'line', 'column', 'value', 'reason'], rows);
    const unlisted = rows.flatMap((r) => r.value?.match(EMAIL_LIKE) ?? []);
    const redactor = await this.serial((runner) => redactorOf(runner, options.key ?? null, unlisted));
    const shown = rows.map((r) => ({ ...redactor.value(r), value: r.value === null ? null : redactor.text(r.value.replace(EMAIL_LIKE, (e) => redactor.pseudonym(e))) }));
    return toCsv<Reject>(['file', 'line', 'column', 'value', 'reason'], shown);
  }

  review(input: ReviewSettingsInput = {}): Promise<Review> {
    const settings = parseSettings(input);
    return this.serial((runner) => this.reviewWith(runner, settings));
  }

  /** The quarterly deliverables and their files; `redact` replaces every name, e-mail, id and device with a stable pseudonym. */
  deliverables(input: ReviewSettingsInput = {}, options: { redact: boolean } = { redact: false }): Promise<DeliverablesResult> {
    const settings = parseSettings(input);
    return this.serial(async (runner) => {
      const review = await this.reviewWith(runner, settings);
      const redactor = options.redact ? await redactorOf(runner, settings.engagement.redaction_key) : NO_REDACTION;
      const deliverables = await buildDeliverables(runner, review, await ingestReports(runner), redactor, options.redact);
      return { deliverables, files: deliverableFiles(deliverables) };
    });
  }

  /** A snapshot of this review for next quarter's comparison, redacted like the deliverables when asked. */
  snapshot(input: ReviewSettingsInput = {}, options: { includeUsage: boolean; redact: boolean } = { includeUsage: false, redact: false }): Promise<ReviewSnapshot> {
    const settings = parseSettings(input);
    return this.serial(async (runner) => {
      const review = await this.reviewWith(runner, settings);
      const redactor = options.redact ? await redactorOf(runner, settings.engagement.redaction_key) : NO_REDACTION;
      const snapshot = redactor.value(makeSnapshot(review, { includeUsage: options.includeUsage, redacted: options.redact }));
      return options.redact ? { ...snapshot, key_check: await redactionKeyCheck(settings.engagement.redaction_key!) } : snapshot;
    });
  }

  /**
   * Compares last quarter's snapshot with this review, taken with the same redaction as the saved one so that its
   * findings match. A file that is not a snapshot this version reads throws one sentence naming it.
   */
  async compareWithSnapshot(file: PickedFile, input: ReviewSettingsInput = {}): Promise<SnapshotComparison> {
    const previous = readSnapshot(await file.blob.text(), file.name);
    const current = await this.snapshot(input, { includeUsage: false, redact: previous.redacted });
    return compareSnapshots(previous, current);
  }

  /** Reads a price book file the user picked, as the data exports are decoded; a file it cannot read is one sentence, not a throw. */
  async readPriceBook(file: PickedFile, input: ReviewSettingsInput): Promise<PriceBookImport> {
    const settings = parseSettings(input);
    try {
      const read = await readPriceBookFile(file.blob, file.name);
      return { ok: true, read, settings: withPriceBook(settings, read) };
    } catch (error) {
      if (error instanceof PriceBookCsvError || error instanceof UnreadableFileError) return { ok: false, problem: error.message };
      throw error;
    }
  }

  /** The price book the page exports (the figures in force). */
  async priceBookCsv(input: ReviewSettingsInput): Promise<string> {
    return priceBookCsv(parseSettings(input));
  }

  /** Every session in the canonical format; redacted, with every person, device and address as its pseudonym. */
  exportSessionsCsv(options: RedactionOptions = { redact: false }): Promise<string> {
    return this.serial(async (runner) => exportSessionsCsv(runner, options.redact ? await redactorOf(runner, options.key ?? null) : NO_REDACTION));
  }

  /** Forgets one file: its rows in every table, its rejects and its report (for re-reading it as another kind). */
  removeFile(fileId: number): Promise<void> {
    return this.changing(async (runner) => {
      await inTransaction(runner, async () => {
        await deleteFileRows(runner, fileId);
        await afterMerge(runner);
      });
    });
  }

  catalogue(): Promise<Catalogue> {
    return this.serial(async () => this.catalogueInUse);
  }

  /** Replaces the product catalogue; every figure is re-derived with it (nothing needs reloading). */
  setCatalogue(input: unknown): Promise<Catalogue> {
    const catalogue = parseCatalogue(input);
    return this.changing(async (runner) => {
      await storeCatalogue(runner, catalogue);
      await runner.exec(REBUILD_USAGE_DAYS_SQL);
      this.catalogueInUse = catalogue;
      return catalogue;
    });
  }

  /** E-mail domains of assigned users, most users first: offered to the user to confirm as corporate (rule 5 never assumes them). */
  suggestCorporateDomains(): Promise<DomainSuggestion[]> {
    return this.serial(suggestCorporateDomains);
  }

  userTimeline(userKey: string): Promise<UserTimeline> {
    return this.serial(async (runner) => ({
      user_key: userKey,
      assignments: await runner.query<UserTimeline['assignments'][number]>(
        `SELECT catalogue_name(offering, NULL) AS offering, strftime(assigned_date, '%Y-%m-%d') AS assigned_date,
                strftime(unassigned_date, '%Y-%m-%d') AS unassigned_date, seat_assignment, access_option
         FROM assignments WHERE user_key = ? ORDER BY assigned_date, offering`,
        [userKey],
      ),
      usage: (
        await runner.query<{ product: string; day: string; licence_types: unknown }>(
          `SELECT product, strftime(day, '%Y-%m-%d') AS day, licence_types FROM usage_days WHERE user_key = ? ORDER BY day, product`,
          [userKey],
        )
      ).map((u) => ({ ...u, licence_types: [...(u.licence_types as Iterable<string>)] })),
      devices: (
        await runner.query<{ device: string | null; addresses: unknown; sessions: number; first_day: string; last_day: string }>(
          `SELECT coalesce(device_name, device_id) AS device,
                  coalesce(list(DISTINCT ip_address ORDER BY ip_address) FILTER (WHERE ip_address IS NOT NULL), []) AS addresses,
                  count(*)::INTEGER AS sessions,
                  strftime(min(session_start), '%Y-%m-%d') AS first_day, strftime(max(session_start), '%Y-%m-%d') AS last_day
           FROM sessions WHERE user_key = ? AND coalesce(device_name, device_id, ip_address) IS NOT NULL
           GROUP BY coalesce(device_name, device_id) ORDER BY sessions DESC, device NULLS LAST`,
          [userKey],
        )
      ).map((d) => ({ ...d, addresses: [...(d.addresses as Iterable<string>)] })),
    }));
  }

  licenceServerActivity(product: string, window: Pick<ReviewWindow, 'start' | 'end'>, limit = 10_000): Promise<LicenceServerActivity> {
    return this.serial((runner) => licenceServerActivity(runner, window, product, limit));
  }

  /** Product names in the data that the catalogue does not know: kept under their own name, listed here. */
  unknownProducts(): Promise<UnknownProduct[]> {
    return this.serial((runner) =>
      runner.query<UnknownProduct>(`
        SELECT product, count(DISTINCT user_key)::INTEGER AS users, count(*)::INTEGER AS usage_days
        FROM usage_days WHERE product NOT IN (SELECT name FROM catalogue_names)
        GROUP BY product ORDER BY usage_days DESC, product`),
    );
  }

  reset(): Promise<void> {
    return this.changing(async (runner) => {
      const tables = ['files', 'rejects', 'server_logins', ...Object.keys(TABLES)];
      await runner.exec(tables.map((t) => `DROP TABLE IF EXISTS ${t};`).join(' '));
      await this.createTables(runner);
    });
  }

  async close(): Promise<void> {
    await this.serial((runner) => runner.close());
  }
}

/**
 * The redactor of everything loaded, under the engagement's key: every name, e-mail, id, device and address it holds
 * (and the `unlisted` values) gets a pseudonym that only the key reproduces.
 */
async function redactorOf(runner: Runner, key: string | null, unlisted: readonly string[] = []): Promise<Redactor> {
  if (!key) throw new Error("redacted files need the engagement's redaction key (settings: engagement.redaction_key); the page and the twin generate one on first use");
  return keyedRedactor(await personalData(runner), key, unlisted);
}

const EMAIL_LIKE = /[^\s@,;"'<>()]+@[^\s@,;"'<>()]+\.[^\s@,;"'<>()]+/g;

async function ingestReports(runner: Runner): Promise<IngestReport[]> {
  const rows = await runner.query<IngestReport & { extra_columns: string; notes: string }>(`
    SELECT file_id, name AS file, kind, status, message, question, bytes, encoding, delimiter, "where", date_order, time_zone,
           rows_read, rows_loaded, rows_rejected, rows_new, extra_columns, notes, first_day, last_day
    FROM files ORDER BY file_id`);
  return rows.map((r) => ({
    ...r,
    kind_label: kindLabel(r.kind),
    extra_columns: JSON.parse(r.extra_columns ?? '[]') as string[],
    notes: JSON.parse(r.notes ?? '[]') as string[],
  }));
}
