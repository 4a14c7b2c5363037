import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { dropFile, startHarness, type Harness } from './harness.ts';

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

  it('sent no request outside the page\'s origin and logged no error', () => {
    expect(harness.outside).toEqual([]);
    expect(harness.errors).toEqual([]);
  });
});
