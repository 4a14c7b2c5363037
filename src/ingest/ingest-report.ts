/** A file handed to the engine: its name as the user sees it and its bytes. */
export interface SourceFile {
  name: string;
  blob: Blob;
  /** The user's choice of format, overriding detection. */
  kind?: FileKind;
  /** The user's answer for a file whose numeric dates read both ways. */
  date_order?: 'mdy' | 'dmy';
  /** Where the file lies on disk, when a host can hand DuckDB the file itself (the native twin) instead of a copy. */
  path?: string;
  /** The IANA time zone of a licence server's clock, for its log or lmstat snapshot (default UTC). */
  time_zone?: string;
}

export const FILE_KINDS = ['lrt_sessions', 'usage_report', 'seat_usage', 'token_usage', 'subscriptions', 'users', 'token_flex', 'flexnet_log', 'lmstat', 'login_map'] as const;
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
  /** The time zone a licence-server file's times were read in (its server's clock); null for other kinds. */
  time_zone: string | null;
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

/** What a load is doing: reading a file's bytes, checking its rows, merging them, or deriving usage days over all. */
export type LoadStage = 'reading' | 'checking' | 'merging' | 'deriving';

export interface LoadProgress {
  stage: LoadStage;
  file: string;
  /** 1-based position of `file` among the files of this load, and how many the load has. */
  file_index: number;
  files_total: number;
  bytes_done: number;
  bytes_total: number;
  rows: number;
}
