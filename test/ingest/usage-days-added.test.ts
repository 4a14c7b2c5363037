import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import type { Runner } from '../../src/db/runner.ts';
import { file, sessionsCsv } from '../helpers/engine.ts';
import { pooledNodeRunner } from '../helpers/runner-pool.ts';
import { fixture, tableRows } from './exports/helpers.ts';

/**
 * Usage days are counted again over everything only when a load changed rows loaded before it; a load that only adds
 * rows adds their days. Either way the days are the rulebook's, worked by hand below.
 */
const statements: string[] = [];
let engine: Engine;
beforeAll(() => {
  engine = new Engine(async () => {
    const runner = await pooledNodeRunner();
    return new Proxy(runner, {
      get(target, key) {
        if (key === 'exec') return (sql: string) => (statements.push(sql), target.exec(sql));
        return Reflect.get(target, key, target);
      },
    }) as Runner;
  });
});
afterAll(() => engine.close());

/** The last load's way of counting usage days: only the added files' rows, or every row again. */
const counted = () => {
  const last = statements.filter((s) => s.includes('usage_days')).at(-1) ?? '';
  return last.includes('added_usage_days') ? 'added' : last.includes('CREATE OR REPLACE TABLE usage_days') ? 'all again' : 'unknown';
};

/** Every usage day as `user | product | day | rows | licence types`. */
const days = async () =>
  (await tableRows<{ d: string }>(engine, `SELECT concat_ws(' | ', user_key, product, strftime(day, '%Y-%m-%d'), rows, array_to_string(licence_types, '+')) AS d FROM usage_days ORDER BY ALL`)).map((r) => r.d);

const FIRST = sessionsCsv([
  { user_id: 'u1', product: 'AutoCAD', session_start: '2026-03-02T09:00:00Z', session_end: '2026-03-02T10:00:00Z', licence_type: 'named_user' },
  // Crosses midnight: a day on 2 March and one on 3 March.
  { user_id: 'u1', product: 'AutoCAD', session_start: '2026-03-02T23:00:00Z', session_end: '2026-03-03T01:00:00Z', licence_type: 'named_user' },
  { user_id: 'A9', product: 'Revit', session_start: '2026-03-04T09:00:00Z', session_end: '2026-03-04T10:00:00Z', licence_type: 'named_user' },
]);
const SECOND = sessionsCsv([
  { user_id: 'u1', product: 'AutoCAD', session_start: '2026-03-03T09:00:00Z', session_end: '2026-03-03T10:00:00Z', licence_type: 'network' },
  { user_id: 'u1', product: 'AutoCAD', session_start: '2026-03-05T09:00:00Z', session_end: '2026-03-05T10:00:00Z', licence_type: 'named_user' },
  { user_id: 'u2', product: 'Revit', session_start: '2026-03-02T09:00:00Z', session_end: '2026-03-02T10:00:00Z', licence_type: 'named_user' },
]);
/** Links the Autodesk ID A9 of the first file to a person: its rows, loaded before, are re-keyed. */
const USERS = ['autodesk_id,email,first_name,last_name,offering_name,role', 'A9,nina.holt@corp.example,Nina,Holt,Revit,User'].join('\n');

describe('usage days after each load', () => {
  it('adds the days of a file that only adds rows to those counted, and counts all again when a link re-keys earlier rows or a file goes', async () => {
    const [first] = await engine.load([file('march-1.csv', FIRST)]);
    expect(counted()).toBe('all again'); // nothing was loaded before
    expect(await days()).toEqual(['a9 | Revit | 2026-03-04 | 1 | named_user', 'u1 | AutoCAD | 2026-03-02 | 2 | named_user', 'u1 | AutoCAD | 2026-03-03 | 1 | named_user']);

    const [second] = await engine.load([file('march-2.csv', SECOND)]);
    expect(counted()).toBe('added');
    expect(await days()).toEqual([
      'a9 | Revit | 2026-03-04 | 1 | named_user',
      'u1 | AutoCAD | 2026-03-02 | 2 | named_user',
      'u1 | AutoCAD | 2026-03-03 | 2 | named_user+network', // the crossing session's day, and the network session
      'u1 | AutoCAD | 2026-03-05 | 1 | named_user',
      'u2 | Revit | 2026-03-02 | 1 | named_user',
    ]);

    await engine.load([file('users.csv', USERS)]);
    expect(counted()).toBe('all again');
    expect(await days()).toEqual([
      'nina.holt@corp.example | Revit | 2026-03-04 | 1 | named_user',
      'u1 | AutoCAD | 2026-03-02 | 2 | named_user',
      'u1 | AutoCAD | 2026-03-03 | 2 | named_user+network',
      'u1 | AutoCAD | 2026-03-05 | 1 | named_user',
      'u2 | Revit | 2026-03-02 | 1 | named_user',
    ]);

    await engine.removeFile(second!.file_id);
    expect(counted()).toBe('all again');
    expect(await days()).toEqual(['nina.holt@corp.example | Revit | 2026-03-04 | 1 | named_user', 'u1 | AutoCAD | 2026-03-02 | 2 | named_user', 'u1 | AutoCAD | 2026-03-03 | 1 | named_user']);
    expect(first!.status).toBe('loaded');
  });

  it('counts all again when a file re-keys earlier rows as it is merged, before the links of the whole load', async () => {
    await engine.reset();
    // H001 (Revit on 2 and 3 March), H002 (AutoCAD on 3 March), H009 (AutoCAD on 6 March), e-mails masked.
    await engine.load([file('seat-usage-hashed.csv', fixture('seat-usage-hashed.csv'))]);
    // The same export a week later, with e-mails: it says H001 is ann.lee@corp.example, and its merge re-keys the
    // first file's rows of H001 at once.
    const later = [
      'day_used,email,first_name,last_name,product_name,team_alias,offering_name,version,access_option,hashed_autodesk_id,autodesk_id',
      '2026-03-09,ann.lee@corp.example,Ann,Lee,Revit,Design Team,AEC Collection,2026,Named user,H001,',
    ].join('\n');
    await engine.load([file('seat-usage-later.csv', later)]);
    expect(counted()).toBe('all again');
    expect(await days()).toEqual([
      'ann.lee@corp.example | Revit | 2026-03-02 | 1 | named_user',
      'ann.lee@corp.example | Revit | 2026-03-03 | 1 | named_user',
      'ann.lee@corp.example | Revit | 2026-03-09 | 1 | named_user',
      'h002 | AutoCAD | 2026-03-03 | 1 | named_user',
      'h009 | AutoCAD | 2026-03-06 | 1 | named_user',
    ]);
  });
});
