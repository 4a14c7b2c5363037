import type { ChartConfiguration, ChartType, Plugin, TooltipItem } from 'chart.js';
import { dayNumber } from '../../lib/days.ts';
import type { TelemetryGapFinding } from '../../rules/telemetry-gap.ts';
import type { UsageSpikeFinding } from '../../rules/usage-spike.ts';
import type { WeeklyUsers } from '../../review/weekly-users.ts';
import { baseOptions, bottomLegend, byDatasetIndex } from './common.ts';

/**
 * The weekly distinct users chart as data: one line per product, spikes (rulebook 9) as larger red points on
 * their product's line, telemetry gaps (rulebook 11) as light bands behind the lines. Pure: no canvas, no DOM,
 * so it is unit-tested in Node; the component only hands the result to chart.js.
 */

/** Product line colours: colour-blind-safe (Okabe-Ito first), and none of them red, which marks spikes. */
export const PRODUCT_COLORS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#6a3d9a', '#8c6d31', '#4d4d4d', '#b8a000', '#17807e'] as const;
export const SPIKE_COLOR = '#d1141b';
export const SPIKE_RADIUS = 7;
export const POINT_RADIUS = 2;
export const GAP_BAND_COLOR = 'rgba(232, 160, 0, 0.16)';

/** A band behind a chart's datasets on a category x axis: `from` and `to` are fractional indices (edges, not centres). */
export interface AxisBand {
  from: number;
  to: number;
}

/** A telemetry gap placed on the week axis. */
export interface GapBand extends AxisBand {
  start: string;
  end: string;
  business_days: number;
}

export interface GapBandsOptions {
  bands: AxisBand[];
  color: string;
}

declare module 'chart.js' {
  interface PluginOptionsByType<TType extends ChartType> {
    gapBands?: Partial<GapBandsOptions>;
  }
}

export type WeeklyUsersChartConfig = ChartConfiguration<'line', (number | null)[], string>;

export interface WeeklyUsersSeries {
  /** Week starts (Mondays, YYYY-MM-DD), ascending: the x axis. */
  weeks: string[];
  /** Products, alphabetical: one line each. */
  products: string[];
  /** users[product][week index]; null when the engine sent no value for that week. */
  users: Map<string, (number | null)[]>;
}


/** Weeks and products in display order, and each product's users per week. */
export function weeklyUsersSeries(weekly: readonly WeeklyUsers[]): WeeklyUsersSeries {
  const weeks = [...new Set(weekly.map((w) => w.week_start))].sort();
  const products = [...new Set(weekly.map((w) => w.product))].sort((a, b) => a.localeCompare(b, 'en'));
  const index = new Map(weeks.map((w, i) => [w, i]));
  const users = new Map(products.map((p) => [p, weeks.map((): number | null => null)]));
  for (const w of weekly) {
    const row = users.get(w.product);
    const at = index.get(w.week_start);
    if (row && at !== undefined) row[at] = w.users;
  }
  return { weeks, products, users };
}

/** A key for one (product, week) point. */
export const pointKey = (product: string, weekStart: string) => `${product}\u0000${weekStart}`;

/**
 * Telemetry gaps as bands over the week axis. Week i is centred on index i and spans [i - 0.5, i + 0.5) over
 * its seven days, so a gap from day s to day e covers [s, e + 1 day). Bands are clipped to the charted weeks;
 * gaps wholly outside them (in part-weeks at the window's edges) are left out of the chart, not the findings.
 * Only days without usage are drawn: a licence-server log's coverage hole is listed with the findings, not charted.
 */
export function gapBands(weeks: readonly string[], gaps: readonly TelemetryGapFinding[]): GapBand[] {
  const first = weeks[0];
  if (first === undefined) return [];
  const origin = dayNumber(first);
  const lo = -0.5;
  const hi = weeks.length - 0.5;
  const bands: GapBand[] = [];
  for (const g of gaps) {
    if (g.kind !== 'no_usage' || g.business_days === null) continue;
    const from = Math.max(lo, (dayNumber(g.start) - origin) / 7 - 0.5);
    const to = Math.min(hi, (dayNumber(g.end) + 1 - origin) / 7 - 0.5);
    if (to > from) bands.push({ from, to, start: g.start, end: g.end, business_days: g.business_days });
  }
  return bands;
}

/** Draws the gap bands behind the datasets, inside the chart area. Options come from `options.plugins.gapBands`. */
export const gapBandsPlugin: Plugin<'line', Partial<GapBandsOptions>> = {
  id: 'gapBands',
  defaults: { bands: [], color: GAP_BAND_COLOR },
  beforeDatasetsDraw(chart, _args, options) {
    const bands = options.bands ?? [];
    const x = chart.scales['x'];
    if (!x || bands.length === 0) return;
    const { left, right, top, bottom } = chart.chartArea;
    const { ctx } = chart;
    ctx.save();
    ctx.fillStyle = options.color ?? GAP_BAND_COLOR;
    for (const band of bands) {
      const x0 = Math.max(left, x.getPixelForValue(band.from));
      const x1 = Math.min(right, x.getPixelForValue(band.to));
      if (x1 > x0) ctx.fillRect(x0, top, Math.max(1, x1 - x0), bottom - top);
    }
    ctx.restore();
  },
};

/** The chart.js configuration. Inputs are plain data (snapshots), never reactive proxies. */
export function weeklyUsersChartConfig(
  weekly: readonly WeeklyUsers[],
  spikes: readonly UsageSpikeFinding[],
  gaps: readonly TelemetryGapFinding[],
): WeeklyUsersChartConfig {
  const series = weeklyUsersSeries(weekly);
  const spikeAt = new Map(spikes.map((s) => [pointKey(s.product, s.week_start), s]));

  const datasets = series.products.map((product, i) => {
    const color = PRODUCT_COLORS[i % PRODUCT_COLORS.length] ?? PRODUCT_COLORS[0];
    const isSpike = series.weeks.map((week) => spikeAt.has(pointKey(product, week)));
    return {
      label: product,
      // chart.js draws lower `order` last: lines with a spike go on top, so no other line hides the red point.
      order: isSpike.includes(true) ? 0 : 1,
      data: series.users.get(product) ?? [],
      borderColor: color,
      backgroundColor: color,
      borderWidth: 2,
      tension: 0,
      spanGaps: false,
      pointRadius: isSpike.map((s) => (s ? SPIKE_RADIUS : POINT_RADIUS)),
      pointHoverRadius: isSpike.map((s) => (s ? SPIKE_RADIUS + 2 : POINT_RADIUS + 2)),
      pointBackgroundColor: isSpike.map((s) => (s ? SPIKE_COLOR : color)),
      // A white ring keeps a spike readable where other lines cross it.
      pointBorderColor: isSpike.map((s) => (s ? '#ffffff' : color)),
      pointBorderWidth: isSpike.map((s) => (s ? 2 : 1)),
    };
  });

  const spikeNote = (item: TooltipItem<'line'>): string | undefined => {
    const product = item.dataset.label ?? '';
    const week = series.weeks[item.dataIndex] ?? '';
    const spike = spikeAt.get(pointKey(product, week));
    if (!spike) return undefined;
    const ratio = spike.ratio === null ? '' : `${spike.ratio} × `;
    return `Spike: ${ratio}the baseline median of ${spike.baseline_median} (${spike.users_above_median} above it)`;
  };

  return {
    type: 'line',
    data: { labels: series.weeks, datasets },
    options: {
      ...baseOptions(),
      scales: {
        x: { type: 'category', title: { display: true, text: 'Week starting (Monday, UTC)' }, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
        y: { type: 'linear', beginAtZero: true, title: { display: true, text: 'Distinct users' }, ticks: { precision: 0 } },
      },
      plugins: {
        // Legend and tooltip keep product order whatever the drawing order (spike lines are drawn on top).
        legend: bottomLegend(byDatasetIndex),
        tooltip: { itemSort: byDatasetIndex, callbacks: { afterLabel: spikeNote } },
        gapBands: { bands: gapBands(series.weeks, gaps), color: GAP_BAND_COLOR },
      },
    },
    plugins: [gapBandsPlugin],
  };
}
