import { describe, expect, it } from 'vitest';
import type { ScenarioTotal } from '../../../src/money/exposure-review.ts';
import {
  BACK_PERIOD_COLOR,
  BACK_RANGE_COLOR,
  LICENCES_COLOR,
  scenarioChartConfig,
  scenarioTableRows,
  wrapLabel,
} from '../../../src/ui/charts/scenario-comparison-config.ts';

// Two seats at 2,000 current and 2,500 list, negotiated factor 0.5, worst-case multiplier 2, at the seed's timings.
const totals: ScenarioTotal[] = [
  { id: 'audit_no_cooperation', label: 'Audit, no cooperation', months: 18, licences: 5000, back_period_low: 12000, back_period_high: 15000, total_low: 17000, total_high: 20000 },
  { id: 'quarterly_self_review', label: 'Proactive quarterly self-review', months: 3, licences: 4000, back_period_low: 0, back_period_high: 0, total_low: 4000, total_high: 4000 },
  { id: 'audit_negotiated', label: 'Audit, negotiated settlement', months: 18, licences: 4000, back_period_low: 6000, back_period_high: 7500, total_low: 10000, total_high: 11500 },
  { id: 'annual_self_review', label: 'Proactive annual self-review', months: 12, licences: 4000, back_period_low: 2000, back_period_high: 2000, total_low: 6000, total_high: 6000 },
];

type Item = { dataIndex: number; datasetIndex: number };

describe('scenarioChartConfig', () => {
  const config = scenarioChartConfig(totals, 'Seed timings: found after 3, 12, 18 and 18 months');
  const datasets = config.data.datasets;

  it('is a stacked bar chart of the four scenarios, cooperative to worst case, without animation', () => {
    expect(config.type).toBe('bar');
    expect(config.options?.animation).toBe(false);
    expect(config.data.labels).toEqual([
      ['Proactive quarterly', 'self-review'],
      ['Proactive annual', 'self-review'],
      ['Audit, negotiated', 'settlement'],
      ['Audit, no', 'cooperation'],
    ]);
    expect(config.options?.scales?.['x']?.stacked).toBe(true);
    expect(config.options?.scales?.['y']?.stacked).toBe(true);
    expect(datasets.map((d) => d.stack)).toEqual(['total', 'total', 'total']);
  });

  it('stacks licences, the low back-period and the lighter range up to the high end', () => {
    expect(datasets.map((d) => d.label)).toEqual(['Licences', 'Back-period (low end)', 'Back-period range (to the high end)']);
    expect(datasets[0]?.data).toEqual([4000, 4000, 4000, 5000]);
    expect(datasets[1]?.data).toEqual([0, 2000, 6000, 12000]);
    expect(datasets[2]?.data).toEqual([0, 0, 1500, 3000]);
    expect(datasets.map((d) => d.backgroundColor)).toEqual([LICENCES_COLOR, BACK_PERIOD_COLOR, BACK_RANGE_COLOR]);
  });

  it('ends the solid part at total_low and the bar at total_high', () => {
    const sum = (upTo: number) => [0, 1, 2, 3].map((i) => datasets.slice(0, upTo).reduce((n, d) => n + (d.data[i] ?? 0), 0));
    expect(sum(2)).toEqual([4000, 6000, 10000, 17000]);
    expect(sum(3)).toEqual([4000, 6000, 11500, 20000]);
  });

  it('shows the subtitle the caller gives', () => {
    expect(config.options?.plugins?.subtitle).toMatchObject({ display: true, text: 'Seed timings: found after 3, 12, 18 and 18 months' });
    expect(scenarioChartConfig(totals, '').options?.plugins?.subtitle?.display).toBe(false);
  });

  it('formats the y axis and the tooltips as US$ with thousands separators', () => {
    const tick = config.options?.scales?.['y']?.ticks?.callback as unknown as (value: number) => string;
    expect(tick(12500)).toBe('US$12,500');
    const callbacks = config.options?.plugins?.tooltip?.callbacks;
    const label = callbacks?.label as unknown as (item: Item) => string;
    const footer = callbacks?.footer as unknown as (items: Item[]) => string[];
    const title = callbacks?.title as unknown as (items: Item[]) => string;
    expect(title([{ dataIndex: 3, datasetIndex: 0 }])).toBe('Audit, no cooperation');
    expect(label({ dataIndex: 3, datasetIndex: 0 })).toBe('Licences: US$5,000');
    expect(label({ dataIndex: 3, datasetIndex: 1 })).toBe('Back-period, low end: US$12,000');
    expect(label({ dataIndex: 3, datasetIndex: 2 })).toBe('Back-period, high end: US$15,000 (US$3,000 above the low end)');
    expect(footer([{ dataIndex: 3, datasetIndex: 0 }])).toEqual(['Total: US$17,000 – US$20,000', 'Gap found after 18 months']);
    expect(footer([{ dataIndex: 0, datasetIndex: 0 }])).toEqual(['Total: US$4,000', 'Gap found after 3 months']);
  });

  it('leaves the months out for evidence totals', () => {
    const evidence = totals.map((t) => ({ ...t, months: null }));
    const footer = scenarioChartConfig(evidence, 'Evidence').options?.plugins?.tooltip?.callbacks?.footer as unknown as (items: Item[]) => string[];
    expect(footer([{ dataIndex: 1, datasetIndex: 0 }])).toEqual(['Total: US$6,000']);
  });
});

describe('scenarioTableRows', () => {
  it('holds each bar figure and the totals, in scenario order', () => {
    const rows = scenarioTableRows(totals);
    expect(rows.map((r) => r.id)).toEqual(['quarterly_self_review', 'annual_self_review', 'audit_negotiated', 'audit_no_cooperation']);
    expect(rows[2]).toEqual({
      id: 'audit_negotiated',
      label: 'Audit, negotiated settlement',
      months: 18,
      licences: 4000,
      back_period_low: 6000,
      back_period_high: 7500,
      back_period_range: 1500,
      total_low: 10000,
      total_high: 11500,
    });
    const datasets = scenarioChartConfig(totals, '').data.datasets;
    expect(rows.map((r) => r.licences)).toEqual(datasets[0]?.data);
    expect(rows.map((r) => r.back_period_low)).toEqual(datasets[1]?.data);
    expect(rows.map((r) => r.back_period_range)).toEqual(datasets[2]?.data);
  });

  it('keeps the range in whole cents', () => {
    const [row] = scenarioTableRows([{ ...totals[0]!, back_period_low: 0.1, back_period_high: 0.3 }]);
    expect(row?.back_period_range).toBe(0.2);
  });
});

describe('wrapLabel', () => {
  it('wraps words into lines of at most the width', () => {
    expect(wrapLabel('Proactive annual self-review')).toEqual(['Proactive annual', 'self-review']);
    expect(wrapLabel('Short')).toEqual(['Short']);
    expect(wrapLabel('a bb ccc', 4)).toEqual(['a bb', 'ccc']);
  });
});
