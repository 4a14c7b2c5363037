import { normaliseHeader } from '../../../src/ingest/header.ts';
import type { CsvRecord } from '../../../src/ingest/csv.ts';

export const EXPECTED = 'an Autodesk Usage Report export';

/** Columns of both generations of the Usage Report, enough to tell its header from a title or filter row. */
const USAGE_COLUMNS = new Set(
  [
    'hashed_autodesk_id', 'email', 'autodesk_id', 'team_alias', 'offering_name', 'seat_assignment', 'days_used', 'last_accessed',
    'Team', 'Product', 'Seat assignment', 'Days used', 'Last accessed', 'Autodesk ID',
  ].map(normaliseHeader),
);

export function recogniseUsage(header: string[]): boolean {
  return header.filter((name) => USAGE_COLUMNS.has(normaliseHeader(name))).length >= 3;
}

export function all(records: Iterable<CsvRecord>): CsvRecord[] {
  return [...records];
}
