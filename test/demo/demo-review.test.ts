import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import type { DemoPlan } from '../../src/demo/estate.ts';
import type { Review } from '../../src/money/money-review.ts';
import { demoEngine } from '../helpers/demo.ts';

const plan = JSON.parse(readFileSync(new URL('../../public/demo/demo-plan.json', import.meta.url), 'utf8')) as DemoPlan;

// The session CSV first, then the demo's exports (the worker's shared engine): the exports add no week, spike or gap.
let engine: Engine;
let review: Review;
beforeAll(async () => {
  engine = await demoEngine();
  review = await engine.review({ window: { months: 18 } });
});

/** The engine finds, in the shipped demo estate, what the generator's plan says it planted. */
describe('the demo estate reviewed by the engine', () => {
  it('loads every row and spans the planned period', async () => {
    const [report] = await engine.ingestReports();
    expect(report).toMatchObject({ status: 'loaded', rows_rejected: 0, encoding: 'utf-8 (gzip)' });
    expect(report!.rows_loaded).toBe(report!.rows_read);
    expect(review.overview.first_day).toBe(plan.period.start);
    expect(review.overview.last_day).toBe(plan.period.end);
    expect(review.window).toMatchObject({ start: plan.period.start, end: plan.period.end });
  });

  it('finds the planted spike and no other', () => {
    const spikes = review.rules.find((r) => r.rule === 'usage_spike')!.findings;
    expect(spikes).toHaveLength(1);
    expect(spikes[0]).toMatchObject({ product: plan.spike.product, week_start: plan.spike.weekStart, week_end: plan.spike.weekEnd });
  });

  it('finds the planted telemetry-gap week as the only gap', () => {
    const gaps = review.rules.find((r) => r.rule === 'telemetry_gap')!.findings;
    // The planned silent week runs Monday to Sunday: its business days are Monday to Friday.
    const friday = new Date(Date.parse(`${plan.telemetryGap.start}T00:00:00Z`) + 4 * 86_400_000).toISOString().slice(0, 10);
    expect(gaps).toEqual([{ rule: 'telemetry_gap', kind: 'no_usage', start: plan.telemetryGap.start, end: friday, business_days: 5, hours: null, file: null }]);
  });
});
