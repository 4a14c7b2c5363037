import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import type { OverCountFinding } from '../../src/rules/over-count.ts';
import { file, newEngine, sessionsCsv, useOn, type SessionFields } from '../helpers/engine.ts';

/**
 * Named-user fixture. Window: Monday 2 March 2026 (the first usage day; the requested start is earlier) to
 * Thursday 30 April 2026 = 60 days, 44 business days (22 in March, 22 in April); 25% of them = 11 days.
 * Entitlements: Revit 2 seats from 1 March; AEC Collection 1 seat in March only (covers Revit and AutoCAD);
 * AutoCAD 3 seats; Maya 2 seats; a Flex subscription (Unlimited Seats, not a count).
 * So S(Revit) = 3 in March and 2 in April; S(AutoCAD) = 4 in March; S(Maya) = 2.
 *
 * Revit distinct named users: 4 on 2-5 March, 5 on 6 March (a run of 5 days over S = 3), 5 on 9 March,
 * 3 on 1 April and 5 on 2 April (over S = 2: a run of 2), 0 on every other day. On 9 March a sixth user works
 * by Flex and a seventh by a network licence: neither is named-user use.
 *   days over = 5 + 1 + 2 = 8 (< 11: the share test fails); longest run = 5 (2-6 March).
 *   high-water mark 5, first reached on 6 March (S = 3); largest excess 5 - 2 = 3 (2 April).
 *   average = (4 x 4 + 5 + 5 + 3 + 5) / 60 = 34 / 60 = 0.5667 -> 0.57.
 *   p95 (continuous): sorted values are 52 zeros, then 3, 4, 4, 4, 4, 5, 5, 5 (positions 52..59);
 *   position 0.95 x 59 = 56.05 lies between 4 (56) and 5 (57): 4 + 0.05 x 1 = 4.05.
 * Maya: 3 users on 11 business days, never two in a row (2, 4, 6, 10, 12, 16, 18, 20, 24, 26, 30 March), S = 2:
 *   11 days over = exactly 25% of 44: sustained by the share; longest run 1 (2 March, the first).
 *   p95: 49 zeros then eleven 3s: position 56.05 lies among the 3s = 3. Average 33 / 60 = 0.55.
 * AutoCAD: 4 users on 10 March against S = 4: never over, no finding.
 */
const SUBSCRIPTIONS = [
  'subscription_id,offering_name,seat_quantity,start_date,end_date',
  'S1,Revit,2,2026-03-01,2026-12-31',
  'S2,AEC Collection,1,2026-03-01,2026-03-31',
  'S3,AutoCAD,3,2026-03-01,2026-12-31',
  'S4,Maya,2,2026-03-01,2026-12-31',
  'S5,Flex,Unlimited Seats,2026-03-01,2026-12-31',
].join('\n');

function users(product: string, day: string, n: number, licence_type = 'named_user'): SessionFields[] {
  return Array.from({ length: n }, (_, i) => ({ ...useOn(`${product.toLowerCase()}-${i}@corp.com`, product, day), licence_type }));
}

const NAMED: SessionFields[] = [
  ...['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05'].flatMap((d) => users('Revit', d, 4)),
  ...users('Revit', '2026-03-06', 5),
  ...users('Revit', '2026-03-09', 5),
  { ...useOn('flex-user@corp.com', 'Revit', '2026-03-09'), licence_type: 'flex' },
  { ...useOn('net-user@corp.com', 'Revit', '2026-03-09'), licence_type: 'network' },
  ...users('Revit', '2026-04-01', 3),
  ...users('Revit', '2026-04-02', 5),
  ...['02', '04', '06', '10', '12', '16', '18', '20', '24', '26', '30'].flatMap((d) => users('Maya', `2026-03-${d}`, 3)),
  ...users('AutoCAD', '2026-03-10', 4),
];

let engine: Engine;
beforeAll(async () => {
  engine = newEngine();
  await engine.load([file('subs.csv', SUBSCRIPTIONS), file('sessions.csv', sessionsCsv(NAMED))]);
});
afterAll(async () => {
  await engine.close();
});

async function findings(on: Engine, end: string, sustained_days: number): Promise<OverCountFinding[]> {
  const review = await on.review({ window: { end, months: 3 }, thresholds: { sustained_days } });
  return review.rules.find((r) => r.rule === 'over_count')!.findings as OverCountFinding[];
}

const NO_DENIALS = { denials: null, denial_days: null, peak_denials: null, peak_denials_day: null };

describe('over_count, named users', () => {
  it('reports products over S with high-water mark, p95, average, days over and the longest run; a run of exactly sustained_days is sustained', async () => {
    expect(await findings(engine, '2026-04-30', 5)).toEqual([
      {
        rule: 'over_count', kind: 'named_user', product: 'Maya', offerings: ['Maya'], days_judged: 60,
        high_water_mark: 3, high_water_date: '2026-03-02', seats_at_high_water: 2, seats_min: 2, seats_max: 2,
        p95: 3, average_daily_peak: 0.55, max_excess: 1, days_over: 11, first_day_over: '2026-03-02', last_day_over: '2026-03-30',
        longest_run_days: 1, longest_run_start: '2026-03-02', longest_run_end: '2026-03-02',
        window_business_days: 44, sustained: true, sustained_by: 'share', ...NO_DENIALS,
      },
      {
        rule: 'over_count', kind: 'named_user', product: 'Revit', offerings: ['AEC Collection', 'Revit'], days_judged: 60,
        high_water_mark: 5, high_water_date: '2026-03-06', seats_at_high_water: 3, seats_min: 2, seats_max: 3,
        p95: 4.05, average_daily_peak: 0.57, max_excess: 3, days_over: 8, first_day_over: '2026-03-02', last_day_over: '2026-04-02',
        longest_run_days: 5, longest_run_start: '2026-03-02', longest_run_end: '2026-03-06',
        window_business_days: 44, sustained: true, sustained_by: 'run', ...NO_DENIALS,
      },
    ]);
  });

  it('leaves a product that never went over S to the renewal brief and the usage view', async () => {
    // The one network checkout (9 March, 9:00-10:00) is the licence-server position for Revit: the network data spans
    // that day only; peak 1 against S = 3, never over: no finding (rulebook 8).
    expect((await findings(engine, '2026-04-30', 5)).filter((f) => f.kind === 'network')).toEqual([]);
  });

  it('a run one day shorter than sustained_days is not sustained', async () => {
    const revit = (await findings(engine, '2026-04-30', 6)).find((f) => f.product === 'Revit' && f.kind === 'named_user')!;
    expect(revit).toMatchObject({ days_over: 8, longest_run_days: 5, sustained: false, sustained_by: null });
  });

  it('days over S one short of 25% of the business days are not sustained', async () => {
    // Window to 1 May (a Friday): 45 business days, 25% = 11.25 > 11.
    const maya = (await findings(engine, '2026-05-01', 30)).find((f) => f.product === 'Maya' && f.kind === 'named_user')!;
    expect(maya).toMatchObject({ window_business_days: 45, days_over: 11, sustained: false, sustained_by: null });
  });

  it('states the rule with the settings in force', async () => {
    const review = await engine.review({ window: { end: '2026-04-30', months: 3 }, thresholds: { sustained_days: 5 } });
    const rule = review.rules.find((r) => r.rule === 'over_count')!;
    expect(rule.settings).toEqual({ sustained_days: 5, sustained_share_of_business_days: 0.25, percentile: '95th, interpolated between the two nearest daily values' });
    expect(rule.definition).toContain('Sustained when that run reaches 5 days or the days over S reach 25% of the window');
  });

  it('does not report a product whose daily users never exceed S (equal is not over)', async () => {
    expect((await findings(engine, '2026-04-30', 5)).map((f) => `${f.kind} ${f.product}`)).toEqual(['named_user Maya', 'named_user Revit']);
  });
});

/**
 * Network fixture: a licence-server log (every checkout, check-in and denial written twice: package and version feature).
 * AutoCAD (S = 2 from a Subscriptions row), by hand:
 *   2 March: a 9:00-12:00, b 9:30-10:00, c 10:00-11:00 (starts as b ends: no overlap), d 10:30-11:30 -> a, c, d = 3.
 *            e is denied twice (10:31, 10:32).
 *   3 March: a 9:00-9:30 -> 1; a again 23:00 to 01:00 on 4 March; one denial at 9:10.
 *   4 March: a (carried over midnight) and b 0:30-0:45 -> 2.
 *   Peaks [3, 1, 2]: high-water 3 on 2 March, over S on that day only; p95 = 2 + 0.9 x (3 - 2) = 2.9; average 2.
 * Revit (no entitlement: S null):
 *   2 March: f from 13:00, never checked in (open at the end of the log: counted to the end of 2 March),
 *            g 14:00-15:00 -> 2.   3 March: h 9:00-10:00 -> 1 (f no longer counted).   4 March: 0.
 *   Peaks [2, 1, 0]: p95 = 1 + 0.9 x 1 = 1.9; average 1.
 * The data spans 2-4 March: 3 days judged. Window 2-31 March: 22 business days (25% = 5.5).
 * The same checkouts are 4 distinct AutoCAD users on 2 March: not named-user use, so no named_user finding.
 */
const LOG = [
  ' 8:00:00 (lmgrd) FlexNet Licensing (v11.18.0.0 build 1 x64_n6) started on SERVER01 (IBM PC) (3/2/2026)',
  ' 8:00:01 (lmgrd) TIMESTAMP 3/2/2026',
  ...pair(' 9:00:00', 'OUT', 'ACD', 'a@h1'),
  ...pair(' 9:30:00', 'OUT', 'ACD', 'b@h2'),
  ...pair('10:00:00', 'IN', 'ACD', 'b@h2'),
  ...pair('10:00:00', 'OUT', 'ACD', 'c@h3'),
  ...pair('10:30:00', 'OUT', 'ACD', 'd@h4'),
  ...pair('10:31:00', 'DENIED', 'ACD', 'e@h5', '  (Licensed number of users already reached. (-4,342))'),
  ...pair('10:32:00', 'DENIED', 'ACD', 'e@h5', '  (Licensed number of users already reached. (-4,342))'),
  ...pair('11:00:00', 'IN', 'ACD', 'c@h3'),
  ...pair('11:30:00', 'IN', 'ACD', 'd@h4'),
  ...pair('12:00:00', 'IN', 'ACD', 'a@h1'),
  ...pair('13:00:00', 'OUT', 'RVT', 'f@h6'),
  ...pair('14:00:00', 'OUT', 'RVT', 'g@h7'),
  ...pair('15:00:00', 'IN', 'RVT', 'g@h7'),
  ' 8:00:00 (lmgrd) TIMESTAMP 3/3/2026',
  ...pair(' 9:00:00', 'OUT', 'ACD', 'a@h1'),
  ...pair(' 9:00:00', 'OUT', 'RVT', 'h@h8'),
  ...pair(' 9:10:00', 'DENIED', 'ACD', 'e@h5', '  (Licensed number of users already reached. (-4,342))'),
  ...pair(' 9:30:00', 'IN', 'ACD', 'a@h1'),
  ...pair('10:00:00', 'IN', 'RVT', 'h@h8'),
  ...pair('23:00:00', 'OUT', 'ACD', 'a@h1'),
  ' 0:10:00 (lmgrd) TIMESTAMP 3/4/2026',
  ...pair(' 0:30:00', 'OUT', 'ACD', 'b@h2'),
  ...pair(' 0:45:00', 'IN', 'ACD', 'b@h2'),
  ...pair(' 1:00:00', 'IN', 'ACD', 'a@h1'),
].join('\n');

function pair(time: string, verb: string, plc: string, who: string, note = ''): string[] {
  return [`${time} (adskflex) ${verb}: "64300${plc}_F" ${who}${note}`, `${time} (adskflex) ${verb}: "87545${plc}_2022_0F" ${who}${note}`];
}

describe('over_count, network licences', () => {
  let net: Engine;
  beforeAll(async () => {
    net = newEngine();
    const reports = await net.load([
      file('subs.csv', ['subscription_id,offering_name,seat_quantity,start_date,end_date', 'N1,AutoCAD,2,2026-01-01,2026-12-31'].join('\n')),
      file('server.log', LOG),
    ]);
    expect(reports.map((r) => [r.kind, r.status, r.rows_rejected])).toEqual([['subscriptions', 'loaded', 0], ['flexnet_log', 'loaded', 0]]);
  });
  afterAll(async () => {
    await net.close();
  });

  it('reports the daily peak of concurrent checkouts per product against S, with denials beside it', async () => {
    // Revit's checkouts (peak 2) have no seat count to go over: no finding.
    expect(await findings(net, '2026-03-31', 30)).toEqual([
      {
        rule: 'over_count', kind: 'network', product: 'AutoCAD', offerings: ['AutoCAD'], days_judged: 3,
        high_water_mark: 3, high_water_date: '2026-03-02', seats_at_high_water: 2, seats_min: 2, seats_max: 2,
        p95: 2.9, average_daily_peak: 2, max_excess: 1, days_over: 1, first_day_over: '2026-03-02', last_day_over: '2026-03-02',
        longest_run_days: 1, longest_run_start: '2026-03-02', longest_run_end: '2026-03-02',
        window_business_days: 22, sustained: false, sustained_by: null,
        denials: 3, denial_days: 2, peak_denials: 2, peak_denials_day: '2026-03-02',
      },
    ]);
  });
});
