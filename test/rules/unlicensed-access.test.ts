import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import type { UnlicensedAccessFinding } from '../../src/rules/unlicensed-access.ts';
import { file, newEngine, sessionsCsv, useOn, type SessionFields } from '../helpers/engine.ts';

/**
 * The organisation holds AutoCAD (5 seats) and the AEC Collection (2 seats, covers AutoCAD and Revit) all year.
 * - alice: AutoCAD assigned on 10 March. Uses it on 9 (before: a gap, on two devices), 10 (the day it starts:
 *   covered) and 11 March (covered; the device of that day is not evidence).
 * - bob: AutoCAD assigned until 15 March (unassigned_date 2026-03-15). Uses it on 14 (covered), 15 (the
 *   unassignment day: not covered) and 20 March (a gap).
 * - carol: AEC Collection assigned; uses Revit on 12 March: covered by the Collection.
 * - dave: nothing assigned; Revit on 12 March (named user: a gap), 13 March (Flex only: not judged) and
 *   16 March (a Flex session and a named-user session: the named-user one makes it a gap).
 * - erin: nothing assigned; AutoCAD only by Flex (13 March) and by a network licence (17 March): not judged.
 * - frank: nothing assigned; Maya on 12 March: no entitlement covers Maya (out_of_scope, not this rule).
 */
const SUBSCRIPTIONS = [
  'subscription_id,offering_name,seat_quantity,start_date,end_date',
  'S1,AutoCAD,5,2026-01-01,2026-12-31',
  'S2,AEC Collection,2,2026-01-01,2026-12-31',
].join('\n');

const USAGE_REPORT = [
  'email,offering_name,seat_assignment,assigned_date,unassigned_date',
  'alice@corp.com,AutoCAD,Direct,2026-03-10,',
  'bob@corp.com,AutoCAD,Direct,2026-01-01,2026-03-15',
  'carol@corp.com,AEC Collection,Direct,2026-01-01,',
].join('\n');

const on = (user: string, product: string, day: string, extra: SessionFields = {}): SessionFields => ({ ...useOn(user, product, day), ...extra });

const SESSIONS: SessionFields[] = [
  on('alice@corp.com', 'AutoCAD', '2026-03-09', { device_name: 'WS-A2' }),
  on('alice@corp.com', 'AutoCAD', '2026-03-09', { device_name: 'WS-A1', session_start: '2026-03-09T13:00:00Z', session_end: '2026-03-09T14:00:00Z' }),
  on('alice@corp.com', 'AutoCAD', '2026-03-10'),
  on('alice@corp.com', 'AutoCAD', '2026-03-11', { device_name: 'WS-A9' }),
  on('bob@corp.com', 'AutoCAD', '2026-03-14'),
  on('bob@corp.com', 'AutoCAD', '2026-03-15'),
  on('bob@corp.com', 'AutoCAD', '2026-03-20'),
  on('carol@corp.com', 'Revit', '2026-03-12'),
  on('dave@corp.com', 'Revit', '2026-03-12'),
  on('dave@corp.com', 'Revit', '2026-03-13', { licence_type: 'flex' }),
  on('dave@corp.com', 'Revit', '2026-03-16', { licence_type: 'flex' }),
  on('dave@corp.com', 'Revit', '2026-03-16', { session_start: '2026-03-16T13:00:00Z', session_end: '2026-03-16T14:00:00Z' }),
  on('erin@corp.com', 'AutoCAD', '2026-03-13', { licence_type: 'flex' }),
  on('erin@corp.com', 'AutoCAD', '2026-03-17', { licence_type: 'network' }),
  on('frank@corp.com', 'Maya', '2026-03-12'),
];

let engine: Engine;
beforeAll(async () => {
  engine = newEngine();
  const reports = await engine.load([file('subs.csv', SUBSCRIPTIONS), file('usage.csv', USAGE_REPORT), file('sessions.csv', sessionsCsv(SESSIONS))]);
  expect(reports.map((r) => [r.kind, r.rows_rejected])).toEqual([['subscriptions', 0], ['usage_report', 0], ['lrt_sessions', 0]]);
});
afterAll(async () => {
  await engine.close();
});

async function findings(): Promise<UnlicensedAccessFinding[]> {
  const review = await engine.review({ window: { end: '2026-03-31', months: 3 } });
  return review.rules.find((r) => r.rule === 'unlicensed_access')!.findings as UnlicensedAccessFinding[];
}

describe('unlicensed_access', () => {
  it('reports each user and product with usage days outside any covering assignment while an entitlement covered the product', async () => {
    // Attributed (rulebook 15) to the covering offering with the most idle seats at the window end: AutoCAD has 5 - 1
    // (alice) = 4, the AEC Collection 2 - 1 (carol) = 1; Revit's only entitled cover is the AEC Collection.
    expect(await findings()).toEqual([
      // alice: only 9 March (the assignment starts on the 10th and covers that day); devices of that day only.
      { rule: 'unlicensed_access', product: 'AutoCAD', user_key: 'alice@corp.com', first_day: '2026-03-09', last_day: '2026-03-09', days: 1, devices: ['WS-A1', 'WS-A2'], entitled_offerings: ['AEC Collection', 'AutoCAD'], users_in_gap: 2, attributed_offering: 'AutoCAD' },
      // bob: 15 March (unassigned that day) and 20 March; 14 March is covered. No device is known.
      { rule: 'unlicensed_access', product: 'AutoCAD', user_key: 'bob@corp.com', first_day: '2026-03-15', last_day: '2026-03-20', days: 2, devices: null, entitled_offerings: ['AEC Collection', 'AutoCAD'], users_in_gap: 2, attributed_offering: 'AutoCAD' },
      // dave: 12 March and the mixed day 16 March; the Flex-only 13 March is not judged.
      { rule: 'unlicensed_access', product: 'Revit', user_key: 'dave@corp.com', first_day: '2026-03-12', last_day: '2026-03-16', days: 2, devices: null, entitled_offerings: ['AEC Collection'], users_in_gap: 1, attributed_offering: 'AEC Collection' },
    ]);
  });

  it('does not report use covered by an active assignment, Flex or network use, or a product no entitlement covers', async () => {
    const users = (await findings()).map((f) => f.user_key);
    expect(users).not.toContain('carol@corp.com');
    expect(users).not.toContain('erin@corp.com');
    expect(users).not.toContain('frank@corp.com');
  });

  it('states the rule with its conventions', async () => {
    const review = await engine.review({ window: { end: '2026-03-31', months: 3 } });
    const rule = review.rules.find((r) => r.rule === 'unlicensed_access')!;
    expect(rule.definition).toContain('the unassignment day is not covered');
    expect(rule.settings).toEqual({ excluded_licence_types: 'flex, network', entitlement_end_date: 'inclusive', unassigned_date: 'exclusive' });
  });
});
