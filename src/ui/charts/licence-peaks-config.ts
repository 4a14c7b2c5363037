import type { ChartConfiguration, TooltipItem } from 'chart.js';
import type { LicenceServerDay, LicenceServerView } from '../../review/licence-servers.ts';
import { formatCount } from '../format.ts';
import { baseOptions, bottomLegend, byDatasetIndex } from './common.ts';
import { OVER_SEATS_COLOR, OVER_SEATS_RADIUS, SEATS_COLOR, USERS_COLOR } from './users-vs-seats-config.ts';

/**
 * One product's licence-server days as chart data: the day's peak of concurrent checkouts as a line, the licences
 * issued as a stepped line (broken where none is known), days above the licences as red points, and days with
 * denials as dark triangles on the peak. Pure: no canvas, no DOM.
 */

export const DENIAL_COLOR = '#6a1b9a';

export type LicencePeaksChartConfig = ChartConfiguration<'line', (number | null)[], string>;

/** One product's days, ascending. */
export function productDays(view: LicenceServerView, product: string): LicenceServerDay[] {
  return view.days.filter((d) => d.product === product).sort((a, b) => a.day.localeCompare(b.day));
}

export const isOver = (d: LicenceServerDay): boolean => d.licences !== null && d.peak > d.licences;

export function licencePeaksChartConfig(view: LicenceServerView, product: string): LicencePeaksChartConfig {
  const days = productDays(view, product);
  const overDays = days.filter(isOver).length;
  const denialDays = days.filter((d) => d.denials > 0).length;
  const line = { borderWidth: 2, tension: 0, spanGaps: false, pointRadius: 0, pointHoverRadius: 3 };
  const marks = (color: string, style: 'circle' | 'triangle') => ({
    showLine: false,
    borderColor: color,
    backgroundColor: color,
    pointStyle: style,
    pointRadius: OVER_SEATS_RADIUS + (style === 'triangle' ? 2 : 0),
    pointHoverRadius: OVER_SEATS_RADIUS + 3,
  });
  const footer = (items: TooltipItem<'line'>[]): string[] => {
    const d = days[items[0]?.dataIndex ?? -1];
    if (!d) return [];
    return [
      ...(isOver(d) && d.licences !== null ? [`${formatCount(d.peak - d.licences)} above the licences issued`] : []),
      ...(d.denials > 0 ? [`${formatCount(d.denials)} ${d.denials === 1 ? 'denial' : 'denials'}`] : []),
    ];
  };
  return {
    type: 'line',
    data: {
      labels: days.map((d) => d.day),
      datasets: [
        { ...line, label: 'Peak concurrent checkouts', order: 1, data: days.map((d) => d.peak), borderColor: USERS_COLOR, backgroundColor: USERS_COLOR },
        {
          ...line,
          label: days.some((d) => d.licences !== null) ? 'Licences issued' : 'Licences issued: not known',
          order: 1,
          data: days.map((d) => d.licences),
          stepped: 'middle' as const,
          borderColor: SEATS_COLOR,
          backgroundColor: SEATS_COLOR,
          borderDash: [6, 4],
        },
        { ...marks(OVER_SEATS_COLOR, 'circle'), label: `Above the licences (${formatCount(overDays)} ${overDays === 1 ? 'day' : 'days'})`, order: 0, data: days.map((d) => (isOver(d) ? d.peak : null)) },
        { ...marks(DENIAL_COLOR, 'triangle'), label: `Denials (${formatCount(denialDays)} ${denialDays === 1 ? 'day' : 'days'})`, order: 0, data: days.map((d) => (d.denials > 0 ? d.peak : null)) },
      ],
    },
    options: {
      ...baseOptions(),
      scales: {
        x: { type: 'category', title: { display: true, text: 'Day (UTC)' }, ticks: { maxRotation: 0, autoSkipPadding: 16 } },
        y: { type: 'linear', beginAtZero: true, grace: '5%', title: { display: true, text: 'Checkouts held at once' }, ticks: { precision: 0 } },
      },
      plugins: {
        legend: bottomLegend(byDatasetIndex),
        tooltip: { filter: (item) => item.datasetIndex < 2, itemSort: byDatasetIndex, callbacks: { footer } },
      },
    },
  };
}
