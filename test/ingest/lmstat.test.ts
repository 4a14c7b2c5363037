import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import { LmstatParser, looksLikeLmstat } from '../../src/ingest/formats/lmstat.ts';
import type { OverCountFinding } from '../../src/rules/over-count.ts';
import { file, newEngine } from '../helpers/engine.ts';

/**
 * An lmstat -a snapshot written by hand in lmutil's grammar: AutoCAD 2 licences issued (1 in use, carl since 3 March),
 * the Media & Entertainment Collection package 10 issued, and a MathWorks feature (another vendor's, left out).
 */
const SNAPSHOT = [
  'lmutil - Copyright (c) 1989-2022 Flexera. All Rights Reserved.',
  'Flexible License Manager status on Wed 3/4/2026 10:30',
  '',
  '[Detecting lmgrd processes...]',
  'License server status: 27000@srv01',
  '    License file(s) on srv01: C:\\Autodesk\\Network License Manager\\adsk.lic:',
  '',
  'srv01: license server UP (MASTER) v11.19.0',
  '',
  'Vendor daemon status (on srv01):',
  '',
  '  adskflex: UP v11.19.0',
  'Feature usage info:',
  '',
  'Users of 87545ACD_2022_0F:  (Total of 2 licenses issued;  Total of 1 license in use)',
  '',
  '  "87545ACD_2022_0F" v1.000, vendor: adskflex, expiry: 31-mar-2027',
  '  floating license',
  '',
  '    carl ws3 ws3 (v1.000) (srv01/27000 4395), start Tue 3/3 9:00',
  '',
  'Users of MATLAB:  (Total of 5 licenses issued;  Total of 0 licenses in use)',
  '',
  'Users of 86815MECOLL_T_F:  (Total of 10 licenses issued;  Total of 0 licenses in use)',
  '',
  '  "86815MECOLL_T_F" v1.000, vendor: adskflex, expiry: permanent',
  '  floating license',
];

/** The log of test/review/licence-servers.test.ts: AutoCAD peaks at 3 checkouts at 9:20 on 2 March, 1 on 3 March. */
const LOG = [
  ' 8:00:00 (lmgrd) FlexNet Licensing (v11.18.0.0 build 1 x64_n6) started on SERVER01 (IBM PC) (3/2/2026)',
  ' 9:00:00 (adskflex) OUT: "87545ACD_2022_0F" anna@ws1',
  ' 9:15:00 (adskflex) OUT: "87545ACD_2022_0F" anna@ws2',
  ' 9:20:00 (adskflex) OUT: "87545ACD_2022_0F" ben@ws1',
  ' 9:40:00 (adskflex) IN: "87545ACD_2022_0F" anna@ws2  (INACTIVE)',
  '10:00:00 (adskflex) IN: "87545ACD_2022_0F" anna@ws1',
  '11:00:00 (adskflex) IN: "87545ACD_2022_0F" ben@ws1',
  ' 8:00:00 (lmgrd) TIMESTAMP 3/3/2026',
  ' 9:00:00 (adskflex) OUT: "87545ACD_2022_0F" carl@ws3',
  '12:00:00 (adskflex) IN: "87545ACD_2022_0F" carl@ws3',
].join('\n');

describe('reading an lmstat snapshot', () => {
  it('gives per Autodesk feature the licences issued and in use at the snapshot, and leaves other vendors out', () => {
    expect(looksLikeLmstat(SNAPSHOT)).toBe(true);
    expect(looksLikeLmstat(LOG.split('\n'))).toBe(false);
    const parser = new LmstatParser();
    SNAPSHOT.forEach((line, i) => parser.push(line, i + 1));
    parser.end();
    expect(parser.takeFeatures()).toEqual([
      {
        line: 15, server: '27000@srv01', feature: '87545ACD_2022_0F', plc: 'ACD', issued: 2, in_use: 1, snapshot_at: '2026-03-04 10:30', expiry: '2027-03-31',
        holders: [{ line: 20, login: 'carl', host: 'ws3', display: 'ws3', since: '2026-03-03 09:00', licences: 1 }],
      },
      { line: 24, server: '27000@srv01', feature: '86815MECOLL_T_F', plc: 'MECOLL', issued: 10, in_use: 0, snapshot_at: '2026-03-04 10:30', expiry: null, holders: [] },
    ]);
    expect([parser.featureLines, parser.otherVendorFeatures, parser.rejected, parser.snapshots]).toEqual([3, 1, 0, 1]);
  });

  it("dates a holder's start in the snapshot's year, or the year before when its day comes after the snapshot's", () => {
    const parser = new LmstatParser();
    [
      'Flexible License Manager status on Fri 1/2/2026 8:05',
      'License server status: 27000@srv01',
      'Users of 87545ACD_2022_0F:  (Total of 2 licenses issued;  Total of 2 licenses in use)',
      '  "87545ACD_2022_0F" v1.000, vendor: adskflex, expiry: permanent',
      '    dana ws4 ws4 (v1.000) (srv01/27000 101), start Wed 12/31 17:45',
      '    erik ws5 ws5 (v1.000) (srv01/27000 102), start Fri 1/2 7:58, 1 license',
    ].forEach((line, i) => parser.push(line, i + 1));
    parser.end();
    expect(parser.takeFeatures()[0]!.holders.map((h) => [h.login, h.since])).toEqual([['dana', '2025-12-31 17:45'], ['erik', '2026-01-02 07:58']]);
  });
});

describe('an lmstat count as the licences issued', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = newEngine();
    const reports = await engine.load([file('lmstat-0304.txt', SNAPSHOT.join('\n')), file('debug.log', LOG)]);
    expect(reports.map((r) => [r.kind, r.status, r.rows_read, r.rows_loaded, r.rows_rejected])).toEqual([
      ['lmstat', 'loaded', 2, 2, 0],
      ['flexnet_log', 'loaded', 8, 8, 0],
    ]);
    expect(reports[0]!.notes).toContain('1 feature(s) of other vendors were left out.');
  });
  afterAll(async () => {
    await engine.close();
  });

  const overCount = async (settings = {}) =>
    ((await engine.review({ window: { end: '2026-03-31', months: 3 }, ...settings })).rules.find((r) => r.rule === 'over_count')!.findings as OverCountFinding[]).filter(
      (f) => f.kind === 'network',
    );

  it('is S for the network licence where no subscription covers the product: 3 held at once against 2 issued', async () => {
    const [autocad] = await overCount();
    expect(autocad).toMatchObject({ product: 'AutoCAD', offerings: ['AutoCAD'], high_water_mark: 3, seats_at_high_water: 2, days_over: 1, max_excess: 1 });
    const review = await engine.review({ window: { end: '2026-03-31', months: 3 } });
    expect(review.licence_servers.products.find((p) => p.product === 'AutoCAD')).toMatchObject({ peak: 3, licences_at_peak: 2, days_over: 1 });
  });

  it('gives way to a Subscriptions row covering the product: its 5 seats are S, and nothing is over', async () => {
    const withContract = newEngine();
    try {
      await withContract.load([
        file('lmstat-0304.txt', SNAPSHOT.join('\n')),
        file('debug.log', LOG),
        file('subs.csv', 'subscription_id,offering_name,seat_quantity,start_date,end_date\nS1,AutoCAD,5,2026-01-01,2026-12-31\n'),
      ]);
      const review = await withContract.review({ window: { end: '2026-03-31', months: 3 } });
      expect(review.licence_servers.products.find((p) => p.product === 'AutoCAD')).toMatchObject({ peak: 3, licences_at_peak: 5, days_over: 0 });
      expect((review.rules.find((r) => r.rule === 'over_count')!.findings as OverCountFinding[]).filter((f) => f.kind === 'network')).toEqual([]);
    } finally {
      await withContract.close();
    }
  });
});

describe('the counts an lmstat snapshot gives the licence-server view', () => {
  it('lists per server and feature the latest snapshot: issued, in use, when, and who holds the licences', async () => {
    const engine = newEngine();
    try {
      // The snapshot above, then one a day later: AutoCAD 2 issued, 2 in use (carl since 3 March, dana since 5 March).
      const later = SNAPSHOT.join('\n')
        .replace('Wed 3/4/2026 10:30', 'Thu 3/5/2026 10:30')
        .replace('Total of 1 license in use', 'Total of 2 licenses in use')
        .replace('    carl ws3 ws3 (v1.000) (srv01/27000 4395), start Tue 3/3 9:00', '    carl ws3 ws3 (v1.000) (srv01/27000 4395), start Tue 3/3 9:00\n    dana ws4 ws4 (v1.000) (srv01/27000 4401), start Thu 3/5 8:10');
      await engine.load([file('lmstat-0304.txt', SNAPSHOT.join('\n')), file('lmstat-0305.txt', later)]);
      const { licence_servers } = await engine.review();
      // No log, no usage day: the counts stand without a review window.
      expect(licence_servers.products).toEqual([]);
      expect(licence_servers.features.map((f) => [f.product, f.feature, f.server, f.issued, f.in_use, f.snapshot_time, f.expiry])).toEqual([
        ['AutoCAD', '87545ACD_2022_0F', '27000@srv01', 2, 2, '2026-03-05 10:30', '2027-03-31'],
        [licence_servers.features[1]!.product, '86815MECOLL_T_F', '27000@srv01', 10, 0, '2026-03-05 10:30', null],
      ]);
      expect(licence_servers.features[0]!.holders).toEqual([
        { login: 'carl', host: 'ws3', since: '2026-03-03 09:00', licences: 1 },
        { login: 'dana', host: 'ws4', since: '2026-03-05 08:10', licences: 1 },
      ]);
      expect(licence_servers.snapshots.filter((s) => s.product === 'AutoCAD')).toEqual([
        { product: 'AutoCAD', snapshot_time: '2026-03-04 10:30', issued: 2, in_use: 1 },
        { product: 'AutoCAD', snapshot_time: '2026-03-05 10:30', issued: 2, in_use: 2 },
      ]);
    } finally {
      await engine.close();
    }
  });
});
