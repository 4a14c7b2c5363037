import { describe, expect, it } from 'vitest';
import { flexMonthsChartConfig, monthsBetween } from '../../../src/ui/charts/flex-months-config.ts';

describe('the tokens-per-month chart', () => {
  it('draws every month from the first to the last, a month without tokens as 0', () => {
    const config = flexMonthsChartConfig([{ month: '2025-11', tokens: 10 }, { month: '2026-02', tokens: 4.5 }]);
    expect(config.data.labels).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(config.data.datasets[0]!.data).toEqual([10, 0, 0, 4.5]);
  });

  it('counts months across a year end, and none without data', () => {
    expect(monthsBetween('2025-12', '2026-01')).toEqual(['2025-12', '2026-01']);
    expect(monthsBetween('2026-03', '2026-03')).toEqual(['2026-03']);
    expect(monthsBetween(null, null)).toEqual([]);
  });
});
