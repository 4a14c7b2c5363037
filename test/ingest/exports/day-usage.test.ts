import { describe, expect, it } from 'vitest';
import { file, engineResetBeforeEach } from '../../helpers/engine.ts';
import { fixture, tableRows, usageDays, utf16le } from './helpers.ts';

const engine = engineResetBeforeEach();

describe('Seat Usage export', () => {
  it('title case: 7 rows = 5 loaded + 2 rejected; a repeated row is a fact of its own, and still one usage day', async () => {
    const [report] = await engine.load([file('seat-usage.csv', fixture('seat-usage-2026.csv'))]);
    expect(report).toMatchObject({
      kind: 'seat_usage', status: 'loaded', rows_read: 7, rows_loaded: 5, rows_rejected: 2,
      rows_new: 5, // line 5 repeats line 4: two identical rows of one file are two facts (the identity counts occurrences)
      first_day: '2026-03-02', last_day: '2026-03-04', notes: [],
    });
    const { rows } = await engine.rejects();
    expect(rows.map((r) => [r.line, r.column, r.value])).toEqual([
      [7, 'email', null], // no e-mail or id
      [8, 'day_used', '2026-02-30'],
    ]);
    expect(rows[0]!.reason).toMatch(/^missing user/);
    expect(rows[1]!.reason).toMatch(/^bad date/);
    expect(await usageDays(engine)).toEqual([
      'ann.lee@corp.example | Revit | 2026-03-02', // written Ann.Lee@Corp.Example in the file
      'ann.lee@corp.example | Revit | 2026-03-03',
      'bob.roe@corp.example | AutoCAD | 2026-03-03',
      'bob.roe@corp.example | Revit | 2026-03-04',
    ]);
    expect((await engine.review()).overview).toMatchObject({ usage_days: 4, first_day: '2026-03-02', last_day: '2026-03-04' });
  });

  it('snake case keyed by hashed id only: loads, keyed by the hashed id, with the contractor-detection note', async () => {
    const [report] = await engine.load([file('seat-usage-hashed.csv', fixture('seat-usage-hashed.csv'))]);
    expect(report).toMatchObject({ kind: 'seat_usage', status: 'loaded', rows_read: 5, rows_loaded: 4, rows_rejected: 1, rows_new: 4 });
    expect(report!.notes.join(' ')).toMatch(/contractor detection by e-mail domain cannot run/);
    const { rows } = await engine.rejects();
    expect(rows.map((r) => [r.line, r.column, r.reason])).toEqual([[6, 'day_used', 'missing date: Day used is empty']]);
    expect(await usageDays(engine)).toEqual([
      'h001 | Revit | 2026-03-02',
      'h001 | Revit | 2026-03-03',
      'h002 | AutoCAD | 2026-03-03',
      'h009 | AutoCAD | 2026-03-06',
    ]);
  });

  it('the same rows in two different files (other column order, CRLF) are counted once', async () => {
    await engine.load([file('seat-usage.csv', fixture('seat-usage-2026.csv'))]);
    // Lines 3-5 of the fixture again, with one new day for Bob.
    const overlap = [
      'Product,Team,Day used,Email,First name,Last name',
      'Revit,Design Team,2026-03-03,ann.lee@corp.example,Ann,Lee',
      'AutoCAD,Design Team,2026-03-03,bob.roe@corp.example,Bob,Roe',
      'Revit,Design Team,2026-03-04,bob.roe@corp.example,Bob,Roe',
      'Revit,Design Team,2026-03-05,bob.roe@corp.example,Bob,Roe',
    ].join('\r\n');
    const [report] = await engine.load([file('seat-usage-week.csv', overlap)]);
    expect(report).toMatchObject({ kind: 'seat_usage', status: 'loaded', rows_loaded: 4, rows_new: 1 });
    expect((await engine.review()).overview.usage_days).toBe(5); // 4 from the fixture + Bob's 5 March
  });

  it('UTF-16 LE, tab-delimited (Excel "Unicode text"), with a BOM', async () => {
    const text = ['Day used\tEmail\tFirst name\tLast name\tProduct\tTeam', '2026-03-02\tzoe@corp.example\tZoë\tØlund\tRevit\tDesign Team', '2026-03-03\tzoe@corp.example\tZoë\tØlund\tRevit\tDesign Team'].join('\r\n') + '\r\n';
    const [report] = await engine.load([file('seat-usage-unicode.txt', utf16le(text))]);
    expect(report).toMatchObject({ kind: 'seat_usage', status: 'loaded', encoding: 'utf-16le', delimiter: 'tab', rows_read: 2, rows_loaded: 2 });
    expect(await usageDays(engine)).toEqual(['zoe@corp.example | Revit | 2026-03-02', 'zoe@corp.example | Revit | 2026-03-03']);
    const names = await tableRows<{ user_name: string }>(engine, 'SELECT DISTINCT user_name FROM usage_day_rows');
    expect(names).toEqual([{ user_name: 'Zoë Ølund' }]);
  });

  it('semicolons and D/M/Y dates: the order is decided by 13/03/2026', async () => {
    const text = ['Day used;Email;First name;Last name;Product;Team', '02/03/2026;ann.lee@corp.example;Ann;Lee;Revit;Design', '13/03/2026;ann.lee@corp.example;Ann;Lee;Revit;Design'].join('\n');
    const [report] = await engine.load([file('seat-usage-fr.csv', text)]);
    expect(report).toMatchObject({ kind: 'seat_usage', status: 'loaded', delimiter: 'semicolon', date_order: "D/M/Y (decided from the file's values)", rows_loaded: 2 });
    expect(await usageDays(engine)).toEqual(['ann.lee@corp.example | Revit | 2026-03-02', 'ann.lee@corp.example | Revit | 2026-03-13']);
  });

  it('dates that read both ways (every day <= 12) ask for the date order, then load as D/M/Y when the user says so', async () => {
    const text = [
      'Day used,Email,Product',
      '03/04/2026,ann.lee@corp.example,Revit', // 3 April (D/M) or 4 March (M/D)
      '05/04/2026,ann.lee@corp.example,Revit',
      '04/04/2026,bob.roe@corp.example,AutoCAD', // the same either way
      '12/04/2026,bob.roe@corp.example,AutoCAD',
    ].join('\n');
    const [asked] = await engine.load([file('ambiguous.csv', text)]);
    expect(asked).toMatchObject({ status: 'failed', question: 'date_order', rows_read: 0, rows_loaded: 0 });
    expect(asked!.message).toMatch(/^ambiguous\.csv has dates such as 03\/04\/2026 that read either as day\/month or as month\/day/);
    expect(await usageDays(engine)).toEqual([]);

    const [answered] = await engine.load([{ ...file('ambiguous.csv', text), date_order: 'dmy' }]);
    expect(answered).toMatchObject({ status: 'loaded', question: null, date_order: 'D/M/Y (chosen by the user)', rows_loaded: 4, first_day: '2026-04-03', last_day: '2026-04-12' });
    expect(await usageDays(engine)).toEqual([
      'ann.lee@corp.example | Revit | 2026-04-03',
      'ann.lee@corp.example | Revit | 2026-04-05',
      'bob.roe@corp.example | AutoCAD | 2026-04-04',
      'bob.roe@corp.example | AutoCAD | 2026-04-12',
    ]);
  });
});

describe('Token Usage export (Flex)', () => {
  it('4 rows = 3 loaded + 1 rejected; two features on one day are one usage day', async () => {
    const [report] = await engine.load([file('token-usage.csv', fixture('token-usage.csv'))]);
    expect(report).toMatchObject({ kind: 'token_usage', status: 'loaded', rows_read: 4, rows_loaded: 3, rows_rejected: 1, rows_new: 3, first_day: '2026-03-02', last_day: '2026-03-09' });
    const { rows } = await engine.rejects();
    expect(rows.map((r) => [r.line, r.column, r.value])).toEqual([[5, 'tokens_used', 'ten']]);
    expect(await usageDays(engine)).toEqual(['ann.lee@corp.example | 3ds Max | 2026-03-02', 'bob.roe@corp.example | Maya | 2026-03-09']);
    const tokens = await tableRows<{ tokens: number; licence_type: string }>(engine, 'SELECT sum(tokens) AS tokens, min(licence_type) AS licence_type FROM usage_day_rows');
    expect(tokens).toEqual([{ tokens: 21.5, licence_type: 'flex' }]); // 10 + 1.5 + 10
  });
});
