import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import type { Engine } from '../../src/engine/engine.ts';
import { csvField, neutralise, toCsv, unneutralise } from '../../src/lib/csv-write.ts';
import { workbookBytes, type SheetSpec } from '../../src/deliverables/xlsx-write.ts';
import { CsvReader } from '../../src/ingest/csv.ts';
import { LRT_SESSION_COLUMNS } from '../../src/ingest/formats/lrt-sessions.ts';
import { file, newEngine } from '../helpers/engine.ts';
import { tableRows } from '../ingest/exports/helpers.ts';

/** Texts a spreadsheet would run as formulas (or strip a tab or carriage return from, and then run). */
const DANGEROUS = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'];

function parseCsv(text: string): string[][] {
  const reader = new CsvReader(',');
  return [...reader.push(text), ...reader.end()].map((r) => r.fields);
}

describe('neutralise', () => {
  it('puts an apostrophe before a text starting with = + - @ tab or carriage return, and leaves other texts alone', () => {
    for (const text of DANGEROUS) expect(neutralise(text)).toBe(`'${text}`);
    for (const text of ['AutoCAD', 'ann@corp.com', "'quoted", ' =1', '', '3D Max', 'a=b']) expect(neutralise(text)).toBe(text);
  });

  it('is undone exactly by unneutralise, which leaves every other text alone', () => {
    for (const text of [...DANGEROUS, 'AutoCAD', "'plain", "''=x", "'", '']) expect(unneutralise(neutralise(text))).toBe(text);
    expect(unneutralise("'=1")).toBe('=1');
    expect(unneutralise("'A")).toBe("'A");
    expect(unneutralise("x'=1")).toBe("x'=1");
  });
});

describe('CSV output', () => {
  it('writes every dangerous text inert, numbers as numbers (a negative saving stays -415)', () => {
    const rows = DANGEROUS.map((text, i) => ({ name: text, product: `${text} Pro`.trimEnd(), saving: i === 0 ? -415 : i, flag: i % 2 === 0 }));
    const text = toCsv(['name', 'product', 'saving', 'flag'], rows);
    const [header, ...records] = parseCsv(text);
    expect(header).toEqual(['name', 'product', 'saving', 'flag']);
    expect(records).toHaveLength(DANGEROUS.length);
    records.forEach((record, i) => {
      expect(record[0]).toBe(`'${DANGEROUS[i]}`);
      expect(record[1]!.startsWith("'")).toBe(true);
      expect(record[2]).toBe(String(rows[i]!.saving));
      expect(record[3]).toBe(String(i % 2 === 0));
    });
    expect(records[0]![2]).toBe('-415');
  });

  it('quotes after neutralising, and writes null and undefined as empty fields', () => {
    expect(csvField('=1,2')).toBe(`"'=1,2"`);
    expect(csvField('-"x"')).toBe(`"'-""x"""`);
    expect(csvField(-415)).toBe('-415');
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(false)).toBe('false');
  });
});

describe('XLSX output', () => {
  const sheets: SheetSpec[] = [
    {
      name: 'Findings',
      columns: [
        { key: 'name', header: 'Name' },
        { key: 'product', header: 'Product', width: 30 },
        { key: 'saving', header: 'Saving (US$)' },
        { key: 'contractor', header: 'Contractor' },
        { key: 'note', header: 'Note' },
      ],
      rows: DANGEROUS.map((text, i) => ({ name: text, product: [text, 'AutoCAD'], saving: i === 0 ? -415 : i * 10.5, contractor: i % 2 === 0, note: null })),
    },
    { name: 'Sessions', columns: [{ key: 'user', header: '=Header' }], rows: [{ user: 'ann@corp.com' }, { user: undefined }, { user: 'x'.repeat(200) }] },
    { name: 'Empty', columns: [{ key: 'a', header: 'A' }, { key: 'b', header: 'B' }], rows: [] },
  ];
  let workbook: XLSX.WorkBook;
  let bytes: Uint8Array;
  beforeAll(() => {
    bytes = workbookBytes(sheets);
    expect(bytes).toBeInstanceOf(Uint8Array);
    workbook = XLSX.read(bytes, { type: 'array' });
  });

  it('has the sheets in order, each with its header row', () => {
    expect(workbook.SheetNames).toEqual(['Findings', 'Sessions', 'Empty']);
    const headers = workbook.SheetNames.map((n) => XLSX.utils.sheet_to_json<unknown[]>(workbook.Sheets[n]!, { header: 1, raw: true })[0]);
    expect(headers).toEqual([['Name', 'Product', 'Saving (US$)', 'Contractor', 'Note'], ["'=Header"], ['A', 'B']]);
  });

  it('never holds a formula: every dangerous text is a text cell starting with an apostrophe', () => {
    for (const name of workbook.SheetNames) {
      const sheet = workbook.Sheets[name]!;
      for (const [ref, cell] of Object.entries(sheet)) {
        if (ref.startsWith('!')) continue;
        expect((cell as XLSX.CellObject).f, `${name}!${ref}`).toBeUndefined();
      }
    }
    const sheet = workbook.Sheets.Findings!;
    DANGEROUS.forEach((text, i) => {
      for (const c of ['A', 'B']) {
        const cell = sheet[`${c}${i + 2}`] as XLSX.CellObject;
        expect(cell.t).toBe('s');
        expect(String(cell.v).startsWith("'")).toBe(true);
      }
      expect((sheet[`A${i + 2}`] as XLSX.CellObject).v).toBe(`'${text}`);
      expect((sheet[`B${i + 2}`] as XLSX.CellObject).v).toBe(`'${text}, AutoCAD`);
    });
  });

  it('keeps numbers numeric (a negative saving is the number -415), booleans boolean, and empty values empty', () => {
    const sheet = workbook.Sheets.Findings!;
    expect(sheet.C2).toMatchObject({ t: 'n', v: -415 });
    expect(sheet.C3).toMatchObject({ t: 'n', v: 10.5 });
    expect(sheet.D2).toMatchObject({ t: 'b', v: true });
    expect(sheet.D3).toMatchObject({ t: 'b', v: false });
    expect(sheet.E2).toBeUndefined();
    expect(workbook.Sheets.Sessions!.A3).toBeUndefined();
  });

  it('sets column widths and an autofilter over the header and rows', () => {
    const findings = workbook.Sheets.Findings!;
    const styled = XLSX.read(bytes, { type: 'array', cellStyles: true }); // column widths are read only with styles
    expect(findings['!autofilter']).toEqual({ ref: 'A1:E7' });
    expect(workbook.Sheets.Empty!['!autofilter']).toEqual({ ref: 'A1:B1' });
    // The width as written in the file, in characters (SheetJS's wch is that converted through a font's pixel width).
    const widths = (styled.Sheets.Findings!['!cols'] ?? []).map((c) => c.width);
    expect(widths[1]).toBe(30); // given
    expect(widths[0]).toBeGreaterThanOrEqual('=HYPERLINK("http://x","y")'.length + 1); // from the longest value
    expect(styled.Sheets.Sessions!['!cols']![0]!.width).toBe(60); // capped
  });

  it('refuses a sheet name Excel does not accept, or two sheets with one name', () => {
    const sheet = (name: string): SheetSpec => ({ name, columns: [{ key: 'a', header: 'A' }], rows: [] });
    for (const bad of ['', 'A/B', 'Q?', 'x'.repeat(32), '[1]', 'a:b', 'a*', 'a\\b', "'quoted'", 'History']) {
      expect(() => workbookBytes([sheet(bad)]), JSON.stringify(bad)).toThrow(/Invalid sheet name/);
    }
    expect(() => workbookBytes([sheet('Users'), sheet('users')])).toThrow('Two sheets are named "Users" and "users"');
    expect(() => workbookBytes([sheet('x'.repeat(31))])).not.toThrow();
  });
});

/** A hand-made canonical session CSV, quoted where needed and never neutralised (as a user or another tool writes it). */
function rawSessionsCsv(rows: Partial<Record<(typeof LRT_SESSION_COLUMNS)[number], string>>[]): string {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [LRT_SESSION_COLUMNS.join(','), ...rows.map((r) => LRT_SESSION_COLUMNS.map((c) => quote(r[c] ?? '')).join(','))].join('\n') + '\n';
}

describe('the canonical session CSV export with formula-like texts', () => {
  const SESSION_SQL = `SELECT user_key, user_id, user_email, user_name, product, feature, device_name, device_id, os, network_domain, source,
                              epoch_ms(session_start) AS session_start, epoch_ms(session_end) AS session_end, duration_minutes, licence_type, tokens
                       FROM sessions ORDER BY ALL`;
  let first: Engine;
  let second: Engine;
  beforeAll(() => {
    first = newEngine();
    second = newEngine();
  });
  afterAll(async () => {
    await first.close();
    await second.close();
  });

  it('is written inert and loads back into the same sessions', async () => {
    const at = (h: number) => `2025-03-04T0${h}:00:00Z`;
    const input = rawSessionsCsv([
      { user_id: '=HYPERLINK("http://x","y")', product: '=Evil Product', device_name: '=DEVICE', user_name: '=Ann', session_start: at(1), session_end: at(2), licence_type: 'named_user' },
      { user_id: '-42', product: '-2+3', device_name: '-pc', os: '-win', session_start: at(2), session_end: at(3), licence_type: 'flex', tokens: '3' },
      { user_id: '@SUM(A1)', user_email: '-ann@corp.com', product: '@Risk', device_name: '@dev', feature: '@feat', session_start: at(3), licence_type: 'network' },
      { user_id: '+1+1', product: '+Plus', device_name: '+host', source: '+src', network_domain: '+corp', session_start: at(4), session_end: at(5), duration_minutes: '60' },
      { user_id: "'=already", product: 'AutoCAD', device_name: "''@two", session_start: at(5) },
    ]);
    const [report] = await first.load([file('formulas.csv', input)]);
    expect(report).toMatchObject({ kind: 'lrt_sessions', rows_loaded: 5, rows_rejected: 0 });
    const exported = await first.exportSessionsCsv();

    // Every formula-like text of the export is neutralised.
    const [header, ...records] = parseCsv(exported);
    const col = (name: string) => header!.indexOf(name);
    for (const record of records) {
      for (const name of ['user_id', 'product', 'device_name']) expect(record[col(name)]).not.toMatch(/^[=+\-@\t\r]/);
    }
    expect(records.map((r) => r[col('user_id')]).sort()).toEqual(["'+1+1", "'-42", "'=HYPERLINK(\"http://x\",\"y\")", "'@SUM(A1)", "'=already"].sort());

    const [again] = await second.load([file('sessions-canonical.csv', exported)]);
    expect(again).toMatchObject({ kind: 'lrt_sessions', rows_loaded: 5, rows_rejected: 0 });
    const before = await tableRows<Record<string, unknown>>(first, SESSION_SQL);
    const after = await tableRows<Record<string, unknown>>(second, SESSION_SQL);
    expect(after).toEqual(before);
    // A canonical file's apostrophe before a formula character is read as the export's (the first load too).
    expect(after.map((s) => s.user_id).sort()).toEqual(['+1+1', '-42', '=HYPERLINK("http://x","y")', '@SUM(A1)', '=already'].sort());
    expect(after.map((s) => s.user_email)).toContain('-ann@corp.com');
    expect(after.map((s) => s.device_name).sort()).toEqual(['+host', '-pc', '=DEVICE', '@dev', "''@two"].sort());
    expect(await second.exportSessionsCsv()).toBe(exported);
  });
});
