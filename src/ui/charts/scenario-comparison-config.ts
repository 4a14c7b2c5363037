import { cents } from '../../lib/amounts.ts';
import type { ChartConfiguration, TooltipItem } from 'chart.js';
import { SCENARIO_LABELS, type ScenarioId } from '../../money/exposure.ts';
import type { ScenarioTotal } from '../../money/exposure-review.ts';
import { formatMoney, formatMoneyRange, pageCurrencySymbol } from '../format.ts';
import { baseOptions, bottomLegend, moneyAxis } from './common.ts';

/**
 * The four exposure scenarios side by side as chart data: each bar stacks the licences, the back-period's low end
 * and, lighter, the back-period's range up to its high end, so the solid part ends at total_low and the bar's top
 * is total_high. Pure: no canvas, no DOM, unit-tested in Node.
 */

export const LICENCES_COLOR = '#0072b2';
export const BACK_PERIOD_COLOR = '#d55e00';
export const BACK_RANGE_COLOR = 'rgba(213, 94, 0, 0.3)';

export const SCENARIO_DATASET_LABELS = ['Licences', 'Back-period (low end)', 'Back-period range (to the high end)'] as const;

/** Labels are wrapped into lines so that four fit side by side without chart.js skipping any. */
export type ScenarioChartConfig = ChartConfiguration<'bar', number[], string[]>;

export interface ScenarioRow extends ScenarioTotal {
  /** back_period_high - back_period_low: the lighter top segment. */
  back_period_range: number;
}

const ORDER = Object.keys(SCENARIO_LABELS) as ScenarioId[];

/** Words in lines of at most `width` characters (a longer word keeps a line of its own). */
export function wrapLabel(label: string, width = 20): string[] {
  const lines: string[] = [];
  for (const word of label.split(/\s+/).filter((w) => w !== '')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** One row per scenario, cooperative to worst case: the figures each bar is built from. */
export function scenarioTableRows(totals: readonly ScenarioTotal[]): ScenarioRow[] {
  return [...totals]
    .sort((a, b) => ORDER.indexOf(a.id) - ORDER.indexOf(b.id))
    .map((t) => ({
      id: t.id,
      label: t.label,
      months: t.months,
      licences: t.licences,
      back_period_low: t.back_period_low,
      back_period_high: t.back_period_high,
      back_period_range: cents(t.back_period_high - t.back_period_low),
      total_low: t.total_low,
      total_high: t.total_high,
    }));
}

/** "US$1,000" or "US$1,000 – US$2,000". */

/** The chart.js configuration. `subtitle` says which timings the figures use (the seed's or the evidence's). */
export function scenarioChartConfig(totals: readonly ScenarioTotal[], subtitle: string): ScenarioChartConfig {
  const rows = scenarioTableRows(totals);
  const [licences, backLow, backRange] = SCENARIO_DATASET_LABELS;
  const bar = { stack: 'total', borderWidth: 0 };
  const datasets = [
    { ...bar, label: licences, data: rows.map((r) => r.licences), backgroundColor: LICENCES_COLOR },
    { ...bar, label: backLow, data: rows.map((r) => r.back_period_low), backgroundColor: BACK_PERIOD_COLOR },
    { ...bar, label: backRange, data: rows.map((r) => r.back_period_range), backgroundColor: BACK_RANGE_COLOR, borderColor: BACK_PERIOD_COLOR, borderWidth: 1 },
  ];

  const label = (item: TooltipItem<'bar'>): string => {
    const row = rows[item.dataIndex];
    if (!row) return '';
    if (item.datasetIndex === 0) return `Licences: ${formatMoney(row.licences)}`;
    if (item.datasetIndex === 1) return `Back-period, low end: ${formatMoney(row.back_period_low)}`;
    return `Back-period, high end: ${formatMoney(row.back_period_high)} (${formatMoney(row.back_period_range)} above the low end)`;
  };
  const title = (items: TooltipItem<'bar'>[]): string => rows[items[0]?.dataIndex ?? -1]?.label ?? '';
  const footer = (items: TooltipItem<'bar'>[]): string[] => {
    const row = rows[items[0]?.dataIndex ?? -1];
    if (!row) return [];
    const total = `Total: ${formatMoneyRange(row.total_low, row.total_high)}`;
    return row.months === null ? [total] : [total, `Gap found after ${row.months} months`];
  };

  return {
    type: 'bar',
    data: { labels: rows.map((r) => wrapLabel(r.label)), datasets },
    options: {
      ...baseOptions(),
      scales: {
        x: { type: 'category', stacked: true, ticks: { autoSkip: false, maxRotation: 0 } },
        y: { ...moneyAxis(`Cost if found (${pageCurrencySymbol()})`), stacked: true },
      },
      plugins: {
        subtitle: { display: subtitle !== '', text: subtitle, padding: { bottom: 12 } },
        legend: bottomLegend(),
        tooltip: { callbacks: { title, label, footer } },
      },
    },
  };
}
