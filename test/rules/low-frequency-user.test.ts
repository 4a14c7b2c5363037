import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import type { LowFrequencyUserFinding } from '../../src/rules/low-frequency-user.ts';
import { addDays, file, newEngine, sessionsCsv, useOn, type SessionFields } from '../helpers/engine.ts';

/**
 * Window 2025-07-01 .. 2026-06-30 (365 days), dormant_days 90, 4 days a month of 30.44 days, margin 10%,
 * tokens: AutoCAD 7, Revit 10, Civil 3D none; token price 3.
 */
const END = '2026-06-30';
const at = (n: number) => addDays(END, n);
const mail = (u: string) => `${u}@corp.example`;

// email, offering, assigned_date
const SEATS: [string, string, string][] = [
  ['lo', 'Revit', at(-182)], // active 183 days, 24 usage days: 3.99 a month, low
  ['hi', 'Revit', at(-182)], // active 183 days, 25 usage days: 4.16 a month, not low
  ['acad', 'AutoCAD', '2025-01-15'], // whole window, 12 days: Flex exactly at the margin, not recommended
  ['col', 'AEC Collection', '2025-01-15'], // whole window, 10 AutoCAD + 5 Revit days
  ['civ', 'AEC Collection', '2025-01-15'], // whole window, 6 Civil 3D + 2 Revit days: Civil 3D has no tokens
  ['dor', 'Revit', '2025-01-15'], // dormant: not here
  ['new', 'Revit', at(-88)], // active 89 days of the window: not judged
  ['edge', 'Revit', at(-89)], // active exactly 90 days: judged
  ['zed', 'Revit', at(-89)], // active 90 days, never used: assigned fewer than 90 days before the end, so not dormant, and judged here
];

function usageReport(): string {
  const rows = SEATS.map(([u, offering, assigned]) => `${mail(u)},${offering},Direct,${assigned},`);
  return ['email,offering_name,seat_assignment,assigned_date,unassigned_date', ...rows].join('\n') + '\n';
}

function every(user: string, product: string, first: string, step: number, count: number): SessionFields[] {
  return Array.from({ length: count }, (_, k) => useOn(mail(user), product, addDays(first, step * k)));
}

const USAGE: SessionFields[] = [
  useOn('filler@corp.example', 'Maya', '2025-07-01'), // data reaches the window start
  useOn(mail('lo'), 'Revit', '2025-12-01'), // before lo's assignment: not counted
  ...every('lo', 'Revit', at(-182), 7, 24), // 2025-12-30 .. 2026-06-09
  ...every('hi', 'Revit', at(-182), 7, 25),
  useOn(mail('acad'), 'AutoCAD', '2025-06-15'), // before the window: not counted
  ...every('acad', 'AutoCAD', '2025-07-15', 30, 12), // .. 2026-06-10
  ...every('col', 'AutoCAD', '2025-08-01', 30, 10), // .. 2026-04-28
  ...every('col', 'Revit', '2025-08-02', 30, 5),
  ...every('civ', 'Civil 3D', '2025-09-01', 30, 6),
  ...every('civ', 'Revit', '2026-05-01', 1, 2),
  useOn(mail('dor'), 'Revit', '2025-10-01'),
  useOn(mail('new'), 'Revit', at(-1)),
  useOn(mail('edge'), 'Revit', at(-1)),
];

const PRICES = {
  offerings: [
    { offering: 'Revit', current_price: 2910, list_price: 3200 },
    { offering: 'AutoCAD', current_price: 280, list_price: 2000 },
    { offering: 'AEC Collection', current_price: 3000, list_price: 3500 },
  ],
};

let engine: Engine;
beforeAll(async () => {
  engine = newEngine();
  await engine.load([file('usage.csv', sessionsCsv(USAGE)), file('usage-report.csv', usageReport())]);
});
afterAll(async () => {
  await engine.close();
});

async function lowFrequency(settings: Parameters<Engine['review']>[0] = {}): Promise<LowFrequencyUserFinding[]> {
  const review = await engine.review({ window: { end: END, months: 12 }, ...settings });
  return review.rules.find((r) => r.rule === 'low_frequency_user')!.findings as LowFrequencyUserFinding[];
}

const base = { rule: 'low_frequency_user' as const, seat_assignment: 'direct', removable_individually: true, assigned_date: '2025-01-15', active_from: '2025-07-01', active_days: 365, price_note: null, superseded_by: null };

describe('low_frequency_user', () => {
  it('lists the planted low-frequency seats with Flex cost, recommendation, saving and break-even', async () => {
    expect(await lowFrequency({ prices: PRICES })).toEqual([
      // 8 usage days in 365: 8 x 30.44 / 365 = 0.67 a month; a Civil 3D day has no tokens, so no Flex figure.
      {
        ...base, user_key: 'civ@corp.example', offering: 'AEC Collection', usage_days: 8, days_per_month: 0.67, usage_days_per_year: 8,
        flex_tokens_per_year: null, flex_cost_per_year: null, current_price: 3000, recommend_flex: null, saving_per_year: null,
        tokens_per_usage_day: null, break_even_days_per_year: null,
        price_note: 'No Flex tokens_per_day for Civil 3D in the price book: the Flex cost is not computed.',
      },
      // 10 AutoCAD days x 7 + 5 Revit days x 10 = 120 tokens = $360 < $3,000 x 0.9; 8 tokens a usage day: break-even 3000 / 24 = 125 days.
      {
        ...base, user_key: 'col@corp.example', offering: 'AEC Collection', usage_days: 15, days_per_month: 1.25, usage_days_per_year: 15,
        flex_tokens_per_year: 120, flex_cost_per_year: 360, current_price: 3000, recommend_flex: true, saving_per_year: 2640,
        tokens_per_usage_day: 8, break_even_days_per_year: 125,
      },
      // 12 days x 7 tokens x $3 = $252 = exactly $280 x 0.9: not below, not recommended. Break-even 280 / 21 = 13.33 days.
      {
        ...base, user_key: 'acad@corp.example', offering: 'AutoCAD', usage_days: 12, days_per_month: 1, usage_days_per_year: 12,
        flex_tokens_per_year: 84, flex_cost_per_year: 252, current_price: 280, recommend_flex: false, saving_per_year: 28,
        tokens_per_usage_day: 7, break_even_days_per_year: 13.33,
      },
      // Active 90 days (2026-04-02 .. 2026-06-30), 1 day: 365 / 90 = 4.06 days a year, 40.56 tokens, $121.67.
      {
        ...base, user_key: 'edge@corp.example', offering: 'Revit', assigned_date: '2026-04-02', active_from: '2026-04-02', active_days: 90,
        usage_days: 1, days_per_month: 0.34, usage_days_per_year: 4.06, flex_tokens_per_year: 40.56, flex_cost_per_year: 121.67,
        current_price: 2910, recommend_flex: true, saving_per_year: 2788.33, tokens_per_usage_day: 10, break_even_days_per_year: 97,
      },
      // Active 183 days, 24 days: 3.99 a month; 24 x 365 / 183 = 47.87 days a year, 478.69 tokens, $1,436.07.
      {
        ...base, user_key: 'lo@corp.example', offering: 'Revit', assigned_date: '2025-12-30', active_from: '2025-12-30', active_days: 183,
        usage_days: 24, days_per_month: 3.99, usage_days_per_year: 47.87, flex_tokens_per_year: 478.69, flex_cost_per_year: 1436.07,
        current_price: 2910, recommend_flex: true, saving_per_year: 1473.93, tokens_per_usage_day: 10, break_even_days_per_year: 97,
      },
      // No usage day: Flex would cost nothing; the break-even uses Revit's 10 tokens.
      {
        ...base, user_key: 'zed@corp.example', offering: 'Revit', assigned_date: '2026-04-02', active_from: '2026-04-02', active_days: 90,
        usage_days: 0, days_per_month: 0, usage_days_per_year: 0, flex_tokens_per_year: 0, flex_cost_per_year: 0,
        current_price: 2910, recommend_flex: true, saving_per_year: 2910, tokens_per_usage_day: 10, break_even_days_per_year: 97,
      },
    ]);
  });

  it('leaves out a user just above 4 days a month, a dormant user and an assignment active for fewer than 90 days', async () => {
    const keys = (await lowFrequency({ prices: PRICES })).map((f) => f.user_key);
    for (const u of ['hi', 'dor', 'new']) expect(keys).not.toContain(mail(u));
  });

  it('without a price book: Flex cost still shown, recommendation and money null with the reason', async () => {
    const lo = (await lowFrequency()).find((f) => f.user_key === 'lo@corp.example')!;
    expect(lo).toMatchObject({ flex_cost_per_year: 1436.07, current_price: null, recommend_flex: null, saving_per_year: null, break_even_days_per_year: null });
    expect(lo.price_note).toBe('No current_price for Revit in the price book: no recommendation, saving or break-even.');
  });

  it('follows its thresholds: at 3 days a month lo (3.99) is no longer low; a 90% margin turns down Flex for col', async () => {
    const at3 = await lowFrequency({ prices: PRICES, thresholds: { low_freq_days_per_month: 3 } });
    expect(at3.map((f) => f.user_key)).toEqual(['civ', 'col', 'acad', 'edge', 'zed'].map(mail));
    const strict = await lowFrequency({ prices: PRICES, thresholds: { flex_margin: 0.9 } });
    // col: $360 is not below $3,000 x 0.1 = $300.
    expect(strict.find((f) => f.user_key === 'col@corp.example')!.recommend_flex).toBe(false);
  });

  it('reports the rule wording with the settings in force', async () => {
    const review = await engine.review({ window: { end: END, months: 12 } });
    const rule = review.rules.find((r) => r.rule === 'low_frequency_user')!;
    expect(rule.settings).toEqual({ low_freq_days_per_month: 4, dormant_days: 90, flex_margin: 0.1, token_price: 3, currency: 'USD', month_days: 30.44 });
    expect(rule.definition).toContain('fewer than 4 per month (30.44 days)');
    expect(rule.definition).toContain('priced at the tokens of the product used that day');
  });
});
