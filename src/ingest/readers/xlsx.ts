import * as XLSX from '@e965/xlsx';
import type { CsvRecord } from '../csv.ts';
import { UnreadableFileError } from '../decode.ts';
import { listOf, plainNumber } from './format.ts';
import type { TableSource } from './table-source.ts';

/** How many rows of each sheet are searched for the header. */
const HEADER_SEARCH_ROWS = 50;

type Row = (XLSX.CellObject | null | undefined)[] | null | undefined;

interface FoundHeader {
  sheetName: string;
  rows: Row[];
  /** 0-based index of the header row in `rows` (= spreadsheet row number - 1). */
  headerRow: number;
  firstColumn: number;
  header: string[];
}

/**
 * Reads the table of an Excel workbook. The sheet and the header row are found by content
 * (`recognise`), never by position: Autodesk puts a filter block on sheet 1 and the data,
 * sometimes below a title row, on sheet 2.
 */
export function readXlsxTable(bytes: Uint8Array, fileName: string, recognise: (header: string[]) => boolean, expected: string): TableSource {
  const workbook = openWorkbook(bytes, fileName, expected);
  const found = findHeader(workbook, recognise);
  if (!found) {
    const sheets = `${workbook.SheetNames.length === 1 ? 'sheet' : 'sheets'} ${listOf(workbook.SheetNames.map((name) => `"${name}"`))}`;
    throw new UnreadableFileError(
      `${fileName} has no sheet with a recognisable header row in its first ${HEADER_SEARCH_ROWS} rows (looked at ${sheets}): expected ${expected}.`,
    );
  }
  const { sheetName, rows, headerRow, firstColumn, header } = found;
  return {
    header,
    where: `sheet "${sheetName}", row ${headerRow + 1}`,
    records: { [Symbol.iterator]: () => recordsBelow(rows, headerRow, firstColumn, header.length) },
  };
}

function openWorkbook(bytes: Uint8Array, fileName: string, expected: string): XLSX.WorkBook {
  if (bytes.length === 0) throw new UnreadableFileError(`${fileName} is empty: expected ${expected}.`);
  // Without this check SheetJS happily reads any bytes as a one-cell text sheet.
  if (!isZip(bytes) && !isCompoundFile(bytes)) {
    throw new UnreadableFileError(`${fileName} is not an Excel workbook (an .xlsx file is a ZIP archive and this file is not one): expected ${expected}.`);
  }
  // A ZIP cut short has no end-of-central-directory record; SheetJS can loop forever on such a stub.
  if (isZip(bytes) && !hasZipDirectory(bytes)) {
    throw new UnreadableFileError(`${fileName} could not be opened as an Excel workbook (it is damaged or incomplete): expected ${expected}.`);
  }
  let workbook: XLSX.WorkBook;
  try {
    // cellDates: date-formatted numbers become Date objects, read as UTC wall-clock values by SheetJS 0.20+.
    // cellText/cellHTML/cellFormula off: only the stored (cached) values are needed.
    workbook = XLSX.read(bytes, { type: 'array', dense: true, cellDates: true, cellText: false, cellHTML: false, cellFormula: false, cellStyles: false });
  } catch (error) {
    if (/password|encrypt/i.test(String(error))) {
      throw new UnreadableFileError(`${fileName} is password-protected (open it in Excel, remove the password and save it again): expected ${expected}.`);
    }
    throw new UnreadableFileError(`${fileName} could not be opened as an Excel workbook (it is damaged or incomplete): expected ${expected}.`);
  }
  if (workbook.SheetNames.length === 0) throw new UnreadableFileError(`${fileName} is a workbook without sheets: expected ${expected}.`);
  return workbook;
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Looks for the ZIP end-of-central-directory signature (PK 05 06) in the last 64 KiB + 22 bytes. */
function hasZipDirectory(bytes: Uint8Array): boolean {
  const lowest = Math.max(0, bytes.length - 0xffff - 22);
  for (let i = bytes.length - 22; i >= lowest; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) return true;
  }
  return false;
}

/** OLE compound file: an encrypted .xlsx, or an old binary .xls (which SheetJS reads too). */
function isCompoundFile(bytes: Uint8Array): boolean {
  return bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}

/** The first row, sheet by sheet, whose values `recognise` accepts. */
function findHeader(workbook: XLSX.WorkBook, recognise: (header: string[]) => boolean): FoundHeader | null {
  for (const sheetName of workbook.SheetNames) {
    const sheet = workbook.Sheets[sheetName];
    const rows: Row[] | undefined = sheet?.['!data'];
    if (!sheet || !rows) continue;
    const { r: firstRow, c: firstColumn } = sheet['!ref'] ? XLSX.utils.decode_range(sheet['!ref']).s : { r: 0, c: 0 };
    const lastRow = Math.min(rows.length, firstRow + HEADER_SEARCH_ROWS) - 1;
    for (let r = firstRow; r <= lastRow; r++) {
      const header = dropTrailingEmpty(rowValues(rows[r], firstColumn), 0);
      if (header.length > 0 && recognise(header)) return { sheetName, rows, headerRow: r, firstColumn, header };
    }
  }
  return null;
}

function* recordsBelow(rows: Row[], headerRow: number, firstColumn: number, width: number): Generator<CsvRecord> {
  for (let r = headerRow + 1; r < rows.length; r++) {
    const fields = dropTrailingEmpty(rowValues(rows[r], firstColumn), width);
    if (fields.every((field) => field.trim() === '')) continue;
    while (fields.length < width) fields.push('');
    yield { line: r + 1, fields };
  }
}

function rowValues(row: Row, firstColumn: number): string[] {
  const values: string[] = [];
  if (!row) return values;
  for (let c = firstColumn; c < row.length; c++) values.push(cellText(row[c]));
  return values;
}

/** Drops empty cells at the end of a row, keeping at least `keep` values. */
function dropTrailingEmpty(values: string[], keep: number): string[] {
  let end = values.length;
  while (end > keep && values[end - 1] === '') end--;
  return end === values.length ? values : values.slice(0, end);
}

/** A cell's stored value as text: for a formula, its cached result. */
function cellText(cell: XLSX.CellObject | null | undefined): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  const value = cell.v;
  switch (cell.t) {
    case 'n':
      return typeof value === 'number' ? excelNumber(value) : String(value);
    case 'b':
      return value ? 'true' : 'false';
    case 'd':
      return value instanceof Date ? dateText(value) : String(value);
    case 'e':
      return typeof value === 'number' ? (EXCEL_ERRORS[value] ?? '#ERROR!') : String(value);
    case 'z':
      return '';
    default:
      return String(value);
  }
}

/** Excel keeps 15 significant digits; beyond that a stored double only carries binary noise (0.30000000000000004). */
function excelNumber(value: number): string {
  return plainNumber(Number(value.toPrecision(15)));
}

const FIRST_DAY_OF_1900 = Date.UTC(1900, 0, 1);

/**
 * `YYYY-MM-DD` at midnight, else `YYYY-MM-DDTHH:MM:SSZ`. SheetJS hands over the cell's wall-clock
 * value as a UTC instant, so UTC is read back: the machine's time zone never enters.
 */
function dateText(date: Date): string {
  const time = date.getTime();
  if (Number.isNaN(time)) return '';
  const iso = new Date(Math.round(time / 1000) * 1000).toISOString();
  const day = iso.slice(0, 10);
  const clock = iso.slice(11, 19);
  if (time < FIRST_DAY_OF_1900) return clock; // a time-only cell (serial below 1)
  return clock === '00:00:00' ? day : `${day}T${clock}Z`;
}

/** Error cells as Excel shows them, so that they are reported as bad values instead of read as empty. */
const EXCEL_ERRORS: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};
