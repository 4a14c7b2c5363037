import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as XLSX from '@e965/xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { runReview } from '../../src/cli/review.ts';
import { file, newEngine } from '../helpers/engine.ts';
import { PersonalValues } from '../helpers/personal-values.ts';
import { demoEngine, demoTwinOutput } from '../helpers/demo.ts';
import { snapshotText } from '../../src/deliverables/snapshot.ts';
import { CsvReader } from '../../src/ingest/csv.ts';
import { GAP_REGISTER_COLUMNS } from '../../src/deliverables/gap-register.ts';
import { RECLAMATION_COLUMNS } from '../../src/deliverables/reclamation-list.ts';
import { SELF_REPORT_COLUMNS } from '../../src/deliverables/self-report.ts';
import { headerWithUnit, type TableColumn } from '../../src/deliverables/table-columns.ts';

const DEMO = join(import.meta.dirname, '../../public/demo');
const FILES = ['reclamation-list.csv', 'gap-register.csv', 'renewal-brief.md', 'review.xlsx', 'self-report.csv', 'self-report-cover.md', 'review.json'];

/** A CSV file's records as arrays of fields, through the project's own reader. */
function csvRecords(text: string): string[][] {
  const reader = new CsvReader(',');
  return [...reader.push(text), ...reader.end()].map((r) => r.fields);
}

/**
 * A register CSV: its heading line (what the file is, for whom, the window, the currency), an empty line, then the
 * header in words; the rows come back keyed by field (the header each column declares, money with its currency).
 */
function registerCsv<Row>(text: string, columns: readonly TableColumn<Row>[], currency = 'USD'): { heading: string; rows: Record<string, string>[] } {
  expect(text.split('\r\n')[1]).toBe('');
  // The project's reader skips the empty line.
  const [heading, header, ...rows] = csvRecords(text);
  expect(header).toEqual(columns.map((c) => headerWithUnit(c, currency)));
  return { heading: heading![0]!, rows: rows.map((r) => Object.fromEntries(columns.map((c, i) => [c.key, r[i]!]))) };
}

/** Every cell of every sheet of a workbook, as text, and the sheets' header rows. */
function workbook(bytes: Uint8Array): { sheets: string[]; headers: Record<string, unknown[]>; text: string; cells: XLSX.CellObject[] } {
  const book = XLSX.read(bytes, { type: 'array' });
  const headers: Record<string, unknown[]> = {};
  const cells: XLSX.CellObject[] = [];
  let text = '';
  for (const name of book.SheetNames) {
    const sheet = book.Sheets[name]!;
    const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1 });
    headers[name] = rows[0] ?? [];
    text += XLSX.utils.sheet_to_csv(sheet) + '\n';
    for (const [ref, cell] of Object.entries(sheet)) if (!ref.startsWith('!')) cells.push(cell as XLSX.CellObject);
  }
  return { sheets: book.SheetNames, headers, text, cells };
}

/** Personal values read straight from the demo's input files (not from the engine): what redaction must remove. */
function personalValuesOfTheDemo(): string[] {
  const values = new Set<string>();
  const take = (text: string, columns: string[][]) => {
    const [header, ...rows] = csvRecords(text);
    const at = (name: string) => header!.indexOf(name);
    for (const row of rows) {
      for (const group of columns) {
        const v = group.map((c) => row[at(c)] ?? '').join(' ').trim();
        if (v.length >= 4) values.add(v.toLowerCase());
      }
    }
  };
  take(gunzipSync(readFileSync(join(DEMO, 'demo-estate.csv.gzip'))).toString('utf8'), [['user_id'], ['user_email'], ['user_name'], ['device_name'], ['device_id'], ['ip_address']]);
  take(readFileSync(join(DEMO, 'demo-usage-report.csv'), 'utf8'), [['hashed_autodesk_id'], ['email'], ['autodesk_id'], ['first_name', 'last_name']]);
  take(readFileSync(join(DEMO, 'demo-seat-usage.csv'), 'utf8'), [['Email'], ['First name', 'Last name']]);
  // The local part of every e-mail too ("ben.abbott"): a pseudonym must not keep it.
  for (const v of [...values]) if (v.includes('@') && v.includes('.')) values.add(v.split('@')[0]!);
  return [...values];
}

// The twin on the demo estate, plain and redacted (with its snapshot and session export), for every test of the file.
let plain: string;
let redacted: string;
beforeAll(async () => {
  // runReview(['--demo', '--out', plain]), run once per vitest run for every file that reads it.
  const twin = await demoTwinOutput();
  expect(twin.exitCode).toBe(0);
  plain = twin.dir;
  // The redacted files, snapshot and session export, from the engine the twin runs, on the demo this worker already
  // holds (the twin's --redact path itself is tested in redaction-key.test.ts): a second load of the demo saved.
  redacted = mkdtempSync(join(tmpdir(), 'lrt-redacted-'));
  const engine = await demoEngine();
  const settings = { engagement: { redaction_key: '7d'.repeat(32) } };
  const { files } = await engine.deliverables(settings, { redact: true });
  for (const f of files) writeFileSync(join(redacted, f.name), f.content);
  writeFileSync(join(redacted, 'snapshot.json'), snapshotText(await engine.snapshot(settings, { includeUsage: false, redact: true })));
  writeFileSync(join(redacted, 'sessions.csv'), await engine.exportSessionsCsv({ redact: true, key: settings.engagement.redaction_key }));
}, 300_000);

describe('the headless twin\'s deliverables on the demo estate', () => {
  it('writes every deliverable, and the workbook opens with the expected sheets and headers', () => {
    for (const dir of [plain, redacted]) expect(readdirSync(dir)).toEqual(expect.arrayContaining(FILES));
    const book = workbook(readFileSync(join(plain, 'review.xlsx')));
    expect(book.sheets).toEqual(['About', 'Action list', 'Gap register', 'Renewal brief', 'Self-report', 'Settings']);
    expect(book.headers['Action list']).toEqual(RECLAMATION_COLUMNS.map((c) => c.header));
    expect(book.headers['Gap register']).toEqual(GAP_REGISTER_COLUMNS.map((c) => c.header));
    expect(book.headers['Self-report']).toEqual(SELF_REPORT_COLUMNS.map((c) => c.header));
    expect(book.headers['Settings']).toEqual(['Setting', 'Value']);
    // The CSVs and the workbook hold the same rows.
    const reclamation = registerCsv(readFileSync(join(plain, 'reclamation-list.csv'), 'utf8'), RECLAMATION_COLUMNS);
    expect(reclamation.heading).toMatch(/^Action list: one action per seat · review window \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2} · amounts in USD \(US\$\)$/);
    const sheetRows = XLSX.utils.sheet_to_json(XLSX.read(readFileSync(join(plain, 'review.xlsx')), { type: 'buffer' }).Sheets['Action list']!);
    expect(sheetRows).toHaveLength(reclamation.rows.length);
  });

  it('lists one action per seat, whose savings add up to the headline, group and default seats changed through their group', () => {
    const review = JSON.parse(readFileSync(join(plain, 'review.json'), 'utf8')) as {
      findings: { rule: string; kind?: string; superseded_by?: string | null }[];
      actions: { user: string; offering: string; saving_per_year: number | null }[];
      money: { savings: { total_per_year: number } };
    };
    const { rows } = registerCsv(readFileSync(join(plain, 'reclamation-list.csv'), 'utf8'), RECLAMATION_COLUMNS);
    expect(rows).toHaveLength(review.actions.length);
    // One row per seat.
    const seats = rows.map((r) => `${r.user}|${r.offering}`);
    expect(new Set(seats).size).toBe(rows.length);
    // Every dormant finding that stands is a row; a superseded one is not counted anywhere.
    const dormant = review.findings.filter((f) => f.rule === 'dormant_user' && !f.superseded_by);
    expect(rows.filter((r) => r.action === 'reclaim the seat')).toHaveLength(dormant.length);
    const total = rows.reduce((n, r) => n + (r.saving_per_year === '' ? 0 : Number(r.saving_per_year)), 0);
    expect(total).toBeCloseTo(review.money.savings.total_per_year, 2);
    for (const row of rows) {
      const k = row.assignment_kind!.toLowerCase();
      expect(row.how).toBe(k === 'group' ? 'through the group membership' : k === 'default' ? 'through the group membership (default assignment)' : 'on the seat itself');
    }
  });

  it('leaves no e-mail, name, id, device or address of the input in any redacted file', () => {
    const needles = personalValuesOfTheDemo();
    expect(needles.length).toBeGreaterThan(3000);
    // Each file's words are read once and every value is looked up by its words (test/helpers/personal-values.ts).
    const personal = new PersonalValues(needles);
    // The scan finds every value wherever a file would write it: in a CSV field, quoted, in JSON, in Markdown, in a sentence.
    const around = [(n: string) => `,${n},`, (n: string) => `"${n}"`, (n: string) => `{"user":"${n}"}`, (n: string) => `**${n}**`, (n: string) => `by ${n}.`, (n: string) => `(${n})\t`];
    const probe = needles.map((n, i) => around[i % around.length]!(n)).join('\n');
    expect(personal.foundIn(probe).size).toBe(needles.length);
    const files = readdirSync(redacted);
    expect(files).toEqual(expect.arrayContaining(['snapshot.json', 'sessions.csv']));
    for (const name of files) {
      const bytes = readFileSync(join(redacted, name));
      const text = (name.endsWith('.xlsx') ? workbook(bytes).text : bytes.toString('utf8')).toLowerCase();
      const found = [...personal.foundIn(text)];
      expect({ file: name, found: found.slice(0, 5) }).toEqual({ file: name, found: [] });
    }
    // The same files unredacted do carry them: the scan can find what it looks for.
    const plainText = readFileSync(join(plain, 'gap-register.csv'), 'utf8').toLowerCase();
    expect(personal.foundIn(plainText).size).toBeGreaterThan(0);
  });
});

describe('the redacted session export', () => {
  it('loads again as the same number of sessions: pseudonyms are still keys, and addresses still addresses', async () => {
    // The session export of the redacted run above (the demo's exports add no session to its session file's).
    const target = join(redacted, 'sessions.csv');
    const engine = newEngine();
    try {
      const [report] = await engine.load([file('sessions.csv', readFileSync(target, 'utf8'))]);
      // The demo's session file holds 195,317 sessions (its README line; every one is a distinct session).
      expect([report!.rows_loaded, report!.rows_rejected]).toEqual([195_317, 0]);
      const text = readFileSync(target, 'utf8');
      expect(text).toMatch(/,2001:db8:[0-9a-f]{4}:/);
      expect(text).not.toMatch(/,10\.20\.\d+\.\d+,/);
    } finally {
      await engine.close();
    }
  });
});

describe('formula injection through the twin', () => {
  it('makes names and products that a spreadsheet would run inert in every CSV and in the workbook', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lrt-inject-'));
    const evil = ['=HYPERLINK("http://x.example","click")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'];
    const users = ['email,offering_name,seat_assignment,assigned_date,unassigned_date,first_name,last_name'];
    evil.forEach((e, i) => users.push(`u${i}@corp.example,"${e.replace(/"/g, '""')}",direct,2025-01-01,,"${e.replace(/"/g, '""')}",x`));
    writeFileSync(join(dir, 'usage.csv'), users.join('\n'));
    // Sessions a year later, so every seat is dormant and lands on the reclamation list with its offering.
    writeFileSync(join(dir, 'sessions.csv'), 'user_id,user_email,product,session_start,licence_type\nZ,z@corp.example,AutoCAD,2026-06-01T09:00:00Z,named_user\nZ,z@corp.example,AutoCAD,2025-01-02T09:00:00Z,named_user\n');
    const out = join(dir, 'out');
    expect((await runReview(['--out', out, join(dir, 'usage.csv'), join(dir, 'sessions.csv')])).exitCode).toBe(0);

    const [, , ...rows] = csvRecords(readFileSync(join(out, 'reclamation-list.csv'), 'utf8'));
    const offerings = registerCsv(readFileSync(join(out, 'reclamation-list.csv'), 'utf8'), RECLAMATION_COLUMNS).rows.map((r) => r.offering!);
    expect(offerings).toHaveLength(evil.length);
    for (const o of offerings) expect(o.startsWith("'")).toBe(true);
    // The saving column stays a number where there is one; nothing else starts with a formula character.
    for (const row of rows) for (const cell of row) expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);

    const book = workbook(readFileSync(join(out, 'review.xlsx')));
    expect(book.cells.every((c) => c.f === undefined)).toBe(true);
    const texts = book.cells.filter((c) => c.t === 's').map((c) => String(c.v));
    // The loader trims surrounding white space, so "\t=1" arrives as "=1": still a formula, still neutralised.
    for (const e of evil) expect(texts).toContain(`'${e.trim()}`);
    expect(texts.some((t) => /^[=+\-@\t\r]/.test(t))).toBe(false);
  });
});
