import type { FileKind } from '../ingest-report.ts';
import type { FactRow, TableName } from '../../db/tables.ts';
import type { CsvRecord } from '../csv.ts';
import type { DateOrder } from '../dates.ts';
import type { Runner } from '../../db/runner.ts';
import type { ZoneClock } from '../../lib/time-zone.ts';

/** A record that cannot be used, on its physical line. */
export interface RejectedRow extends RowProblem {
  line: number;
}

/** Where an adapter puts what it reads. */
export interface Sink {
  add(table: TableName, line: number, row: FactRow): void;
  /** A record of a format checked in SQL (TextChecks): its values as text, in the order of the checks' columns. */
  addText(line: number, values: (string | null)[]): void;
  reject(row: RejectedRow): void;
}

/** The staging tables a format's SQL checks read and write. */
export interface CheckedTables {
  /**
   * The records as text: a table or a query with one VARCHAR column per format column, the record's line, and
   * `blank` (true for a record of empty fields, which is no row: neither read nor rejected).
   */
  text: string;
  /** The staging table of the adapter's primary fact table. */
  facts: string;
  /** line, column, value, reason. */
  rejects: string;
  /** No text value has surrounding whitespace or a leading apostrophe: the checks may skip trimming and restoring. */
  plain: boolean;
  /**
   * Called once the facts are made, before any row is rejected, when `text` could not give the lines (DuckDB's CSV
   * reader, read in the same statement as the checks: read-csv-in-duckdb.ts): gives each row its line, or returns
   * false to abandon the reading.
   */
  numberLines?: (facts: string) => Promise<boolean>;
}

/**
 * A format whose values are checked in SQL, once, whichever reader read the file: its records are staged as text
 * (by DuckDB's CSV reader, or by the JavaScript readers), then `run` turns them into facts and rejects; false when
 * `numberLines` abandoned the reading.
 */
export interface TextChecks {
  columns: readonly string[];
  run(runner: Runner, tables: CheckedTables): Promise<boolean>;
}

/** A reason a record cannot be used: the column at fault (if one), its value, and why. */
export interface RowProblem {
  column: string | null;
  value: string | null;
  reason: string;
}

export interface FileContext {
  fileName: string;
  /** The catalogue's name for a product line code, for sources that name products only by code (licence-server logs). */
  productForPlc: (plc: string) => string | null;
  /** The file's order of numeric day and month (decided from its values, or chosen by the user). */
  dateOrder: DateOrder | null;
  /**
   * Numbers use a decimal comma and a dot between thousands (3,3 and 1.250,5): a semicolon-delimited CSV,
   * as Excel saves one where the comma is the decimal separator.
   */
  decimalComma?: boolean;
  /** The licence server's clock, for the formats that log its local time (logs, lmstat): their times become UTC by it. */
  clock?: ZoneClock;
}

interface AdapterBase {
  kind: FileKind;
  label: string;
  /** What a file of this kind looks like, in one phrase, for "expected ..." in error sentences. */
  expects: string;
  /** The table whose new rows are the file's "new" count and whose dates are its date range. */
  primary: TableName;
  /** Tables that hold the same facts for some rows (Token Flex rows naming no user): counted with `primary`. */
  alsoPrimary?: readonly TableName[];
  /** The format's checks in SQL, when it has them: its rows reach `primary` through them. */
  textChecks?: TextChecks;
}

/** A format with a header row: CSV, an XLSX sheet, a JSON array of objects. */
export interface TableAdapter extends AdapterBase {
  shape: 'table';
  /** 0 when the header is not of this format; otherwise higher for a better fit. */
  score(header: readonly string[]): number;
  /** Sentence part naming the columns the header lacks, when the user forces this kind on a file. */
  missing(header: readonly string[]): string | null;
  /**
   * How clearly the header is of this format even when required columns are missing: the number of its
   * distinctive columns present, 0 when fewer than two (or than all, for a format with one). Names the format
   * a file nearly is, in the sentence that says what it lacks.
   */
  resemblance(header: readonly string[]): number;
  open(header: readonly string[], context: FileContext): TableMapper;
}

export interface TableMapper {
  /** Header names that the format does not use. */
  extraColumns: string[];
  /** The values of this record that are dates, for deciding the file's date order. */
  dates(record: CsvRecord): string[];
  /** Maps one record into the sink; returns the problem when the record cannot be used. */
  map(record: CsvRecord, sink: Sink): RowProblem | null;
  /** What the file could not provide, found while reading (for the ingest report). */
  notes(): string[];
  /** For a format with TextChecks: the header position of each of its columns (undefined when the file lacks it). */
  textPositions?: (number | undefined)[];
}

/** A line-oriented format (licence-server logs). */
export interface LineAdapter extends AdapterBase {
  shape: 'lines';
  detect(firstLines: readonly string[]): boolean;
  open(context: FileContext): LineMapper;
}

export interface LineMapper {
  line(text: string, lineNumber: number, sink: Sink): void;
  end(sink: Sink): void;
  /** Records read (for a log: event lines), used and rejected: read = loaded + rejected. */
  counts(): { read: number; loaded: number; rejected: number };
  notes(): string[];
}

export type Adapter = TableAdapter | LineAdapter;
