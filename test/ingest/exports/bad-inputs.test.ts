import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../../../src/ingest/ingest-report.ts';
import { file, engineResetBeforeEach } from '../../helpers/engine.ts';
import { fixture, usageDays, workbook } from './helpers.ts';

const SEAT_USAGE = fixture('seat-usage-2026.csv');
const SNAKE_HEADER = fixture('usage-report-snake.csv').split('\n')[0]!;

const engine = engineResetBeforeEach();

/** Loads the Seat Usage fixture (4 usage days, 2 rejects), then `bad`; checks the failure left everything as it was. */
async function failsAfterGoodFile(bad: SourceFile): Promise<string> {
  await engine.load([file('seat-usage.csv', SEAT_USAGE)]);
  const days = await usageDays(engine);
  expect(days).toHaveLength(4);
  const [report] = await engine.load([bad]);
  expect(report).toMatchObject({ status: 'failed', rows_read: 0, rows_loaded: 0, rows_rejected: 0, rows_new: 0 });
  expect(await usageDays(engine)).toEqual(days);
  expect((await engine.rejects()).total).toBe(2);
  expect((await engine.ingestReports()).map((r) => [r.file, r.status])).toEqual([
    ['seat-usage.csv', 'loaded'],
    [bad.name, 'failed'],
  ]);
  const message = report!.message!;
  expect(message.startsWith(bad.name)).toBe(true);
  expect(message).toMatch(/\.$/);
  expect(message).not.toMatch(/\n/);
  return message;
}

describe('bad inputs: one sentence naming the file; what was loaded stays', () => {
  it('a truncated XLSX (the first half of a real workbook)', async () => {
    const whole = workbook({ 'Usage Report': [SNAKE_HEADER.split(','), ['H001', 'Ann', 'Lee', 'ann.lee@corp.example', 'ADSK001', 'Design Team', '', 'Revit']] });
    const half = whole.slice(0, Math.floor(whole.length / 2));
    expect(await failsAfterGoodFile(file('usage-report.xlsx', half))).toMatch(
      /^usage-report\.xlsx could not be opened as an Excel workbook \(it is damaged or incomplete\): expected /,
    );
  });

  it('a licence-server log with no date line', async () => {
    const log = [' 8:10:00 (adskflex) OUT: "64300ACD_F" ann@ws01', ' 8:10:00 (adskflex) OUT: "87545ACD_2022_0F" ann@ws01', ' 9:00:00 (adskflex) IN: "64300ACD_F" ann@ws01', ' 9:00:00 (adskflex) IN: "87545ACD_2022_0F" ann@ws01'].join('\n');
    expect(await failsAfterGoodFile(file('no-date.log', log))).toMatch(/^no-date\.log has no date line \(no TIMESTAMP or start-up line\)/);
  });

  it('a Usage Report missing both its e-mail and its id columns', async () => {
    const header = 'first_name,last_name,team_alias,group,offering_name,version,seat_assignment,assigned_date,unassigned_date,user_activity,days_inactive,access_option,days_used,monthly_average,tokens_used,last_accessed';
    const csv = `${header}\nAnn,Lee,Design Team,,Revit,2026,Direct,2025-01-15,,Active,3,Named user,40,3.3,0,2025-12-28\n`;
    expect(await failsAfterGoodFile(file('usage-no-ids.csv', csv))).toMatch(
      /^usage-no-ids\.csv looks like Autodesk Account Usage Report but lacks a required column: missing one of email or autodesk_id or hashed_autodesk_id \(first line found: first_name, last_name, /,
    );
  });

  it('a Usage Report with its header only', async () => {
    expect(await failsAfterGoodFile(file('usage-empty.csv', `${SNAKE_HEADER}\n`))).toMatch(
      /^usage-empty\.csv has no data rows: expected an Autodesk Account Usage Report .*, with at least one row after the header\.$/,
    );
  });

  it('a file forced to a kind whose columns it lacks names the missing columns', async () => {
    const forced: SourceFile = { ...file('seat-usage-forced.csv', SEAT_USAGE), kind: 'subscriptions' };
    // "Product" is the Subscriptions export's title-case name of offering_name, so only the seat quantity is missing.
    expect(await failsAfterGoodFile(forced)).toBe(
      'seat-usage-forced.csv does not have the columns of Autodesk Account Subscriptions: missing seat_quantity (first line found: Day used, Email, First name, Last name, Product, Team).',
    );
  });
});

describe('kind override that fits', () => {
  it('a Users export forced to the Usage Report kind loads as one (it has offering_name and e-mail)', async () => {
    const [report] = await engine.load([{ ...file('users.csv', fixture('users.csv')), kind: 'usage_report' }]);
    // Bob's row names a product but no offering, and the third row nobody: 2 loaded, 2 rejected.
    expect(report).toMatchObject({ kind: 'usage_report', status: 'loaded', rows_read: 4, rows_loaded: 2, rows_rejected: 2, extra_columns: ['product_name', 'role'] });
    expect((await engine.rejects()).rows.map((r) => [r.line, r.column])).toEqual([
      [3, 'offering_name'],
      [4, 'email'],
    ]);
  });
});
