import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import { file, newEngine } from '../helpers/engine.ts';

/**
 * Logs of a licence server in Berlin, written by hand in the adskflex grammar across both clock changes of 2026
 * (summer time from 01:00 UTC on 29 March, winter time from 01:00 UTC on 25 October). Every expected time below is
 * worked by hand from those two instants: CET is UTC+1, CEST UTC+2.
 */
const SPRING = [
  ' 8:00:00 (lmgrd) FlexNet Licensing (v11.18.0.0 build 1 x64_n6) started on SERVER01 (IBM PC) (3/28/2026)',
  ' 8:00:01 (lmgrd) TIMESTAMP 3/28/2026',
  ' 9:00:00 (adskflex) OUT: "87545ACD_2022_0F" anna@ws1', // 08:00 UTC
  '10:00:00 (adskflex) IN: "87545ACD_2022_0F" anna@ws1', // 09:00 UTC: 60 min
  ' 0:30:00 (adskflex) OUT: "87545ACD_2022_0F" anna@ws1', // 29 March 00:30 CET = 28 March 23:30 UTC
  ' 0:45:00 (adskflex) DENIED: "87545ACD_2022_0F" carl@ws3  (Licensed number of users already reached. (-4,342))', // 28 March 23:45 UTC
  ' 1:30:00 (adskflex) OUT: "87545RVT_2022_0F" ben@ws2', // 00:30 UTC
  ' 3:30:00 (adskflex) IN: "87545RVT_2022_0F" ben@ws2', // 03:30 CEST = 01:30 UTC: 60 min, where the wall clock says 120
  ' 4:00:00 (adskflex) IN: "87545ACD_2022_0F" anna@ws1', // 02:00 UTC: 150 min, where the wall clock says 210
].join('\n');

const AUTUMN = [
  ' 8:00:00 (lmgrd) FlexNet Licensing (v11.18.0.0 build 1 x64_n6) started on SERVER01 (IBM PC) (10/24/2026)',
  ' 8:00:01 (lmgrd) TIMESTAMP 10/24/2026',
  '23:00:00 (adskflex) OUT: "87545ACD_2022_0F" carl@ws3', // 24 October 23:00 CEST = 21:00 UTC
  ' 2:10:00 (adskflex) OUT: "87545RVT_2022_0F" dana@ws4', // 25 October, first 02:10 (CEST) = 00:10 UTC
  ' 2:50:00 (adskflex) IN: "87545RVT_2022_0F" dana@ws4', // 00:50 UTC: 40 min
  ' 2:20:00 (adskflex) OUT: "87545RVT_2022_0F" dana@ws4', // the clock went back: second 02:20 (CET) = 01:20 UTC
  ' 2:40:00 (adskflex) IN: "87545RVT_2022_0F" dana@ws4', // 01:40 UTC: 20 min
  ' 3:00:00 (adskflex) IN: "87545ACD_2022_0F" carl@ws3', // 03:00 CET = 02:00 UTC: 300 min, where the wall clock says 240
].join('\n');

function sessionRows(csv: string): string[][] {
  return csv.trim().split('\r\n').slice(1).map((line) => {
    const f = line.split(',');
    return [f[0]!, f[3]!, f[12]!, f[13]!, f[14]!];
  });
}

describe("a licence-server log read on its server's clock", () => {
  let engine: Engine;
  beforeAll(() => {
    engine = newEngine();
  });
  afterAll(() => engine.close());

  it('stores true UTC across the spring change: durations, usage days and denials by the instant, exported with the offsets', async () => {
    await engine.reset();
    const [report] = await engine.load([{ ...file('spring.log', SPRING), time_zone: 'europe/berlin' }]);
    expect(report).toMatchObject({ status: 'loaded', time_zone: 'Europe/Berlin', rows_read: 7, rows_loaded: 7, rows_rejected: 0, first_day: '2026-03-28', last_day: '2026-03-29' });
    expect(report!.notes[0]).toBe("Times are the licence server's clock in Europe/Berlin (UTC+01:00 and +02:00 in this log), stored as UTC.");

    const exported = await engine.exportSessionsCsv();
    expect(sessionRows(exported)).toEqual([
      ['anna@ws1', 'AutoCAD', '2026-03-28T09:00:00+01:00', '2026-03-28T10:00:00+01:00', '60'],
      ['anna@ws1', 'AutoCAD', '2026-03-29T00:30:00+01:00', '2026-03-29T04:00:00+02:00', '150'],
      ['ben@ws2', 'Revit', '2026-03-29T01:30:00+01:00', '2026-03-29T03:30:00+02:00', '60'],
    ]);
    const review = await engine.review();
    // 60 + 150 + 60 minutes; anna's second session starts on 28 March UTC, though the server's clock says 29 March.
    expect(review.overview).toMatchObject({ sessions: 3, hours: 4.5, first_day: '2026-03-28' });
    const activity = await engine.licenceServerActivity('AutoCAD', { start: '2026-03-01', end: '2026-03-31' });
    expect(activity.denials.map((d) => [d.at, d.login])).toEqual([['2026-03-28 23:45:00', 'carl']]);
    expect(activity.checkouts.map((c) => [c.checked_out, c.checked_in, c.minutes])).toEqual([
      ['2026-03-28 08:00:00', '2026-03-28 09:00:00', 60],
      ['2026-03-28 23:30:00', '2026-03-29 02:00:00', 150],
    ]);

    // The export loads back as the same instants, and exports again byte for byte.
    const again = newEngine();
    try {
      const [back] = await again.load([file('sessions.csv', exported)]);
      expect(back).toMatchObject({ status: 'loaded', rows_loaded: 3, rows_rejected: 0 });
      expect(await again.exportSessionsCsv()).toBe(exported);
      expect((await again.review()).overview).toMatchObject({ hours: 4.5, first_day: '2026-03-28' });
    } finally {
      await again.close();
    }
  });

  it('places the hour the clock repeats in autumn by the order of the lines', async () => {
    await engine.reset();
    const [report] = await engine.load([{ ...file('autumn.log', AUTUMN), time_zone: 'Europe/Berlin' }]);
    expect(report).toMatchObject({ status: 'loaded', rows_read: 6, rows_loaded: 6, rows_rejected: 0 });
    expect(sessionRows(await engine.exportSessionsCsv())).toEqual([
      ['carl@ws3', 'AutoCAD', '2026-10-24T23:00:00+02:00', '2026-10-25T03:00:00+01:00', '300'],
      ['dana@ws4', 'Revit', '2026-10-25T02:10:00+02:00', '2026-10-25T02:50:00+02:00', '40'],
      ['dana@ws4', 'Revit', '2026-10-25T02:20:00+01:00', '2026-10-25T02:40:00+01:00', '20'],
    ]);
    expect((await engine.review()).overview.hours).toBe(6);
  });

  it('reads a log in UTC by default and says so', async () => {
    await engine.reset();
    const [report] = await engine.load([file('spring.log', SPRING)]);
    expect(report).toMatchObject({ status: 'loaded', time_zone: 'UTC' });
    expect(report!.notes[0]).toMatch(/read as UTC: the log names no time zone/);
    // The wall clock taken as UTC: 60 + 210 + 120 minutes, written with Z.
    expect(sessionRows(await engine.exportSessionsCsv())[1]).toEqual(['anna@ws1', 'AutoCAD', '2026-03-29T00:30:00Z', '2026-03-29T04:00:00Z', '210']);
    expect((await engine.review()).overview.hours).toBe(6.5);
  });

  it("reads an lmstat snapshot's time and its holders' starts on the server's clock", async () => {
    await engine.reset();
    const snapshot = [
      'Flexible License Manager status on Wed 7/1/2026 10:30',
      'License server status: 27000@srv01',
      'Users of 87545ACD_2022_0F:  (Total of 2 licenses issued;  Total of 1 license in use)',
      '  "87545ACD_2022_0F" v1.000, vendor: adskflex, expiry: 31-mar-2027',
      '    carl ws3 ws3 (v1.000) (srv01/27000 4395), start Wed 7/1 9:05',
    ].join('\n');
    await engine.load([{ ...file('lmstat.txt', snapshot), time_zone: 'America/New_York' }]);
    const { licence_servers } = await engine.review();
    // New York keeps summer time (UTC-4) in July.
    expect(licence_servers.features.map((f) => [f.snapshot_time, f.holders.map((h) => h.since)])).toEqual([['2026-07-01 14:30', ['2026-07-01 13:05']]]);
  });

  it('refuses a zone it does not know, in one sentence naming the file', async () => {
    await engine.reset();
    const [report] = await engine.load([{ ...file('spring.log', SPRING), time_zone: 'Mars/Olympus' }]);
    expect(report).toMatchObject({ status: 'failed', rows_read: 0 });
    expect(report!.message).toBe('spring.log cannot be read in the time zone "Mars/Olympus": it is not a time zone name this browser knows, such as Europe/Berlin or America/New_York.');
  });
});
