import type { ChartConfiguration, TooltipItem } from 'chart.js';
import type { SavingsLine } from '../../money/savings.ts';
import type { SavingType } from '../../rules/rule.ts';
import { formatMoney, pageCurrencySymbol } from '../format.ts';
import { formatCount } from '../format.ts';
import { baseOptions, moneyAxis } from './common.ts';

/**
 * Savings per year by finding type as chart data: one bar per savings lever. A lever nothing could be priced for
 * is drawn at zero and says so, in its axis label, its tooltip and the table. Pure: no canvas, no DOM.
 */

export const SAVINGS_COLOR = '#009e73';

/** Labels are wrapped into lines: a lever's name, then "not priced" under an unpriced one. */
export type SavingsChartConfig = ChartConfiguration<'bar', number[], string[]>;

export interface SavingsRow {
  type: SavingType;
  label: string;
  findings: number;
  actionable: number;
  unpriced: number;
  /** As the rule summed it; null when nothing could be priced. */
  per_year: number | null;
  /** The bar's height: per_year, or 0 when it is null. */
  drawn: number;
  per_actionable: number | null;
  /** What the bar alone does not say: "not priced (3 findings)", "1 not priced", or null. */
  note: string | null;
}

const findingsText = (n: number) => `${formatCount(n)} ${n === 1 ? 'finding' : 'findings'}`;

function savingsNote(line: SavingsLine): string | null {
  if (line.per_year === null) return line.findings === 0 ? 'no findings' : `not priced (${findingsText(line.findings)})`;
  if (line.unpriced > 0) return `${formatCount(line.unpriced)} not priced`;
  return null;
}

/** One row per lever, in the savings table's order. */
export function savingsTableRows(lines: readonly SavingsLine[]): SavingsRow[] {
  return lines.map((l) => ({
    type: l.type,
    label: l.label,
    findings: l.findings,
    actionable: l.actionable,
    unpriced: l.unpriced,
    per_year: l.per_year,
    drawn: l.per_year ?? 0,
    per_actionable: l.per_actionable,
    note: savingsNote(l),
  }));
}

/** The chart.js configuration. Inputs are plain data (snapshots), never reactive proxies. */
export function savingsChartConfig(lines: readonly SavingsLine[]): SavingsChartConfig {
  const rows = savingsTableRows(lines);
  const label = (item: TooltipItem<'bar'>): string => {
    const row = rows[item.dataIndex];
    if (!row) return '';
    return row.per_year === null ? `Savings per year: ${row.note ?? ''}` : `Savings per year: ${formatMoney(row.per_year)}`;
  };
  const title = (items: TooltipItem<'bar'>[]): string => rows[items[0]?.dataIndex ?? -1]?.label ?? '';
  const footer = (items: TooltipItem<'bar'>[]): string[] => {
    const row = rows[items[0]?.dataIndex ?? -1];
    if (!row) return [];
    const lines = [`${findingsText(row.findings)}, ${formatCount(row.actionable)} actionable`];
    if (row.per_actionable !== null) lines.push(`${formatMoney(row.per_actionable)} per actionable finding`);
    if (row.per_year !== null && row.note !== null) lines.push(row.note);
    return lines;
  };

  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => (r.per_year === null ? [r.label, 'not priced'] : [r.label])),
      datasets: [{ label: 'Savings per year', data: rows.map((r) => r.drawn), backgroundColor: SAVINGS_COLOR, borderWidth: 0 }],
    },
    options: {
      // A zero bar cannot be hovered: the whole column answers (index mode), so an unpriced lever still shows its tooltip.
      ...baseOptions(),
      scales: {
        x: { type: 'category', ticks: { autoSkip: false, maxRotation: 0 } },
        y: moneyAxis(`Savings per year (${pageCurrencySymbol()})`),
      },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { title, label, footer } },
      },
    },
  };
}
