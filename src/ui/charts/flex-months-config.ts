import type { ChartConfiguration } from 'chart.js';
import type { FlexMonthTokens } from '../../review/flex-tokens.ts';
import { formatDecimal } from '../format.ts';
import { baseOptions } from './common.ts';

export const FLEX_BAR_COLOR = '#0072b2';

/** Flex tokens per calendar month as bars, every month from the first to the last shown (a month without tokens is 0). Pure. */
export function flexMonthsChartConfig(months: readonly FlexMonthTokens[]): ChartConfiguration<'bar', number[], string> {
  const labels = monthsBetween(months[0]?.month ?? null, months.at(-1)?.month ?? null);
  const tokens = new Map(months.map((m) => [m.month, m.tokens]));
  return {
    type: 'bar',
    data: { labels, datasets: [{ label: 'Tokens', data: labels.map((m) => tokens.get(m) ?? 0), backgroundColor: FLEX_BAR_COLOR }] },
    options: {
      ...baseOptions(),
      plugins: { legend: { display: false }, tooltip: { callbacks: { label: (item) => `${formatDecimal(Number(item.raw))} tokens` } } },
      scales: { y: { beginAtZero: true, title: { display: true, text: 'Tokens' } } },
    },
  };
}

/** Every month (YYYY-MM) from `first` to `last`, both included. */
export function monthsBetween(first: string | null, last: string | null): string[] {
  if (first === null || last === null) return [];
  const out: string[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 1200; guard++) {
    const label = `${year}-${String(month).padStart(2, '0')}`;
    out.push(label);
    if (label >= last) break;
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year++;
  }
  return out;
}
