import { afterAll, describe, expect, it } from 'vitest';
import { addUsageDaysSql, REBUILD_USAGE_DAYS_SQL, SCHEMA_SQL } from '../../src/db/schema.ts';
import { pooledNodeRunner } from '../helpers/runner-pool.ts';

const runner = await pooledNodeRunner();
afterAll(() => runner.close());

/** Sessions of file `fileId`: user, product, start and end (UTC), licence type. */
async function addSessions(fileId: number, rows: [string, string, string, string, string][]): Promise<void> {
  for (const [i, [user, product, start, end, type]] of rows.entries()) {
    await runner.query(
      `INSERT INTO sessions (file_id, line, user_key, user_id, product, session_start, session_end, licence_type, occurrence)
       VALUES (?, ?, ?, ?, ?, CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP), ?, 1)`,
      [fileId, i + 2, user, user, product, start, end, type],
    );
  }
}

const days = async () =>
  (await runner.query<{ user_key: string; product: string; day: string; rows: number; licence_types: string[] }>(
    `SELECT user_key, product, strftime(day, '%Y-%m-%d') AS day, rows, licence_types FROM usage_days ORDER BY ALL`,
  )).map((d) => [d.user_key, d.product, d.day, d.rows, Array.from(d.licence_types)]);

describe('usage days', () => {
  it('give each day its rows and its licence types, sorted, known or not, as a rebuild and as an addition', async () => {
    await runner.exec(SCHEMA_SQL);
    await addSessions(1, [
      ['a', 'Revit', '2026-03-02 08:00', '2026-03-02 09:00', 'named_user'],
      ['a', 'Revit', '2026-03-02 10:00', '2026-03-02 11:00', 'flex'],
      ['a', 'Revit', '2026-03-03 08:00', '2026-03-03 09:00', 'named_user'],
      ['a', 'Revit', '2026-03-03 10:00', '2026-03-03 11:00', 'borrowed'],
      // Across midnight: a day each.
      ['b', 'AutoCAD', '2026-03-02 23:00', '2026-03-03 01:00', 'network'],
      ['c', 'Maya', '2026-03-04 08:00', '2026-03-04 09:00', 'zeta'],
      ['d', 'Maya', '2026-03-04 08:00', '2026-03-04 09:00', 'unknown'],
      ['d', 'Maya', '2026-03-04 10:00', '2026-03-04 11:00', 'serial'],
      ['d', 'Maya', '2026-03-04 12:00', '2026-03-04 13:00', 'serial'],
    ]);
    await runner.exec(REBUILD_USAGE_DAYS_SQL);
    const rebuilt = [
      ['a', 'Revit', '2026-03-02', 2, ['flex', 'named_user']],
      ['a', 'Revit', '2026-03-03', 2, ['borrowed', 'named_user']],
      ['b', 'AutoCAD', '2026-03-02', 1, ['network']],
      ['b', 'AutoCAD', '2026-03-03', 1, ['network']],
      ['c', 'Maya', '2026-03-04', 1, ['zeta']],
      ['d', 'Maya', '2026-03-04', 3, ['serial', 'unknown']],
    ];
    expect(await days()).toEqual(rebuilt);

    await addSessions(2, [
      ['a', 'Revit', '2026-03-03 12:00', '2026-03-03 13:00', 'flex'],
      ['c', 'Maya', '2026-03-04 12:00', '2026-03-04 13:00', 'alpha'],
      ['e', 'Revit', '2026-03-05 08:00', '2026-03-05 09:00', 'named_user'],
    ]);
    await runner.exec(addUsageDaysSql([2]));
    const added = [
      ['a', 'Revit', '2026-03-02', 2, ['flex', 'named_user']],
      ['a', 'Revit', '2026-03-03', 3, ['borrowed', 'flex', 'named_user']],
      ['b', 'AutoCAD', '2026-03-02', 1, ['network']],
      ['b', 'AutoCAD', '2026-03-03', 1, ['network']],
      ['c', 'Maya', '2026-03-04', 2, ['alpha', 'zeta']],
      ['d', 'Maya', '2026-03-04', 3, ['serial', 'unknown']],
      ['e', 'Revit', '2026-03-05', 1, ['named_user']],
    ];
    expect(await days()).toEqual(added);
    await runner.exec(REBUILD_USAGE_DAYS_SQL);
    expect(await days()).toEqual(added);
  });
});
