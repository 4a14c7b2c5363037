import type { CsvRecord } from '../csv.ts';

/** A header row and the data records below it, from any tabular file (CSV, XLSX sheet, JSON array). */
export interface TableSource {
  header: string[];
  /** Where the header was found, for the ingest report, e.g. 'sheet "Usage Report", row 3' or 'JSON array "data"'. */
  where: string;
  /** `line` is the spreadsheet row number (1-based), the JSON record's 1-based index, or the JSON Lines physical line. */
  records: Iterable<CsvRecord>;
}
