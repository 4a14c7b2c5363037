import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import type { Review } from '../../src/money/money-review.ts';
import { reclamationList } from '../../src/deliverables/reclamation-list.ts';
import { addDays, file, newEngine, sessionsCsv, useOn, type SessionFields } from '../helpers/engine.ts';

/*
 * A hand-worked estate with contested seats (rulebook 14). Window 2025-07-01 .. 2026-06-30 (365 days), dormant 90
 * days, 4 usage days a month, Flex margin 10%. Prices: AEC Collection 3,000, Revit 2,500, AutoCAD 1,800, AutoCAD LT
 * 500 a year; Revit 10 tokens a day at 7 a token, so a Revit usage day on Flex costs 70.
 *
 * - lt: AutoCAD and AutoCAD LT, uses AutoCAD every third day. The LT seat is dormant (reclaim, 500) and the redundant side of
 *   an AutoCAD + LT pair (remove, 500): equal savings, so reclaim; the duplicate finding is superseded.
 * - flex: the AEC Collection, 10 Revit days in the year. Flex costs 10 x 70 = 700 (saves 2,300); Revit alone saves
 *   3,000 - 2,500 = 500: Flex, and the single-product finding is superseded.
 * - down: the AEC Collection, 38 Revit days. Flex costs 38 x 70 = 2,660, below 2,700 (3,000 x 0.9), saving 340;
 *   Revit alone saves 500: the downgrade, and the low-frequency finding is superseded.
 * - solo: the AEC Collection, Revit every week (52 days): only the downgrade, 500.
 * - dorm: Revit, last used 2026-01-05: only reclaim, 2,500.
 * Chosen: 500 + 2,300 + 500 + 500 + 2,500 = 6,300 a year.
 */
const END = '2026-06-30';
const mail = (u: string) => `${u}@corp.example`;

const ASSIGNMENTS = [
  'email,offering_name,seat_assignment,assigned_date,unassigned_date',
  `${mail('lt')},AutoCAD,Direct,2025-01-01,`,
  `${mail('lt')},AutoCAD LT,Direct,2025-01-01,`,
  `${mail('flex')},AEC Collection,Direct,2025-01-01,`,
  `${mail('down')},AEC Collection,Direct,2025-01-01,`,
  `${mail('solo')},AEC Collection,Direct,2025-01-01,`,
  `${mail('dorm')},Revit,Group,2025-01-01,`,
].join('\n');

function days(user: string, product: string, first: string, step: number, count: number): SessionFields[] {
  return Array.from({ length: count }, (_, k) => useOn(mail(user), product, addDays(first, step * k)));
}

const SESSIONS = sessionsCsv([
  useOn('filler@corp.example', 'Maya', '2025-07-01'),
  useOn('filler@corp.example', 'Maya', END),
  ...days('lt', 'AutoCAD', '2025-07-02', 3, 120),
  ...days('flex', 'Revit', '2026-04-01', 9, 10),
  ...days('down', 'Revit', '2025-07-10', 9, 38),
  ...days('solo', 'Revit', '2025-07-02', 7, 52),
  useOn(mail('dorm'), 'Revit', '2026-01-05'),
]);

const SETTINGS = {
  window: { end: END, months: 12 },
  prices: {
    token_price: 7,
    offerings: [
      { offering: 'AEC Collection', current_price: 3000, list_price: 3600 },
      { offering: 'Revit', current_price: 2500, list_price: 2900 },
      { offering: 'AutoCAD', current_price: 1800, list_price: 2100 },
      { offering: 'AutoCAD LT', current_price: 500, list_price: 600 },
    ],
    products: [{ product: 'Revit', tokens_per_day: 10 }, { product: 'AutoCAD', tokens_per_day: 7 }],
  },
};

let engine: Engine;
let review: Review;
beforeAll(async () => {
  engine = newEngine();
  await engine.load([file('usage-report.csv', ASSIGNMENTS), file('sessions.csv', SESSIONS)]);
  review = await engine.review(SETTINGS);
  expect([review.window!.start, review.window!.end]).toEqual(['2025-07-01', END]);
});
afterAll(async () => {
  await engine.close();
});

type Costed = { rule: string; user_key: string; offering?: string; redundant?: string; superseded_by?: string | null };
const findings = (rule: string) => review.rules.find((r) => r.rule === rule)!.findings as unknown as Costed[];

describe('one action per seat', () => {
  it('gives each seat the action that saves most, reclaim first on equal savings', () => {
    const chosen = review.actions.map((a) => [a.user, a.offering, a.kind, a.saving_per_year]);
    expect(chosen).toEqual([
      [mail('dorm'), 'Revit', 'reclaim', 2500],
      [mail('flex'), 'AEC Collection', 'flex', 2300],
      [mail('down'), 'AEC Collection', 'downgrade', 500],
      [mail('lt'), 'AutoCAD LT', 'reclaim', 500],
      [mail('solo'), 'AEC Collection', 'downgrade', 500],
    ]);
    const seats = review.actions.map((a) => `${a.user}|${a.offering}`);
    expect(new Set(seats).size).toBe(seats.length);
  });

  it('keeps the other findings listed, marked with the action chosen instead', () => {
    const superseded = (rule: string, user: string) => findings(rule).find((f) => f.user_key === mail(user))!.superseded_by;
    expect(superseded('duplicate_access', 'lt')).toBe('reclaim the seat (Dormant named user)');
    expect(superseded('dormant_user', 'lt')).toBeNull();
    expect(superseded('single_product_collection', 'flex')).toBe('move to Flex (Low-frequency user (Flex candidate))');
    expect(superseded('low_frequency_user', 'flex')).toBeNull();
    expect(superseded('low_frequency_user', 'down')).toBe('replace with Revit (Single-product Collection user)');
    expect(superseded('single_product_collection', 'down')).toBeNull();
  });

  it('counts only the chosen actions: rule money, savings by lever, the total and the action list agree', () => {
    const money = (rule: string) => review.rules.find((r) => r.rule === rule)!.summary.money;
    expect([money('dormant_user'), money('duplicate_access'), money('low_frequency_user'), money('single_product_collection')]).toEqual([3000, 0, 2300, 1000]);
    expect(review.money.savings.total_per_year).toBe(6300);
    expect(review.money.savings.lines.reduce((n, l) => n + (l.per_year ?? 0), 0)).toBe(6300);

    const list = reclamationList(review);
    expect(list.map((r) => [r.user, r.offering, r.action, r.saving_per_year])).toEqual([
      [mail('dorm'), 'Revit', 'reclaim the seat', 2500],
      [mail('flex'), 'AEC Collection', 'move to Flex', 2300],
      [mail('down'), 'AEC Collection', 'replace with Revit', 500],
      [mail('lt'), 'AutoCAD LT', 'reclaim the seat', 500],
      [mail('solo'), 'AEC Collection', 'replace with Revit', 500],
    ]);
    expect(list.reduce((n, r) => n + (r.saving_per_year ?? 0), 0)).toBe(review.money.savings.total_per_year);
    // A group seat is changed through its group.
    expect(list[0]!.how).toBe('through the group membership');
  });
});
