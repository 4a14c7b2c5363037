import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import type { Review } from '../../src/money/money-review.ts';
import type { ReviewSettingsInput } from '../../src/settings/schema.ts';
import { file, newEngine, sessionsCsv, useOn } from '../helpers/engine.ts';

/**
 * A small estate with three gaps, every figure below worked by hand from the rulebook.
 * Entitlements all year: Revit 2 seats, AEC Collection 1 seat (covers Revit and Civil 3D), so S(Revit) = 3, S(Civil 3D) = 1.
 * Seats (Usage Report, assigned 1 January): Revit to a, b, h, i; AEC Collection to c, k, l.
 * - Revit on 1 June: a, b, c, h, i and d (nothing assigned). 6 users against S = 3: over-count excess 3; d is
 *   unlicensed (1 user). N = max(1, 3) = 3, from the over-count. First gap day 1 June: 30 days to 30 June = 0.99 months.
 * - Civil 3D on 20 March by j (nothing assigned, the Collection's entitlement covers it): unlicensed, N = 1.
 *   No standalone Civil 3D price: priced at the cheapest priced covering offering, the AEC Collection, 3,400, whose
 *   list price is missing: 3,400 x 1.65 = 5,610. First day 20 March: 103 days to 30 June = 3.38 months.
 * - Maya on 4 and 20 May by m1 and m2: out of scope (no entitlement), N = 2, no price: counted, not valued.
 *   First day 4 May: 28 + 30 = 58 days to 30 June = 1.91 months.
 * - k uses Civil 3D on 5 May; l never uses anything.
 * Prices: Revit 2,985 current, 3,300 list; AEC Collection 3,400, no list price.
 */
const SUBSCRIPTIONS = [
  'subscription_id,offering_name,seat_quantity,start_date,end_date',
  'S1,Revit,2,2026-01-01,2026-12-31',
  'S2,AEC Collection,1,2026-01-01,2026-12-31',
].join('\n');

const USAGE_REPORT = [
  'email,offering_name,seat_assignment,assigned_date,unassigned_date',
  ...['a', 'b', 'h', 'i'].map((u) => `${u}@corp.com,Revit,Direct,2026-01-01,`),
  ...['c', 'k', 'l'].map((u) => `${u}@corp.com,AEC Collection,Direct,2026-01-01,`),
].join('\n');

const SESSIONS = [
  ...['a', 'b', 'c', 'h', 'i', 'd'].map((u) => useOn(`${u}@corp.com`, 'Revit', '2026-06-01')),
  useOn('j@corp.com', 'Civil 3D', '2026-03-20'),
  useOn('m1@corp.com', 'Maya', '2026-05-04'),
  useOn('m2@corp.com', 'Maya', '2026-05-20'),
  useOn('k@corp.com', 'Civil 3D', '2026-05-05'),
  // The last day of data, so that the window ends on 30 June.
  useOn('a@corp.com', 'Revit', '2026-06-30'),
];

const SETTINGS: ReviewSettingsInput = {
  window: { end: '2026-06-30', months: 6 },
  prices: {
    token_price: 3,
    offerings: [
      { offering: 'Revit', current_price: 2985, list_price: 3300 },
      { offering: 'AEC Collection', current_price: 3400 },
    ],
  },
};

let engine: Engine;
let review: Review;
beforeAll(async () => {
  engine = newEngine();
  await engine.load([file('subs.csv', SUBSCRIPTIONS), file('usage.csv', USAGE_REPORT), file('sessions.csv', sessionsCsv(SESSIONS))]);
  review = await engine.review(SETTINGS);
});
afterAll(async () => {
  await engine.close();
});

describe('exposure of the review\'s gaps', () => {
  it('measures N per product as the larger of the gap users and the over-count excess, never their sum', () => {
    const gaps = review.money.exposure.gaps.map(({ product, seats, users_in_gap, over_count_excess, seats_from, first_day, months }) => ({
      product, seats, users_in_gap, over_count_excess, seats_from, first_day, months,
    }));
    expect(gaps).toEqual([
      { product: 'Civil 3D', seats: 1, users_in_gap: 1, over_count_excess: null, seats_from: 'users', first_day: '2026-03-20', months: 3.38 },
      { product: 'Maya', seats: 2, users_in_gap: 2, over_count_excess: null, seats_from: 'users', first_day: '2026-05-04', months: 1.91 },
      { product: 'Revit', seats: 3, users_in_gap: 1, over_count_excess: 3, seats_from: 'seat_count', first_day: '2026-06-01', months: 0.99 },
    ]);
    expect(review.money.exposure.seats_short).toBe(6);
  });

  it('prices a seat at the standalone offering, else the cheapest covering one, and a missing list price at list_to_current', () => {
    const [civil, maya, revit] = review.money.exposure.gaps;
    expect(revit!.pricing).toEqual({ offering: 'Revit', basis: 'standalone', current_price: 2985, list_price: 3300, list_price_from: 'price_book', indicative: false });
    expect(civil!.pricing).toEqual({ offering: 'AEC Collection', basis: 'covering', current_price: 3400, list_price: 5610, list_price_from: 'list_to_current', indicative: false });
    expect(maya!.pricing).toBeNull();
    expect(maya!.price_note).toMatch(/Maya/);
    expect(maya!.typical).toEqual([]);
    expect(review.money.exposure).toMatchObject({ priced_gaps: 2, unpriced_gaps: 1 });
  });

  it('totals the four scenarios at the seed timings over the priced gaps', () => {
    // Revit N=3: 8,955 licences; annual back 8,955 x 0.46 = 4,119.30; negotiated 13,432.50 to 14,850; no cooperation 9,900 + 26,865 to 29,700.
    // Civil 3D N=1: 3,400; annual 1,564; negotiated 5,100 to 8,415; no cooperation 5,610 + 10,200 to 16,830.
    expect(review.money.exposure.typical.map((t) => [t.id, t.months, t.licences, t.back_period_low, t.back_period_high])).toEqual([
      ['quarterly_self_review', 3, 12355, 0, 0],
      ['annual_self_review', 12, 12355, 5683.3, 5683.3],
      ['audit_negotiated', 18, 12355, 18532.5, 23265],
      ['audit_no_cooperation', 18, 15510, 37065, 46530],
    ]);
    expect(review.money.exposure.range).toEqual({ low: 12355, high: 62040 });
  });

  it('applies each gap\'s own months for the evidence timings', () => {
    // No cooperation, high end: Revit 9,900 + 2 x 9,900 x 0.99/12 = 11,533.50; Civil 3D 5,610 + 2 x 5,610 x 3.38/12 = 8,770.30.
    expect(review.money.exposure.evidence_range).toEqual({ low: 12355, high: 20303.8 });
    const revit = review.money.exposure.gaps.find((g) => g.product === 'Revit')!;
    expect(revit.evidence.map((s) => s.months)).toEqual([0.99, 0.99, 0.99, 0.99]);
  });

  it('follows the factors: a negotiated factor of 0.5 and a worst case of 3', async () => {
    const other = await engine.review({ ...SETTINGS, exposure: { negotiated_factor: 0.5, worst_case_multiplier: 3, list_to_current: 2 } });
    const annual = other.money.exposure.typical.find((t) => t.id === 'annual_self_review')!;
    // 12,355 x 0.5; Civil 3D list 6,800.
    expect(annual.back_period_low).toBe(6177.5);
    const worst = other.money.exposure.typical.find((t) => t.id === 'audit_no_cooperation')!;
    // Licences 9,900 + 6,800; back 3 x (13,432.50 + 5,100) to 3 x (14,850 + 10,200).
    expect([worst.licences, worst.back_period_low, worst.back_period_high]).toEqual([16700, 55597.5, 75150]);
  });
});

describe('Collection break-even per holder', () => {
  it('sets the standalone prices of the products used against the Collection price', () => {
    expect(review.money.collection_holders.map(({ user_key, products_used, standalone_sum, unpriced_products, verdict, difference }) => ({
      user_key, products_used, standalone_sum, unpriced_products, verdict, difference,
    }))).toEqual([
      { user_key: 'c@corp.com', products_used: ['Revit'], standalone_sum: 2985, unpriced_products: [], verdict: 'standalone_cheaper', difference: 415 },
      { user_key: 'k@corp.com', products_used: ['Civil 3D'], standalone_sum: null, unpriced_products: ['Civil 3D'], verdict: null, difference: null },
      { user_key: 'l@corp.com', products_used: [], standalone_sum: 0, unpriced_products: [], verdict: 'none_used', difference: 3400 },
    ]);
  });
});

describe('benchmarks against the seed', () => {
  it('takes shares of the named-user roster and of the Collection holders', () => {
    // Roster: a, b, h, i, c, k, l = 7; Collection holders c, k, l = 3.
    expect(review.money.roster).toEqual({ named_users: 7, collection_holders: 3 });
    const by = Object.fromEntries(review.money.benchmarks.map((b) => [b.id, b]));
    // Dormant: l only (never used), 1/7. Low frequency: a, b, h, i, c, k each used at most 2 days in 103: 6/7.
    // Single-product Collection: c (Revit) and k (Civil 3D): 2/3.
    expect(by['dormant']).toMatchObject({ users: 1, base: 7, share: 0.1429, against_typical: 'below' });
    expect(by['low_frequency']).toMatchObject({ users: 6, base: 7, share: 0.8571, against_typical: 'above' });
    expect(by['single_product_collection']).toMatchObject({ users: 2, base: 3, share: 0.6667, against_typical: 'above' });
    // No corporate domain is set, so rule 5 did not run: finding no contractor says nothing.
    expect(by['contractor']).toMatchObject({ users: 0, base: null, share: null, typical_low: 0.08, typical_high: 0.15, against_typical: null });
  });

  it('says whether the deployment has contractor access once the corporate domains are set', async () => {
    const judged = await engine.review({ ...SETTINGS, corporate: { domains: ['corp.com'] } });
    expect(judged.money.benchmarks.find((b) => b.id === 'contractor')).toMatchObject({ users: 0, against_typical: 'absent' });
  });
});

describe('savings by finding type', () => {
  it('adds each lever from its rule\'s own money figure', () => {
    const lines = review.money.savings.lines;
    const dormant = review.rules.find((r) => r.rule === 'dormant_user')!;
    expect(lines.map((l) => l.type)).toEqual(['dormant_reclaim', 'flex_conversion', 'collection_downgrade', 'duplicate_removal']);
    // l's AEC Collection seat: 3,400.
    expect(lines[0]).toMatchObject({ rule: 'dormant_user', findings: 1, actionable: 1, per_year: 3400, per_actionable: 3400 });
    expect(dormant.summary.money).toBe(3400);
    // c could downgrade to Revit (3,400 - 2,985 = 415 a year), but c's one Revit day makes Flex cheaper still, which saves
    // more: the seat moves to Flex and the downgrade adds nothing. k has no standalone Civil 3D price: unpriced.
    const flexForC = review.actions.find((a) => a.user === 'c@corp.com')!;
    expect(flexForC).toMatchObject({ kind: 'flex', offering: 'AEC Collection' });
    expect(flexForC.saving_per_year!).toBeGreaterThan(415);
    const downgradeOfC = review.rules.find((r) => r.rule === 'single_product_collection')!.findings.find((f) => 'user_key' in f && f.user_key === 'c@corp.com')!;
    expect(downgradeOfC).toMatchObject({ saving: 415, superseded_by: 'move to Flex (Low-frequency user (Flex candidate))' });
    expect(lines[2]).toMatchObject({ rule: 'single_product_collection', findings: 2, actionable: 0, unpriced: 1, per_year: null });
    expect(lines[1]!.per_year).toBeCloseTo(review.actions.filter((a) => a.kind === 'flex').reduce((n, a) => n + a.saving_per_year!, 0), 2);
    const priced = lines.filter((l) => l.per_year !== null).reduce((n, l) => n + l.per_year!, 0);
    expect(review.money.savings.total_per_year).toBeCloseTo(priced, 2);
  });
});

describe('daily users against seats', () => {
  it('gives every window day per product with S(d), and the high-water mark and p95 over the window', () => {
    const revit = review.daily_users.days.filter((d) => d.product === 'Revit');
    // The window: 20 March (the first day of data) to 30 June = 103 days.
    expect(revit).toHaveLength(103);
    expect(revit.find((d) => d.day === '2026-06-01')).toEqual({ product: 'Revit', day: '2026-06-01', users: 6, seats: 3 });
    expect(revit.find((d) => d.day === '2026-06-30')).toEqual({ product: 'Revit', day: '2026-06-30', users: 1, seats: 3 });
    const stats = review.daily_users.stats.find((s) => s.product === 'Revit');
    // 101 zeros, a 1 and a 6: p95 at position 0.95 x 102 = 96.9 is among the zeros.
    expect(stats).toEqual({ product: 'Revit', high_water_mark: 6, high_water_date: '2026-06-01', p95: 0, days_over: 1 });
    const maya = review.daily_users.days.filter((d) => d.product === 'Maya');
    expect(maya.every((d) => d.seats === null)).toBe(true);
  });
});
