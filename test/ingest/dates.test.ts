import { afterEach, describe, expect, it } from 'vitest';
import { DateOrderDetector, parseDateTime, parseDay, type DateOrder } from '../../src/ingest/dates.ts';

const at = (iso: string) => Date.parse(iso);

describe('parseDateTime', () => {
  it.each([
    ['2026-03-30', '2026-03-30T00:00:00.000Z'],
    ['2026-03-30T14:05', '2026-03-30T14:05:00.000Z'],
    ['2026-03-30T14:05:09', '2026-03-30T14:05:09.000Z'],
    ['2026-03-30 14:05:09.250', '2026-03-30T14:05:09.250Z'],
    ['2026-03-30T14:05:09Z', '2026-03-30T14:05:09.000Z'],
    ['2026-03-30T14:05:09+02:00', '2026-03-30T12:05:09.000Z'],
    ['2026-03-30T23:30:00-05:00', '2026-03-31T04:30:00.000Z'],
    ['2016-01-01 00:00:00', '2016-01-01T00:00:00.000Z'], // Token Flex usageDate
    ['  2026-03-30  ', '2026-03-30T00:00:00.000Z'],
  ])('reads the ISO form %s', (text, expected) => {
    expect(parseDateTime(text, null)).toBe(at(expected));
  });

  it.each<[string, DateOrder, string]>([
    ['3/30/2026', 'mdy', '2026-03-30T00:00:00.000Z'],
    ['30/3/2026', 'dmy', '2026-03-30T00:00:00.000Z'],
    ['03/04/2026', 'mdy', '2026-03-04T00:00:00.000Z'],
    ['03/04/2026', 'dmy', '2026-04-03T00:00:00.000Z'],
    ['30.3.2026', 'dmy', '2026-03-30T00:00:00.000Z'],
    ['04.03.2026', 'dmy', '2026-03-04T00:00:00.000Z'],
    ['30-03-2026', 'dmy', '2026-03-30T00:00:00.000Z'],
    ['3/30/2026 8:05', 'mdy', '2026-03-30T08:05:00.000Z'],
    ['3/30/2026 14:05:09', 'mdy', '2026-03-30T14:05:09.000Z'],
    ['3/30/2026 2:05 PM', 'mdy', '2026-03-30T14:05:00.000Z'],
    ['3/30/2026 2:05:09 pm', 'mdy', '2026-03-30T14:05:09.000Z'],
    ['3/30/2026, 12:00 AM', 'mdy', '2026-03-30T00:00:00.000Z'],
    ['3/30/2026 12:00 PM', 'mdy', '2026-03-30T12:00:00.000Z'],
    ['30.03.2026 07:15', 'dmy', '2026-03-30T07:15:00.000Z'],
  ])('reads %s in %s order', (text, order, expected) => {
    expect(parseDateTime(text, order)).toBe(at(expected));
  });

  it.each([
    ['30-Mar-2026', '2026-03-30T00:00:00.000Z'],
    ['30 Mar 2026', '2026-03-30T00:00:00.000Z'],
    ['30 March 2026 09:10', '2026-03-30T09:10:00.000Z'],
    ['Mar 30, 2026', '2026-03-30T00:00:00.000Z'],
    ['March 30 2026', '2026-03-30T00:00:00.000Z'],
    ['Sept 1, 2026', '2026-09-01T00:00:00.000Z'],
    ['mar 30, 2026 4:00 PM', '2026-03-30T16:00:00.000Z'],
    ['Thu May 05 2022 08:42:20', '2022-05-05T08:42:20.000Z'],
  ])('reads the month-name form %s whatever the order', (text, expected) => {
    for (const order of [null, 'mdy', 'dmy'] as const) expect(parseDateTime(text, order)).toBe(at(expected));
  });

  it('reads year-first slash dates', () => {
    expect(parseDateTime('2026/03/30', null)).toBe(at('2026-03-30T00:00:00Z'));
    expect(parseDateTime('2026/3/5 10:00', 'dmy')).toBe(at('2026-03-05T10:00:00Z'));
  });

  it('reads Excel serial day numbers (1900 date system)', () => {
    expect(parseDateTime('45658', null)).toBe(at('2025-01-01T00:00:00Z'));
    expect(parseDateTime('45658.5', null)).toBe(at('2025-01-01T12:00:00Z'));
    expect(parseDateTime('45658.75', 'dmy')).toBe(at('2025-01-01T18:00:00Z'));
    expect(parseDateTime('46111', null)).toBe(at('2026-03-30T00:00:00Z'));
    expect(parseDateTime('25569', null)).toBe(0); // 1970-01-01, the Unix epoch
    expect(parseDateTime('20000', null)).toBe(at('1954-10-03T00:00:00Z'));
    expect(parseDateTime('80000', null)).toBe(at('2119-01-11T00:00:00Z'));
    expect(parseDateTime('19999', null)).toBe(null);
    expect(parseDateTime('80001', null)).toBe(null);
    expect(parseDateTime('-45658', null)).toBe(null);
    expect(parseDateTime('4.5658e4', null)).toBe(null);
  });

  it('refuses impossible dates and times', () => {
    expect(parseDateTime('31/4/2026', 'dmy')).toBe(null);
    expect(parseDateTime('31/4/2026', null)).toBe(null);
    expect(parseDateTime('2/30/2026', 'mdy')).toBe(null);
    expect(parseDateTime('2/30/2026', null)).toBe(null);
    expect(parseDateTime('29/2/2026', 'dmy')).toBe(null);
    expect(parseDateTime('29/2/2028', 'dmy')).toBe(at('2028-02-29T00:00:00Z'));
    expect(parseDateTime('2026-02-30', null)).toBe(null);
    expect(parseDateTime('31-Apr-2026', null)).toBe(null);
    expect(parseDateTime('3/30/2026 24:00', 'mdy')).toBe(null);
    expect(parseDateTime('3/30/2026 13:00 PM', 'mdy')).toBe(null);
    expect(parseDateTime('3/30/2026 0:30 AM', 'mdy')).toBe(null);
    expect(parseDateTime('3/30/2026 10:60', 'mdy')).toBe(null);
  });

  it('refuses two-digit years, mixed separators, unknown month names and other text', () => {
    for (const text of ['3/30/26', '30.3.26', '30-Mar-26', 'Mar 30, 26', '3/30-2026', '30 Marc 2026', 'yesterday', '', '   ', '12', '2026']) {
      expect(parseDateTime(text, 'mdy'), text).toBe(null);
      expect(parseDateTime(text, null), text).toBe(null);
    }
  });

  it('refuses an ambiguous numeric date when the order is unknown', () => {
    expect(parseDateTime('3/4/2026', null)).toBe(null);
    expect(parseDateTime('3.4.2026', null)).toBe(null);
    expect(parseDateTime('3-4-2026 10:00', null)).toBe(null);
  });

  it('reads an unambiguous numeric date without an order, and when it agrees with the order', () => {
    expect(parseDateTime('13/4/2026', null)).toBe(at('2026-04-13T00:00:00Z'));
    expect(parseDateTime('4/13/2026', null)).toBe(at('2026-04-13T00:00:00Z'));
    expect(parseDateTime('13/4/2026', 'dmy')).toBe(at('2026-04-13T00:00:00Z'));
    expect(parseDateTime('4/13/2026', 'mdy')).toBe(at('2026-04-13T00:00:00Z'));
    expect(parseDateTime('5/5/2026', null)).toBe(at('2026-05-05T00:00:00Z')); // same either way
  });

  it('refuses a date that contradicts the file order', () => {
    expect(parseDateTime('13/4/2026', 'mdy')).toBe(null);
    expect(parseDateTime('4/13/2026', 'dmy')).toBe(null);
  });
});

describe('parseDay', () => {
  it('gives YYYY-MM-DD for every form', () => {
    expect(parseDay('2026-03-30', null)).toBe('2026-03-30');
    expect(parseDay('2026-03-30 23:59:59', null)).toBe('2026-03-30');
    expect(parseDay('3/30/2026', 'mdy')).toBe('2026-03-30');
    expect(parseDay('30/3/2026 11:59 PM', 'dmy')).toBe('2026-03-30');
    expect(parseDay('30-Mar-2026', null)).toBe('2026-03-30');
    expect(parseDay('Mar 30, 2026', null)).toBe('2026-03-30');
    expect(parseDay('45658', null)).toBe('2025-01-01');
    expect(parseDay('45658.99', null)).toBe('2025-01-01');
  });

  it('takes the UTC day of a time with an offset', () => {
    expect(parseDay('2026-03-30T23:30:00-05:00', null)).toBe('2026-03-31');
    expect(parseDay('2026-03-31T01:00:00+02:00', null)).toBe('2026-03-30');
  });

  it('returns null when the date does not parse', () => {
    expect(parseDay('3/4/2026', null)).toBe(null);
    expect(parseDay('31/4/2026', 'dmy')).toBe(null);
    expect(parseDay('n/a', 'dmy')).toBe(null);
  });
});

describe('DateOrderDetector', () => {
  const detect = (...texts: string[]) => {
    const detector = new DateOrderDetector();
    for (const text of texts) detector.add(text);
    return detector;
  };

  it('decides D/M/Y from a first part above 12, among ambiguous dates', () => {
    const d = detect('3/4/2026', '01/02/2026 10:00', '13/4/2026', '5/6/2026');
    expect(d.decided).toBe('dmy');
    expect(d.conflicting).toBe(false);
    expect(d.sawNumericDates).toBe(true);
    expect(d.example()).toBe('3/4/2026');
  });

  it('decides M/D/Y from a second part above 12, with any separator and a time', () => {
    expect(detect('4/13/2026 2:00 PM').decided).toBe('mdy');
    expect(detect('04.03.2026', '04.30.2026').decided).toBe('mdy');
    expect(detect('04-30-2026').decided).toBe('mdy');
  });

  it('stays undecided on ambiguous dates only, and gives an example', () => {
    const d = detect('3/4/2026', '5/5/2026', '12/1/2026');
    expect(d.decided).toBe(null);
    expect(d.conflicting).toBe(false);
    expect(d.sawNumericDates).toBe(true);
    expect(d.example()).toBe('3/4/2026');
  });

  it('reports conflicting proofs and decides nothing', () => {
    const d = detect('13/4/2026', '4/13/2026', '3/4/2026');
    expect(d.decided).toBe(null);
    expect(d.conflicting).toBe(true);
  });

  it('ignores non-numeric dates, two-digit years and impossible dates', () => {
    const d = detect('2026-03-30', '30-Mar-2026', '45658', '13/4/26', '', 'n/a');
    expect(d.sawNumericDates).toBe(false);
    expect(d.decided).toBe(null);
    expect(d.example()).toBe(null);
    const impossible = detect('31/4/2026', '2/30/2026');
    expect(impossible.sawNumericDates).toBe(true);
    expect(impossible.decided).toBe(null);
    expect(impossible.conflicting).toBe(false);
  });

  it('has no example when only same-part dates are ambiguous', () => {
    expect(detect('5/5/2026', '13/4/2026').example()).toBe(null);
  });
});

describe('time zone independence', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    // The unit project's files share their worker's process: leave TZ exactly as found (unset stays unset).
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it('gives the same results whatever the machine time zone', () => {
    const samples: [string, DateOrder | null][] = [
      ['3/30/2026 2:05 PM', 'mdy'],
      ['30.03.2026', 'dmy'],
      ['30-Mar-2026 23:30', null],
      ['45658.5', null],
      ['2026-03-29 01:30:00', null], // inside the European DST jump
      ['2026-03-08T02:30:00', null], // inside the US DST jump
    ];
    const results = (tz: string) => {
      process.env.TZ = tz;
      return samples.map(([text, order]) => [parseDateTime(text, order), parseDay(text, order)]);
    };
    const utc = results('UTC');
    expect(utc[0]).toEqual([at('2026-03-30T14:05:00Z'), '2026-03-30']);
    expect(utc[4]).toEqual([at('2026-03-29T01:30:00Z'), '2026-03-29']);
    for (const tz of ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      expect(results(tz), tz).toEqual(utc);
    }
    // The zone change really took effect, so the comparison above means something.
    process.env.TZ = 'Pacific/Kiritimati';
    expect(new Date(0).getTimezoneOffset()).not.toBe(0);
  });
});
