import type { ReviewSettingsInput } from '../settings/schema.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { IngestReport, LoadProgress, Reject, SourceFile } from '../ingest/ingest-report.ts';
import type { DomainSuggestion } from '../rules/contractor-access.ts';
import type { Review } from '../money/money-review.ts';
import type { DeliverablesResult } from '../deliverables/deliverables.ts';
import type { ReviewSnapshot } from '../deliverables/snapshot.ts';

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
}

export interface UnknownProduct {
  product: string;
  users: number;
  usage_days: number;
}

/** What the page may ask of the engine worker (through comlink) and the headless twin of the engine. */
export interface EngineApi {
  load(files: SourceFile[], onProgress?: (p: LoadProgress) => void): Promise<IngestReport[]>;
  ingestReports(): Promise<IngestReport[]>;
  rejects(limit?: number): Promise<RejectList>;
  rejectsCsv(options?: { redact: boolean }): Promise<string>;
  review(settings?: ReviewSettingsInput): Promise<Review>;
  deliverables(settings?: ReviewSettingsInput, options?: { redact: boolean }): Promise<DeliverablesResult>;
  snapshot(settings?: ReviewSettingsInput, options?: { includeUsage: boolean; redact: boolean }): Promise<ReviewSnapshot>;
  exportSessionsCsv(options?: { redact: boolean }): Promise<string>;
  removeFile(fileId: number): Promise<void>;
  catalogue(): Promise<Catalogue>;
  setCatalogue(catalogue: unknown): Promise<Catalogue>;
  unknownProducts(): Promise<UnknownProduct[]>;
  suggestCorporateDomains(): Promise<DomainSuggestion[]>;
  userTimeline(userKey: string): Promise<UserTimeline>;
  reset(): Promise<void>;
}
