import { describe, expect, it } from 'vitest';
import type { UsageSpikeFinding } from '../../../src/rules/usage-spike.ts';
import type { DailyUsers, DailyUsersSeries } from '../../../src/review/daily-users.ts';
import { gapBandsPlugin, SPIKE_COLOR } from '../../../src/ui/charts/weekly-users-config.ts';
import {
  HWM_COLOR,
  OVER_SEATS_COLOR,
  P95_COLOR,
  productsWithDailyUsers,
  productToShowFirst,
  REFERENCE_DASH,
  SEATS_COLOR,
  SPIKE_BAND_COLOR,
  spikeBands,
  USERS_COLOR,
  usersVsSeatsChartConfig,
  usersVsSeatsTableRows,
} from '../../../src/ui/charts/users-vs-seats-config.ts';

// Revit over ten days from Monday 2026-01-05: no seat count on the first two, then 5 seats.
const DAYS = ['2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09', '2026-01-10', '2026-01-11', '2026-01-12', '2026-01-13', '2026-01-14'];
const USERS = [3, 4, 6, 5, 5, 7, 2, 0, 6, 1];
const SEATS = [null, null, 5, 5, 5, 5, 5, 5, 5, 5];

const revit: DailyUsers[] = DAYS.map((day, i) => ({ product: 'Revit', day, users: USERS[i] ?? 0, seats: SEATS[i] ?? null }));
const autocad: DailyUsers[] = DAYS.map((day) => ({ product: 'AutoCAD', day, users: 9, seats: 1 }));

// Out of order on purpose: the builder sorts days itself.
const series: DailyUsersSeries = {
  days: [...autocad, ...revit.slice(5), ...revit.slice(0, 5)],
  stats: [
    { product: 'AutoCAD', high_water_mark: 9, high_water_date: '2026-01-05', p95: 9, days_over: 10 },
    { product: 'Revit', high_water_mark: 7, high_water_date: '2026-01-10', p95: 6.55, days_over: 3 },
  ],
};

const spike = (product: string, week_start: string, week_end: string): UsageSpikeFinding => ({
  rule: 'usage_spike',
  product,
  week_start,
  week_end,
  users: 12,
  baseline_median: 4,
  ratio: 3,
  users_above_median: 8,
});

const spikes = [
  spike('Revit', '2026-01-12', '2026-01-18'),
  spike('AutoCAD', '2026-01-05', '2026-01-11'),
  spike('Revit', '2025-12-29', '2026-01-04'),
];

describe('productsWithDailyUsers', () => {
  it('lists each product once, alphabetically', () => {
    expect(productsWithDailyUsers(series)).toEqual(['AutoCAD', 'Revit']);
    expect(productsWithDailyUsers({ days: [], stats: [] })).toEqual([]);
  });
});

describe('usersVsSeatsChartConfig', () => {
  const config = usersVsSeatsChartConfig(series, spikes, 'Revit');
  const [users, seats, over, hwm, p95] = config.data.datasets;

  it('is a line chart over the product days in order, without animation', () => {
    expect(config.type).toBe('line');
    expect(config.data.labels).toEqual(DAYS);
    expect(config.options?.animation).toBe(false);
    expect(config.options?.scales?.['x']?.type).toBe('category');
  });

  it('draws users, seats, the over-seat points and the two reference lines, in that order', () => {
    expect(config.data.datasets.map((d) => d.label)).toEqual([
      'Named users',
      'Seats S(d)',
      'Users above seats (3 days)',
      'High-water mark: 7 users on 2026-01-10',
      '95th percentile: 6.55 users',
    ]);
    expect(users?.data).toEqual([3, 4, 6, 5, 5, 7, 2, 0, 6, 1]);
    expect(users?.borderColor).toBe(USERS_COLOR);
  });

  it('draws seats as a stepped line with gaps where there is no seat count', () => {
    expect(seats?.data).toEqual([null, null, 5, 5, 5, 5, 5, 5, 5, 5]);
    expect(seats?.stepped).toBe('middle');
    expect(seats?.spanGaps).toBe(false);
    expect(seats?.borderColor).toBe(SEATS_COLOR);
  });

  it('marks exactly the days with more users than seats, in red', () => {
    // 6 > 5 on the 7th, 7 > 5 on the 10th, 6 > 5 on the 13th; 3 and 4 users without seats are not judged.
    expect(over?.data).toEqual([null, null, 6, null, null, 7, null, null, 6, null]);
    expect(over?.showLine).toBe(false);
    expect(over?.backgroundColor).toBe(OVER_SEATS_COLOR);
    expect(over?.borderColor).toBe(OVER_SEATS_COLOR);
    expect(OVER_SEATS_COLOR).toBe(SPIKE_COLOR);
    expect(over?.order).toBe(0);
  });

  it('draws the high-water mark and the 95th percentile as dashed constant lines', () => {
    expect(hwm?.data).toEqual(DAYS.map(() => 7));
    expect(p95?.data).toEqual(DAYS.map(() => 6.55));
    expect(hwm?.borderColor).toBe(HWM_COLOR);
    expect(p95?.borderColor).toBe(P95_COLOR);
    expect(hwm?.borderDash).toEqual([6, 4]);
    expect(p95?.borderDash).toEqual(REFERENCE_DASH);
  });

  it("shades the product's spike weeks only, over the days they cover", () => {
    expect(config.plugins).toContain(gapBandsPlugin);
    expect(config.options?.plugins?.gapBands?.color).toBe(SPIKE_BAND_COLOR);
    // The week of the 12th covers days 7 to 9 (it runs past the chart); the AutoCAD spike and the December week are left out.
    expect(config.options?.plugins?.gapBands?.bands).toEqual([{ from: 6.5, to: 9.5, start: '2026-01-12', end: '2026-01-18' }]);
  });

  it('says in the tooltip footer how far a day is over and which spike week it is in', () => {
    const footer = config.options?.plugins?.tooltip?.callbacks?.footer as unknown as (items: { dataIndex: number }[]) => string[];
    expect(footer([{ dataIndex: 8 }])).toEqual([
      '1 user above the seats',
      'Spike week 2026-01-12 – 2026-01-18: 12 users, 3 × the baseline median of 4',
    ]);
    expect(footer([{ dataIndex: 5 }])).toEqual(['2 users above the seats']);
    expect(footer([{ dataIndex: 0 }])).toEqual([]);
  });

  it('keeps the reference lines and the repeated red points out of the tooltip', () => {
    const filter = config.options?.plugins?.tooltip?.filter as unknown as (item: { datasetIndex: number }) => boolean;
    expect([0, 1, 2, 3, 4].map((datasetIndex) => filter({ datasetIndex }))).toEqual([true, true, false, false, false]);
  });

  it('charts another product on its own numbers', () => {
    const c = usersVsSeatsChartConfig(series, spikes, 'AutoCAD');
    expect(c.data.datasets[0]?.data).toEqual(DAYS.map(() => 9));
    expect(c.data.datasets[2]?.data).toEqual(DAYS.map(() => 9));
    expect(c.data.datasets[3]?.label).toBe('High-water mark: 9 users on 2026-01-05');
    expect(c.options?.plugins?.gapBands?.bands).toEqual([{ from: -0.5, to: 6.5, start: '2026-01-05', end: '2026-01-11' }]);
  });

  it('says when a product has no seat count, and draws no reference line without statistics', () => {
    const c = usersVsSeatsChartConfig({ days: [{ product: 'Maya', day: '2026-01-05', users: 2, seats: null }], stats: [] }, [], 'Maya');
    expect(c.data.datasets.map((d) => d.label)).toEqual(['Named users', 'Seats S(d): no seat count', 'Users above seats (0 days)']);
    expect(c.options?.plugins?.gapBands?.bands).toEqual([]);
  });

  it('shows a lone day with seats as a point, since a line needs two', () => {
    const lone: DailyUsersSeries = {
      days: [
        { product: 'Maya', day: '2026-01-05', users: 1, seats: null },
        { product: 'Maya', day: '2026-01-06', users: 1, seats: 2 },
        { product: 'Maya', day: '2026-01-07', users: 1, seats: null },
        { product: 'Maya', day: '2026-01-08', users: 1, seats: 2 },
        { product: 'Maya', day: '2026-01-09', users: 1, seats: 2 },
      ],
      stats: [],
    };
    expect(usersVsSeatsChartConfig(lone, [], 'Maya').data.datasets[1]?.pointRadius).toEqual([0, 2, 0, 0, 0]);
  });

  it('handles a product without days', () => {
    const c = usersVsSeatsChartConfig(series, spikes, 'Inventor');
    expect(c.data.labels).toEqual([]);
    expect(c.data.datasets[0]?.data).toEqual([]);
  });
});

describe('usersVsSeatsTableRows', () => {
  const rows = usersVsSeatsTableRows(series, spikes, 'Revit');

  it('lists each day with the numbers the chart draws', () => {
    const config = usersVsSeatsChartConfig(series, spikes, 'Revit');
    expect(rows.map((r) => r.day)).toEqual(config.data.labels);
    expect(rows.map((r) => r.users)).toEqual(config.data.datasets[0]?.data);
    expect(rows.map((r) => r.seats)).toEqual(config.data.datasets[1]?.data);
    expect(rows.map((r) => (r.over_seats ? r.users : null))).toEqual(config.data.datasets[2]?.data);
  });

  it('flags the over-seat days and the days of a spike week', () => {
    expect(rows.filter((r) => r.over_seats).map((r) => r.day)).toEqual(['2026-01-07', '2026-01-10', '2026-01-13']);
    expect(rows.map((r) => r.spike_week)).toEqual([null, null, null, null, null, null, null, '2026-01-12', '2026-01-12', '2026-01-12']);
  });
});

describe('spikeBands', () => {
  it('spans a whole week of charted days from edge to edge', () => {
    const days = ['2026-01-04', ...DAYS.slice(0, 8)];
    expect(spikeBands(days, [spike('Revit', '2026-01-05', '2026-01-11')], 'Revit')).toEqual([
      { from: 0.5, to: 7.5, start: '2026-01-05', end: '2026-01-11' },
    ]);
  });

  it('has no bands without days', () => {
    expect(spikeBands([], spikes, 'Revit')).toEqual([]);
  });
});

describe('productToShowFirst', () => {
  const stat = (product: string, high_water_mark: number, days_over: number) => ({ product, high_water_mark, high_water_date: '2026-01-05', p95: 1, days_over });
  it('opens on the product most often above its seats, then the highest high-water mark, then by name', () => {
    expect(productToShowFirst({ days: [], stats: [stat('3ds Max', 47, 0), stat('AutoCAD LT', 20, 3), stat('Revit', 90, 2)] })).toBe('AutoCAD LT');
    expect(productToShowFirst({ days: [], stats: [stat('Maya', 5, 0), stat('Civil 3D', 9, 0)] })).toBe('Civil 3D');
    expect(productToShowFirst({ days: [], stats: [stat('Maya', 5, 0), stat('Civil 3D', 5, 0)] })).toBe('Civil 3D');
    expect(productToShowFirst({ days: [], stats: [] })).toBeNull();
  });
});
