import * as XLSX from '@e965/xlsx';
import { afterEach, describe, expect, it } from 'vitest';
import { UnreadableFileError } from '../../../src/ingest/decode.ts';
import { readXlsxTable } from '../../../src/ingest/readers/xlsx.ts';
import { EXPECTED, all, recogniseUsage } from './helpers.ts';

type Cell = XLSX.CellObject | string | number | boolean | null;

const SNAKE_HEADER =
  'hashed_autodesk_id,first_name,last_name,email,autodesk_id,team_alias,group,offering_name,version,seat_assignment,assigned_date,unassigned_date,user_activity,days_inactive,access_option,days_used,monthly_average,tokens_used,last_accessed'.split(',');

const TITLE_HEADER = [
  'Team', 'Group', 'Product', 'Seat assignment', 'Assigned date', 'Unassigned date', 'User activity', 'Days inactive', 'Access option',
  'Days used', 'Monthly average', 'Tokens used', 'Last accessed', 'Autodesk ID', 'Email', 'First name', 'Last name', 'Account status',
];

/** A date cell as Excel stores it: a serial day number with a date format. */
const day = (serial: number): XLSX.CellObject => ({ t: 'n', v: serial, z: 'yyyy-mm-dd' });
const dateTime = (serial: number): XLSX.CellObject => ({ t: 'n', v: serial, z: 'yyyy-mm-dd hh:mm:ss' });

function sheet(rows: Cell[][]): XLSX.WorkSheet {
  const ws: XLSX.WorkSheet = {};
  let width = 1;
  rows.forEach((row, r) => {
    width = Math.max(width, row.length);
    row.forEach((value, c) => {
      if (value === null) return;
      const address = XLSX.utils.encode_cell({ r, c });
      if (typeof value === 'object') ws[address] = value;
      else if (typeof value === 'number') ws[address] = { t: 'n', v: value };
      else if (typeof value === 'boolean') ws[address] = { t: 'b', v: value };
      else ws[address] = { t: 's', v: value };
    });
  });
  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(rows.length - 1, 0), c: width - 1 } });
  return ws;
}

function workbook(sheets: Record<string, Cell[][]>): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, sheet(rows), name);
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

const FILTER_SHEET: Cell[][] = [['Report: Usage'], ['Date range: 2026-01-01 - 2026-03-31'], ['Team: Example Team'], ['Products: All']];

/** The shape of Autodesk's export: filter block on sheet 1; title row, blank row and header on sheet 2. */
function usageReportWorkbook(): Uint8Array {
  return workbook({
    Filters: FILTER_SHEET,
    'Usage Report': [
      ['Usage Report - Example Team'],
      [],
      SNAKE_HEADER,
      // 45823 = 2025-06-15; 46109.395833333336 = 2026-03-28 09:30
      ['a1b2', 'Ada', 'Lovelace', 'ada@example.com', 'ADA123', 'Example Team', 'Design', 'AutoCAD', '2026', 'Assigned', day(45823), null, 'Active', 2, 'Named user', 41, 13.666666666666666, 0, dateTime(46109.395833333336)],
      // a short row: everything after `version` is empty
      ['c3d4', '*****', '*****', '*****', 'BOB456', 'Example Team', null, 'Revit', '2025'],
      [],
      // 46063 = 2026-02-10 (a real Date cell); 46111 = 2026-03-30
      ['e5f6', 'Cy', 'Young', 'cy@example.com', 'CY789', 'Example Team', 'Civil', 'AEC Collection', '', 'Unassigned', day(46023), { t: 'd', v: new Date(Date.UTC(2026, 1, 10)) }, 'Inactive', 48, 'Named user', 1234567, 0.1 + 0.2, 1e21, day(46111)],
      [' ', '', null],
      ['g7h8', 'Di', 'Ana', 'di@example.com', 'DI000', 'Example Team', 'Design', 'Maya', '2026', 'Assigned', day(46023), null, 'Active', 0, 'Named user', 3, 1, 12.5, day(46111)],
    ],
  });
}

const ADA = ['a1b2', 'Ada', 'Lovelace', 'ada@example.com', 'ADA123', 'Example Team', 'Design', 'AutoCAD', '2026', 'Assigned', '2025-06-15', '', 'Active', '2', 'Named user', '41', '13.6666666666667', '0', '2026-03-28T09:30:00Z'];
const BOB = ['c3d4', '*****', '*****', '*****', 'BOB456', 'Example Team', '', 'Revit', '2025', '', '', '', '', '', '', '', '', '', ''];
const CY = ['e5f6', 'Cy', 'Young', 'cy@example.com', 'CY789', 'Example Team', 'Civil', 'AEC Collection', '', 'Unassigned', '2026-01-01', '2026-02-10', 'Inactive', '48', 'Named user', '1234567', '0.3', '1000000000000000000000', '2026-03-30'];
const DI = ['g7h8', 'Di', 'Ana', 'di@example.com', 'DI000', 'Example Team', 'Design', 'Maya', '2026', 'Assigned', '2026-01-01', '', 'Active', '0', 'Named user', '3', '1', '12.5', '2026-03-30'];

function expectUnreadable(read: () => unknown, message: RegExp): void {
  let thrown: unknown;
  try {
    read();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(UnreadableFileError);
  expect((thrown as Error).message).toMatch(message);
}

describe('readXlsxTable', () => {
  it('finds the header on the second sheet below a title and a blank row, and reads every cell as text', () => {
    const table = readXlsxTable(usageReportWorkbook(), 'usage.xlsx', recogniseUsage, EXPECTED);
    expect(table.header).toEqual(SNAKE_HEADER);
    expect(table.where).toBe('sheet "Usage Report", row 3');
    expect(all(table.records)).toEqual([
      { line: 4, fields: ADA },
      { line: 5, fields: BOB },
      { line: 7, fields: CY }, // row 6 is empty and row 8 holds only a space: skipped, not renumbered
      { line: 9, fields: DI },
    ]);
  });

  it('can iterate the records more than once', () => {
    const table = readXlsxTable(usageReportWorkbook(), 'usage.xlsx', recogniseUsage, EXPECTED);
    expect(all(table.records)).toEqual(all(table.records));
  });

  it('reads the 2026 title-case headers on a sheet of their own', () => {
    const bytes = workbook({
      Usage: [
        TITLE_HEADER,
        ['Example Team', 'Design', 'AutoCAD', 'Assigned', { t: 'd', v: new Date(Date.UTC(2025, 5, 15)) }, null, 'Active', 2, 'Named user', 41, 13.5, 0, dateTime(46111.75), 'ADA123', 'ada@example.com', 'Ada', 'Lovelace', 'Active'],
      ],
    });
    const table = readXlsxTable(bytes, 'usage-2026.xlsx', recogniseUsage, EXPECTED);
    expect(table.header).toEqual(TITLE_HEADER);
    expect(table.where).toBe('sheet "Usage", row 1');
    expect(all(table.records)).toEqual([
      { line: 2, fields: ['Example Team', 'Design', 'AutoCAD', 'Assigned', '2025-06-15', '', 'Active', '2', 'Named user', '41', '13.5', '0', '2026-03-30T18:00:00Z', 'ADA123', 'ada@example.com', 'Ada', 'Lovelace', 'Active'] },
    ]);
  });

  it('reads formulas as their cached values, never as formula text', () => {
    const bytes = workbook({
      Data: [
        ['email', 'offering_name', 'days_used', 'team_alias'],
        ['ada@example.com', { t: 's', f: 'UPPER("autocad")', v: 'AUTOCAD' }, { t: 'n', f: '20+21', v: 41 }, { t: 'b', f: 'TRUE()', v: true }],
        ['bob@example.com', 'Revit', { t: 'n', f: 'DATE(2026,3,30)', v: 46111, z: 'yyyy-mm-dd' }, { t: 'e', f: 'NA()', v: 0x2a }],
      ],
    });
    const table = readXlsxTable(bytes, 'formulas.xlsx', recogniseUsage, EXPECTED);
    expect(all(table.records)).toEqual([
      { line: 2, fields: ['ada@example.com', 'AUTOCAD', '41', 'true'] },
      { line: 3, fields: ['bob@example.com', 'Revit', '2026-03-30', '#N/A'] },
    ]);
  });

  it('writes numbers as plain decimals and booleans as true/false', () => {
    const bytes = workbook({
      Data: [
        ['email', 'team_alias', 'days_used', 'n1', 'n2', 'n3', 'n4', 'flag', 'no'],
        ['a@example.com', 'T', 1234567890, 1.5e-7, -42.25, 123456789012345, { t: 'n', v: 1234.5, z: '#,##0.00' }, true, false],
      ],
    });
    const [record] = all(readXlsxTable(bytes, 'numbers.xlsx', recogniseUsage, EXPECTED).records);
    expect(record?.fields).toEqual(['a@example.com', 'T', '1234567890', '0.00000015', '-42.25', '123456789012345', '1234.5', 'true', 'false']);
  });

  it('reads ISO date cells stored without a zone, and time-only cells', () => {
    const bytes = withSheetXml(
      workbook({ Data: [['email', 'team_alias', 'days_used', 'assigned_date', 'last_accessed', 'start']] }),
      (xml) =>
        xml.replace('<dimension ref="A1:F1"/>', '<dimension ref="A1:F2"/>').replace(
          '</sheetData>',
          '<row r="2"><c r="A2" t="str"><v>a@example.com</v></c><c r="B2" t="inlineStr"><is><t>T</t></is></c><c r="C2"><v>1</v></c>' +
            '<c r="D2" t="d"><v>2026-03-30</v></c><c r="E2" t="d"><v>2026-03-30T09:05:07</v></c><c r="F2" s="1"><v>0.5</v></c></row></sheetData>',
        ),
      (styles) => styles.replace(/<cellXfs count="1">(.*?)<\/cellXfs>/, '<cellXfs count="2">$1<xf numFmtId="20" applyNumberFormat="1"/></cellXfs>'),
    );
    const [record] = all(readXlsxTable(bytes, 'iso.xlsx', recogniseUsage, EXPECTED).records);
    expect(record).toEqual({ line: 2, fields: ['a@example.com', 'T', '1', '2026-03-30', '2026-03-30T09:05:07Z', '12:00:00'] });
  });

  it('reads a 1904 date-system workbook', () => {
    const wb = XLSX.utils.book_new();
    // 44196 in the 1904 system = 44196 + 1462 in the 1900 system = 45658 = 2025-01-01
    XLSX.utils.book_append_sheet(wb, sheet([['email', 'team_alias', 'days_used', 'last_accessed'], ['a@example.com', 'T', 1, day(44196)]]), 'Data');
    wb.Workbook = { WBProps: { date1904: true } };
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const [record] = all(readXlsxTable(bytes, 'mac.xlsx', recogniseUsage, EXPECTED).records);
    expect(record?.fields).toEqual(['a@example.com', 'T', '1', '2025-01-01']);
  });

  it('looks for the header in the first 50 rows of each sheet only', () => {
    const filler = (n: number): Cell[][] => Array.from({ length: n }, (_, i) => [`note ${i + 1}`]);
    const header = ['email', 'team_alias', 'days_used'];
    const at50 = workbook({ Data: [...filler(49), header, ['a@example.com', 'T', 1]] });
    expect(readXlsxTable(at50, 'at50.xlsx', recogniseUsage, EXPECTED).where).toBe('sheet "Data", row 50');
    const at51 = workbook({ Data: [...filler(50), header, ['a@example.com', 'T', 1]] });
    expectUnreadable(() => readXlsxTable(at51, 'at51.xlsx', recogniseUsage, EXPECTED), /^at51\.xlsx has no sheet with a recognisable header row in its first 50 rows/);
  });

  it('reads a table that starts in column C from its first used column', () => {
    const ws: XLSX.WorkSheet = {
      C5: { t: 's', v: 'email' }, D5: { t: 's', v: 'team_alias' }, E5: { t: 's', v: 'days_used' },
      C6: { t: 's', v: 'a@example.com' }, E6: { t: 'n', v: 4 },
      '!ref': 'C5:E6',
    };
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'Data');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const table = readXlsxTable(bytes, 'offset.xlsx', recogniseUsage, EXPECTED);
    expect(table.header).toEqual(['email', 'team_alias', 'days_used']);
    expect(table.where).toBe('sheet "Data", row 5');
    expect(all(table.records)).toEqual([{ line: 6, fields: ['a@example.com', '', '4'] }]);
  });

  it('refuses a workbook cut in half, at any length', () => {
    const bytes = usageReportWorkbook();
    for (const fraction of [0.1, 0.25, 0.5, 0.75, 0.9, 0.99]) {
      const cut = bytes.slice(0, Math.floor(bytes.length * fraction));
      expectUnreadable(
        () => readXlsxTable(cut, 'usage.xlsx', recogniseUsage, EXPECTED),
        /^usage\.xlsx could not be opened as an Excel workbook \(it is damaged or incomplete\): expected an Autodesk Usage Report export\.$/,
      );
    }
  });

  it('names the sheets it looked at when none holds a recognisable header', () => {
    const bytes = workbook({ Filters: FILTER_SHEET, Notes: [['Nothing to see'], ['name', 'value'], ['a', 1]] });
    expectUnreadable(
      () => readXlsxTable(bytes, 'other.xlsx', recogniseUsage, EXPECTED),
      /^other\.xlsx has no sheet with a recognisable header row in its first 50 rows \(looked at sheets "Filters" and "Notes"\): expected an Autodesk Usage Report export\.$/,
    );
  });

  it('refuses an encrypted workbook, saying so', () => {
    const container = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(container, '/EncryptionInfo', new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0]));
    XLSX.CFB.utils.cfb_add(container, '/EncryptedPackage', new Uint8Array(64));
    const bytes = new Uint8Array(XLSX.CFB.write(container, { type: 'array' }) as number[]);
    expectUnreadable(
      () => readXlsxTable(bytes, 'secret.xlsx', recogniseUsage, EXPECTED),
      /^secret\.xlsx is password-protected \(open it in Excel, remove the password and save it again\): expected an Autodesk Usage Report export\.$/,
    );
  });

  it('refuses an empty file and a file that is not a workbook', () => {
    expectUnreadable(() => readXlsxTable(new Uint8Array(0), 'empty.xlsx', recogniseUsage, EXPECTED), /^empty\.xlsx is empty: expected an Autodesk Usage Report export\.$/);
    const csv = new TextEncoder().encode('email,team_alias,days_used\na@example.com,T,1\n');
    expectUnreadable(() => readXlsxTable(csv, 'usage.xlsx', recogniseUsage, EXPECTED), /^usage\.xlsx is not an Excel workbook .*: expected an Autodesk Usage Report export\.$/);
  });

  describe('whatever the machine time zone', () => {
    const originalTz = process.env.TZ;
    afterEach(() => {
      // The unit project's files share their worker's process: leave TZ exactly as found (unset stays unset).
      if (originalTz === undefined) delete process.env.TZ;
      else process.env.TZ = originalTz;
    });

    it('reads the same dates', () => {
      const bytes = usageReportWorkbook();
      for (const tz of ['UTC', 'America/Los_Angeles', 'Europe/Berlin', 'Asia/Kolkata', 'Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
        process.env.TZ = tz;
        expect(new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset() !== 0 || tz === 'UTC', `TZ ${tz} took effect`).toBe(true);
        expect(all(readXlsxTable(bytes, 'usage.xlsx', recogniseUsage, EXPECTED).records), tz).toEqual([
          { line: 4, fields: ADA },
          { line: 5, fields: BOB },
          { line: 7, fields: CY },
          { line: 9, fields: DI },
        ]);
      }
    });
  });
});

/** Rewrites the XML of the first sheet (and the styles) inside an .xlsx, to write cells SheetJS would not. */
function withSheetXml(bytes: Uint8Array, editSheet: (xml: string) => string, editStyles: (xml: string) => string = (xml) => xml): Uint8Array {
  const zip = XLSX.CFB.read(bytes, { type: 'array' });
  for (const entry of zip.FileIndex as { name: string; content: Uint8Array; size: number }[]) {
    const edit = /sheet1\.xml$/.test(entry.name) ? editSheet : /styles\.xml$/.test(entry.name) ? editStyles : null;
    if (!edit) continue;
    entry.content = new TextEncoder().encode(edit(new TextDecoder().decode(entry.content)));
    entry.size = entry.content.length;
  }
  return new Uint8Array(XLSX.CFB.write(zip, { fileType: 'zip', type: 'array' }) as number[]);
}
