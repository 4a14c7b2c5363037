/**
 * A column of a client file (CSV and workbook sheet): the row's field, the header a reader sees, and how its values
 * are written. Money is in the engagement's currency, dates are days (YYYY-MM-DD in a CSV, date cells in the workbook).
 */
export interface TableColumn<Row> {
  key: keyof Row & string;
  header: string;
  format?: ColumnFormat;
}

export type ColumnFormat = 'text' | 'date' | 'money' | 'count' | 'number' | 'share';

/** The header with its unit: "Saving per year (GBP)" for money. */
export function headerWithUnit(column: { header: string; format?: ColumnFormat }, currency: string): string {
  return column.format === 'money' ? `${column.header} (${currency})` : column.header;
}
