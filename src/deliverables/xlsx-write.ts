import * as XLSX from '@e965/xlsx';
import { neutralise } from '../lib/csv-write.ts';

/** One worksheet: its columns (row key, header text, optional width in characters) and its rows. */
export interface SheetSpec {
  name: string;
  columns: { key: string; header: string; width?: number }[];
  rows: Record<string, unknown>[];
}

/** Widest column written, in characters (a longer value wraps or is cut off on screen, never in the cell). */
const MAX_WIDTH = 60;
const MIN_WIDTH = 6;
/** Excel keeps at most this many characters in one cell; SheetJS refuses to write more. */
const MAX_CELL_TEXT = 32_767;
const BAD_NAME_CHARACTERS = /[[\]:*?/\\]/;

/**
 * An .xlsx workbook, one sheet per spec in the given order: a header row, then one row per record.
 *
 * - Texts are neutralised (`neutralise`: a leading `=`, `+`, `-`, `@`, tab or carriage return gets an apostrophe),
 *   so that no cell is ever run as a formula; no cell is ever written as a formula.
 * - Numbers (and bigints) are numeric cells, unaltered (a negative saving stays -415); booleans are boolean cells;
 *   null and undefined leave the cell empty; an array is one text, its items joined with ", "; a Date is its ISO
 *   text; any other object its JSON.
 * - Column widths come from `width`, or else from the longest value of the column (header included), capped at 60.
 * - An autofilter covers the header and the rows. The header row is neither bold nor frozen: the community build of
 *   SheetJS writes no styles and no frozen panes.
 *
 * Throws an Error naming the sheet when a sheet name is not one Excel accepts (empty, over 31 characters, one of
 * `[ ] : * ? / \`, an apostrophe at either end, "History") or when two sheets share a name (case is ignored, as Excel does).
 */
export function workbookBytes(sheets: readonly SheetSpec[]): Uint8Array {
  if (sheets.length === 0) throw new Error('A workbook needs at least one sheet.');
  const workbook = XLSX.utils.book_new();
  const seen = new Map<string, string>();
  for (const spec of sheets) {
    checkSheetName(spec.name);
    const folded = spec.name.toLowerCase();
    const earlier = seen.get(folded);
    if (earlier !== undefined) {
      throw new Error(`Two sheets are named "${earlier}"${earlier === spec.name ? '' : ` and "${spec.name}"`}: Excel needs a different name for each sheet (case is ignored).`);
    }
    seen.set(folded, spec.name);
    XLSX.utils.book_append_sheet(workbook, worksheet(spec), spec.name);
  }
  const out: unknown = XLSX.write(workbook, { type: 'array', bookType: 'xlsx', compression: true });
  return out instanceof Uint8Array ? out : new Uint8Array(out as ArrayBuffer);
}

function checkSheetName(name: string): void {
  const why =
    typeof name !== 'string' || name.trim() === ''
      ? 'it is empty'
      : name.length > 31
        ? `it has ${name.length} characters, and Excel allows at most 31`
        : BAD_NAME_CHARACTERS.test(name)
          ? 'it holds one of [ ] : * ? / \\, which Excel does not allow'
          : name.startsWith("'") || name.endsWith("'")
            ? 'it starts or ends with an apostrophe, which Excel does not allow'
            : name.toLowerCase() === 'history'
              ? 'Excel reserves the name "History"'
              : null;
  if (why !== null) throw new Error(`Invalid sheet name "${String(name)}": ${why}.`);
}

function worksheet(spec: SheetSpec): XLSX.WorkSheet {
  const sheet: XLSX.WorkSheet = {};
  const widths = spec.columns.map((c) => displayWidth(c.header));
  spec.columns.forEach((column, c) => {
    sheet[XLSX.utils.encode_cell({ r: 0, c })] = { t: 's', v: cellText(neutralise(column.header)) };
  });
  spec.rows.forEach((row, i) => {
    spec.columns.forEach((column, c) => {
      const cell = toCell(row[column.key]);
      if (cell === null) return;
      sheet[XLSX.utils.encode_cell({ r: i + 1, c })] = cell;
      widths[c] = Math.max(widths[c]!, displayWidth(cell.t === 's' ? (cell.v as string) : String(cell.v)));
    });
  });
  if (spec.columns.length === 0) {
    sheet['!ref'] = 'A1';
    return sheet;
  }
  const range = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: spec.rows.length, c: spec.columns.length - 1 } });
  sheet['!ref'] = range;
  sheet['!autofilter'] = { ref: range };
  sheet['!cols'] = spec.columns.map((column, c) => ({
    wch: column.width !== undefined && Number.isFinite(column.width) && column.width > 0 ? column.width : Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widths[c]! + 2)),
  }));
  return sheet;
}

/** The cell for one value; null for an empty cell. Never a formula. */
function toCell(value: unknown): XLSX.CellObject | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return { t: 'n', v: value };
  if (typeof value === 'bigint') return { t: 'n', v: Number(value) };
  if (typeof value === 'boolean') return { t: 'b', v: value };
  const text = Array.isArray(value) ? value.map(itemText).join(', ') : itemText(value);
  return { t: 's', v: cellText(neutralise(text)) };
}

function itemText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (Array.isArray(value)) return value.map(itemText).join(', ');
  if (typeof value === 'object') return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
  return String(value);
}

/** Excel's limit on a cell's text: a longer text is cut, and says so. */
function cellText(text: string): string {
  if (text.length <= MAX_CELL_TEXT) return text;
  const keep = MAX_CELL_TEXT - 40; // room for the note, whose number has at most 16 digits
  return `${text.slice(0, keep)} [cut: ${text.length - keep} more characters]`;
}

/** The width of a text on screen in characters: its longest line. */
function displayWidth(text: string): number {
  let widest = 0;
  for (const line of text.split(/\r\n|\r|\n/)) widest = Math.max(widest, line.length);
  return widest;
}
