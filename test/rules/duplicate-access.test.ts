import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import type { DuplicateAccessFinding } from '../../src/rules/duplicate-access.ts';
import { file, newEngine, sessionsCsv, useOn, type SessionFields } from '../helpers/engine.ts';

/** Window: 2026-03-31 to 2026-06-30 (end 2026-06-30, 3 months; the data starts 2026-01-02). */
const END = '2026-06-30';

const ASSIGNMENTS = [
  'email,offering_name,seat_assignment,assigned_date,unassigned_date',
  // (a) Standalone Revit from 1 May, unassigned 1 June (last active day 31 May), inside an AEC Collection held throughout: 31 days.
  'a@corp.com,AEC Collection,Direct,2025-01-01,',
  'a@corp.com,Revit,Direct,2026-05-01,2026-06-01',
  // (a) negative: the Collection ended (1 Feb) before standalone Revit began (1 April): never held together.
  'n@corp.com,AEC Collection,Direct,2025-01-01,2026-02-01',
  'n@corp.com,Revit,Direct,2026-04-01,',
  // (a) negative at the window start: held together until 30 March only (Revit unassigned on 31 March, the first day of the window).
  'w@corp.com,AEC Collection,Direct,2025-01-01,',
  'w@corp.com,Revit,Direct,2025-06-01,2026-03-31',
  // (b) AutoCAD LT (a group assignment) beside standalone AutoCAD from 20 June: 11 days to the window end.
  'lt@corp.com,AutoCAD,Direct,2025-01-01,',
  'lt@corp.com,AutoCAD LT,Group,2026-06-20,',
  // (b) AutoCAD LT beside the AEC Collection, which includes AutoCAD: the whole window, 92 days.
  'ltc@corp.com,AEC Collection,Direct,2025-01-01,',
  'ltc@corp.com,AutoCAD LT,Direct,2025-01-01,',
  // (c) A named Revit seat active 1 to 30 April; Flex Revit on 10 and 11 April (covered) and 5 May (after the seat).
  'flex@corp.com,Revit,Direct,2026-04-01,2026-05-01',
  // A Flex access row of the Usage Report is not a named-user seat: no duplicate with the AEC Collection.
  'tok@corp.com,AEC Collection,Direct,2025-01-01,',
].join('\n');

const ASSIGNMENTS_WITH_ACCESS = [
  'email,offering_name,seat_assignment,assigned_date,unassigned_date,access_option',
  'tok@corp.com,Revit,Direct,2025-01-01,,Flex',
].join('\n');

const flexOn = (user: string, product: string, day: string): SessionFields => ({ ...useOn(user, product, day), licence_type: 'flex' });

const SESSIONS = sessionsCsv([
  useOn('filler@corp.com', 'Maya', '2026-01-02'),
  flexOn('flex@corp.com', 'Revit', '2026-04-10'),
  flexOn('flex@corp.com', 'Revit', '2026-04-11'),
  useOn('flex@corp.com', 'Revit', '2026-04-12'),
  flexOn('flex@corp.com', 'Revit', '2026-05-05'),
  // Flex AutoCAD with no named seat at all: no duplicate.
  flexOn('flexonly@corp.com', 'AutoCAD', '2026-04-10'),
]);

const PRICES = {
  offerings: [
    { offering: 'AEC Collection', current_price: 3000, list_price: 3600 },
    { offering: 'Revit', current_price: 2500, list_price: 2900 },
    { offering: 'AutoCAD LT', current_price: 500, list_price: 600 },
  ],
};

let engine: Engine;
beforeAll(async () => {
  engine = newEngine();
  const reports = await engine.load([file('usage-report.csv', ASSIGNMENTS), file('usage-report-flex.csv', ASSIGNMENTS_WITH_ACCESS), file('usage.csv', SESSIONS)]);
  expect(reports.map((r) => [r.kind, r.status, r.rows_loaded])).toEqual([['usage_report', 'loaded', 12], ['usage_report', 'loaded', 1], ['lrt_sessions', 'loaded', 6]]);
});
afterAll(async () => {
  await engine.close();
});

async function findings(settings: Parameters<Engine['review']>[0] = {}): Promise<DuplicateAccessFinding[]> {
  const review = await engine.review({ window: { end: END, months: 3 }, ...settings });
  expect(review.window!.start).toBe('2026-03-31');
  return review.rules.find((r) => r.rule === 'duplicate_access')!.findings as DuplicateAccessFinding[];
}

describe('duplicate_access', () => {
  it('finds each overlapping pair once, with the redundant side priced', async () => {
    expect(await findings({ prices: PRICES })).toEqual([
      {
        rule: 'duplicate_access', kind: 'collection_and_standalone', user_key: 'a@corp.com', offering: 'AEC Collection', redundant: 'Revit',
        redundant_seat_assignment: 'direct', product: 'Revit', overlap_start: '2026-05-01', overlap_end: '2026-05-31', overlap_days: 31,
        flex_tokens: null, saving: 2500, saving_basis: 'per_year', price_note: null, superseded_by: null,
      },
      {
        // 10 Revit tokens a day x 2 covered Flex days x $3.
        rule: 'duplicate_access', kind: 'named_and_flex', user_key: 'flex@corp.com', offering: 'Revit', redundant: 'Flex',
        redundant_seat_assignment: null, product: 'Revit', overlap_start: '2026-04-10', overlap_end: '2026-04-11', overlap_days: 2,
        flex_tokens: 20, saving: 60, saving_basis: 'window', price_note: null, superseded_by: null,
      },
      {
        rule: 'duplicate_access', kind: 'full_and_lt', user_key: 'lt@corp.com', offering: 'AutoCAD', redundant: 'AutoCAD LT',
        redundant_seat_assignment: 'group', product: 'AutoCAD LT', overlap_start: '2026-06-20', overlap_end: '2026-06-30', overlap_days: 11,
        flex_tokens: null, saving: 500, saving_basis: 'per_year', price_note: null, superseded_by: null,
      },
      {
        rule: 'duplicate_access', kind: 'full_and_lt', user_key: 'ltc@corp.com', offering: 'AEC Collection', redundant: 'AutoCAD LT',
        redundant_seat_assignment: 'direct', product: 'AutoCAD LT', overlap_start: '2026-03-31', overlap_end: '2026-06-30', overlap_days: 92,
        // ltc never used AutoCAD LT: the seat is also dormant, which saves as much and is reclaimed (rulebook 14).
        flex_tokens: null, saving: 500, saving_basis: 'per_year', price_note: null, superseded_by: 'reclaim the seat (Dormant named user)',
      },
    ]);
  });

  it('finds nothing for assignments never active together in the window, Flex without a seat, or a Flex access row', async () => {
    const users = (await findings()).map((f) => f.user_key);
    for (const u of ['n@corp.com', 'w@corp.com', 'flexonly@corp.com', 'tok@corp.com']) expect(users).not.toContain(u);
  });

  it('writes no money without a price, and says why', async () => {
    const found = await findings({ prices: { products: [] } });
    expect(found.map((f) => [f.user_key, f.saving, f.flex_tokens, f.price_note])).toEqual([
      ['a@corp.com', null, null, 'no current_price set for Revit'],
      ['flex@corp.com', null, null, 'no Flex tokens_per_day set for Revit'],
      ['lt@corp.com', null, null, 'no current_price set for AutoCAD LT'],
      ['ltc@corp.com', null, null, 'no current_price set for AutoCAD LT'],
    ]);
  });

  it('counts only the days of the window: a window ending 15 May cuts the (a) overlap to 15 days', async () => {
    const review = await engine.review({ window: { end: '2026-05-15', months: 3 }, prices: PRICES });
    const found = review.rules.find((r) => r.rule === 'duplicate_access')!.findings as DuplicateAccessFinding[];
    expect(found.find((f) => f.user_key === 'a@corp.com')).toMatchObject({ overlap_start: '2026-05-01', overlap_end: '2026-05-15', overlap_days: 15 });
    // lt@corp.com's LT edition starts after that window.
    expect(found.map((f) => f.user_key)).not.toContain('lt@corp.com');
  });
});
