import { describe, expect, it } from 'vitest';
import { file, engineResetBeforeEach } from '../../helpers/engine.ts';
import { fixture, tableRows, usageDays } from './helpers.ts';

const engine = engineResetBeforeEach();

async function rejectList() {
  return (await engine.rejects()).rows.map((r) => [r.line, r.column, r.value]);
}

describe('Subscriptions export', () => {
  it('5 rows = 3 loaded + 2 rejected; "1,200" is 1200 seats and "Unlimited Seats" is no count', async () => {
    const [report] = await engine.load([file('subscriptions.csv', fixture('subscriptions.csv'))]);
    expect(report).toMatchObject({ kind: 'subscriptions', status: 'loaded', rows_read: 5, rows_loaded: 3, rows_rejected: 2, rows_new: 3, first_day: '2025-01-01', last_day: '2025-03-01' });
    expect(await rejectList()).toEqual([
      [5, 'seat_quantity', 'ten'],
      [6, 'end_date', '2025-01-01'], // Maya: ends before it starts
    ]);
    const rows = await tableRows(engine, `SELECT subscription_id, offering, seat_quantity, unlimited, strftime(start_date, '%Y-%m-%d') AS start_date, strftime(end_date, '%Y-%m-%d') AS end_date FROM entitlements ORDER BY subscription_id`);
    expect(rows).toEqual([
      { subscription_id: 'S-1001', offering: 'AEC Collection', seat_quantity: 25, unlimited: false, start_date: '2025-01-01', end_date: '2025-12-31' },
      { subscription_id: 'S-1002', offering: 'AutoCAD LT', seat_quantity: 1200, unlimited: false, start_date: '2025-01-01', end_date: '2025-12-31' },
      { subscription_id: 'S-1003', offering: 'Flex', seat_quantity: null, unlimited: true, start_date: '2025-03-01', end_date: '2026-02-28' },
    ]);
  });
});

describe('Users export', () => {
  const directory = () =>
    tableRows<Record<string, string | null>>(engine, 'SELECT user_key, autodesk_id, offering, product, role, account_status FROM directory_users ORDER BY user_key');

  it('without account_status: 4 rows = 3 loaded + 1 rejected, masked e-mail keyed by Autodesk ID', async () => {
    const [report] = await engine.load([file('users.csv', fixture('users.csv'))]);
    expect(report).toMatchObject({ kind: 'users', status: 'loaded', rows_read: 4, rows_loaded: 3, rows_rejected: 1, notes: [] });
    expect(await rejectList()).toEqual([[4, 'email', null]]);
    expect(await directory()).toEqual([
      { user_key: 'adsk007', autodesk_id: 'ADSK007', offering: 'AutoCAD', product: null, role: 'User', account_status: null },
      { user_key: 'ann.lee@corp.example', autodesk_id: 'ADSK001', offering: 'AEC Collection', product: null, role: 'User', account_status: null },
      { user_key: 'bob.roe@corp.example', autodesk_id: 'ADSK002', offering: null, product: 'Revit', role: 'Team admin', account_status: null },
    ]);
  });

  it('with account_status: the same rows, with their status', async () => {
    const [report] = await engine.load([file('users-with-status.csv', fixture('users-with-status.csv'))]);
    expect(report).toMatchObject({ kind: 'users', status: 'loaded', rows_read: 4, rows_loaded: 3, rows_rejected: 1 });
    expect((await directory()).map((r) => [r.user_key, r.account_status])).toEqual([
      ['adsk007', 'Inactive'],
      ['ann.lee@corp.example', 'Active'],
      ['bob.roe@corp.example', 'Active'],
    ]);
  });
});

describe('Enterprise Token Flex usage CSV', () => {
  it("Autodesk's sample header (trailing comma, no user): pool-level consumption, counted as the file's new rows", async () => {
    const [report] = await engine.load([file('tokenflex.csv', fixture('token-flex-sample.csv'))]);
    expect(report).toMatchObject({
      kind: 'token_flex', status: 'loaded', delimiter: 'comma', extra_columns: [],
      rows_read: 3, rows_loaded: 2, rows_rejected: 1, rows_new: 2, first_day: '2016-01-01', last_day: '2016-01-01',
    });
    expect(report!.notes).toEqual(['2 row(s) name no user: kept as token consumption per product and day; they count in no per-user analysis.']);
    expect(await rejectList()).toEqual([[4, 'tokensConsumed', '-5.0']]);
    expect(await usageDays(engine)).toEqual([]); // nobody to count
    const pool = await tableRows(engine, `SELECT strftime(day, '%Y-%m-%d') AS day, product, product_line_code, tokens, token_pool, usage_category FROM token_consumption ORDER BY product`);
    expect(pool).toEqual([
      { day: '2016-01-01', product: 'FormIt Pro', product_line_code: 'FORMIT', tokens: 140, token_pool: 'CY', usage_category: 'CLOUD_PRODUCT' },
      { day: '2016-01-01', product: 'Revit', product_line_code: 'RVT', tokens: 10, token_pool: 'CY', usage_category: 'DESKTOP_PRODUCT' },
    ]);
  });

  it('with userName and machineName: one Flex usage day per user, product and day; machine-metered rows keyed by the machine', async () => {
    const [report] = await engine.load([file('tokenflex-users.csv', fixture('token-flex-users.csv'))]);
    expect(report).toMatchObject({
      kind: 'token_flex', status: 'loaded', rows_read: 5, rows_loaded: 4, rows_rejected: 1,
      rows_new: 4,
      first_day: '2016-01-04', last_day: '2016-01-05',
    });
    expect(report!.notes.join(' ')).toMatch(/Arnold, RenderNode, VRED/);
    expect(await rejectList()).toEqual([[6, 'usageDate', null]]);
    expect(await usageDays(engine)).toEqual([
      'ann.lee@corp.example | Revit | 2016-01-04', // two rows (two machines), written ANN.LEE@corp.example and ann.lee@corp.example
      'jdoe | AutoCAD | 2016-01-05',
      'render01 | Arnold | 2016-01-05',
    ]);
    expect(await engine.unknownProducts()).toEqual([{ product: 'Arnold', users: 1, usage_days: 1 }]);
    const devices = await tableRows(engine, 'SELECT user_key, device_name, tokens FROM usage_day_rows ORDER BY user_key, device_name');
    expect(devices).toEqual([
      { user_key: 'ann.lee@corp.example', device_name: 'LAPTOP-07', tokens: 10 },
      { user_key: 'ann.lee@corp.example', device_name: 'WS-01', tokens: 10 },
      { user_key: 'jdoe', device_name: 'WS-02', tokens: 7 },
      { user_key: 'render01', device_name: 'jdoe', tokens: 3 },
    ]);
  });
});
