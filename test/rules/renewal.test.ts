import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import type { RenewalFinding } from '../../src/rules/renewal.ts';
import { addDays, file, newEngine, sessionsCsv, useOn, type SessionFields } from '../helpers/engine.ts';

/**
 * Window end 30 June 2026; the data starts on 20 December 2025, so both quarters are observed: the last quarter is
 * 1 April to 30 June (91 days), the previous one 31 December to 31 March.
 * - Revit, 10 seats, held by r1..r6 from 1 January. r1 and r2 use it every day of June, r3 on 15 June, r4 on
 *   10 February only, r5 and r6 never. Active (use after 1 April): r1, r2, r3 = 3. Needed 3; 3 x 1.1 = 3.3 -> 4:
 *   reduce 10 -> 4, saving 6 x 2,985 = 17,910. Quarters: 3 users against 1 (r4): trend +2.
 *   p95 over the 193 days: 162 zeros, one 1, 29 twos and one 3; position 0.95 x 192 = 182.4 lies among the twos: 2.
 * - Maya, 2 seats, held by m1, m2, both using it on 10 June with u1, u2, u3 who hold nothing (unlicensed under the
 *   Maya entitlement). Needed 2 + 3 = 5 > 2: increase to 5.
 * - AutoCAD, 3 seats, held by a1..a3, each using it on 1 May and 20 June: active, and low frequency (2 days over the
 *   181 days held in the window: 4.03 a year, Flex 2 x 7 x 365 / 181 x 3 = 84.70 against 1,955): restructure, three
 *   Flex candidates saving 3 x 1,870.30 = 5,610.90. Needed 3 -> 4 with headroom: no reduction.
 * - Civil 3D, 1 seat, held by c1, used every day from 1 April: keep.
 */
const SUBSCRIPTIONS = [
  'subscription_id,offering_name,seat_quantity,start_date,end_date',
  'S1,Revit,10,2025-01-01,2026-12-31',
  'S2,Maya,2,2025-01-01,2026-12-31',
  'S3,AutoCAD,3,2025-01-01,2026-12-31',
  'S4,Civil 3D,1,2025-01-01,2026-12-31',
].join('\n');

const held = (users: string[], offering: string) => users.map((u) => `${u}@corp.com,${offering},Direct,2026-01-01,`);
const USAGE_REPORT = [
  'email,offering_name,seat_assignment,assigned_date,unassigned_date',
  ...held(['r1', 'r2', 'r3', 'r4', 'r5', 'r6'], 'Revit'),
  ...held(['m1', 'm2'], 'Maya'),
  ...held(['a1', 'a2', 'a3'], 'AutoCAD'),
  ...held(['c1'], 'Civil 3D'),
].join('\n');

const every = (user: string, product: string, from: string, days: number): SessionFields[] => Array.from({ length: days }, (_, i) => useOn(user, product, addDays(from, i)));
const SESSIONS: SessionFields[] = [
  useOn('r1@corp.com', 'Revit', '2025-12-20'),
  ...every('r1@corp.com', 'Revit', '2026-06-01', 30),
  ...every('r2@corp.com', 'Revit', '2026-06-01', 30),
  useOn('r3@corp.com', 'Revit', '2026-06-15'),
  useOn('r4@corp.com', 'Revit', '2026-02-10'),
  ...['m1', 'm2', 'u1', 'u2', 'u3'].map((u) => useOn(`${u}@corp.com`, 'Maya', '2026-06-10')),
  ...['a1', 'a2', 'a3'].flatMap((u) => [useOn(`${u}@corp.com`, 'AutoCAD', '2026-05-01'), useOn(`${u}@corp.com`, 'AutoCAD', '2026-06-20')]),
  ...every('c1@corp.com', 'Civil 3D', '2026-04-01', 91),
];

const SETTINGS = {
  window: { end: '2026-06-30', months: 12 },
  prices: { token_price: 3, offerings: [{ offering: 'Revit', current_price: 2985 }, { offering: 'AutoCAD', current_price: 1955 }], products: [{ product: 'AutoCAD', tokens_per_day: 7 }] },
};

let engine: Engine;
let findings: RenewalFinding[];
beforeAll(async () => {
  engine = newEngine();
  await engine.load([file('subs.csv', SUBSCRIPTIONS), file('usage.csv', USAGE_REPORT), file('sessions.csv', sessionsCsv(SESSIONS))]);
  const review = await engine.review(SETTINGS);
  findings = review.rules.find((r) => r.rule === 'renewal')!.findings as RenewalFinding[];
});
afterAll(async () => {
  await engine.close();
});

const of = (offering: string) => findings.find((f) => f.offering === offering)!;

describe('renewal (rule 13)', () => {
  it('lists every seat-counted offering with its seats, assigned, active users, p95 and quarter trend', () => {
    expect(findings.map((f) => f.offering)).toEqual(['AutoCAD', 'Civil 3D', 'Maya', 'Revit']);
    expect(of('Revit')).toMatchObject({
      seats: 10, assigned: 6, active: 3, p95_daily_users: 2, last_quarter_users: 3, previous_quarter_users: 1, trend: 2,
    });
  });

  it('reduces to the seats needed plus the headroom, with the saving at the current price', () => {
    expect(of('Revit')).toMatchObject({ recommendation: 'reduce', target_seats: 4, reduce_saving: 17910 });
    expect(of('Revit').reasons[0]).toBe('10 seats, 3 needed (3 active in the last 90 days): 4 keeps 10% headroom');
  });

  it('increases when unlicensed users need more seats than the offering has', () => {
    expect(of('Maya')).toMatchObject({ recommendation: 'increase', target_seats: 5, assigned: 2, active: 2 });
    expect(of('Maya').reasons).toEqual([
      '5 seats needed (2 active holders + 3 unassigned users) against 2 seats',
      '3 users used Maya without an assignment, counted under Maya',
    ]);
  });

  it('restructures when holders are cheaper on Flex, and keeps a fully used seat', () => {
    expect(of('AutoCAD')).toMatchObject({ recommendation: 'restructure', target_seats: null, flex_candidates: 3, flex_saving: 5610.9, active: 3 });
    expect(of('Civil 3D')).toMatchObject({ recommendation: 'keep', target_seats: null, seats: 1, active: 1 });
  });

  it('follows the headroom setting: with 250% headroom Revit keeps its 10 seats (3 x 3.5 = 10.5 -> 11)', async () => {
    const review = await engine.review({ ...SETTINGS, thresholds: { renewal_headroom: 2.5 } });
    const revit = (review.rules.find((r) => r.rule === 'renewal')!.findings as RenewalFinding[]).find((f) => f.offering === 'Revit')!;
    expect(revit.recommendation).toBe('keep');
  });
});
