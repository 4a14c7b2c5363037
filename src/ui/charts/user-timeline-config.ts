import type { Chart, ChartConfiguration, Plugin, TooltipItem } from 'chart.js';
import { dayNumber, isoDay } from '../../lib/days.ts';
import type { UserTimeline } from '../../engine/api.ts';
import { valueWords } from '../../rules/value-words.ts';

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

/**
 * The days a reader needs to read a timeline: where the data starts and ends (before the first day nothing was
 * observed, which is not the same as no use), the review window, and the dormancy cut-off (no use of a covered product
 * after it, and the seat is dormant at the window end).
 */
export interface TimelineMarks {
  dataFirst: string | null;
  dataLast: string | null;
  windowStart: string | null;
  windowEnd: string | null;
  dormantCutoff: string | null;
}

const NO_MARKS: TimelineMarks = { dataFirst: null, dataLast: null, windowStart: null, windowEnd: null, dormantCutoff: null };

/** The days the chart spans: every dated assignment and usage day, and every mark given. */
export function timelineRange(timeline: UserTimeline, marks: Partial<TimelineMarks> = {}): TimelineRange | null {
  const days: number[] = [];
  for (const a of timeline.assignments) {
    if (a.assigned_date) days.push(dayNumber(a.assigned_date));
    if (a.unassigned_date) days.push(dayNumber(a.unassigned_date));
  }
  for (const u of timeline.usage) days.push(dayNumber(u.day));
  for (const day of Object.values(marks)) if (day) days.push(dayNumber(day));
  if (days.length === 0) return null;
  return { from: Math.min(...days), to: Math.max(...days) };
}

/** The y rows, top to bottom: assignment rows (offerings by name), then usage rows (products by name). */
export function timelineRows(timeline: UserTimeline): string[] {
  const offerings = [...new Set(timeline.assignments.map((a) => a.offering))].sort();
  const products = [...new Set(timeline.usage.map((u) => u.product))].sort();
  return [...offerings.map(assignmentRow), ...products.map(usageRow)];
}

export const WINDOW_FILL = 'rgba(11, 98, 179, 0.07)';
export const MARK_COLOR = '#4a5568';

/**
 * Draws the marks behind the data: the review window as a shaded band, the data's first and last day as dashed lines,
 * the dormancy cut-off as a solid one, each labelled at the top.
 */
export function timelineMarksPlugin(marks: TimelineMarks): Plugin<'bar' | 'scatter'> {
  return {
    id: 'timelineMarks',
    beforeDatasetsDraw(chart: Chart) {
      const x = chart.scales['x'];
      const { top, bottom } = chart.chartArea;
      if (!x) return;
      const ctx = chart.ctx;
      ctx.save();
      if (marks.windowStart && marks.windowEnd) {
        const from = x.getPixelForValue(dayNumber(marks.windowStart));
        const to = x.getPixelForValue(dayNumber(marks.windowEnd));
        ctx.fillStyle = WINDOW_FILL;
        ctx.fillRect(from, top, to - from, bottom - top);
      }
      const line = (day: string | null, label: string, dashed: boolean, row: number) => {
        if (!day) return;
        const at = x.getPixelForValue(dayNumber(day));
        ctx.strokeStyle = MARK_COLOR;
        ctx.lineWidth = 1;
        ctx.setLineDash(dashed ? [4, 3] : []);
        ctx.beginPath();
        ctx.moveTo(at, top);
        ctx.lineTo(at, bottom);
        ctx.stroke();
        ctx.fillStyle = MARK_COLOR;
        ctx.font = '11px system-ui, sans-serif';
        ctx.textAlign = 'left';
        ctx.fillText(label, at + 3, top + 11 + row * 13);
      };
      // Labels on two rows, so that marks a few days apart (the cut-off and the data's end) stay readable.
      line(marks.dataFirst, 'data starts', true, 0);
      line(marks.dataLast, 'data ends', true, 0);
      line(marks.dormantCutoff, 'dormancy cut-off', false, 1);
      ctx.restore();
    },
  };
}

/** The marks as words, for the table and the chart's text alternative. */
export function marksText(marks: TimelineMarks): string {
  const parts = [
    marks.dataFirst && marks.dataLast ? `the data covers ${marks.dataFirst} to ${marks.dataLast}` : null,
    marks.windowStart && marks.windowEnd ? `the review window is ${marks.windowStart} to ${marks.windowEnd} (shaded)` : null,
    marks.dormantCutoff ? `a seat with no use after ${marks.dormantCutoff} is dormant` : null,
  ].filter((p): p is string => p !== null);
  return parts.join('; ');
}

/** The chart.js configuration of a user's timeline: a floating-bar dataset and a point dataset on one chart. */
export function userTimelineChartConfig(timeline: UserTimeline, marks: TimelineMarks = NO_MARKS): UserTimelineChartConfig {
  const range = timelineRange(timeline, marks) ?? { from: 0, to: 1 };
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
    note: `${u.product} used on ${u.day}${u.licence_types.length ? ` (${u.licence_types.map(valueWords).join(', ')})` : ''}`,
  }));
  const label = (item: TooltipItem<'bar' | 'scatter'>) => (item.raw as TimelineDatum).note;
  return {
    type: 'bar',
    plugins: [timelineMarksPlugin(marks)],
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
