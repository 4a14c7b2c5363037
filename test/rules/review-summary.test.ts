import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import { file, newEngine, sessionsCsv, useOn } from '../helpers/engine.ts';

/**
 * Three seats assigned long before the end, never used: all dormant (rule 1). Revit is priced at 2,985 a
 * year, 3ds Max is not in the price book: the summary adds 2 x 2,985 and counts one unpriced finding.
 */
const USAGE_REPORT = [
  'email,offering_name,seat_assignment,assigned_date,unassigned_date',
  'ann@corp.example,Revit,Direct,2025-01-06,',
  'bob@corp.example,Revit,Group,2025-01-06,',
  'cat@corp.example,3ds Max,Default,2025-01-06,',
].join('\n');

let engine: Engine;
beforeAll(async () => {
  engine = newEngine();
  // Someone else's use from a year before the end, so the data covers the whole 90-day lookback.
  await engine.load([
    file('usage.csv', USAGE_REPORT),
    file(
      'sessions.csv',
      sessionsCsv([
        useOn('dan', 'AutoCAD', '2025-03-03'),
        useOn('dan', 'AutoCAD', '2026-03-02'),
        // eve: two sessions on one workstation from two addresses, one on a laptop, one naming only an address.
        { ...useOn('eve', 'Revit', '2025-06-02'), device_name: 'WS-07', ip_address: '10.0.0.5' },
        { ...useOn('eve', 'Revit', '2025-06-03'), device_name: 'WS-07', ip_address: '10.0.0.9' },
        { ...useOn('eve', 'Revit', '2025-06-04'), device_name: 'LT-02' },
        { ...useOn('eve', 'Revit', '2025-06-05'), ip_address: '192.168.1.20' },
      ]),
    ),
  ]);
});
afterAll(async () => {
  await engine.close();
});

describe('the review summary per rule', () => {
  it('counts findings and adds their priced savings, naming how many had no price', async () => {
    const review = await engine.review({ window: { end: '2026-03-02', months: 12 }, prices: { offerings: [{ offering: 'Revit', current_price: 2985, list_price: 3200 }] } });
    const dormant = review.rules.find((r) => r.rule === 'dormant_user')!;
    expect(dormant.group).toBe('cost');
    expect(dormant.summary).toEqual({ count: 3, money: 5970, unpriced: 1 });
    expect(review.rules.find((r) => r.rule === 'telemetry_gap')!.summary.money).toBeNull();
  });

  it('gives a user timeline of assignments and usage days', async () => {
    const timeline = await engine.userTimeline('dan');
    expect(timeline.assignments).toEqual([]);
    expect(timeline.usage).toEqual([
      { product: 'AutoCAD', day: '2025-03-03', licence_types: ['named_user'] },
      { product: 'AutoCAD', day: '2026-03-02', licence_types: ['named_user'] },
    ]);
    // No session names a device or an address.
    expect(timeline.devices).toEqual([]);
    const eve = await engine.userTimeline('eve');
    expect(eve.devices).toEqual([
      { device: 'WS-07', addresses: ['10.0.0.5', '10.0.0.9'], sessions: 2, first_day: '2025-06-02', last_day: '2025-06-03' },
      { device: 'LT-02', addresses: [], sessions: 1, first_day: '2025-06-04', last_day: '2025-06-04' },
      { device: null, addresses: ['192.168.1.20'], sessions: 1, first_day: '2025-06-05', last_day: '2025-06-05' },
    ]);
    const ann = await engine.userTimeline('ann@corp.example');
    expect(ann.assignments).toEqual([{ offering: 'Revit', assigned_date: '2025-01-06', unassigned_date: null, seat_assignment: 'direct', access_option: null }]);
  });
});
