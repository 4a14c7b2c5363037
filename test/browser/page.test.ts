import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { dropFile, showSection, startHarness, type Harness } from './harness.ts';

const TINY = fileURLToPath(new URL('../fixtures/tiny-sessions.csv', import.meta.url));

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
}, 180_000);
afterAll(async () => {
  await harness?.close();
});

async function overviewValue(page: Page, id: string): Promise<string | null> {
  return page.getAttribute(`[data-testid="overview-${id}"]`, 'data-value');
}

async function waitForOverview(page: Page, users: number): Promise<void> {
  await page.waitForSelector(`[data-testid="overview-users"][data-value="${users}"]`);
}

describe('the page in Chromium', () => {
  it('loads a dropped canonical file and shows its ingest report, rejections and overview', async () => {
    const page = await harness.newPage();
    await dropFile(page, TINY);
    // tiny-sessions.csv: 7 data rows, 3 rejected (no user, 30 February, unknown licence type);
    // Ann (2 Revit sessions on 2 March), Bob (AutoCAD), U3 (AutoCAD): 3 users, 2 products, 4 sessions, 3 usage days.
    await waitForOverview(page, 3);
    expect(await overviewValue(page, 'products')).toBe('2');
    expect(await overviewValue(page, 'sessions')).toBe('4');
    expect(await overviewValue(page, 'usage-days')).toBe('3');
    const report = await page.textContent('[data-testid="ingest-report"]');
    expect(report).toContain('tiny-sessions.csv');
    expect(report).toMatch(/LRT session CSV/);
    const rejects = page.locator('[data-testid="rejects"] tbody tr');
    expect(await rejects.count()).toBe(3);
    expect(await page.textContent('[data-testid="rejects"]')).toContain('unknown licence type');

    // A file with no recognisable header: one sentence naming it; what was loaded stays.
    const dir = mkdtempSync(join(tmpdir(), 'lrt-page-'));
    const other = join(dir, 'budget.csv');
    writeFileSync(other, 'name,amount\nx,1\n');
    await dropFile(page, other);
    const alert = page.locator('[data-testid="load-error"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('budget.csv has no header this review recognises (first line found: name, amount)');
    expect(await overviewValue(page, 'users')).toBe('3');
    await page.close();
  });

  it('keeps the page responsive while a file loads: no main-thread task of 100 ms or more from drop to review', async () => {
    const page = await harness.newPage();
    await page.waitForSelector('[data-testid="engine-state"][data-ready="true"]', { state: 'attached' });
    // Long tasks (50 ms or more) on the page's own thread, and when the load moved from stage to stage.
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: [number, number][]; stages: [number, string][] };
      w.longTasks = [];
      w.stages = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push([e.startTime, e.duration]))).observe({ type: 'longtask' });
      new MutationObserver(() => {
        const stage = document.querySelector('[data-testid="progress-text"]')?.getAttribute('data-stage') ?? 'none';
        if (w.stages.at(-1)?.[1] !== stage) w.stages.push([performance.now(), stage]);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    // The demo's 195,317 sessions, gzipped: every stage of a load (reading, checking, merging, deriving) takes seconds.
    await dropFile(page, fileURLToPath(new URL('../../public/demo/demo-estate.csv.gzip', import.meta.url)));
    await page.waitForSelector('[data-testid="overview-sessions"][data-value="195317"]', { state: 'attached', timeout: 120_000 });
    const { longTasks, stages } = await page.evaluate(() => {
      const w = window as unknown as { longTasks: [number, number][]; stages: [number, string][] };
      return { longTasks: w.longTasks, stages: w.stages };
    });
    const seen = stages.map(([, stage]) => stage);
    for (const stage of ['reading', 'merging', 'deriving', 'reviewing']) expect(seen).toContain(stage);
    // From the drop until the review is asked for, the page's thread only draws progress: no task may block it.
    const reviewing = stages.find(([, stage]) => stage === 'reviewing')![0];
    expect(longTasks.filter(([start, duration]) => start < reviewing && duration >= 100)).toEqual([]);
    await page.close();
  });

  it('works a table of 10,000 findings: pages of rows, the key column in view, a filter and the rows as CSV', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lrt-big-'));
    // 10,000 AutoCAD seats assigned on 2 January 2025 and never used; a filler's use on 1 January and 30 June 2026
    // makes the data reach back over the lookback: every seat is dormant at the window end.
    const seats = Array.from({ length: 10_000 }, (_, i) => `u${String(i).padStart(5, '0')}@corp.example,AutoCAD,Direct,2025-01-02,`);
    writeFileSync(join(dir, 'usage-report.csv'), ['email,offering_name,seat_assignment,assigned_date,unassigned_date', ...seats].join('\n'));
    writeFileSync(join(dir, 'sessions.csv'), 'user_id,user_email,product,session_start,licence_type\nf,filler@corp.example,Maya,2026-01-01T09:00:00Z,named_user\nf,filler@corp.example,Maya,2026-06-30T09:00:00Z,named_user\n');
    const page = await harness.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.waitForSelector('[data-testid="engine-state"][data-ready="true"]', { state: 'attached' });
    await page.setInputFiles('[data-testid="file-input"]', [join(dir, 'usage-report.csv'), join(dir, 'sessions.csv')]);
    await page.waitForSelector('[data-testid="summary-exposure"]');
    await showSection(page, 'findings');
    const table = '[data-testid="rule-dormant_user"]';
    await page.waitForSelector(`${table} [data-testid="findings-shown"][data-value="10000"]`);
    // One page of rows is drawn, not ten thousand.
    expect(await page.locator(`${table} [data-testid="finding-row"]`).count()).toBe(100);
    expect(await page.textContent(`${table} [data-testid="findings-pager"]`)).toContain('Rows 1–100 of 10,000');
    await page.click(`${table} [data-testid="findings-next"]`);
    expect(await page.textContent(`${table} [data-testid="findings-pager"]`)).toContain('Rows 101–200 of 10,000');

    // The table scrolls inside its own region, which takes the keyboard; the user column stays in view.
    const region = page.locator(`${table} [data-testid="findings-region"]`);
    expect(await region.getAttribute('tabindex')).toBe('0');
    const firstUser = page.locator(`${table} [data-testid="finding-row"] td[data-column="user_key"]`).first();
    const before = (await firstUser.boundingBox())!.x;
    const scrolled = await region.evaluate((el) => {
      el.scrollLeft = 600;
      return el.scrollLeft;
    });
    expect(scrolled).toBeGreaterThan(0);
    expect(Math.abs((await firstUser.boundingBox())!.x - before)).toBeLessThan(2);
    // The user is the first column, the action's figures right after.
    expect(await page.locator(`${table} thead th[data-column]`).first().getAttribute('data-column')).toBe('user_key');

    // A filter over every column, and the rows as CSV exactly as filtered.
    await page.fill(`${table} [data-testid="findings-filter"]`, 'u09999');
    await page.waitForSelector(`${table} [data-testid="findings-shown"][data-value="1"]`);
    const [one] = await Promise.all([page.waitForEvent('download'), page.click(`${table} [data-testid="findings-csv"]`)]);
    const oneLines = readFileSync((await one.path())!, 'utf8').trimEnd().split('\r\n');
    expect(oneLines).toHaveLength(2);
    expect(oneLines[1]).toContain('u09999@corp.example');
    await page.fill(`${table} [data-testid="findings-filter"]`, '');
    const [all] = await Promise.all([page.waitForEvent('download'), page.click(`${table} [data-testid="findings-csv"]`)]);
    expect(readFileSync((await all.path())!, 'utf8').trimEnd().split('\r\n')).toHaveLength(10_001);
    await page.close();
  });

  it('refuses a picture named .csv in one short sentence, with what can be loaded a click away', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lrt-png-'));
    const png = join(dir, 'quarterly-usage.csv');
    writeFileSync(png, Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
    const page = await harness.newPage();
    await dropFile(page, png);
    const alert = page.locator('[data-testid="load-error"]');
    await alert.waitFor();
    expect(await alert.locator('p').first().textContent()).toBe('quarterly-usage.csv is a PNG picture, not a usage export or licence-server log.');
    await alert.locator('a', { hasText: 'What can be loaded' }).click();
    await page.waitForSelector('section#data:not([hidden]) [data-testid="accepted-formats"]');
    await page.close();
  });

  it('sent no request outside the page\'s origin and logged no error', () => {
    expect(harness.outside).toEqual([]);
    expect(harness.errors).toEqual([]);
  });
});
