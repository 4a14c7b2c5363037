import { formatMoney } from '../format.ts';

/**
 * Option blocks the chart configurations share. Each call returns fresh objects: chart.js keeps what it is given.
 * Pure: no canvas, no DOM.
 */

/**
 * Drawn at once (no animation) and as high as its card, not by an aspect ratio. Hovering lists every dataset at
 * the pointer's column (with `axis: 'y'`, its row), so a zero-height bar or a point under another still answers.
 */
export function baseOptions(axis?: 'y') {
  return {
    animation: false as const,
    responsive: true,
    maintainAspectRatio: false,
    interaction: { mode: 'index' as const, intersect: false, ...(axis && { axis }) },
  };
}

/** Orders legend or tooltip items as the datasets are, whatever order they are drawn in. */
export const byDatasetIndex = (a: { datasetIndex?: number }, b: { datasetIndex?: number }): number => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0);

/** The legend under the chart with small square boxes, in `sort`'s order when given. */
export function bottomLegend(sort?: typeof byDatasetIndex) {
  return { position: 'bottom' as const, labels: { boxWidth: 12, boxHeight: 12, ...(sort && { sort }) } };
}

/** A value axis in the engagement's currency from zero, titled `text`. */
export function moneyAxis(text: string) {
  return {
    type: 'linear' as const,
    beginAtZero: true,
    title: { display: true, text },
    ticks: { callback: (value: number | string) => formatMoney(Number(value)) },
  };
}
