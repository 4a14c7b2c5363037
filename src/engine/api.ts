import type { ReviewSettings, ReviewSettingsInput } from '../settings/schema.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { DormantUserFinding } from '../rules/dormant-user.ts';
import type { LowFrequencyUserFinding } from '../rules/low-frequency-user.ts';
import type { UtilisationDepthFinding } from '../rules/utilisation-depth.ts';
import type { SingleProductCollectionFinding } from '../rules/single-product-collection.ts';
import type { DuplicateAccessFinding } from '../rules/duplicate-access.ts';
import type { ContractorAccessFinding, DomainSuggestion } from '../rules/contractor-access.ts';
import type { UnlicensedAccessFinding } from '../rules/unlicensed-access.ts';
import type { OutOfScopeFinding } from '../rules/out-of-scope.ts';
import type { OverCountFinding } from '../rules/over-count.ts';
import type { NewDomainFinding } from '../rules/new-domain.ts';
import type { RenewalFinding } from '../rules/renewal.ts';
import type { MoneyReview } from '../money/money-review.ts';
import type { DeliverableFile, Deliverables } from '../deliverables/deliverables.ts';
import type { ReviewSnapshot } from '../deliverables/snapshot.ts';
import type { DailyUsersSeries } from '../review/daily-users.ts';

/** A file handed to the engine: its name as the user sees it and its bytes. */
export interface SourceFile {
  name: string;
  blob: Blob;
  /** The user's choice of format, overriding detection. */
  kind?: FileKind;
  /** The user's answer for a file whose numeric dates read both ways. */
  date_order?: 'mdy' | 'dmy';
}

export const FILE_KINDS = ['lrt_sessions', 'usage_report', 'seat_usage', 'token_usage', 'subscriptions', 'users', 'token_flex', 'flexnet_log'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export interface IngestReport {
  file_id: number;
  file: string;
  /** What the file was detected as; null when it could not be read at all. */
  kind: FileKind | null;
  kind_label: string;
  status: 'loaded' | 'duplicate_file' | 'failed';
  /** For failures: one sentence naming the file and what was expected. For duplicates: which file it repeats. */
  message: string | null;
  /** What the user must answer before the file can load (its date order), when anything. */
  question: 'date_order' | null;
  bytes: number;
  encoding: string | null;
  delimiter: string | null;
  /** Where the data was found inside the file (an XLSX sheet and row, a JSON array). */
  where: string | null;
  /** How numeric dates such as 3/4/2026 were read, when the file has any. */
  date_order: string | null;
  /** Data rows read (blank lines are not rows). Always rows_loaded + rows_rejected. */
  rows_read: number;
  rows_loaded: number;
  rows_rejected: number;
  /** Of the loaded rows, those that added a session not already present (same session in another file or line). */
  rows_new: number;
  /** Columns in the file that the format does not use: kept in the report, ignored by the review. */
  extra_columns: string[];
  /** What this file cannot provide, and which analyses lose power because of it. */
  notes: string[];
  first_day: string | null;
  last_day: string | null;
}

export interface Reject {
  file_id: number;
  file: string;
  line: number;
  column: string | null;
  value: string | null;
  reason: string;
}

export interface LoadProgress {
  file: string;
  /** 1-based position of `file` among the files of this load, and how many the load has. */
  file_index: number;
  files_total: number;
  bytes_done: number;
  bytes_total: number;
  rows: number;
}

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

export interface Overview {
  users: number;
  products: number;
  sessions: number;
  usage_days: number;
  hours: number;
  first_day: string | null;
  last_day: string | null;
}

export interface ReviewWindow {
  start: string;
  end: string;
  months: number;
  /** window end minus `months`, before clamping to the first day the data covers. */
  requested_start: string;
  data_start: string;
  data_end: string;
}

export interface WeeklyUsers {
  product: string;
  week_start: string;
  users: number;
}


export interface UsageSpikeFinding {
  rule: 'usage_spike';
  product: string;
  week_start: string;
  week_end: string;
  users: number;
  baseline_median: number;
  ratio: number | null;
  users_above_median: number;
}

export interface TelemetryGapFinding {
  rule: 'telemetry_gap';
  /** no_usage: business days without any usage row; log_coverage: a licence-server log silent for too long. */
  kind: 'no_usage' | 'log_coverage';
  /** Days (YYYY-MM-DD) for no_usage; UTC date-times for log_coverage. */
  start: string;
  end: string;
  business_days: number | null;
  hours: number | null;
  /** The log a coverage hole was found in. */
  file: string | null;
}

/** Every finding type, one per rulebook rule (each rule's own file defines its finding). */
export type Finding =
  | DormantUserFinding
  | LowFrequencyUserFinding
  | UtilisationDepthFinding
  | SingleProductCollectionFinding
  | DuplicateAccessFinding
  | ContractorAccessFinding
  | UnlicensedAccessFinding
  | OutOfScopeFinding
  | OverCountFinding
  | NewDomainFinding
  | UsageSpikeFinding
  | TelemetryGapFinding
  | RenewalFinding;

export type RuleId = Finding['rule'];

export type RuleGroup = 'cost' | 'compliance' | 'usage' | 'data_quality';

export interface RuleSummary {
  count: number;
  /** Sum of the priced findings' savings per year; null for a rule without a money figure. */
  money: number | null;
  /** Findings whose money could not be computed (no price in the price book). */
  unpriced: number;
}

export interface RuleResult<F extends Finding = Finding> {
  rule: RuleId;
  title: string;
  group: RuleGroup;
  summary: RuleSummary;
  /** The rule in one sentence, with the settings in force written into it. */
  definition: string;
  settings: Record<string, string | number | null>;
  findings: F[];
}

export interface Review {
  settings: ReviewSettings;
  window: ReviewWindow | null;
  overview: Overview;
  weekly_users: WeeklyUsers[];
  /** Named-user users per product per day against its seats, for the users-against-seats chart. */
  daily_users: DailyUsersSeries;
  rules: RuleResult[];
  /** Exposure scenarios, savings by type, Collection break-even and the seed's benchmarks. */
  money: MoneyReview;
}

/** The deliverables as data (for the page's print layout) and as the files the page downloads and the twin writes. */
export interface DeliverablesResult {
  deliverables: Deliverables;
  files: DeliverableFile[];
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
