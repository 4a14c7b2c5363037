import type { ReviewSettingsInput } from '../settings/schema.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { IngestReport, LoadProgress, Reject, SourceFile } from '../ingest/ingest-report.ts';
import type { DomainSuggestion } from '../rules/contractor-access.ts';
import type { Review } from '../money/money-review.ts';
import type { DeliverablesResult } from '../deliverables/deliverables.ts';
import type { ReviewSnapshot } from '../deliverables/snapshot.ts';
import type { SnapshotComparison } from '../deliverables/snapshot-compare.ts';
import type { PriceBookRead } from '../ingest/formats/price-book.ts';
import type { LicenceServerActivity } from '../review/licence-servers.ts';
import type { ReviewWindow } from '../rules/rule.ts';

export interface RejectList {
  /** Every rejected row the engine keeps (a file with the same content as an earlier one stores none again). */
  total: number;
  /** The first rows, by file and line. */
  rows: Reject[];
}

/** One person's assignments and usage days, to check a finding by eye. */
export interface UserTimeline {
  user_key: string;
  assignments: { offering: string; assigned_date: string | null; unassigned_date: string | null; seat_assignment: string | null; access_option: string | null }[];
  usage: { product: string; day: string; licence_types: string[] }[];
  /** The devices the user's sessions name (device name, else id; null when a session names only an address), with their addresses. */
  devices: { device: string | null; addresses: string[]; sessions: number; first_day: string; last_day: string }[];
}

export interface UnknownProduct {
  product: string;
  users: number;
  usage_days: number;
}

/** A file the user picked, handed to the engine: its name as the user sees it and its bytes. */
export type PickedFile = Pick<SourceFile, 'name' | 'blob'>;

/**
 * A price book file as the engine read it: what it says, and the settings with it in place of their price book
 * and Collections (validated when the review runs with them); or one sentence naming the file and the problem.
 */
export type PriceBookImport = { ok: true; read: PriceBookRead; settings: ReviewSettingsInput } | { ok: false; problem: string };

/** What the page may ask of the engine worker (through comlink) and the headless twin of the engine. */
/** Redaction of a file that takes no review settings: the engagement's redaction key comes with it. */
export interface RedactionOptions {
  redact: boolean;
  /** engagement.redaction_key; needed when `redact` is on. */
  key?: string | null;
}

export interface EngineApi {
  load(files: SourceFile[], onProgress?: (p: LoadProgress) => void): Promise<IngestReport[]>;
  /** Stops the running load: the file being read is not loaded, later files are not read, earlier ones stay. */
  stopLoad(): Promise<void>;
  ingestReports(): Promise<IngestReport[]>;
  rejects(limit?: number): Promise<RejectList>;
  rejectsCsv(options?: RedactionOptions): Promise<string>;
  review(settings?: ReviewSettingsInput): Promise<Review>;
  deliverables(settings?: ReviewSettingsInput, options?: { redact: boolean }): Promise<DeliverablesResult>;
  snapshot(settings?: ReviewSettingsInput, options?: { includeUsage: boolean; redact: boolean }): Promise<ReviewSnapshot>;
  /** Compares a saved snapshot with this review; throws one sentence naming the file when it is not a snapshot this version reads. */
  compareWithSnapshot(file: PickedFile, settings?: ReviewSettingsInput): Promise<SnapshotComparison>;
  /** Reads a price book CSV; its offering, product and collection rows replace those of `settings`, and its token row the token price. */
  readPriceBook(file: PickedFile, settings: ReviewSettingsInput): Promise<PriceBookImport>;
  /** The price book and Collections of `settings` as a CSV file; throws when a member name holds the member separator. */
  priceBookCsv(settings: ReviewSettingsInput): Promise<string>;
  exportSessionsCsv(options?: RedactionOptions): Promise<string>;
  removeFile(fileId: number): Promise<void>;
  catalogue(): Promise<Catalogue>;
  setCatalogue(catalogue: unknown): Promise<Catalogue>;
  unknownProducts(): Promise<UnknownProduct[]>;
  suggestCorporateDomains(): Promise<DomainSuggestion[]>;
  userTimeline(userKey: string): Promise<UserTimeline>;
  /** One product's licence-server checkouts and denials in the window, earliest first: at most `limit` of each, with the totals. */
  licenceServerActivity(product: string, window: Pick<ReviewWindow, 'start' | 'end'>, limit?: number): Promise<LicenceServerActivity>;
  reset(): Promise<void>;
}
