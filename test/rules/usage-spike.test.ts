import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import type { UsageSpikeFinding } from '../../src/rules/usage-spike.ts';
import { addDays, file, newEngine, sessionsCsv, useOn, type SessionFields } from '../helpers/engine.ts';

/**
 * Planted weekly distinct users, one list per product, from the ISO week starting Monday 2026-01-05.
 * Each user of a week uses the product on that week's Monday (and some on Tuesday too:
 * extra usage days of the same user must not raise the weekly count).
 */
const FIRST_MONDAY = '2026-01-05';
const PLANTED: Record<string, number[]> = {
  // Baseline median 10; week 9 has 15 = exactly 1.5 x 10 and exactly 10 + 5: a spike (both bounds are "at least").
  Revit: [10, 10, 10, 10, 10, 10, 10, 10, 15, 10],
  // Week 9 has 14: 1.4 x the median and 4 above it: not a spike.
  AutoCAD: [10, 10, 10, 10, 10, 10, 10, 10, 14, 10],
  // Median 4; week 9 has 8 = 2 x the median but only 4 users above it: not a spike.
  Maya: [4, 4, 4, 4, 4, 4, 4, 4, 8, 4],
  // Median of 8 weeks [2,2,2,2,20,20,20,20] = (2 + 20) / 2 = 11; week 9 has 17 = 1.55 x 11 and 6 above it: a spike.
  // Week 5 (20 after four weeks of 2) has fewer than 8 weeks before it: not judged.
  'Navisworks Manage': [2, 2, 2, 2, 20, 20, 20, 20, 17, 2],
  // Unused for four weeks in the middle (zero weeks count in the median): median of [6,6,6,6,0,0,0,0] = 3; week 9 has 8 >= 4.5 and >= 3 + 5: a spike.
  'Civil 3D': [6, 6, 6, 6, 0, 0, 0, 0, 8, 6],
};

function plantedRows(): SessionFields[] {
  const rows: SessionFields[] = [];
  for (const [product, weeks] of Object.entries(PLANTED)) {
    weeks.forEach((users, w) => {
      const monday = addDays(FIRST_MONDAY, 7 * w);
      for (let u = 0; u < users; u++) {
        rows.push(useOn(`${product}-user-${u}`, product, monday));
        if (u % 2 === 0) rows.push(useOn(`${product}-user-${u}`, product, addDays(monday, 1)));
      }
    });
  }
  return rows;
}

let engine: Engine;
beforeAll(async () => {
  engine = newEngine();
  await engine.load([file('planted.csv', sessionsCsv(plantedRows()))]);
});
afterAll(async () => {
  await engine.close();
});

async function spikes(settings: Parameters<Engine['review']>[0] = {}): Promise<UsageSpikeFinding[]> {
  // Ten whole weeks: the window ends on the Sunday of week 10.
  const review = await engine.review({ window: { end: addDays(FIRST_MONDAY, 69), months: 3 }, ...settings });
  return review.rules.find((r) => r.rule === 'usage_spike')!.findings as UsageSpikeFinding[];
}

describe('usage_spike', () => {
  it('flags exactly the planted spikes, including the week exactly 1.5 x its median and 5 users above it', async () => {
    const week9 = addDays(FIRST_MONDAY, 56);
    expect(await spikes()).toEqual([
      { rule: 'usage_spike', product: 'Civil 3D', week_start: week9, week_end: addDays(week9, 6), users: 8, baseline_median: 3, ratio: 2.67, users_above_median: 5 },
      { rule: 'usage_spike', product: 'Navisworks Manage', week_start: week9, week_end: addDays(week9, 6), users: 17, baseline_median: 11, ratio: 1.55, users_above_median: 6 },
      { rule: 'usage_spike', product: 'Revit', week_start: week9, week_end: addDays(week9, 6), users: 15, baseline_median: 10, ratio: 1.5, users_above_median: 5 },
    ]);
  });

  it('does not judge weeks with fewer than 8 whole weeks before them inside the window', async () => {
    // A window starting at week 3 leaves week 9 with only 6 weeks before it.
    const review = await engine.review({ window: { end: addDays(FIRST_MONDAY, 69), months: 3 } });
    expect(review.window!.start).toBe(FIRST_MONDAY); // clamped to the first day of data
    const late = await spikes({ window: { end: addDays(FIRST_MONDAY, 69), months: 3 }, thresholds: { spike_baseline_weeks: 9 } });
    expect(late).toEqual([]);
  });

  it('ignores a partial last week: the week is judged only when it lies wholly inside the window', async () => {
    // Window ending on the Saturday of week 9: week 9 is not whole, so it is not a week of the series.
    const review = await engine.review({ window: { end: addDays(FIRST_MONDAY, 61), months: 3 } });
    expect(review.rules.find((r) => r.rule === 'usage_spike')!.findings).toEqual([]);
    expect(review.weekly_users.filter((w) => w.product === 'Revit').map((w) => w.users)).toEqual([10, 10, 10, 10, 10, 10, 10, 10]);
  });

  it('follows its settings: a lower ratio and minimum admit the near misses', async () => {
    const found = await spikes({ thresholds: { spike_ratio: 1.4, spike_min_users: 4 } });
    expect(found.map((f) => f.product)).toEqual(['AutoCAD', 'Civil 3D', 'Maya', 'Navisworks Manage', 'Revit']);
  });

  it('reports the rule wording with the settings in force', async () => {
    const review = await engine.review({ window: { end: addDays(FIRST_MONDAY, 69), months: 3 } });
    const rule = review.rules.find((r) => r.rule === 'usage_spike')!;
    expect(rule.settings).toEqual({ spike_ratio: 1.5, spike_min_users: 5, spike_baseline_weeks: 8 });
    expect(rule.definition).toContain('at least 1.5 x the median of the 8 weeks before it and at least 5 users above that median');
  });
});
