import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import type { TelemetryGapFinding } from '../../src/engine/api.ts';
import { addDays, file, newEngine, sessionsCsv, useOn, type SessionFields } from '../helpers/engine.ts';

/**
 * Usage on every business day from Monday 2026-01-05 to Friday 2026-02-06, except the planted silences:
 * - Thursday 15 to Tuesday 20 January: four business days over a weekend, with a session on Saturday 17
 *   (weekend use does not break a run of silent business days);
 * - Wednesday 28 January alone.
 */
const SILENT = new Set(['2026-01-15', '2026-01-16', '2026-01-19', '2026-01-20', '2026-01-28']);

function plantedRows(): SessionFields[] {
  const rows: SessionFields[] = [useOn('weekend-worker', 'Revit', '2026-01-17')];
  for (let d = 0; d < 33; d++) {
    const day = addDays('2026-01-05', d);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !SILENT.has(day)) rows.push(useOn('alice', 'AutoCAD', day));
  }
  return rows;
}

let engine: Engine;
beforeAll(async () => {
  engine = newEngine();
  await engine.load([file('gaps.csv', sessionsCsv(plantedRows()))]);
});
afterAll(async () => {
  await engine.close();
});

async function gaps(end: string): Promise<TelemetryGapFinding[]> {
  const review = await engine.review({ window: { end, months: 3 } });
  return review.rules.find((r) => r.rule === 'telemetry_gap')!.findings as TelemetryGapFinding[];
}

describe('telemetry_gap', () => {
  it('reports silent business days as ranges, joining a Friday and the next Monday across a weekend', async () => {
    expect(await gaps('2026-02-06')).toEqual([
      { rule: 'telemetry_gap', kind: 'no_usage', start: '2026-01-15', end: '2026-01-20', business_days: 4 },
      { rule: 'telemetry_gap', kind: 'no_usage', start: '2026-01-28', end: '2026-01-28', business_days: 1 },
    ]);
  });

  it('judges business days up to the window end, even after the last usage day', async () => {
    // Window ends Tuesday 10 February: Monday 9 and Tuesday 10 have no usage (the weekend before is not a business day).
    const found = await gaps('2026-02-10');
    expect(found.at(-1)).toEqual({ rule: 'telemetry_gap', kind: 'no_usage', start: '2026-02-09', end: '2026-02-10', business_days: 2 });
  });

  it('reports nothing for a window that ends before the silences', async () => {
    expect(await gaps('2026-01-14')).toEqual([]);
  });
});
