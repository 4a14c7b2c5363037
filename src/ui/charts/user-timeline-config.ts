import type { ChartConfiguration, TooltipItem } from 'chart.js';
import { dayNumber, isoDay } from '../../lib/days.ts';
import type { UserTimeline } from '../../engine/api.ts';

/**
 * One user's timeline as chart data: each assignment a horizontal bar from its assigned to its unassigned day on
 * the row of its offering, each usage day a point on the row of its product. x is a linear day number (days since
 * 1970-01-01, UTC), shown as ISO dates: no date adapter is needed. Pure: no canvas, unit-tested in Node.
 */

export const ASSIGNMENT_COLOR = 'rgba(11, 98, 179, 0.55)';
export const ASSIGNMENT_BORDER = '#0b62b3';
export const USAGE_COLOR = '#e69f00';


export const assignmentRow = (offering: string) => `Seat: ${offering}`;
export const usageRow = (product: string) => `Used: ${product}`;

/** A bar (assignment) or a point (usage day) as chart.js reads it, with what the tooltip says. */
export interface TimelineDatum {
  x: number | [number, number];
  y: string;
  /** Tooltip text. */
  note: string;
}

export type UserTimelineChartConfig = ChartConfiguration<'bar' | 'scatter', TimelineDatum[], string>;

export interface TimelineRange {
  /** First and last day drawn (day numbers). */
  from: number;
  to: number;
}

/** The days the chart spans: every dated assignment and usage day, and the window end when given. */
export function timelineRange(timeline: UserTimeline, windowEnd: string | null = null): TimelineRange | null {
  const days: number[] = [];
  for (const a of timeline.assignments) {
    if (a.assigned_date) days.push(dayNumber(a.assigned_date));
    if (a.unassigned_date) days.push(dayNumber(a.unassigned_date));
  }
  for (const u of timeline.usage) days.push(dayNumber(u.day));
  if (windowEnd) days.push(dayNumber(windowEnd));
  if (days.length === 0) return null;
  return { from: Math.min(...days), to: Math.max(...days) };
}

/** The y rows, top to bottom: assignment rows (offerings by name), then usage rows (products by name). */
export function timelineRows(timeline: UserTimeline): string[] {
  const offerings = [...new Set(timeline.assignments.map((a) => a.offering))].sort();
  const products = [...new Set(timeline.usage.map((u) => u.product))].sort();
  return [...offerings.map(assignmentRow), ...products.map(usageRow)];
}

/** The chart.js configuration of a user's timeline: a floating-bar dataset and a point dataset on one chart. */
export function userTimelineChartConfig(timeline: UserTimeline, windowEnd: string | null = null): UserTimelineChartConfig {
  const range = timelineRange(timeline, windowEnd) ?? { from: 0, to: 1 };
  const bars: TimelineDatum[] = timeline.assignments.map((a) => {
    const start = a.assigned_date ? dayNumber(a.assigned_date) : range.from;
    const end = a.unassigned_date ? dayNumber(a.unassigned_date) : range.to;
    const how = a.seat_assignment ? ` (${a.seat_assignment})` : '';
    return {
      x: [start, Math.max(end, start + 1)],
      y: assignmentRow(a.offering),
      note: `${a.offering}${how}: assigned ${a.assigned_date ?? 'on an unknown day'}, ${a.unassigned_date ? `unassigned ${a.unassigned_date}` : 'still assigned'}`,
    };
  });
  const points: TimelineDatum[] = timeline.usage.map((u) => ({
    x: dayNumber(u.day),
    y: usageRow(u.product),
    note: `${u.product} used on ${u.day}${u.licence_types.length ? ` (${u.licence_types.join(', ')})` : ''}`,
  }));
  const label = (item: TooltipItem<'bar' | 'scatter'>) => (item.raw as TimelineDatum).note;
  return {
    type: 'bar',
    data: {
      labels: timelineRows(timeline),
      datasets: [
        {
          type: 'bar',
          label: 'Assignments (assigned → unassigned)',
          data: bars,
          backgroundColor: ASSIGNMENT_COLOR,
          borderColor: ASSIGNMENT_BORDER,
          borderWidth: 1,
          borderSkipped: false,
          barPercentage: 0.6,
          categoryPercentage: 0.9,
        },
        {
          type: 'scatter',
          label: 'Usage days',
          data: points,
          backgroundColor: USAGE_COLOR,
          borderColor: USAGE_COLOR,
          pointRadius: 3,
          pointHoverRadius: 5,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: {
          type: 'linear',
          min: range.from - 3,
          max: range.to + 3,
          ticks: { callback: (value) => isoDay(Number(value)), maxRotation: 0, autoSkipPadding: 16 },
          title: { display: true, text: 'Day' },
        },
        y: { type: 'category', offset: true },
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: { callbacks: { label } },
      },
    },
  };
}
