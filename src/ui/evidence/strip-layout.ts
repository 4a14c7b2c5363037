import type { UserTimeline } from '../../engine/api.ts';
import { dayNumber, isoDay } from '../../lib/days.ts';
import { assignmentRow, timelineRange, timelineRows, usageRow, type TimelineMarks } from '../charts/user-timeline-config.ts';

/**
 * Where things sit in the small timelines drawn inside an expanded finding: x as a share of the days drawn (0 at the
 * first day's left edge, 1 at the last day's right edge), so the SVG scales to any width. Pure: no DOM.
 */

export interface Span {
  x: number;
  width: number;
  /** What the span is, in words (a tooltip). */
  title: string;
}

export interface StripRow {
  label: string;
  /** Assignments (a seat held) as bars, or usage days as one-day ticks. */
  kind: 'seat' | 'use';
  spans: Span[];
}

export interface StripMark {
  x: number;
  label: string;
  style: 'data' | 'cutoff';
}

export interface UserStrip {
  first: string;
  last: string;
  rows: StripRow[];
  /** Rows left out to keep the strip small (the full timeline has them). */
  more: number;
  window: Span | null;
  marks: StripMark[];
  /** The strip in words: its text alternative. */
  summary: string;
}

/** Rows a strip shows at most. */
export const STRIP_ROWS = 6;

export function userStrip(timeline: UserTimeline, marks: TimelineMarks): UserStrip | null {
  const range = timelineRange(timeline, marks);
  if (!range) return null;
  const days = range.to - range.from + 1;
  const at = (day: number) => (day - range.from) / days;
  const span = (from: number, to: number, title: string): Span => ({ x: at(from), width: (to - from + 1) / days, title });
  const rows = timelineRows(timeline).map((label): StripRow => {
    const seats = timeline.assignments.filter((a) => assignmentRow(a.offering) === label);
    if (seats.length > 0) {
      return {
        label,
        kind: 'seat',
        spans: seats.map((a) => {
          const from = a.assigned_date ? dayNumber(a.assigned_date) : range.from;
          // The unassignment day is not covered (rulebook): the bar ends the day before.
          const to = a.unassigned_date ? dayNumber(a.unassigned_date) - 1 : range.to;
          return span(from, Math.max(from, to), `${a.offering}: assigned ${a.assigned_date ?? 'before the data'}${a.unassigned_date ? `, unassigned ${a.unassigned_date}` : ', still assigned'}`);
        }),
      };
    }
    const used = timeline.usage.filter((u) => usageRow(u.product) === label);
    return { label, kind: 'use', spans: used.map((u) => span(dayNumber(u.day), dayNumber(u.day), `${u.product} used on ${u.day}`)) };
  });
  const shown = rows.slice(0, STRIP_ROWS);
  const window =
    marks.windowStart && marks.windowEnd
      ? span(dayNumber(marks.windowStart), dayNumber(marks.windowEnd), `review window ${marks.windowStart} to ${marks.windowEnd}`)
      : null;
  const lines: StripMark[] = [
    ...(marks.dataFirst ? [{ x: at(dayNumber(marks.dataFirst)), label: `data from ${marks.dataFirst}`, style: 'data' as const }] : []),
    ...(marks.dataLast ? [{ x: at(dayNumber(marks.dataLast) + 1), label: `data to ${marks.dataLast}`, style: 'data' as const }] : []),
    ...(marks.dormantCutoff ? [{ x: at(dayNumber(marks.dormantCutoff) + 1), label: `dormant if unused after ${marks.dormantCutoff}`, style: 'cutoff' as const }] : []),
  ];
  return { first: isoDay(range.from), last: isoDay(range.to), rows: shown, more: rows.length - shown.length, window, marks: lines, summary: stripSummary(timeline) };
}

function stripSummary(timeline: UserTimeline): string {
  const seats = timeline.assignments.map(
    (a) => `${a.offering} assigned ${a.assigned_date ?? 'before the data'}${a.unassigned_date ? ` until ${a.unassigned_date}` : ''}`,
  );
  const products = [...new Set(timeline.usage.map((u) => u.product))].sort();
  const used = products.map((p) => {
    const days = timeline.usage.filter((u) => u.product === p).map((u) => u.day).sort();
    return `${p} on ${days.length} ${days.length === 1 ? 'day' : 'days'}, last ${days.at(-1)}`;
  });
  return [
    seats.length > 0 ? `Seats: ${seats.join('; ')}.` : 'No seat assigned in the data.',
    used.length > 0 ? `Used: ${used.join('; ')}.` : 'No usage day in the data.',
  ].join(' ');
}

/** One day of a product's series: the daily value (users or checkouts) against its seats. */
export interface SeriesDay {
  day: string;
  value: number;
  seats: number | null;
}

export interface ProductStrip {
  /** The value line and the seats line as SVG points, x in 0..1, y in 0..1 from the top. */
  values: [number, number][];
  /** Runs of days with a seat count (the line breaks between them). */
  seats: [number, number][][];
  over: [number, number][];
  max: number;
  summary: string;
}

export function productStrip(days: readonly SeriesDay[], what: string): ProductStrip | null {
  if (days.length === 0) return null;
  const max = Math.max(1, ...days.map((d) => Math.max(d.value, d.seats ?? 0)));
  const x = (i: number) => (days.length === 1 ? 0.5 : i / (days.length - 1));
  const y = (v: number) => 1 - v / max;
  const seats: [number, number][][] = [];
  let run: [number, number][] | null = null;
  for (const [i, d] of days.entries()) {
    if (d.seats === null) {
      run = null;
      continue;
    }
    if (run === null) seats.push((run = []));
    run.push([x(i), y(d.seats)]);
  }
  const overDays = days.filter((d) => d.seats !== null && d.value > d.seats);
  const top = days.reduce((best, d) => (d.value > best.value ? d : best), days[0]!);
  return {
    values: days.map((d, i) => [x(i), y(d.value)]),
    seats,
    over: days.flatMap((d, i) => (d.seats !== null && d.value > d.seats ? [[x(i), y(d.value)] as [number, number]] : [])),
    max,
    summary:
      `${days.length} days from ${days[0]!.day} to ${days.at(-1)!.day}: ${what} peaked at ${top.value} on ${top.day}` +
      `${top.seats === null ? '' : ` against ${top.seats} seats`}; above the seats on ${overDays.length} ${overDays.length === 1 ? 'day' : 'days'}.`,
  };
}
