import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropFile, showSection, startHarness, type Harness } from './harness.ts';

/**
 * A hand-written adskflex log (the grammar of the real one), counted by hand. AutoCAD has 2 seats; Revit none.
 * 2 March, AutoCAD: anna@ws1 9:00-10:00, anna@ws2 9:15-9:40 (timed out), ben@ws1 9:20-11:00: 3 held at 9:20, one
 * more than the seats; carl@ws3 denied at 9:25. 3 March: carl@ws3 9:00-12:00. Revit: dana@ws4 from 10:00 on 2 March,
 * never checked in. So AutoCAD: most held at once 3 (first at 2026-03-02 09:20:00), 2 licences issued then, 1 day
 * above, 1 denial on 1 day, 4 checkouts by 3 logins on 3 hosts.
 */
const LOG = fileURLToPath(new URL('../fixtures/flexlm/two-days.log', import.meta.url));

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
}, 180_000);
afterAll(async () => {
  await harness?.close();
});

describe('the licence-server view', () => {
  it('shows per product the checkouts held at once against the licences issued, denials, and checkouts with login and host apart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lrt-servers-'));
    writeFileSync(join(dir, 'subscriptions.csv'), 'subscription_id,offering_name,seat_quantity,start_date,end_date\nN1,AutoCAD,2,2026-01-01,2026-12-31\n');
    const page = await harness.newPage();
    await page.waitForSelector('[data-testid="engine-state"][data-ready="true"]');
    await dropFile(page, join(dir, 'subscriptions.csv'));
    await page.waitForSelector('[data-testid="section-nav"]');
    // No log yet: the navigation has no licence-server section.
    expect(await page.locator('[data-testid="nav-servers"]').count()).toBe(0);
    await dropFile(page, LOG);
    await page.waitForSelector('[data-testid="nav-servers"]');
    await showSection(page, 'servers');

    const autocad = page.locator('[data-testid="servers-peak-row"][data-product="AutoCAD"]');
    const cells = await autocad.locator('td').allTextContents();
    expect(cells.slice(0, 10)).toEqual(['3', '2026-03-02 09:20:00', '2', '1', '1 (1)', '4', '3', '3', '6.1', '0']);
    expect(await page.locator('[data-testid="servers-peak-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-product')))).toEqual(['AutoCAD', 'Revit']);

    // The chart is drawn, and its numbers are one click away.
    await page.locator('[data-testid="servers-chart-chart"] canvas').waitFor();
    await page.click('[data-testid="servers-chart-table-toggle"]');
    const days = await page.locator('[data-testid="servers-days-table"] tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent?.trim())));
    expect(days).toEqual([
      ['2026-03-02', '3', '2', '1 ▲', '1'],
      ['2026-03-03', '1', '2', '', ''],
    ]);

    // The checkouts: login and host in their own columns, how each ended in words; the denial with its reason.
    const checkouts = page.locator('[data-testid="servers-checkouts"] tbody tr');
    await checkouts.first().waitFor();
    const rows = await checkouts.evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent?.trim())));
    expect(rows.map((r) => [r[0], r[1], r[2], r[5]])).toEqual([
      ['anna', 'ws1', '2026-03-02 09:00:00', 'checked in'],
      ['anna', 'ws2', '2026-03-02 09:15:00', 'timed out (inactive)'],
      ['ben', 'ws1', '2026-03-02 09:20:00', 'checked in'],
      ['carl', 'ws3', '2026-03-03 09:00:00', 'checked in'],
    ]);
    await page.fill('[data-testid="servers-checkouts-filter"]', 'ws1');
    expect(await page.getAttribute('[data-testid="servers-checkouts-count"]', 'data-value')).toBe('2');
    expect(await page.textContent('[data-testid="servers-denials"]')).toContain('Licensed number of users already reached');

    // Another product: its own checkouts, one never checked in.
    await page.selectOption('[data-testid="servers-product"]', 'Revit');
    await page.waitForFunction(() => document.querySelector('[data-testid="servers-checkouts"] tbody tr th')?.textContent?.trim() === 'dana');
    expect(await page.textContent('[data-testid="servers-checkouts"] tbody')).toContain('still out when the log ended');

    // The over-count finding shows the same peaks in place and leads back here with its product chosen.
    await showSection(page, 'findings');
    await page.click('[data-testid="tab-compliance"]');
    const over = page.locator('[data-testid="rule-over_count"]');
    await over.locator('[data-testid="finding-expand"]').first().click();
    expect(await over.locator('[data-testid="evidence-series"]').getAttribute('aria-label')).toContain('checkouts held at once peaked at 3 on 2026-03-02 against 2 seats');
    await over.locator('[data-testid="finding-series"]').click();
    await page.waitForSelector('section#servers:not([hidden])');
    expect(await page.inputValue('[data-testid="servers-product"]')).toBe('AutoCAD');

    // No accessibility violation, and no sideways page scroll, at 1280 and 390 px.
    // An lmstat snapshot (test/fixtures/lmstat: AutoCAD 2012 on server01, 10 issued, 3 in use at 30 March 2016 10:30,
    // one holder line): its counts under the peaks, whatever the window.
    await dropFile(page, fileURLToPath(new URL('../fixtures/lmstat/lmstat-20160330.txt', import.meta.url)));
    await page.waitForSelector('[data-testid="servers-counts-table"] tr[data-feature="85730ACD_2012_0F"]', { state: 'attached' });
    await showSection(page, 'servers');
    const counts = page.locator('[data-testid="servers-counts-table"] tr[data-feature="85730ACD_2012_0F"]');
    expect(await counts.locator('th, td').allTextContents()).toEqual([
      'AutoCAD', '85730ACD_2012_0F', '27000@server01', '10', '3', '2016-03-30 10:30', 'permanent', 'USER07@COMPUTER04 (2016-03-30 09:12)',
    ]);

    // The servers are in Berlin: choosing the zone for the log reads it again, and the snapshot with it (its zone was
    // not chosen). 9:20 in March 2026 is CET (UTC+1); 30 March 2016 is already summer time (UTC+2).
    await showSection(page, 'data');
    const logZone = page.locator('[data-testid="ingest-file"][data-file="two-days.log"] [data-testid="time-zone-select"]');
    expect(await logZone.inputValue()).toBe('UTC');
    await logZone.selectOption('Europe/Berlin');
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLSelectElement>('[data-testid="time-zone-select"]')].every((s) => s.value === 'Europe/Berlin' && !s.disabled));
    expect(await page.locator('[data-testid="time-zone-select"]').count()).toBe(2);
    expect(await page.textContent('[data-testid="ingest-file"][data-file="two-days.log"] [data-testid="ingest-notes"]')).toContain(
      "Times are the licence server's clock in Europe/Berlin (UTC+01:00 in this log), stored as UTC.",
    );
    await showSection(page, 'servers');
    expect((await autocad.locator('td').allTextContents()).slice(0, 2)).toEqual(['3', '2026-03-02 08:20:00']);
    expect((await counts.locator('th, td').allTextContents())[5]).toBe('2016-03-30 08:30');

    // A login list links anna to a person. She held ws1 and ws2 at once on 2 March only: one day, so not shared.
    writeFileSync(join(dir, 'logins.csv'), 'login,email\nanna,anna@corp.example\n');
    await dropFile(page, join(dir, 'logins.csv'));
    const anna = page.locator('[data-testid="servers-logins-table"] tr[data-login="anna"]');
    await anna.locator('[data-testid="servers-login-person"]', { hasText: 'anna@corp.example' }).waitFor({ state: 'attached' });
    await showSection(page, 'servers');
    expect(await anna.locator('th, td').allTextContents()).toEqual(['anna', 'ws1, ws2', '2', 'anna@corp.example', 'your login list', 'No: on several hosts at once on 1 day']);
    expect(await page.locator('[data-testid="servers-logins-table"] tr[data-linked="false"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-login')))).toEqual(['ben', 'carl', 'dana']);

    await page.evaluate(readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8'));
    for (const [width, height] of [[1280, 800], [390, 844]] as const) {
      await page.setViewportSize({ width, height });
      const violations = await page.evaluate(async () => {
        type Axe = { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
        const axe = (window as unknown as { axe: Axe }).axe;
        const result = await axe.run({ include: [['section#servers'], ['nav']] }, { resultTypes: ['violations'] });
        return result.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
      });
      expect({ width, violations }).toEqual({ width, violations: [] });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    }
    expect(harness.outside).toEqual([]);
    expect(harness.errors).toEqual([]);
    await page.close();
  });
});
