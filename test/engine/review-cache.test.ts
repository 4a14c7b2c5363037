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

    await engine.setCatalogue(await engine.catalogue());
    expect(await engine.review()).not.toBe(second);

    await engine.reset();
    expect((await engine.review()).overview.users).toBe(0);
  });
});
