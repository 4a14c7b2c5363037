import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import type { OverCountFinding } from '../../src/rules/over-count.ts';
import { file, newEngine } from '../helpers/engine.ts';

/**
 * A hand-written adskflex log over two days, worked by hand. AutoCAD has 2 seats (a Subscriptions row); Revit none.
 * 2 March, AutoCAD: anna@ws1 9:00-10:00, anna@ws2 9:15-9:40 (timed out, INACTIVE), ben@ws1 9:20-11:00:
 *   three checkouts held at 9:20, the peak (one login on two hosts, two logins on one host); carl@ws3 denied at 9:25.
 * 3 March, AutoCAD: carl@ws3 9:00-12:00: peak 1.
 * Revit: dana@ws4 from 10:00 on 2 March, never checked in (open when the log ended): it counts to the end of 2 March.
 * AutoCAD: 4 checkouts, logins anna, ben, carl (3), hosts ws1, ws2, ws3 (3);
 *   hours 1 + 25/60 + 100/60 + 3 = 6.083 -> 6.1 (2 March alone: 3.083 -> 3.1); over its 2 seats on 2 March only.
 * Revit: 1 checkout, 14 hours (10:00 to midnight), peak 1 at 10:00, no licences known.
 */
const LOG = readFileSync(new URL('../fixtures/flexlm/two-days.log', import.meta.url), 'utf8');

let engine: Engine;
beforeAll(async () => {
  engine = newEngine();
  const reports = await engine.load([
    file('subs.csv', ['subscription_id,offering_name,seat_quantity,start_date,end_date', 'N1,AutoCAD,2,2026-01-01,2026-12-31'].join('\n')),
    file('server.log', LOG),
  ]);
  expect(reports.map((r) => [r.kind, r.status, r.rows_rejected])).toEqual([['subscriptions', 'loaded', 0], ['flexnet_log', 'loaded', 0]]);
});
afterAll(async () => {
  await engine.close();
});

const review = (end: string) => engine.review({ window: { end, months: 3 } });

describe('the licence-server view', () => {
  it('gives per product the peak of concurrent checkouts and when, the licences issued, denials, and logins and hosts apart', async () => {
    const { licence_servers } = await review('2026-03-31');
    expect(licence_servers.first_day).toBe('2026-03-02');
    expect(licence_servers.last_day).toBe('2026-03-03');
    expect(licence_servers.products).toEqual([
      {
        product: 'AutoCAD', features: ['87545ACD_2022_0F'], sessions: 4, logins: 3, hosts: 3, hours: 6.1,
        peak: 3, peak_at: '2026-03-02 09:20:00', licences_at_peak: 2, days_over: 1, denials: 1, denial_days: 1, open_ended: 0,
      },
      {
        product: 'Revit', features: ['87545RVT_2022_0F'], sessions: 1, logins: 1, hosts: 1, hours: 14,
        peak: 1, peak_at: '2026-03-02 10:00:00', licences_at_peak: null, days_over: 0, denials: 0, denial_days: 0, open_ended: 1,
      },
    ]);
    expect(licence_servers.days).toEqual([
      { product: 'AutoCAD', day: '2026-03-02', peak: 3, licences: 2, denials: 1 },
      { product: 'AutoCAD', day: '2026-03-03', peak: 1, licences: 2, denials: 0 },
      { product: 'Revit', day: '2026-03-02', peak: 1, licences: null, denials: 0 },
      { product: 'Revit', day: '2026-03-03', peak: 0, licences: null, denials: 0 },
    ]);
  });

  it('counts the logins (anna, ben, carl, dana) and hosts (ws1 to ws4) apart from the users: none is yet a person', async () => {
    expect((await review('2026-03-31')).overview).toMatchObject({ users: 0, server_logins: 4, server_hosts: 4 });
  });

  it('agrees with rule 8 on the peak it judges', async () => {
    const result = await review('2026-03-31');
    const network = (result.rules.find((r) => r.rule === 'over_count')!.findings as OverCountFinding[]).filter((f) => f.kind === 'network');
    expect(network.map((f) => [f.product, f.high_water_mark, f.high_water_date, f.days_over, f.denials])).toEqual([['AutoCAD', 3, '2026-03-02', 1, 1]]);
  });

  it('counts only the window: a window ending on 2 March leaves out 3 March', async () => {
    const { licence_servers } = await review('2026-03-02');
    expect(licence_servers.last_day).toBe('2026-03-02');
    expect(licence_servers.products.map((p) => [p.product, p.sessions, p.hours, p.peak])).toEqual([
      ['AutoCAD', 3, 3.1, 3],
      ['Revit', 1, 14, 1],
    ]);
  });

  it("lists a product's checkouts with login and host apart and how each ended, and its denials", async () => {
    const window = { start: '2026-01-01', end: '2026-03-31' };
    const acd = await engine.licenceServerActivity('AutoCAD', window);
    expect(acd.checkouts_total).toBe(4);
    expect(acd.checkouts).toEqual([
      { login: 'anna', host: 'ws1', feature: '87545ACD_2022_0F', version: '2022', checked_out: '2026-03-02 09:00:00', checked_in: '2026-03-02 10:00:00', minutes: 60, ended: 'checked_in' },
      { login: 'anna', host: 'ws2', feature: '87545ACD_2022_0F', version: '2022', checked_out: '2026-03-02 09:15:00', checked_in: '2026-03-02 09:40:00', minutes: 25, ended: 'inactive' },
      { login: 'ben', host: 'ws1', feature: '87545ACD_2022_0F', version: '2022', checked_out: '2026-03-02 09:20:00', checked_in: '2026-03-02 11:00:00', minutes: 100, ended: 'checked_in' },
      { login: 'carl', host: 'ws3', feature: '87545ACD_2022_0F', version: '2022', checked_out: '2026-03-03 09:00:00', checked_in: '2026-03-03 12:00:00', minutes: 180, ended: 'checked_in' },
    ]);
    expect(acd.denials_total).toBe(1);
    expect(acd.denials).toEqual([
      { at: '2026-03-02 09:25:00', login: 'carl', host: 'ws3', feature: '87545ACD_2022_0F', reason: expect.stringContaining('Licensed number of users already reached') },
    ]);

    const rvt = await engine.licenceServerActivity('Revit', window);
    expect(rvt.checkouts).toEqual([
      { login: 'dana', host: 'ws4', feature: '87545RVT_2022_0F', version: '2022', checked_out: '2026-03-02 10:00:00', checked_in: null, minutes: null, ended: 'end_of_log' },
    ]);

    const firstTwo = await engine.licenceServerActivity('AutoCAD', window, 2);
    expect([firstTwo.checkouts_total, firstTwo.checkouts.map((c) => `${c.login}@${c.host}`)]).toEqual([4, ['anna@ws1', 'anna@ws2']]);
  });
});
