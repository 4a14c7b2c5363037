import { describe, expect, it } from 'vitest';
import { productStrip, userStrip } from '../../../src/ui/evidence/strip-layout.ts';

describe('the small timeline under a user finding', () => {
  // 20 days drawn (1 to 20 January 2025): each day is 1/20 = 0.05 of the width.
  const strip = userStrip(
    {
      user_key: 'ann@corp.example',
      assignments: [{ offering: 'AutoCAD', assigned_date: '2025-01-01', unassigned_date: '2025-01-11', seat_assignment: 'direct', access_option: null }],
      usage: [
        { product: 'AutoCAD', day: '2025-01-05', licence_types: ['named_user'] },
        { product: 'AutoCAD', day: '2025-01-10', licence_types: ['named_user'] },
      ],
      devices: [],
    },
    { dataFirst: '2025-01-03', dataLast: '2025-01-20', windowStart: '2025-01-01', windowEnd: '2025-01-20', dormantCutoff: '2025-01-10' },
  )!;

  it('places the seat from its assigned day to the day before its unassignment, and each usage day as one day', () => {
    expect([strip.first, strip.last]).toEqual(['2025-01-01', '2025-01-20']);
    expect(strip.rows.map((r) => [r.label, r.kind, r.spans.map((s) => [s.x, s.width])])).toEqual([
      ['Seat: AutoCAD', 'seat', [[0, 0.5]]],
      ['Used: AutoCAD', 'use', [[0.2, 0.05], [0.45, 0.05]]],
    ]);
  });

  it("marks the window, the data's first and last day (their outer edges) and the dormancy cut-off (after its day)", () => {
    expect([strip.window?.x, strip.window?.width]).toEqual([0, 1]);
    expect(strip.marks.map((m) => [m.label, m.x])).toEqual([
      ['data from 2025-01-03', 0.1],
      ['data to 2025-01-20', 1],
      ['dormant if unused after 2025-01-10', 0.5],
    ]);
    expect(strip.summary).toBe('Seats: AutoCAD assigned 2025-01-01 until 2025-01-11. Used: AutoCAD on 2 days, last 2025-01-10.');
  });
});

describe('the small series under a product finding', () => {
  it('draws the values against the seats, breaks the seats where unknown and marks the days above them', () => {
    const strip = productStrip(
      [
        { day: '2026-03-02', value: 1, seats: 2 },
        { day: '2026-03-03', value: 3, seats: 2 },
        { day: '2026-03-04', value: 0, seats: null },
        { day: '2026-03-05', value: 2, seats: 4 },
      ],
      'named users a day',
    )!;
    // The highest value or seat count (4) is the top; x steps by a third.
    expect(strip.max).toBe(4);
    expect(strip.values).toEqual([[0, 0.75], [1 / 3, 0.25], [2 / 3, 1], [1, 0.5]]);
    expect(strip.seats).toEqual([[[0, 0.5], [1 / 3, 0.5]], [[1, 0]]]);
    expect(strip.over).toEqual([[1 / 3, 0.25]]);
    expect(strip.summary).toBe('4 days from 2026-03-02 to 2026-03-05: named users a day peaked at 3 on 2026-03-03 against 2 seats; above the seats on 1 day.');
  });
});
