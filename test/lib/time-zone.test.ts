import { describe, expect, it } from 'vitest';
import { offsetText, timeZoneName, zoneClock } from '../../src/lib/time-zone.ts';

/**
 * Expected instants from the published rules: the EU changes clocks at 01:00 UTC on the last Sunday of March
 * (29 March 2026) and of October (25 October 2026); New York at 02:00 local on the second Sunday of March
 * (8 March 2026); India keeps +05:30 all year.
 */
const wall = (text: string) => Date.parse(`${text}Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16);

describe('a clock in a time zone', () => {
  const berlin = zoneClock('Europe/Berlin');

  it('reads winter and summer times with their offsets', () => {
    expect(iso(berlin.toUtc(wall('2026-01-15T09:00')))).toBe('2026-01-15T08:00');
    expect(iso(berlin.toUtc(wall('2026-07-01T09:00')))).toBe('2026-07-01T07:00');
    expect(iso(zoneClock('America/New_York').toUtc(wall('2026-03-07T09:00')))).toBe('2026-03-07T14:00');
    expect(iso(zoneClock('America/New_York').toUtc(wall('2026-03-09T09:00')))).toBe('2026-03-09T13:00');
    expect(iso(zoneClock('Asia/Kolkata').toUtc(wall('2026-06-01T00:15')))).toBe('2026-05-31T18:45');
    expect([berlin.offsetAt(wall('2026-01-15T08:00')), berlin.offsetAt(wall('2026-07-01T07:00'))]).toEqual([60, 120]);
  });

  it('changes offset at the instant the rule says', () => {
    expect(berlin.offsetAt(wall('2026-03-29T00:59'))).toBe(60);
    expect(berlin.offsetAt(wall('2026-03-29T01:00'))).toBe(120);
    expect(berlin.offsetAt(wall('2026-10-25T00:59'))).toBe(120);
    expect(berlin.offsetAt(wall('2026-10-25T01:00'))).toBe(60);
  });

  it('reads a skipped time with the offset before the change, and a repeated one as its first pass unless the log is past it', () => {
    // 02:30 does not exist in Berlin on 29 March: read with +01:00, it is 01:30 UTC (03:30 summer time).
    expect(iso(berlin.toUtc(wall('2026-03-29T02:30')))).toBe('2026-03-29T01:30');
    // 02:30 on 25 October happens twice: 00:30 UTC, then 01:30 UTC.
    expect(iso(berlin.toUtc(wall('2026-10-25T02:30')))).toBe('2026-10-25T00:30');
    expect(iso(berlin.toUtc(wall('2026-10-25T02:30'), wall('2026-10-25T00:59')))).toBe('2026-10-25T01:30');
    // A line a few seconds out of order in the first pass stays in it.
    expect(iso(berlin.toUtc(wall('2026-10-25T02:30'), wall('2026-10-25T00:30') + 20_000))).toBe('2026-10-25T00:30');
  });

  it('knows zones by name, whatever their case, and refuses others', () => {
    expect(timeZoneName('europe/berlin')).toBe('Europe/Berlin');
    expect(timeZoneName(' UTC ')).toBe('UTC');
    expect(timeZoneName('Mars/Olympus')).toBeNull();
    expect(timeZoneName('')).toBeNull();
    expect([offsetText(60), offsetText(-330), offsetText(0), offsetText(345)]).toEqual(['+01:00', '-05:30', '+00:00', '+05:45']);
  });
});
