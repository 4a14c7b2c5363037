import { describe, expect, it } from 'vitest';
import { file, engineResetBeforeEach } from '../../helpers/engine.ts';
import { assignments, csvRows, dateCell, fixture, workbook, type Cell } from './helpers.ts';

/**
 * usage-report-snake.csv and usage-report-2026.csv hold the same 8 rows in the two header generations:
 * lines 2-5 are good (Ann: AEC Collection direct + AutoCAD LT by default; Bob: Revit through a group; Cy: AutoCAD,
 * unassigned 30 Sept); line 6 has 31 June, line 7 no e-mail or id, line 8 is unassigned before it was assigned,
 * line 9 has days_used -2.
 */
const SNAKE = fixture('usage-report-snake.csv');
const TITLE = fixture('usage-report-2026.csv');

/** The four good rows, written out by hand (DuckDB prints doubles with a decimal point). */
const EXPECTED_ASSIGNMENTS = [
  'ann.lee@corp.example | AEC Collection | direct | - | 2025-01-15 | - | Active | 3 | Named user | 40 | 3.3 | 0.0 | 2025-12-28 | ADSK001 | ann.lee@corp.example | Ann Lee',
  'ann.lee@corp.example | AutoCAD LT | default | - | 2025-01-15 | - | Active | 20 | Named user | 4 | 0.3 | 0.0 | 2025-12-11 | ADSK001 | ann.lee@corp.example | Ann Lee',
  'bob.roe@corp.example | Revit | group | BIM group | 2025-02-01 | - | Active | 10 | Named user | 12 | 1.0 | 0.0 | 2025-12-21 | ADSK002 | bob.roe@corp.example | Bob Roe',
  'cy.poe@contractor.example | AutoCAD | direct | - | 2025-03-10 | 2025-09-30 | Inactive | 92 | Named user | 5 | 0.8 | 0.0 | 2025-09-30 | ADSK003 | cy.poe@contractor.example | Cy Poe',
];

/** Column at fault and reason of the four planted bad rows, in file order. */
const EXPECTED_REJECTS = [
  ['assigned_date', /^bad date/],
  ['email', /^missing user/],
  ['unassigned_date', /^unassigned_date is before assigned_date/],
  ['days_used', /^negative number/],
] as const;

const engine = engineResetBeforeEach();

async function expectPlantedRejects(lines: number[]) {
  const { rows, total } = await engine.rejects();
  expect(total).toBe(4);
  expect(rows.map((r) => r.line)).toEqual(lines);
  rows.forEach((r, i) => {
    expect(r.column).toBe(EXPECTED_REJECTS[i]![0]);
    expect(r.reason).toMatch(EXPECTED_REJECTS[i]![1]);
  });
}

/** The snake_case fixture as an Autodesk-style workbook: filter block on sheet 1; title, blank row, header on sheet 2. */
function usageWorkbook(): Uint8Array {
  const header = SNAKE.split('\n')[0]!.split(',');
  const dates = new Set(['assigned_date', 'unassigned_date', 'last_accessed']);
  const numbers = new Set(['days_inactive', 'days_used', 'monthly_average', 'tokens_used']);
  const realDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
  const rows: Cell[][] = csvRows(SNAKE).map((row) =>
    header.map((c) => {
      const v = row[c]!;
      if (dates.has(c) && realDay(v)) return dateCell(v); // 2025-06-31 stays text, as a hand-typed cell would
      if (numbers.has(c) && v !== '') return Number(v);
      return v;
    }),
  );
  return workbook({
    Filters: [['Usage Report'], ['Date range: Last 12 months'], ['Team: Design Team'], ['Products: All']],
    'Usage Report': [['Usage Report - Design Team - exported 2026-01-05'], [], header, ...rows],
  });
}

describe('Autodesk Account Usage Report', () => {
  it('snake_case CSV: detected, 8 rows read = 4 loaded + 4 rejected, assignments as written', async () => {
    const [report] = await engine.load([file('usage-report-snake.csv', SNAKE)]);
    expect(report).toMatchObject({
      kind: 'usage_report', status: 'loaded', delimiter: 'comma', where: null, date_order: null,
      rows_read: 8, rows_loaded: 4, rows_rejected: 4, rows_new: 4, extra_columns: [], notes: [],
      // range of assigned_date over the loaded rows
      first_day: '2025-01-15', last_day: '2025-03-10',
    });
    await expectPlantedRejects([6, 7, 8, 9]);
    expect(await assignments(engine)).toEqual(EXPECTED_ASSIGNMENTS);
  });

  it('2026 title-case CSV gives the same result (M/D/Y dates decided from 1/15/2025)', async () => {
    const [report] = await engine.load([file('usage-report-2026.csv', TITLE)]);
    expect(report).toMatchObject({
      kind: 'usage_report', status: 'loaded', rows_read: 8, rows_loaded: 4, rows_rejected: 4, rows_new: 4,
      date_order: "M/D/Y (decided from the file's values)", first_day: '2025-01-15', last_day: '2025-03-10',
    });
    await expectPlantedRejects([6, 7, 8, 9]);
    expect(await assignments(engine)).toEqual(EXPECTED_ASSIGNMENTS);
  });

  it('re-saved by a European Excel (semicolons, D/M/Y dates, decimal commas) gives the same result', async () => {
    const european = SNAKE.split('\n')
      .map((line) =>
        line
          .split(',')
          .map((v) => v.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3/$2/$1').replace(/^(\d+)\.(\d+)$/, '$1,$2'))
          .join(';'),
      )
      .join('\n');
    expect(european.split('\n')[1]).toBe('H001;Ann;Lee;Ann.Lee@Corp.Example;ADSK001;Design Team;;AEC Collection;2026;Direct;15/01/2025;;Active;3;Named user;40;3,3;0;28/12/2025');
    const [report] = await engine.load([file('usage-report-fr.csv', european)]);
    expect(report).toMatchObject({ kind: 'usage_report', delimiter: 'semicolon', date_order: "D/M/Y (decided from the file's values)", rows_loaded: 4, rows_rejected: 4 });
    await expectPlantedRejects([6, 7, 8, 9]);
    expect(await assignments(engine)).toEqual(EXPECTED_ASSIGNMENTS);
  });

  it('both generations loaded together are one set of assignments', async () => {
    await engine.load([file('usage-report-snake.csv', SNAKE)]);
    const [second] = await engine.load([file('usage-report-2026.csv', TITLE)]);
    expect(second).toMatchObject({ status: 'loaded', rows_loaded: 4, rows_new: 0 });
    expect(await assignments(engine)).toEqual(EXPECTED_ASSIGNMENTS);
  });

  it('XLSX: the data on sheet 2 below a title row is found, and rejects name spreadsheet rows', async () => {
    const [report] = await engine.load([file('usage-report.xlsx', usageWorkbook())]);
    expect(report).toMatchObject({
      kind: 'usage_report', status: 'loaded', encoding: 'xlsx', where: 'sheet "Usage Report", row 3',
      rows_read: 8, rows_loaded: 4, rows_rejected: 4, rows_new: 4,
    });
    // Header on row 3, data on rows 4-11: the good rows are 4-7, the bad ones spreadsheet rows 8-11.
    await expectPlantedRejects([8, 9, 10, 11]);
    expect(await assignments(engine)).toEqual(EXPECTED_ASSIGNMENTS);
  });

  it('JSON: an array of records loads, numbers as numbers and empty values as null', async () => {
    const records = csvRows(SNAKE).map((row) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === '' ? null : /^-?\d+(\.\d+)?$/.test(v) && k !== 'version' ? Number(v) : v])),
    );
    const [report] = await engine.load([file('usage-report.json', JSON.stringify(records, null, 2))]);
    expect(report).toMatchObject({ kind: 'usage_report', status: 'loaded', where: 'JSON top-level array', rows_read: 8, rows_loaded: 4, rows_rejected: 4 });
    // A JSON record's "line" is its position in the array.
    await expectPlantedRejects([5, 6, 7, 8]);
    expect(await assignments(engine)).toEqual(EXPECTED_ASSIGNMENTS);
  });

  it('two overlapping Usage Reports (a month apart, not byte-identical) never double an assignment', async () => {
    await engine.load([file('usage-report-snake.csv', SNAKE)]);
    // The next month's export: the same four assignments with newer figures, and one new assignment (Gus).
    const next = [
      SNAKE.split('\n')[0],
      'H001,Ann,Lee,ann.lee@corp.example,ADSK001,Design Team,,AEC Collection,2026,Direct,2025-01-15,,Active,1,Named user,44,3.4,0,2026-01-30',
      'H001,Ann,Lee,ann.lee@corp.example,ADSK001,Design Team,,AutoCAD LT,2026,Default,2025-01-15,,Active,50,Named user,4,0.3,0,2025-12-11',
      'H002,Bob,Roe,bob.roe@corp.example,ADSK002,Design Team,BIM group,Revit,2026,Group,2025-02-01,,Active,2,Named user,14,1.1,0,2026-01-29',
      'H003,Cy,Poe,cy.poe@contractor.example,ADSK003,Design Team,,AutoCAD,2026,Direct,2025-03-10,2025-09-30,Inactive,123,Named user,5,0.8,0,2025-09-30',
      'H007,Gus,Ito,gus.ito@corp.example,ADSK007,Design Team,,Revit,2026,Direct,2026-01-05,,Active,0,Named user,3,3,0,2026-01-30',
    ].join('\n');
    const [report] = await engine.load([file('usage-report-2026-01.csv', next)]);
    expect(report).toMatchObject({ status: 'loaded', rows_read: 5, rows_loaded: 5, rows_new: 1 });
    const rows = await assignments(engine);
    expect(rows).toHaveLength(5);
    expect(rows.filter((r) => r.startsWith('ann.lee@corp.example | AEC Collection'))).toHaveLength(1);
  });

  it('the same report exported with personal data hidden, then shown: one assignment, keyed by the e-mail', async () => {
    const hidden = `${SNAKE.split('\n')[0]}\nH001,*****,*****,*****,,Design Team,,Revit,2026,Direct,2025-01-15,,Active,3,Named user,40,3.3,0,2025-12-28\n`;
    const shown = `${SNAKE.split('\n')[0]}\nH001,Ann,Lee,ann.lee@corp.example,ADSK001,Design Team,,Revit,2026,Direct,2025-01-15,,Active,3,Named user,40,3.3,0,2025-12-28\n`;
    const [, second] = await engine.load([file('usage-hidden.csv', hidden), file('usage-shown.csv', shown)]);
    expect(second).toMatchObject({ status: 'loaded', rows_loaded: 1, rows_new: 0 });
    expect((await assignments(engine)).map((a) => a.split(' | ').slice(0, 2).join(' | '))).toEqual(['ann.lee@corp.example | Revit']);
  });

  it('an assignment known by hashed id and by e-mail from two files becomes one when a third file links the two', async () => {
    const hidden = `${SNAKE.split('\n')[0]}\nH001,*****,*****,*****,,Design Team,,Revit,2026,Direct,2025-01-15,,Active,3,Named user,40,3.3,0,2025-12-28\n`;
    const byEmail = `${TITLE.split('\n')[0]}\nDesign Team,,Revit,Direct,1/15/2025,,Active,3,Named user,40,3.3,0,12/28/2025,,ann.lee@corp.example,Ann,Lee,Active\n`;
    await engine.load([file('usage-hidden.csv', hidden), file('usage-2026.csv', byEmail)]);
    expect(await assignments(engine)).toHaveLength(2); // nothing yet says that H001 is Ann
    // An older Seat Usage export carrying both the e-mail and the hashed id.
    await engine.load([file('seat-usage-old.csv', 'day_used,email,product_name,hashed_autodesk_id\n2026-03-02,ann.lee@corp.example,Revit,H001\n')]);
    expect((await assignments(engine)).map((a) => a.split(' | ').slice(0, 2).join(' | '))).toEqual(['ann.lee@corp.example | Revit']);
  });

  it('a Usage Report with personal data hidden (hashed ids, ***** e-mails) loads and says contractor detection cannot run', async () => {
    const hidden = [
      'hashed_autodesk_id,first_name,last_name,email,autodesk_id,team_alias,group,offering_name,version,seat_assignment,assigned_date,unassigned_date,user_activity,days_inactive,access_option,days_used,monthly_average,tokens_used,last_accessed',
      'H001,*****,*****,*****,,Design Team,,Revit,2026,Direct,2025-01-15,,Active,3,Named user,40,3.3,0,2025-12-28',
      'H002,*****,*****,*****,,Design Team,,AutoCAD,2026,Direct,2025-01-15,,Active,3,Named user,10,0.8,0,2025-12-28',
    ].join('\n');
    const [report] = await engine.load([file('usage-hidden.csv', hidden)]);
    expect(report).toMatchObject({ kind: 'usage_report', status: 'loaded', rows_loaded: 2 });
    expect(report!.notes).toHaveLength(1);
    expect(report!.notes[0]).toMatch(/No e-mail addresses in this file.*contractor detection by e-mail domain cannot run/);
    expect((await assignments(engine)).map((a) => a.split(' | ')[0])).toEqual(['h001', 'h002']);
  });
});
