import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import type { DormantUserFinding } from '../../src/rules/dormant-user.ts';
import { addDays, file, newEngine, sessionsCsv, useOn, type SessionFields } from '../helpers/engine.ts';

/**
 * Window end 2026-06-30, dormant_days 90: the lookback is 2026-04-02 .. 2026-06-30, so a last use on
 * 2026-04-01 (END - 90) is dormant and one on 2026-04-02 (END - 89) is not.
 */
const END = '2026-06-30';
const at = (n: number) => addDays(END, n);
const mail = (u: string) => `${u}@corp.example`;

// email, offering, seat_assignment, assigned_date, unassigned_date, access_option
const SEATS: [string, string, string, string, string, string][] = [
  ['ann', 'Revit', 'Direct', '2025-01-15', '', 'Named user'], // last use exactly END - 90: dormant
  ['bob', 'Revit', 'Direct', '2025-01-15', '', 'Named user'], // last use END - 89: not dormant
  ['cy', 'AEC Collection', 'Group', '2025-03-01', '', 'Named user'], // never used, group seat, unpriced offering
  ['di', 'AEC Collection', 'Default', '2025-03-01', '', 'Named user'], // used Civil 3D (a member) at END - 10: not dormant
  ['ed', 'AutoCAD', 'Direct', at(-90), '', 'Named user'], // assigned exactly 90 days before the end, never used: dormant
  ['fay', 'AutoCAD', 'Direct', at(-89), '', 'Named user'], // assigned 89 days before: not judged
  ['gus', 'AutoCAD', 'Direct', '2025-01-15', END, 'Named user'], // unassigned on the end day: not active at the end
  ['hal', 'AutoCAD', 'Direct', '2025-01-15', at(1), 'Named user'], // unassigned the day after the end: active, never used
  ['ivy', 'Revit', 'Direct', '2025-01-15', '', 'Named user'], // used Revit 2025-09-01, and AutoCAD (not covered) recently: dormant
  ['jo', 'Revit', 'Direct', '2025-01-15', '', 'Named user'], // used Revit END - 100 and after the window end: dormant
  ['kim', 'Revit', '', '2025-01-15', '', 'Flex'], // a Flex row is not a named-user seat
];

function usageReport(): string {
  const rows = SEATS.map(([u, offering, kind, assigned, unassigned, access]) => [mail(u), offering, kind, assigned, unassigned, access].join(','));
  return ['email,offering_name,seat_assignment,assigned_date,unassigned_date,access_option', ...rows].join('\n') + '\n';
}

const USAGE: SessionFields[] = [
  useOn('filler@corp.example', 'Maya', '2025-07-01'), // the data starts here
  useOn(mail('ann'), 'Revit', '2026-02-10'),
  useOn(mail('ann'), 'Revit', at(-90)),
  useOn(mail('bob'), 'Revit', at(-89)),
  useOn(mail('di'), 'Civil 3D', at(-10)),
  useOn(mail('ivy'), 'Revit', '2025-09-01'),
  useOn(mail('ivy'), 'AutoCAD', at(-5)),
  useOn(mail('jo'), 'Revit', at(-100)),
  useOn(mail('jo'), 'Revit', at(5)),
];

let engine: Engine;
beforeAll(async () => {
  engine = newEngine();
  await engine.load([file('usage.csv', sessionsCsv(USAGE)), file('usage-report.csv', usageReport())]);
});
afterAll(async () => {
  await engine.close();
});

const PRICES = { offerings: [{ offering: 'Revit', current_price: 2910, list_price: 3200 }, { offering: 'AutoCAD', current_price: 2030.5, list_price: 2200 }] };

async function dormant(settings: Parameters<Engine['review']>[0] = {}): Promise<DormantUserFinding[]> {
  const review = await engine.review({ window: { end: END, months: 12 }, prices: PRICES, ...settings });
  return review.rules.find((r) => r.rule === 'dormant_user')!.findings as DormantUserFinding[];
}

const seat = (over: Partial<DormantUserFinding>): DormantUserFinding => ({
  rule: 'dormant_user', user_key: '', offering: '', seat_assignment: 'direct', removable_individually: true, assigned_date: '2025-01-15',
  unassigned_date: null, last_usage_day: null, last_usage_product: null, never_used: true, days_inactive: null, days_assigned: 531,
  current_price: null, saving_per_year: null, price_note: null, superseded_by: null, ...over,
});

describe('dormant_user', () => {
  it('lists exactly the planted dormant seats, a last use exactly 90 days before the end included', async () => {
    expect(await dormant()).toEqual([
      seat({
        user_key: 'cy@corp.example', offering: 'AEC Collection', seat_assignment: 'group', removable_individually: false, assigned_date: '2025-03-01',
        days_assigned: 486, price_note: 'No current_price for AEC Collection in the price book: the saving is not computed.',
      }),
      seat({ user_key: 'ed@corp.example', offering: 'AutoCAD', assigned_date: '2026-04-01', days_assigned: 90, current_price: 2030.5, saving_per_year: 2030.5 }),
      seat({ user_key: 'hal@corp.example', offering: 'AutoCAD', unassigned_date: '2026-07-01', current_price: 2030.5, saving_per_year: 2030.5 }),
      seat({
        user_key: 'ann@corp.example', offering: 'Revit', last_usage_day: '2026-04-01', last_usage_product: 'Revit', never_used: false, days_inactive: 90,
        current_price: 2910, saving_per_year: 2910,
      }),
      seat({
        user_key: 'ivy@corp.example', offering: 'Revit', last_usage_day: '2025-09-01', last_usage_product: 'Revit', never_used: false, days_inactive: 302,
        current_price: 2910, saving_per_year: 2910,
      }),
      seat({
        user_key: 'jo@corp.example', offering: 'Revit', last_usage_day: '2026-03-22', last_usage_product: 'Revit', never_used: false, days_inactive: 100,
        current_price: 2910, saving_per_year: 2910,
      }),
    ]);
  });

  it('leaves out a use one day inside the lookback, a Collection member used, a recent seat, a seat unassigned on the end day and Flex rows', async () => {
    const keys = (await dormant()).map((f) => f.user_key);
    for (const u of ['bob', 'di', 'fay', 'gus', 'kim']) expect(keys).not.toContain(mail(u));
  });

  it('writes money as null with the reason when the price book is empty', async () => {
    const found = await dormant({ prices: {} });
    const ann = found.find((f) => f.user_key === 'ann@corp.example')!;
    expect(ann.saving_per_year).toBeNull();
    expect(ann.current_price).toBeNull();
    expect(ann.price_note).toBe('No current_price for Revit in the price book: the saving is not computed.');
  });

  it('judges only when the data covers the whole lookback', async () => {
    // End 2025-09-28: the lookback 2025-07-01 .. 2025-09-28 starts on the first day of data: judged.
    // Active then and assigned by 2025-06-30: ann, bob, cy, di, gus, hal, ivy, jo; only ivy used a covered product in the lookback.
    const judged = await dormant({ window: { end: '2025-09-28', months: 3 } });
    expect(judged.map((f) => f.user_key).sort()).toEqual(['ann', 'bob', 'cy', 'di', 'gus', 'hal', 'jo'].map(mail));
    // End 2025-09-27: the lookback would start 2025-06-30, before the data: nothing is judged.
    expect(await dormant({ window: { end: '2025-09-27', months: 3 } })).toEqual([]);
  });

  it('follows dormant_days and writes it into the definition', async () => {
    // With 100 days, ann (last use END - 90) is no longer dormant; jo (END - 100) still is; ed (assigned END - 90) is too recent.
    const review = await engine.review({ window: { end: END, months: 12 }, thresholds: { dormant_days: 100 } });
    const rule = review.rules.find((r) => r.rule === 'dormant_user')!;
    expect((rule.findings as DormantUserFinding[]).map((f) => f.user_key)).toEqual(['cy', 'hal', 'ivy', 'jo'].map(mail));
    expect(rule.settings).toEqual({ dormant_days: 100 });
    expect(rule.definition).toContain('assigned at least 100 days before it');
  });
});
