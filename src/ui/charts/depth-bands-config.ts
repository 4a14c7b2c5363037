import type { ChartConfiguration, TooltipItem } from 'chart.js';
import { DEPTH_BANDS, type DepthBand, type UtilisationDepthFinding } from '../../rules/utilisation-depth.ts';
import { formatCount } from '../format.ts';
import { baseOptions, bottomLegend } from './common.ts';

/**
 * Utilisation depth (rulebook 12) as chart data: one horizontal bar per product, its assigned users stacked by
 * band from regular to never, then the users not judged. Pure: no canvas, no DOM, unit-tested in Node.
 */

export const DEPTH_STACKS = [...DEPTH_BANDS, 'not_judged'] as const;
export type DepthStack = DepthBand | 'not_judged';

export const DEPTH_LABELS: Record<DepthStack, string> = {
  regular: 'Regular (4 or more days a month)',
  monthly: 'Monthly (1 to under 4 days a month)',
  occasional: 'Occasional (4 to under 12 days a year)',
  rare: 'Rare (under 4 days a year)',
  never: 'Never used',
  not_judged: 'Not judged (assigned too recently)',
};

/** Viridis, dark (used most) to light (never used): sequential and colour-blind-safe; not judged is a neutral grey. */
export const DEPTH_COLORS: Record<DepthStack, string> = {
  regular: '#440154',
  monthly: '#3b528b',
  occasional: '#21918c',
  rare: '#5ec962',
  never: '#fde725',
  not_judged: '#bdbdbd',
};
/** Edges keep the light segments (never, not judged) visible on white. */
export const DEPTH_BORDER = '#ffffff';

export type DepthBandsChartConfig = ChartConfiguration<'bar', number[], string>;

export type DepthBandsRow = { product: string; assigned_users: number } & Record<DepthStack, number>;

/** One row per product, alphabetical: the users in each band, as the bars stack them. */
export function depthBandsTableRows(findings: readonly UtilisationDepthFinding[]): DepthBandsRow[] {
  return [...findings]
    .sort((a, b) => a.product.localeCompare(b.product, 'en'))
    .map((f) => ({
      product: f.product,
      assigned_users: f.assigned_users,
      regular: f.regular,
      monthly: f.monthly,
      occasional: f.occasional,
      rare: f.rare,
      never: f.never,
      not_judged: f.not_judged,
    }));
}

/** The chart.js configuration. Inputs are plain data (snapshots), never reactive proxies. */
export function depthBandsChartConfig(findings: readonly UtilisationDepthFinding[]): DepthBandsChartConfig {
  const rows = depthBandsTableRows(findings);
  const datasets = DEPTH_STACKS.map((band) => ({
    label: DEPTH_LABELS[band],
    data: rows.map((r) => r[band]),
    backgroundColor: DEPTH_COLORS[band],
    borderColor: DEPTH_BORDER,
    borderWidth: 1,
    stack: 'assigned',
  }));
  const footer = (items: TooltipItem<'bar'>[]): string => {
    const row = rows[items[0]?.dataIndex ?? -1];
    return row ? `Assigned users: ${formatCount(row.assigned_users)}` : '';
  };

  return {
    type: 'bar',
    data: { labels: rows.map((r) => r.product), datasets },
    options: {
      ...baseOptions('y'),
      indexAxis: 'y',
      scales: {
        x: { type: 'linear', stacked: true, beginAtZero: true, title: { display: true, text: 'Assigned users' }, ticks: { precision: 0 } },
        y: { type: 'category', stacked: true },
      },
      plugins: {
        legend: bottomLegend(),
        tooltip: { callbacks: { footer } },
      },
    },
  };
}
