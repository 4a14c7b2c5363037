import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { engineResetBeforeEach, file, sessionsCsv } from '../helpers/engine.ts';

const TINY = readFileSync(new URL('../fixtures/tiny-sessions.csv', import.meta.url));

// One engine for the file, emptied before each test.
const engine = engineResetBeforeEach();

describe('loading the canonical session CSV', () => {
  it('reconciles rows read = loaded + rejected, with each rejection line, column and reason', async () => {
    const [report] = await engine.load([file('tiny.csv', TINY)]);
    // The fixture has 7 data rows: lines 2-5 are valid; 6 has no user_id, 7 has 30 February, 8 an unknown licence type.
    expect(report).toMatchObject({ kind: 'lrt_sessions', status: 'loaded', rows_read: 7, rows_loaded: 4, rows_rejected: 3, rows_new: 4, encoding: 'utf-8', delimiter: 'comma' });
    const { rows: rejects, total } = await engine.rejects();
    expect(total).toBe(3);
    expect(rejects.map((r) => [r.line, r.column, r.value])).toEqual([
      [6, 'user_id', null],
      [7, 'session_start', '2026-02-30T08:00:00Z'],
      [8, 'licence_type', 'borrowed'],
    ]);
    expect(rejects[0]!.reason).toMatch(/missing user/);
    expect(rejects[1]!.reason).toMatch(/bad date/);
    expect(rejects[2]!.reason).toMatch(/unknown licence type/);
    const csv = await engine.rejectsCsv();
    expect(csv.split('\r\n')[0]).toBe('file,line,column,value,reason');
    expect(csv).toContain('tiny.csv,8,licence_type,borrowed,');
  });

  it('names the first problem of a row in the checks\' order: licence type, then e-mail, then IP address', async () => {
    const csv = sessionsCsv([
      { user_id: 'A', product: 'Revit', session_start: '2026-01-05T09:00:00Z', licence_type: 'borrowed', user_email: 'a@b', ip_address: '1.2.3' },
      { user_id: 'A', product: 'Revit', session_start: '2026-01-05T10:00:00Z', user_email: 'a@b', ip_address: '1.2.3' },
      { user_id: 'A', product: 'Revit', session_start: '2026-01-05T11:00:00Z', session_end: '2026-01-05T10:00:00Z', user_email: 'a@b' },
      { user_id: 'A', product: 'Revit', session_start: '2026-01-05T12:00:00Z', tokens: '-1', user_email: 'x y@corp.example' },
      { user_id: 'A', product: 'Revit', session_start: '2026-01-05T13:00:00Z', user_email: 'x y@corp.example' },
      { user_id: 'A', product: 'Revit', session_start: '2026-01-05T14:00:00Z', user_email: 'ann@corp.example', ip_address: '1.2.3' },
      { user_id: 'A', product: 'Revit', session_start: '2026-01-05T15:00:00Z', user_email: 'ann@corp.example' },
    ]);
    const [report] = await engine.load([file('first-problem.csv', csv)]);
    expect(report).toMatchObject({ rows_read: 7, rows_loaded: 1, rows_rejected: 6 });
    expect((await engine.rejects()).rows.map((r) => [r.line, r.column, r.value])).toEqual([
      [2, 'licence_type', 'borrowed'],
      [3, 'user_email', 'a@b'],
      [4, 'session_end', '2026-01-05T10:00:00Z'],
      [5, 'tokens', '-1'],
      [6, 'user_email', 'x y@corp.example'],
      [7, 'ip_address', '1.2.3'],
    ]);
  });

  it('reads a time of the common shape (…T08:30:00Z) only when it is a real time: no 24th hour, 60th minute or 30 February', async () => {
    const rows = ['2026-03-02T23:59:59Z', '2026-03-02T24:00:00Z', '2026-03-02T10:60:00Z', '2026-03-02T10:00:60Z', '2026-02-30T10:00:00Z', '2024-02-29T00:00:00Z'].map(
      (start, i) => ({ user_id: `U${i}`, product: 'Revit', session_start: start, licence_type: 'named_user' }),
    );
    const [report] = await engine.load([file('times.csv', sessionsCsv(rows))]);
    expect(report).toMatchObject({ rows_read: 6, rows_loaded: 2, rows_rejected: 4 });
    expect((await engine.rejects()).rows.map((r) => [r.line, r.value])).toEqual([
      [3, '2026-03-02T24:00:00Z'],
      [4, '2026-03-02T10:60:00Z'],
      [5, '2026-03-02T10:00:60Z'],
      [6, '2026-02-30T10:00:00Z'],
    ]);
    const exported = await engine.exportSessionsCsv();
    expect(exported).toContain('2026-03-02T23:59:59Z');
    expect(exported).toContain('2024-02-29T00:00:00Z');
  });

  it('derives usage days and hours: several sessions on one day are one usage day; +01:00 is converted to UTC and exported as written', async () => {
    await engine.load([file('tiny.csv', TINY)]);
    const review = await engine.review();
    // Ann: Revit twice on 2 March (1 usage day, 120 + 90 min); Bob: AutoCAD 3 March 22:00 UTC (45 min); U3: AutoCAD 4 March.
    expect(review.overview).toEqual({ users: 3, server_logins: 0, server_hosts: 0, products: 2, sessions: 4, usage_days: 3, hours: 4.3, first_day: '2026-03-02', last_day: '2026-03-04' });
    // Bob's 23:00+01:00 is 22:00 UTC (his usage day is 3 March above); the export writes the time as the file did.
    const exported = await engine.exportSessionsCsv();
    expect(exported).toContain(',2026-03-03T23:00:00+01:00,');
  });

  it('matches headers ignoring case, spaces and underscores, in any order, with a semicolon delimiter, keeping extra columns', async () => {
    const text = 'Session Start;PRODUCT;Department;User ID;Licence Type\n2026-05-04T08:00:00Z;Revit;Design;A1;Named User\n2026-05-04T09:00:00Z;Revit;Design;A2;multi-user\n';
    const [report] = await engine.load([file('semi.csv', text)]);
    expect(report).toMatchObject({ status: 'loaded', rows_read: 2, rows_loaded: 2, rows_rejected: 0, delimiter: 'semicolon', extra_columns: ['Department'] });
    const exported = await engine.exportSessionsCsv();
    expect(exported).toContain('named_user');
    expect(exported).toContain('network');
  });

  it('rejects a row whose field count differs from the header', async () => {
    const [report] = await engine.load([file('short.csv', 'user_id,product,session_start\nA,Revit\nB,Revit,2026-01-05\n')]);
    expect(report).toMatchObject({ rows_read: 2, rows_loaded: 1, rows_rejected: 1 });
    expect((await engine.rejects()).rows[0]).toMatchObject({ line: 2, column: null, reason: 'has 2 fields where the header has 3' });
  });

  it('rejects negative and non-numeric figures, session ends before starts, bad e-mail and IP addresses', async () => {
    const csv = sessionsCsv([
      { user_id: 'A', product: 'Revit', session_start: '2026-01-05T09:00:00Z', duration_minutes: '-5' },
      { user_id: 'A', product: 'Revit', session_start: '2026-01-05T10:00:00Z', tokens: 'seven' },
      { user_id: 'A', product: 'Revit', session_start: '2026-01-05T11:00:00Z', session_end: '2026-01-05T10:00:00Z' },
      { user_id: 'A', product: 'Revit', session_start: '2026-01-05T12:00:00Z', user_email: 'not-an-email' },
      { user_id: 'A', product: 'Revit', session_start: '2026-01-05T13:00:00Z', ip_address: '10.0.0.300' },
      { user_id: 'A', product: '', session_start: '2026-01-05T14:00:00Z' },
      { user_id: 'A', product: 'Revit', session_start: '' },
      { user_id: 'A', product: 'Revit', session_start: '2026-01-05T15:00:00Z', user_email: '*****', ip_address: 'fd00::1' },
    ]);
    const [report] = await engine.load([file('bad-values.csv', csv)]);
    expect(report).toMatchObject({ rows_read: 8, rows_loaded: 1, rows_rejected: 7 });
    expect((await engine.rejects()).rows.map((r) => [r.line, r.column])).toEqual([
      [2, 'duration_minutes'],
      [3, 'tokens'],
      [4, 'session_end'],
      [5, 'user_email'],
      [6, 'ip_address'],
      [7, 'product'],
      [8, 'session_start'],
    ]);
  });

  it('does not double any figure when the same file is dropped twice, or when two files overlap', async () => {
    await engine.load([file('tiny.csv', TINY)]);
    const before = (await engine.review()).overview;
    const [again] = await engine.load([file('tiny copy.csv', TINY)]);
    expect(again).toMatchObject({ status: 'duplicate_file', rows_new: 0 });
    expect(again!.message).toBe('tiny copy.csv has the same content as tiny.csv, loaded before: nothing was added twice.');
    expect((await engine.review()).overview).toEqual(before);
    expect((await engine.rejects()).total).toBe(3);

    // An overlapping export: two sessions already loaded plus one new one.
    const overlap = sessionsCsv([
      { user_id: 'U1', user_email: 'ann@corp.example', product: 'Revit', product_version: '2026', feature: 'RVT_2026', device_name: 'WS1', session_start: '2026-03-02T08:00:00Z', session_end: '2026-03-02T10:00:00Z', licence_type: 'named_user' },
      { user_id: 'U3', product: 'AutoCAD', session_start: '2026-03-04T00:00:00Z' },
      { user_id: 'U3', product: 'AutoCAD', session_start: '2026-03-05T08:00:00Z', duration_minutes: '30' },
    ]);
    const [partial] = await engine.load([file('overlap.csv', overlap)]);
    expect(partial).toMatchObject({ status: 'loaded', rows_read: 3, rows_loaded: 3, rows_new: 1 });
    const after = (await engine.review()).overview;
    expect(after.sessions).toBe(before.sessions + 1);
    expect(after.usage_days).toBe(before.usage_days + 1);
  });

  it('counts a session crossing midnight on both days', async () => {
    await engine.load([file('night.csv', sessionsCsv([{ user_id: 'N', product: 'Maya', session_start: '2026-01-05T23:00:00Z', session_end: '2026-01-06T01:00:00Z' }]))]);
    expect((await engine.review()).overview.usage_days).toBe(2);
  });
});

describe('bad input gets one clear sentence and leaves what was loaded intact', () => {
  async function loadedThenBad(name: string, content: string | Uint8Array) {
    await engine.load([file('tiny.csv', TINY)]);
    const before = (await engine.review()).overview;
    const [report] = await engine.load([file(name, content)]);
    expect(report).toMatchObject({ status: 'failed', rows_read: 0, rows_loaded: 0, rows_rejected: 0 });
    expect((await engine.review()).overview).toEqual(before);
    expect((await engine.rejects()).total).toBe(3);
    expect(report!.message!.startsWith(name)).toBe(true);
    return report!.message!;
  }

  it('an empty file', async () => {
    expect(await loadedThenBad('empty.csv', '')).toMatch(/^empty\.csv is empty: expected an LRT session CSV/);
  });

  it('a file of blank lines', async () => {
    expect(await loadedThenBad('blank.csv', '\n\n  \n')).toMatch(/is empty|no header this review recognises/);
  });

  it('a picture named .csv, in one short sentence saying what it is', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expect(await loadedThenBad('quarterly-usage.csv', png)).toBe('quarterly-usage.csv is a PNG picture, not a usage export or licence-server log.');
  });

  it('an old .xls workbook and a password-protected one, each with what to do', async () => {
    // Both are OLE2 compound files; the protected one keeps its content in a stream named EncryptedPackage (UTF-16).
    const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array<number>(504).fill(0)];
    const named = [...'EncryptedPackage'].flatMap((c) => [c.charCodeAt(0), 0]);
    expect(await loadedThenBad('seats.xls', new Uint8Array(ole))).toBe(
      'seats.xls is an old binary Excel (.xls) or other Office file, not a usage export or licence-server log: open it in Excel and save it as .xlsx or CSV.',
    );
    expect(await loadedThenBad('seats.xlsx', new Uint8Array([...ole, ...named, 0, 0]))).toBe(
      'seats.xlsx is a password-protected workbook, not a usage export or licence-server log: open it in Excel, remove the password (File, Info, Protect Workbook) and save it again.',
    );
  });

  it('an XLSX workbook (a ZIP archive)', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0]);
    expect(await loadedThenBad('usage.xlsx', zip)).toMatch(/^usage\.xlsx could not be opened as an Excel workbook \(it is damaged or incomplete\)/);
  });

  it('a CSV with no recognisable header', async () => {
    const message = await loadedThenBad('other.csv', 'name,amount\nx,1\n');
    expect(message).toBe('other.csv has no header this review recognises (first line found: name, amount): it is not one of the exports or logs that can be loaded.');
  });

  it('a header with no data rows', async () => {
    expect(await loadedThenBad('header-only.csv', 'user_id,product,session_start\n')).toMatch(/^header-only\.csv has no data rows: expected an LRT session CSV/);
  });

  it('UTF-8 text with Windows-1252 bytes past the first 64 KB: two encodings, no right reading, the line named', async () => {
    // Line 1 the header, line 2 Zoë in UTF-8, lines 3 to 2,002 plain ASCII (about 86 KB), line 2,003 José in Windows-1252.
    const ascii = Array.from({ length: 2000 }, (_, i) => `U${i},Ann Smith,Revit,2026-01-05T09:00:00Z\n`).join('');
    const utf8 = new TextEncoder().encode('user_id,user_name,product,session_start\nZ1,Zoë Ng,Revit,2026-01-05T09:00:00Z\n' + ascii);
    const cp1252 = Uint8Array.from('A1,José Müller,Revit,2026-01-05T09:00:00Z\n', (c) => c.charCodeAt(0));
    expect(await loadedThenBad('mixed.csv', new Uint8Array([...utf8, ...cp1252]))).toBe(
      'mixed.csv mixes two encodings: its text is UTF-8, but line 2003 holds bytes that are not (Windows-1252 or similar): save the file again as UTF-8 and drop it again.',
    );
  });

  it('an unterminated quote', async () => {
    expect(await loadedThenBad('broken.csv', 'user_id,product,session_start\n"A,Revit,2026-01-05\n')).toMatch(/ends inside a quoted field/);
  });
});

describe('encodings and compression', () => {
  const header = 'user_id,user_name,product,session_start\n';
  const row = 'A1,José Müller,Revit,2026-01-05T09:00:00Z\n';

  async function nameOf(content: Uint8Array) {
    const [report] = await engine.load([file('enc.csv', content)]);
    expect(report).toMatchObject({ status: 'loaded', rows_loaded: 1 });
    const exported = await engine.exportSessionsCsv();
    return { report: report!, name: exported.split('\r\n')[1]!.split(',')[2] };
  }

  it('UTF-8 with a BOM', async () => {
    const { report, name } = await nameOf(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(header + row)]));
    expect(report.encoding).toBe('utf-8');
    expect(name).toBe('José Müller');
  });

  it('UTF-16 LE with a BOM (Excel "Unicode text")', async () => {
    const text = header + row;
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) bytes[2 + 2 * i] = text.charCodeAt(i);
    const { report, name } = await nameOf(bytes);
    expect(report.encoding).toBe('utf-16le');
    expect(name).toBe('José Müller');
  });

  it('Windows-1252', async () => {
    const text = header + row;
    const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0)); // é = 0xE9, ü = 0xFC in Windows-1252
    const { report, name } = await nameOf(bytes);
    expect(report.encoding).toBe('windows-1252');
    expect(name).toBe('José Müller');
  });

  it('Windows-1252 bytes past the first 64 KB (sniffed as UTF-8): read again as Windows-1252, no character damaged', async () => {
    // 2,000 ASCII rows (about 86 KB, past the 64 KB sample), then José Müller in Windows-1252 bytes.
    const ascii = Array.from({ length: 2000 }, (_, i) => `U${i},Ann Smith,Revit,2026-01-05T09:00:00Z\n`).join('');
    const bytes = Uint8Array.from(header + ascii + row, (c) => c.charCodeAt(0));
    const [report] = await engine.load([file('late.csv', bytes)]);
    expect(report).toMatchObject({ status: 'loaded', encoding: 'windows-1252', rows_read: 2001, rows_loaded: 2001, rows_rejected: 0 });
    const exported = await engine.exportSessionsCsv();
    expect(exported).toContain(',José Müller,');
    expect(exported).not.toContain('\uFFFD');
  });

  it('gzip-compressed CSV', async () => {
    const { report, name } = await nameOf(gzipSync(header + row));
    expect(report.encoding).toBe('utf-8 (gzip)');
    expect(name).toBe('José Müller');
  });
});
