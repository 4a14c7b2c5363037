import { describe, expect, it } from 'vitest';
import type { SavingsLine } from '../../../src/money/savings.ts';
import { SAVINGS_COLOR, savingsChartConfig, savingsTableRows } from '../../../src/ui/charts/savings-config.ts';

const lines: SavingsLine[] = [
  { type: 'dormant_reclaim', label: 'Dormant reclaim', rule: 'dormant_user', findings: 4, actionable: 4, unpriced: 0, per_year: 12400, per_actionable: 3100, typical_per_user: null },
  { type: 'flex_conversion', label: 'Flex conversion', rule: 'low_frequency_user', findings: 3, actionable: 0, unpriced: 3, per_year: null, per_actionable: null, typical_per_user: [600, 1200] },
  { type: 'collection_downgrade', label: 'Collection downgrade', rule: 'single_product_collection', findings: 2, actionable: 1, unpriced: 1, per_year: 1500.5, per_actionable: 1500.5, typical_per_user: [800, 1500] },
  { type: 'duplicate_removal', label: 'Duplicate removal', rule: 'duplicate_access', findings: 0, actionable: 0, unpriced: 0, per_year: null, per_actionable: null, typical_per_user: null },
];

type Item = { dataIndex: number; datasetIndex: number };

describe('savingsChartConfig', () => {
  const config = savingsChartConfig(lines);
  const callbacks = config.options?.plugins?.tooltip?.callbacks;
  const label = callbacks?.label as unknown as (item: Item) => string;
  const footer = callbacks?.footer as unknown as (items: Item[]) => string[];

  it('is a bar chart of one bar per finding type, without animation', () => {
    expect(config.type).toBe('bar');
    expect(config.options?.animation).toBe(false);
    expect(config.data.datasets).toHaveLength(1);
    expect(config.data.datasets[0]?.backgroundColor).toBe(SAVINGS_COLOR);
  });

  it('draws savings per year, and zero where nothing is priced', () => {
    expect(config.data.datasets[0]?.data).toEqual([12400, 0, 1500.5, 0]);
  });

  it('says "not priced" under the label of a lever without a price', () => {
    expect(config.data.labels).toEqual([['Dormant reclaim'], ['Flex conversion', 'not priced'], ['Collection downgrade'], ['Duplicate removal', 'not priced']]);
  });

  it('explains unpriced levers in the tooltip', () => {
    expect(label({ dataIndex: 0, datasetIndex: 0 })).toBe('Savings per year: US$12,400');
    expect(label({ dataIndex: 1, datasetIndex: 0 })).toBe('Savings per year: not priced (3 findings)');
    expect(label({ dataIndex: 3, datasetIndex: 0 })).toBe('Savings per year: no findings');
    expect(footer([{ dataIndex: 0, datasetIndex: 0 }])).toEqual(['4 findings, 4 actionable', 'US$3,100 per actionable finding']);
    expect(footer([{ dataIndex: 2, datasetIndex: 0 }])).toEqual(['2 findings, 1 actionable', 'US$1,501 per actionable finding', '1 not priced']);
  });

  it('answers hovering anywhere over a column, so a zero bar still has a tooltip', () => {
    expect(config.options?.interaction).toMatchObject({ mode: 'index', intersect: false });
  });

  it('formats the y axis as US$', () => {
    const tick = config.options?.scales?.['y']?.ticks?.callback as unknown as (value: number) => string;
    expect(tick(1000000)).toBe('US$1,000,000');
  });
});

describe('savingsTableRows', () => {
  const rows = savingsTableRows(lines);

  it('holds the drawn value and a note for each lever', () => {
    expect(rows.map((r) => r.drawn)).toEqual(savingsChartConfig(lines).data.datasets[0]?.data);
    expect(rows.map((r) => r.per_year)).toEqual([12400, null, 1500.5, null]);
    expect(rows.map((r) => r.note)).toEqual([null, 'not priced (3 findings)', '1 not priced', 'no findings']);
  });

  it('says "finding" for one', () => {
    const [row] = savingsTableRows([{ ...lines[1]!, findings: 1, unpriced: 1 }]);
    expect(row?.note).toBe('not priced (1 finding)');
  });
});
