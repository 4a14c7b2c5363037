import { describe, expect, it } from 'vitest';
import type { TelemetryGapFinding } from '../../src/rules/telemetry-gap.ts';
import type { UsageSpikeFinding } from '../../src/rules/usage-spike.ts';
import type { WeeklyUsers } from '../../src/review/weekly-users.ts';
import {
  gapBands,
  gapBandsPlugin,
  POINT_RADIUS,
  PRODUCT_COLORS,
  SPIKE_COLOR,
  SPIKE_RADIUS,
  weeklyUsersChartConfig,
  weeklyUsersSeries,
} from '../../src/ui/charts/weekly-users-config.ts';

const WEEKS = ['2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26'];

// Deliberately out of order: the config sorts weeks and products itself.
const weekly: WeeklyUsers[] = [
  { product: 'Revit', week_start: '2026-01-12', users: 11 },
  { product: 'AutoCAD', week_start: '2026-01-26', users: 4 },
  { product: 'Revit', week_start: '2026-01-05', users: 10 },
  { product: 'AutoCAD', week_start: '2026-01-05', users: 3 },
  { product: 'Revit', week_start: '2026-01-26', users: 30 },
  { product: 'AutoCAD', week_start: '2026-01-12', users: 0 },
  { product: 'Revit', week_start: '2026-01-19', users: 12 },
  { product: 'AutoCAD', week_start: '2026-01-19', users: 9 },
];

const spike = (product: string, week_start: string, users: number): UsageSpikeFinding => ({
  rule: 'usage_spike',
  product,
  week_start,
  week_end: week_start.replace(/\d\d$/, (d) => String(Number(d) + 6).padStart(2, '0')),
  users,
  baseline_median: 11,
  ratio: Math.round((users / 11) * 100) / 100,
  users_above_median: users - 11,
});

const gap = (start: string, end: string, business_days: number): TelemetryGapFinding => ({
  rule: 'telemetry_gap',
  kind: 'no_usage',
  start,
  end,
  business_days,
  hours: null,
  file: null,
});

describe('weeklyUsersSeries', () => {
  it('orders weeks ascending and products alphabetically, one value per week', () => {
    const s = weeklyUsersSeries(weekly);
    expect(s.weeks).toEqual(WEEKS);
    expect(s.products).toEqual(['AutoCAD', 'Revit']);
    expect(s.users.get('AutoCAD')).toEqual([3, 0, 9, 4]);
    expect(s.users.get('Revit')).toEqual([10, 11, 12, 30]);
  });

  it('leaves a week the engine did not send as null, not zero', () => {
    const s = weeklyUsersSeries(weekly.filter((w) => !(w.product === 'AutoCAD' && w.week_start === '2026-01-19')));
    expect(s.users.get('AutoCAD')).toEqual([3, 0, null, 4]);
  });
});

describe('weeklyUsersChartConfig', () => {
  const spikes = [spike('Revit', '2026-01-26', 30)];
  const config = weeklyUsersChartConfig(weekly, spikes, []);
  const datasets = config.data.datasets;

  it('is a line chart over the weeks, without animation', () => {
    expect(config.type).toBe('line');
    expect(config.data.labels).toEqual(WEEKS);
    expect(config.options?.animation).toBe(false);
  });

  it('has one dataset per product with its weekly users', () => {
    expect(datasets.map((d) => d.label)).toEqual(['AutoCAD', 'Revit']);
    expect(datasets[0]?.data).toEqual([3, 0, 9, 4]);
    expect(datasets[1]?.data).toEqual([10, 11, 12, 30]);
    expect(datasets[0]?.borderColor).toBe(PRODUCT_COLORS[0]);
    expect(datasets[1]?.borderColor).toBe(PRODUCT_COLORS[1]);
  });

  it('marks exactly the spike weeks as larger red points on their own product line', () => {
    const revit = datasets[1]!;
    expect(revit.pointRadius).toEqual([POINT_RADIUS, POINT_RADIUS, POINT_RADIUS, SPIKE_RADIUS]);
    expect(revit.pointBackgroundColor).toEqual([PRODUCT_COLORS[1], PRODUCT_COLORS[1], PRODUCT_COLORS[1], SPIKE_COLOR]);
    // AutoCAD has a value in the same week but no spike: it stays unmarked.
    const autocad = datasets[0]!;
    expect(autocad.pointRadius).toEqual([POINT_RADIUS, POINT_RADIUS, POINT_RADIUS, POINT_RADIUS]);
    expect(autocad.pointBackgroundColor).not.toContain(SPIKE_COLOR);
  });

  it('draws lines with a spike on top (lower order), without reordering the legend', () => {
    expect(datasets.map((d) => d.order)).toEqual([1, 0]);
    const sort = config.options?.plugins?.legend?.labels?.sort as unknown as (a: { datasetIndex: number }, b: { datasetIndex: number }) => number;
    expect([{ datasetIndex: 1 }, { datasetIndex: 0 }].sort(sort).map((i) => i.datasetIndex)).toEqual([0, 1]);
  });

  it('marks several spikes, and ignores a spike for a week that is not charted', () => {
    const c = weeklyUsersChartConfig(weekly, [spike('AutoCAD', '2026-01-19', 9), spike('Revit', '2026-01-26', 30), spike('Revit', '2025-12-29', 40)], []);
    const radius = c.data.datasets.map((d) => d.pointRadius);
    expect(radius).toEqual([
      [POINT_RADIUS, POINT_RADIUS, SPIKE_RADIUS, POINT_RADIUS],
      [POINT_RADIUS, POINT_RADIUS, POINT_RADIUS, SPIKE_RADIUS],
    ]);
  });

  it('no product line is drawn in the spike colour', () => {
    expect(PRODUCT_COLORS).not.toContain(SPIKE_COLOR);
  });

  it('adds a tooltip line for spike points only', () => {
    const afterLabel = config.options?.plugins?.tooltip?.callbacks?.afterLabel as unknown as (item: { dataset: { label: string }; dataIndex: number }) => string | undefined;
    expect(afterLabel({ dataset: { label: 'Revit' }, dataIndex: 3 })).toBe('Spike: 2.73 × the baseline median of 11 (19 above it)');
    expect(afterLabel({ dataset: { label: 'AutoCAD' }, dataIndex: 3 })).toBeUndefined();
  });

  it('carries the gap bands in the plugin options and the plugin itself', () => {
    const c = weeklyUsersChartConfig(weekly, [], [gap('2026-01-12', '2026-01-16', 5)]);
    expect(c.plugins).toContain(gapBandsPlugin);
    expect(c.options?.plugins?.gapBands?.bands).toEqual([{ from: 0.5, to: expect.closeTo(0.5 + 5 / 7), start: '2026-01-12', end: '2026-01-16', business_days: 5 }]);
  });

  it('handles an empty review', () => {
    const c = weeklyUsersChartConfig([], [], []);
    expect(c.data.labels).toEqual([]);
    expect(c.data.datasets).toEqual([]);
  });
});

describe('gapBands', () => {
  it('places a whole working week on its week (index 1 spans 0.5 to 1.5)', () => {
    const [band] = gapBands(WEEKS, [gap('2026-01-12', '2026-01-16', 5)]);
    expect(band?.from).toBe(0.5);
    expect(band?.to).toBeCloseTo(0.5 + 5 / 7);
  });

  it('places a single day by its weekday', () => {
    // Wednesday of the third week: 2 days in.
    const [band] = gapBands(WEEKS, [gap('2026-01-21', '2026-01-21', 1)]);
    expect(band?.from).toBeCloseTo(1.5 + 2 / 7);
    expect(band?.to).toBeCloseTo(1.5 + 3 / 7);
  });

  it('clips bands to the charted weeks and drops gaps wholly outside them', () => {
    const bands = gapBands(WEEKS, [gap('2025-12-31', '2026-01-06', 4), gap('2026-02-02', '2026-02-03', 2), gap('2025-12-01', '2025-12-02', 2)]);
    expect(bands).toHaveLength(1);
    expect(bands[0]?.from).toBe(-0.5);
    expect(bands[0]?.to).toBeCloseTo(-0.5 + 2 / 7);
  });

  it('has no bands without weeks', () => {
    expect(gapBands([], [gap('2026-01-12', '2026-01-16', 5)])).toEqual([]);
  });
});
