import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import type { TelemetryGapFinding } from '../../src/rules/telemetry-gap.ts';
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
      { rule: 'telemetry_gap', kind: 'no_usage', start: '2026-01-15', end: '2026-01-20', business_days: 4, hours: null, file: null },
      { rule: 'telemetry_gap', kind: 'no_usage', start: '2026-01-28', end: '2026-01-28', business_days: 1, hours: null, file: null },
    ]);
  });

  it('judges business days up to the window end, even after the last usage day', async () => {
    // Window ends Tuesday 10 February: Monday 9 and Tuesday 10 have no usage (the weekend before is not a business day).
    const found = await gaps('2026-02-10');
    expect(found.at(-1)).toEqual({ rule: 'telemetry_gap', kind: 'no_usage', start: '2026-02-09', end: '2026-02-10', business_days: 2, hours: null, file: null });
  });

  it('reports nothing for a window that ends before the silences', async () => {
    expect(await gaps('2026-01-14')).toEqual([]);
  });
});

describe('telemetry_gap on a licence-server log', () => {
  // Silent from Monday 2 March 09:10 to Tuesday 3 March 15:00: 29 h 50 min without a line, more than 24 h.
  const LOG = [
    ' 8:00:00 (lmgrd) FlexNet Licensing (v11.18.0.0 build 1 x64_n6) started on SERVER01 (IBM PC) (3/2/2026)',
    ' 8:00:01 (lmgrd) TIMESTAMP 3/2/2026',
    ' 8:10:00 (adskflex) OUT: "64300ACD_F" bob@ws12',
    ' 8:10:00 (adskflex) OUT: "87545ACD_2022_0F" bob@ws12',
    ' 9:10:00 (adskflex) IN: "64300ACD_F" bob@ws12',
    ' 9:10:00 (adskflex) IN: "87545ACD_2022_0F" bob@ws12',
    '15:00:00 (lmgrd) TIMESTAMP 3/3/2026',
    '15:10:00 (adskflex) OUT: "64300ACD_F" bob@ws12',
    '15:10:00 (adskflex) OUT: "87545ACD_2022_0F" bob@ws12',
    '16:10:00 (adskflex) IN: "64300ACD_F" bob@ws12',
    '16:10:00 (adskflex) IN: "87545ACD_2022_0F" bob@ws12',
  ].join('\n');

  it('lists a coverage hole of more than 24 h with its hours and its log', async () => {
    const logEngine = newEngine();
    try {
      const [report] = await logEngine.load([file('server.log', LOG)]);
      expect(report).toMatchObject({ kind: 'flexnet_log', status: 'loaded', rows_read: 8, rows_loaded: 8, rows_rejected: 0, rows_new: 2 });
      const review = await logEngine.review({ window: { end: '2026-03-03', months: 3 } });
      const found = review.rules.find((r) => r.rule === 'telemetry_gap')!.findings;
      expect(found).toEqual([
        { rule: 'telemetry_gap', kind: 'log_coverage', start: '2026-03-02T09:10:00Z', end: '2026-03-03T15:00:00Z', business_days: null, hours: 29.8, file: 'server.log' },
      ]);
    } finally {
      await logEngine.close();
    }
  });
});
