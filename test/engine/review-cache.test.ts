import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import { file, newEngine, sessionsCsv, useOn } from '../helpers/engine.ts';

let engine: Engine;
beforeAll(() => {
  engine = newEngine();
});
afterAll(async () => {
  await engine.close();
});

describe('the engine keeps its last review only while nothing changes', () => {
  it('answers the same settings from the review it holds, and runs again after a load, a catalogue change or a reset', async () => {
    await engine.load([file('a.csv', sessionsCsv([useOn('ann@corp.com', 'Revit', '2026-03-02')]))]);
    const first = await engine.review();
    expect(await engine.review()).toBe(first);
    expect((await engine.deliverables()).deliverables.review.overview.users).toBe(1);

    await engine.load([file('b.csv', sessionsCsv([useOn('bob@corp.com', 'Revit', '2026-03-03')]))]);
    const second = await engine.review();
    expect(second).not.toBe(first);
    expect(second.overview.users).toBe(2);
    expect((await engine.snapshot()).window?.end).toBe('2026-03-03');

    // Other settings are another review.
    expect((await engine.review({ window: { end: '2026-03-02' } })).window?.end).toBe('2026-03-02');

    // An edit no rule reads (the engagement, an exposure factor, the token pool) prices the same findings again: the rules' results
    // are the very same objects, the money and the settings are the new ones.
    const base = await engine.review();
    const renamed = await engine.review({ engagement: { client: 'Northwind Design' }, exposure: { negotiated_factor: 0.5 } });
    expect(renamed).not.toBe(base);
    expect(renamed.rules).toBe(base.rules);
    expect(renamed.settings.engagement.client).toBe('Northwind Design');
    expect(renamed.settings.exposure.negotiated_factor).toBe(0.5);
    // So is the token pool: its projection is made again from the tokens already counted.
    const pooled = await engine.review({ token_pool: { tokens: 100, start: null, end: null } });
    expect(pooled.rules).toBe(base.rules);
    expect(pooled.settings.token_pool.tokens).toBe(100);
    // A threshold is read by a rule: the rules run again.
    expect((await engine.review({ thresholds: { dormant_days: 91 } })).rules).not.toBe(base.rules);

    await engine.setCatalogue(await engine.catalogue());
    expect(await engine.review()).not.toBe(second);

    await engine.reset();
    expect((await engine.review()).overview.users).toBe(0);
  });
});
