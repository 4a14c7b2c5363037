import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import type { OutOfScopeFinding } from '../../src/rules/out-of-scope.ts';
import { file, newEngine, sessionsCsv, useOn, type SessionFields } from '../helpers/engine.ts';

/**
 * Entitlements: AutoCAD until 15 March 2026 (the end date is its last covered day), Revit all year. Nothing covers Maya.
 * - Maya (never entitled): ann on 10 and 12 March, ben on 12 March; eve on 11 March by Flex only (not judged).
 * - AutoCAD: ann on 15 March (the term's last day: covered) and 16 March (the day after it ended: out of scope);
 *   cid on 16 March, still holding an AutoCAD assignment that day.
 * - Revit: dan on 10 March: an entitlement covers it, so it is not out of scope.
 */
const SUBSCRIPTIONS = [
  'subscription_id,offering_name,seat_quantity,start_date,end_date',
  'S1,AutoCAD,5,2026-01-01,2026-03-15',
  'S2,Revit,3,2026-01-01,2026-12-31',
].join('\n');

const USAGE_REPORT = ['email,offering_name,seat_assignment,assigned_date,unassigned_date', 'cid@corp.com,AutoCAD,Direct,2026-01-01,'].join('\n');

const SESSIONS: SessionFields[] = [
  useOn('ann@corp.com', 'Maya', '2026-03-10'),
  useOn('ann@corp.com', 'Maya', '2026-03-12'),
  useOn('ben@corp.com', 'Maya', '2026-03-12'),
  { ...useOn('eve@corp.com', 'Maya', '2026-03-11'), licence_type: 'flex' },
  useOn('ann@corp.com', 'AutoCAD', '2026-03-15'),
  useOn('ann@corp.com', 'AutoCAD', '2026-03-16'),
  useOn('cid@corp.com', 'AutoCAD', '2026-03-16'),
  useOn('dan@corp.com', 'Revit', '2026-03-10'),
];

let engine: Engine;
beforeAll(async () => {
  engine = newEngine();
  await engine.load([file('subs.csv', SUBSCRIPTIONS), file('usage.csv', USAGE_REPORT), file('sessions.csv', sessionsCsv(SESSIONS))]);
});
afterAll(async () => {
  await engine.close();
});

async function findings(on: Engine = engine): Promise<OutOfScopeFinding[]> {
  const review = await on.review({ window: { end: '2026-03-31', months: 3 } });
  return review.rules.find((r) => r.rule === 'out_of_scope')!.findings as OutOfScopeFinding[];
}

describe('out_of_scope', () => {
  it('reports a product never entitled and a product used the day after its term ended, one finding per product', async () => {
    expect(await findings()).toEqual([
      {
        rule: 'out_of_scope', product: 'AutoCAD', reason: 'outside_term', users: 2, user_keys: ['ann@corp.com', 'cid@corp.com'],
        usage_days: 2, days: 1, first_day: '2026-03-16', last_day: '2026-03-16', last_term_end: '2026-03-15', assigned_usage_days: 1,
      },
      {
        rule: 'out_of_scope', product: 'Maya', reason: 'never_entitled', users: 2, user_keys: ['ann@corp.com', 'ben@corp.com'],
        usage_days: 3, days: 2, first_day: '2026-03-10', last_day: '2026-03-12', last_term_end: null, assigned_usage_days: 0,
      },
    ]);
  });

  it('does not report an entitled product, nor use on the last day of a term', async () => {
    const found = await findings();
    expect(found.map((f) => f.product)).not.toContain('Revit');
    expect(found.find((f) => f.product === 'AutoCAD')!.first_day).toBe('2026-03-16');
  });

  it('judges nothing when no entitlement is loaded', async () => {
    const bare = newEngine();
    try {
      await bare.load([file('sessions.csv', sessionsCsv(SESSIONS))]);
      expect(await findings(bare)).toEqual([]);
    } finally {
      await bare.close();
    }
  });
});
