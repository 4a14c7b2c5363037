import { describe, expect, it } from 'vitest';
import type { UserTimeline } from '../../src/engine/api.ts';
import { dayNumber, isoDay } from '../../src/lib/days.ts';
import { marksText, timelineRange, timelineRows, userTimelineChartConfig, type TimelineDatum } from '../../src/ui/charts/user-timeline-config.ts';

const timeline: UserTimeline = {
  user_key: 'ann@corp.example',
  assignments: [
    { offering: 'Revit', assigned_date: '2025-01-10', unassigned_date: null, seat_assignment: 'direct', access_option: null },
    { offering: 'AutoCAD', assigned_date: '2025-02-01', unassigned_date: '2025-03-01', seat_assignment: null, access_option: null },
  ],
  usage: [
    { product: 'Revit', day: '2025-01-15', licence_types: ['named_user'] },
    { product: 'Revit', day: '2025-04-01', licence_types: [] },
  ],
  devices: [],
};

describe('user timeline chart configuration', () => {
  it('converts ISO days to day numbers and back', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('2025-01-15T08:00:00Z')).toBe(dayNumber('2025-01-15'));
    expect(isoDay(dayNumber('2024-02-29'))).toBe('2024-02-29');
  });

  it('spans every dated event and the window end', () => {
    expect(timelineRange(timeline)).toEqual({ from: dayNumber('2025-01-10'), to: dayNumber('2025-04-01') });
    expect(timelineRange(timeline, { windowEnd: '2025-06-30' })?.to).toBe(dayNumber('2025-06-30'));
    // The data's first day reaches back before the first event: months before it were not observed.
    expect(timelineRange(timeline, { dataFirst: '2024-11-01' })?.from).toBe(dayNumber('2024-11-01'));
    expect(timelineRange({ user_key: 'x', assignments: [], usage: [], devices: [] })).toBeNull();
  });

  it('draws one row per offering then per product', () => {
    expect(timelineRows(timeline)).toEqual(['Seat: AutoCAD', 'Seat: Revit', 'Used: Revit']);
  });

  it('draws assignments as floating bars (open ones to the end) and usage days as points on one chart', () => {
    const marks = { dataFirst: '2024-11-01', dataLast: '2025-06-30', windowStart: '2024-12-01', windowEnd: '2025-06-30', dormantCutoff: '2025-04-01' };
    const config = userTimelineChartConfig(timeline, marks);
    // The marks are drawn by the chart's own plugin, and said in words beside it.
    expect(config.plugins?.map((p) => p.id)).toEqual(['timelineMarks']);
    expect(marksText(marks)).toBe('the data covers 2024-11-01 to 2025-06-30; the review window is 2024-12-01 to 2025-06-30 (shaded); a seat with no use after 2025-04-01 is dormant');
    expect(config.type).toBe('bar');
    expect(config.options?.indexAxis).toBe('y');
    const [bars, points] = config.data.datasets;
    expect(bars?.type).toBe('bar');
    expect(points?.type).toBe('scatter');
    const barData = bars!.data as TimelineDatum[];
    expect(barData[0]).toMatchObject({ x: [dayNumber('2025-01-10'), dayNumber('2025-06-30')], y: 'Seat: Revit' });
    expect(barData[0]!.note).toContain('still assigned');
    expect(barData[1]).toMatchObject({ x: [dayNumber('2025-02-01'), dayNumber('2025-03-01')], y: 'Seat: AutoCAD' });
    const pointData = points!.data as TimelineDatum[];
    expect(pointData.map((p) => [p.x, p.y])).toEqual([
      [dayNumber('2025-01-15'), 'Used: Revit'],
      [dayNumber('2025-04-01'), 'Used: Revit'],
    ]);
    expect(pointData[0]!.note).toBe('Revit used on 2025-01-15 (named user)');
  });

  it('uses a linear x axis labelled with ISO dates, never the time scale', () => {
    const config = userTimelineChartConfig(timeline);
    const x = config.options?.scales?.x as { type: string; ticks: { callback: (v: number) => string } };
    expect(x.type).toBe('linear');
    expect(x.ticks.callback(dayNumber('2025-03-01'))).toBe('2025-03-01');
    expect((config.options?.scales?.y as { type: string }).type).toBe('category');
  });
});
