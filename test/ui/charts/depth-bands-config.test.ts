import { describe, expect, it } from 'vitest';
import type { UtilisationDepthFinding } from '../../../src/rules/utilisation-depth.ts';
import { DEPTH_COLORS, DEPTH_STACKS, depthBandsChartConfig, depthBandsTableRows } from '../../../src/ui/charts/depth-bands-config.ts';

const finding = (product: string, counts: [number, number, number, number, number, number]): UtilisationDepthFinding => {
  const [regular, monthly, occasional, rare, never, not_judged] = counts;
  return {
    rule: 'utilisation_depth',
    product,
    assigned_users: counts.reduce((a, b) => a + b, 0),
    regular,
    monthly,
    occasional,
    rare,
    never,
    not_judged,
    users: { regular: [], monthly: [], occasional: [], rare: [], never: [], not_judged: [] },
  };
};

// Revit first on purpose: the bars are alphabetical.
const findings = [finding('Revit', [5, 3, 2, 1, 4, 1]), finding('AutoCAD', [2, 0, 1, 0, 6, 0])];

describe('depthBandsChartConfig', () => {
  const config = depthBandsChartConfig(findings);
  const datasets = config.data.datasets;

  it('is a horizontal stacked bar chart, one bar per product, without animation', () => {
    expect(config.type).toBe('bar');
    expect(config.options?.indexAxis).toBe('y');
    expect(config.options?.animation).toBe(false);
    expect(config.data.labels).toEqual(['AutoCAD', 'Revit']);
    expect(config.options?.scales?.['x']?.stacked).toBe(true);
    expect(config.options?.scales?.['y']?.stacked).toBe(true);
    expect(new Set(datasets.map((d) => d.stack))).toEqual(new Set(['assigned']));
  });

  it('stacks the bands from regular to never, then not judged', () => {
    expect(DEPTH_STACKS).toEqual(['regular', 'monthly', 'occasional', 'rare', 'never', 'not_judged']);
    expect(datasets.map((d) => d.label)).toEqual([
      'Regular (4 or more days a month)',
      'Monthly (1 to under 4 days a month)',
      'Occasional (4 to under 12 days a year)',
      'Rare (under 4 days a year)',
      'Never used',
      'Not judged (assigned too recently)',
    ]);
    expect(datasets.map((d) => d.data)).toEqual([
      [2, 5],
      [0, 3],
      [1, 2],
      [0, 1],
      [6, 4],
      [0, 1],
    ]);
  });

  it('colours the bands on a sequential scale, not judged in grey', () => {
    expect(datasets.map((d) => d.backgroundColor)).toEqual(['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725', '#bdbdbd']);
    expect(datasets[0]?.backgroundColor).toBe(DEPTH_COLORS.regular);
  });

  it('gives the assigned users in the tooltip footer', () => {
    const footer = config.options?.plugins?.tooltip?.callbacks?.footer as unknown as (items: { dataIndex: number }[]) => string;
    expect(footer([{ dataIndex: 1 }])).toBe('Assigned users: 16');
    expect(footer([{ dataIndex: 0 }])).toBe('Assigned users: 9');
  });

  it('handles no findings', () => {
    const c = depthBandsChartConfig([]);
    expect(c.data.labels).toEqual([]);
    expect(c.data.datasets.map((d) => d.data)).toEqual([[], [], [], [], [], []]);
  });
});

describe('depthBandsTableRows', () => {
  it('holds the numbers each bar stacks', () => {
    const rows = depthBandsTableRows(findings);
    expect(rows).toEqual([
      { product: 'AutoCAD', assigned_users: 9, regular: 2, monthly: 0, occasional: 1, rare: 0, never: 6, not_judged: 0 },
      { product: 'Revit', assigned_users: 16, regular: 5, monthly: 3, occasional: 2, rare: 1, never: 4, not_judged: 1 },
    ]);
    const datasets = depthBandsChartConfig(findings).data.datasets;
    DEPTH_STACKS.forEach((band, i) => expect(rows.map((r) => r[band])).toEqual(datasets[i]?.data));
  });
});
