import { strToU8, zipSync } from 'fflate';
import { DEFAULT_CURRENCY, currencyDecimals, currencySymbol } from '../lib/amounts.ts';
import { neutralise } from '../lib/csv-write.ts';
import type { ColumnFormat } from './table-columns.ts';

/** One worksheet: its columns (row key, header text, how values are written, optional width in characters) and its rows. */
export interface SheetSpec {
  name: string;
  columns: { key: string; header: string; format?: ColumnFormat; width?: number }[];
  rows: Record<string, unknown>[];
  /** A list sheet (the default) gets a frozen header row and an auto-filter; a page of text (the cover) gets neither. */
  list?: boolean;
}

export interface WorkbookOptions {
  /** ISO 4217 code: money cells are formatted with its symbol. */
  currency: string;
}

/** Widest column written, in characters (a longer value wraps or is cut off on screen, never in the cell). */
const MAX_WIDTH = 60;
const MIN_WIDTH = 6;
/** Excel keeps at most this many characters in one cell. */
const MAX_CELL_TEXT = 32_767;
const BAD_NAME_CHARACTERS = /[[\]:*?/\\]/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Day 0 of Excel's 1900 date system as it counts from 1 March 1900 on (the serial of 1970-01-01 is 25569). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * Cell styles (the `s` index of a cell), in styles.xml's order: 0 plain, 1 header (bold), 2 date, 3 money,
 * 4 count, 5 number, 6 share.
 */
const STYLE = { plain: 0, header: 1, date: 2, money: 3, count: 4, number: 5, share: 6 } as const;

/**
 * An .xlsx workbook (Office Open XML, written here and zipped with fflate), one sheet per spec in the given order.
 * SheetJS's community build, used to read workbooks, writes neither styles nor frozen panes; this writer needs only
 * a few of each, so it writes the XML itself.
 *
 * - A list sheet has a bold header row, frozen, and an auto-filter over the header and the rows.
 * - Dates (a YYYY-MM-DD text in a `date` column) are date cells shown as yyyy-mm-dd; any other text in such a column
 *   ("never", "in use") stays text. Money cells are numbers formatted with the currency's symbol and two decimals;
 *   counts with thousands separators; shares as percentages. Numbers are never altered (a negative saving stays -415).
 * - Texts are neutralised (`neutralise`: a leading `=`, `+`, `-`, `@`, tab or carriage return gets an apostrophe),
 *   and no cell is ever a formula. Characters XML cannot hold (control characters) are dropped.
 * - Booleans are boolean cells; null and undefined leave the cell empty; an array is one text, its items joined with ", ".
 * - Column widths come from `width`, or else from the longest value of the column (header included), capped at 60.
 *
 * Throws an Error naming the sheet when a sheet name is not one Excel accepts (empty, over 31 characters, one of
 * `[ ] : * ? / \`, an apostrophe at either end, "History") or when two sheets share a name (case is ignored, as Excel does).
 */
export function workbookBytes(sheets: readonly SheetSpec[], options: WorkbookOptions = { currency: DEFAULT_CURRENCY }): Uint8Array {
  if (sheets.length === 0) throw new Error('A workbook needs at least one sheet.');
  const seen = new Map<string, string>();
  for (const spec of sheets) {
    checkSheetName(spec.name);
    const folded = spec.name.toLowerCase();
    const earlier = seen.get(folded);
    if (earlier !== undefined) {
      throw new Error(`Two sheets are named "${earlier}"${earlier === spec.name ? '' : ` and "${spec.name}"`}: Excel needs a different name for each sheet (case is ignored).`);
    }
    seen.set(folded, spec.name);
  }
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': xml(contentTypes(sheets.length)),
    '_rels/.rels': xml(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': xml(workbookXml(sheets)),
    'xl/_rels/workbook.xml.rels': xml(workbookRels(sheets.length)),
    'xl/styles.xml': xml(stylesXml(options.currency)),
  };
  sheets.forEach((spec, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = xml(worksheetXml(spec, i === 0));
  });
  return zipSync(files, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') });
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

const xml = (body: string) => strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`);

function contentTypes(sheetCount: number): string {
  const sheets = Array.from(
    { length: sheetCount },
    (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join('');
  return (
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
    `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
    `${sheets}</Types>`
  );
}

function workbookXml(sheets: readonly SheetSpec[]): string {
  const entries = sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  // Excel keeps each sheet's filter range under this hidden name; writing it saves Excel a repair on first open.
  const filters = sheets
    .map((s, i) => (isList(s) && s.columns.length > 0 ? `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeXml(`'${s.name.replace(/'/g, "''")}'!${absolute(filterRef(s))}`)}</definedName>` : ''))
    .join('');
  return (
    `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    `<bookViews><workbookView activeTab="0"/></bookViews><sheets>${entries}</sheets>${filters ? `<definedNames>${filters}</definedNames>` : ''}</workbook>`
  );
}

function workbookRels(sheetCount: number): string {
  const rels = Array.from(
    { length: sheetCount },
    (_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  ).join('');
  const styles = `<Relationship Id="rId${sheetCount + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`;
  return `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}${styles}</Relationships>`;
}

/** The money format: the currency's symbol quoted (any text is safe inside quotes), its minor unit's decimals, a minus sign before it. */
export function moneyFormatCode(currency: string): string {
  const symbol = `"${currencySymbol(currency).replace(/"/g, '')}"`;
  const decimals = currencyDecimals(currency);
  const number = decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
  return `${symbol}${number};-${symbol}${number}`;
}

function stylesXml(currency: string): string {
  const formats = `<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="${escapeXml(moneyFormatCode(currency))}"/></numFmts>`;
  const fonts = `<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>`;
  const fills = `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>`;
  const borders = `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>`;
  // Built-in formats: 3 is #,##0, 4 is #,##0.00, 10 is 0.00%.
  const xf = (numFmt: number, font = 0) => `<xf numFmtId="${numFmt}" fontId="${font}" fillId="0" borderId="0" xfId="0"${numFmt ? ' applyNumberFormat="1"' : ''}${font ? ' applyFont="1"' : ''}/>`;
  const cellXfs = [xf(0), xf(0, 1), xf(164), xf(165), xf(3), xf(4), xf(10)];
  return (
    `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${formats}${fonts}${fills}${borders}` +
    `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
    `<cellXfs count="${cellXfs.length}">${cellXfs.join('')}</cellXfs>` +
    `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`
  );
}

const isList = (spec: SheetSpec) => spec.list !== false;

function filterRef(spec: SheetSpec): string {
  return `A1:${columnName(spec.columns.length - 1)}${spec.rows.length + 1}`;
}

const absolute = (ref: string) => ref.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');

function worksheetXml(spec: SheetSpec, selected: boolean): string {
  const widths = spec.columns.map((c) => displayWidth(c.header) + (isList(spec) ? 2 : 0));
  const rows: string[] = [];
  const header = spec.columns.map((column, c) => textCell(`${columnName(c)}1`, column.header, STYLE.header)).join('');
  rows.push(`<row r="1">${header}</row>`);
  spec.rows.forEach((record, i) => {
    const r = i + 2;
    const cells = spec.columns
      .map((column, c) => {
        const cell = toCell(`${columnName(c)}${r}`, record[column.key], column.format ?? 'text');
        if (cell === null) return '';
        widths[c] = Math.max(widths[c]!, cell.width);
        return cell.xml;
      })
      .join('');
    rows.push(`<row r="${r}">${cells}</row>`);
  });
  const list = isList(spec) && spec.columns.length > 0;
  const view = list
    ? `<sheetView workbookViewId="0"${selected ? ' tabSelected="1"' : ''}><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView>`
    : `<sheetView workbookViewId="0"${selected ? ' tabSelected="1"' : ''}/>`;
  const cols = spec.columns.length
    ? `<cols>${spec.columns
        .map((column, c) => {
          const width = column.width !== undefined && Number.isFinite(column.width) && column.width > 0 ? column.width : Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widths[c]! + 1));
          return `<col min="${c + 1}" max="${c + 1}" width="${width}" customWidth="1"/>`;
        })
        .join('')}</cols>`
    : '';
  const dimension = spec.columns.length ? `A1:${columnName(spec.columns.length - 1)}${spec.rows.length + 1}` : 'A1';
  return (
    `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    `<dimension ref="${dimension}"/><sheetViews>${view}</sheetViews><sheetFormatPr defaultRowHeight="15"/>${cols}` +
    `<sheetData>${rows.join('')}</sheetData>${list ? `<autoFilter ref="${filterRef(spec)}"/>` : ''}</worksheet>`
  );
}

/** The cell XML for one value and its width on screen; null for an empty cell. Never a formula. */
function toCell(ref: string, value: unknown, format: ColumnFormat): { xml: string; width: number } | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number' || typeof value === 'bigint') {
    const n = Number(value);
    if (!Number.isFinite(n)) return { xml: textCell(ref, String(n)), width: String(n).length };
    const style = format === 'money' ? STYLE.money : format === 'count' ? STYLE.count : format === 'share' ? STYLE.share : format === 'number' ? STYLE.number : STYLE.plain;
    return { xml: `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${n}</v></c>`, width: numberWidth(n, format) };
  }
  if (typeof value === 'boolean') return { xml: `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`, width: 5 };
  const text = Array.isArray(value) ? value.map(itemText).join(', ') : itemText(value);
  if (format === 'date') {
    const serial = daySerial(text);
    if (serial !== null) return { xml: `<c r="${ref}" s="${STYLE.date}"><v>${serial}</v></c>`, width: 10 };
  }
  return { xml: textCell(ref, text), width: displayWidth(text) };
}

function textCell(ref: string, text: string, style: number = STYLE.plain): string {
  const safe = cellText(neutralise(text)).replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
  return `<c r="${ref}" t="inlineStr"${style ? ` s="${style}"` : ''}><is><t xml:space="preserve">${escapeXml(safe)}</t></is></c>`;
}

/** Excel's serial number of a YYYY-MM-DD day (1900 date system); null for any other text or an impossible date. */
export function daySerial(text: string): number | null {
  const m = ISO_DAY.exec(text);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== text) return null;
  const serial = (ms - EXCEL_EPOCH_MS) / 86_400_000;
  // Before 1 March 1900 Excel counts a 29 February that never was; no licence date lies there.
  return serial >= 61 ? serial : null;
}

function numberWidth(n: number, format: ColumnFormat): number {
  const digits = Math.round(Math.abs(n)).toLocaleString('en-US').length + (n < 0 ? 1 : 0);
  if (format === 'money') return digits + 6;
  if (format === 'share') return digits + 5;
  return format === 'count' ? digits : String(n).length;
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

/** A, B, ..., Z, AA, AB, ... for the 0-based column index. */
function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
