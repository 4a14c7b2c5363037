import type { ChartConfiguration, TooltipItem } from 'chart.js';
import type { UsageSpikeFinding } from '../../rules/usage-spike.ts';
import type { DailyUsersSeries, DailyUsersStats } from '../../review/daily-users.ts';
import { formatCount, formatDecimal, formatRatio } from '../format.ts';
import { baseOptions, bottomLegend, byDatasetIndex } from './common.ts';
import { gapBandsPlugin, SPIKE_COLOR, type AxisBand } from './weekly-users-config.ts';

/**
 * One product's daily named users against its seats S(d) (rule 8) as chart data: users as a line, seats as a
 * stepped line broken where no seat-counted entitlement covers the day, the window's high-water mark and 95th
 * percentile as dashed reference lines, days with more users than seats as red points, and the product's spike
 * weeks (rule 9) as light red bands behind the lines. Pure: no canvas, no DOM, unit-tested in Node.
 */

export const USERS_COLOR = '#0072b2';
export const SEATS_COLOR = '#4d4d4d';
export const HWM_COLOR = '#e69f00';
export const P95_COLOR = '#009e73';
export const OVER_SEATS_COLOR = SPIKE_COLOR;
export const OVER_SEATS_RADIUS = 4;
export const SPIKE_BAND_COLOR = 'rgba(209, 20, 27, 0.12)';
export const REFERENCE_DASH = [6, 4];

export type UsersVsSeatsChartConfig = ChartConfiguration<'line', (number | null)[], string>;

/** One day of the chart, as drawn and as the table lists it. */
export interface UsersSeatsRow {
  day: string;
  users: number;
  /** S(d); null when no seat-counted entitlement covers the product that day (the seats line is broken there). */
  seats: number | null;
  /** users > S(d): drawn as a red point. */
  over_seats: boolean;
  /** The Monday of the product's spike week holding this day, or null. */
  spike_week: string | null;
}

/** Products with a daily series (named-user use or a seat count in the window), alphabetical: the product selector. */
export function productsWithDailyUsers(series: DailyUsersSeries): string[] {
  return [...new Set(series.days.map((d) => d.product))].sort((a, b) => a.localeCompare(b, 'en'));
}

/** The product to open on: the one with the most days above its seats, then the highest high-water mark, then by name. */
export function productToShowFirst(series: DailyUsersSeries): string | null {
  const ranked = [...series.stats].sort(
    (a, b) => b.days_over - a.days_over || b.high_water_mark - a.high_water_mark || a.product.localeCompare(b.product, 'en'),
  );
  return ranked[0]?.product ?? productsWithDailyUsers(series)[0] ?? null;
}

/** The product's window statistics behind the reference lines, or null when the engine sent none. */
export function productStats(series: DailyUsersSeries, product: string): DailyUsersStats | null {
  return series.stats.find((s) => s.product === product) ?? null;
}

const productSpikes = (spikes: readonly UsageSpikeFinding[], product: string) =>
  spikes.filter((s) => s.product === product).sort((a, b) => a.week_start.localeCompare(b.week_start));

/** The chart's days for one product, ascending, with the numbers drawn on each. */
export function usersVsSeatsTableRows(series: DailyUsersSeries, spikes: readonly UsageSpikeFinding[], product: string): UsersSeatsRow[] {
  const weeks = productSpikes(spikes, product);
  return series.days
    .filter((d) => d.product === product)
    .sort((a, b) => a.day.localeCompare(b.day))
    .map((d) => ({
      day: d.day,
      users: d.users,
      seats: d.seats,
      over_seats: d.seats !== null && d.users > d.seats,
      spike_week: weeks.find((w) => w.week_start <= d.day && d.day <= w.week_end)?.week_start ?? null,
    }));
}

/**
 * Spike weeks as bands over the category axis of days: day i spans [i - 0.5, i + 0.5], so a week covers from its
 * first charted day's left edge to its last charted day's right edge. Weeks wholly outside the days are left out.
 * The bands are drawn by the weekly chart's band plugin, in another colour.
 */
export interface SpikeBand extends AxisBand {
  start: string;
  end: string;
}

export function spikeBands(days: readonly string[], spikes: readonly UsageSpikeFinding[], product: string): SpikeBand[] {
  const bands: SpikeBand[] = [];
  for (const s of productSpikes(spikes, product)) {
    const first = days.findIndex((d) => d >= s.week_start && d <= s.week_end);
    if (first < 0) continue;
    let last = first;
    while (last + 1 < days.length && (days[last + 1] ?? '') <= s.week_end) last++;
    bands.push({ from: first - 0.5, to: last + 0.5, start: s.week_start, end: s.week_end });
  }
  return bands;
}

export const highWaterLabel = (stats: DailyUsersStats) =>
  `High-water mark: ${formatCount(stats.high_water_mark)} users on ${stats.high_water_date}`;
// The engine rounds p95 to two decimals: the label shows the line's exact height.
const twoDecimals = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
export const p95Label = (stats: DailyUsersStats) => `95th percentile: ${twoDecimals.format(stats.p95)} users`;

/** The chart.js configuration for one product. Inputs are plain data (snapshots), never reactive proxies. */
export function usersVsSeatsChartConfig(series: DailyUsersSeries, spikes: readonly UsageSpikeFinding[], product: string): UsersVsSeatsChartConfig {
  const rows = usersVsSeatsTableRows(series, spikes, product);
  const days = rows.map((r) => r.day);
  const stats = productStats(series, product);
  const overDays = rows.filter((r) => r.over_seats).length;
  const counted = rows.some((r) => r.seats !== null);
  const spikeAt = new Map(productSpikes(spikes, product).map((s) => [s.week_start, s]));
  const line = { borderWidth: 2, tension: 0, spanGaps: false, pointRadius: 0, pointHoverRadius: 3 };
  const reference = (label: string, value: number, color: string) => ({
    label,
    order: 2,
    data: days.map(() => value),
    borderColor: color,
    backgroundColor: color,
    borderWidth: 1.5,
    borderDash: REFERENCE_DASH,
    pointRadius: 0,
    pointHoverRadius: 0,
  });

  const datasets = [
    { ...line, label: 'Named users', order: 1, data: rows.map((r) => r.users), borderColor: USERS_COLOR, backgroundColor: USERS_COLOR },
    {
      ...line,
      label: counted ? 'Seats S(d)' : 'Seats S(d): no seat count',
      order: 1,
      data: rows.map((r) => r.seats),
      stepped: 'middle' as const,
      borderColor: SEATS_COLOR,
      backgroundColor: SEATS_COLOR,
      // A day with seats between two days without would draw nothing as a line.
      pointRadius: rows.map((r, i) => (r.seats !== null && (rows[i - 1]?.seats ?? null) === null && (rows[i + 1]?.seats ?? null) === null ? 2 : 0)),
    },
    {
      label: `Users above seats (${formatCount(overDays)} ${overDays === 1 ? 'day' : 'days'})`,
      // Drawn last (lowest order), so neither line hides a red point.
      order: 0,
      data: rows.map((r) => (r.over_seats ? r.users : null)),
      showLine: false,
      borderColor: OVER_SEATS_COLOR,
      backgroundColor: OVER_SEATS_COLOR,
      pointRadius: OVER_SEATS_RADIUS,
      pointHoverRadius: OVER_SEATS_RADIUS + 2,
    },
    ...(stats ? [reference(highWaterLabel(stats), stats.high_water_mark, HWM_COLOR), reference(p95Label(stats), stats.p95, P95_COLOR)] : []),
  ];

  const footer = (items: TooltipItem<'line'>[]): string[] => {
    const row = rows[items[0]?.dataIndex ?? -1];
    if (!row) return [];
    const notes: string[] = [];
    if (row.over_seats && row.seats !== null) {
      const above = row.users - row.seats;
      notes.push(`${formatCount(above)} ${above === 1 ? 'user' : 'users'} above the seats`);
    }
    const spike = row.spike_week === null ? undefined : spikeAt.get(row.spike_week);
    if (spike) {
      const ratio = spike.ratio === null ? '' : `${formatRatio(spike.ratio)} `;
      notes.push(`Spike week ${spike.week_start} – ${spike.week_end}: ${formatCount(spike.users)} users, ${ratio}the baseline median of ${formatDecimal(spike.baseline_median)}`);
    }
    return notes;
  };

  return {
    type: 'line',
    data: { labels: days, datasets },
    options: {
      ...baseOptions(),
      scales: {
        x: { type: 'category', title: { display: true, text: 'Day (UTC)' }, ticks: { maxRotation: 0, autoSkipPadding: 16 } },
        // Headroom keeps the high-water mark's line and red points off the chart's top edge.
        y: { type: 'linear', beginAtZero: true, grace: '5%', title: { display: true, text: 'Named users and seats' }, ticks: { precision: 0 } },
      },
      plugins: {
        legend: bottomLegend(byDatasetIndex),
        // The reference lines are constant and labelled in the legend; the red point repeats the users value.
        tooltip: { filter: (item) => item.datasetIndex < 2, itemSort: byDatasetIndex, callbacks: { footer } },
        // The weekly chart's band plugin, here carrying spike weeks in red rather than telemetry gaps.
        gapBands: { bands: spikeBands(days, spikes, product), color: SPIKE_BAND_COLOR },
      },
    },
    plugins: [gapBandsPlugin],
  };
}
