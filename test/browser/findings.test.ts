import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseSettings } from '../../src/settings/schema.ts';
import { runReview } from '../../src/cli/review.ts';
import { dropFile, showSection, startHarness, type Harness } from './harness.ts';

/*
 * Four AutoCAD/Revit seats assigned on 2024-01-02 and five sessions. With the window end set to 2025-06-30 and
 * dormant_days at its default of 90 (rulebook 1: dormant when no covered use d > 2025-06-30 - 90 = 2025-04-01):
 *   ann  AutoCAD, last use 2025-01-06: 175 days  -> dormant
 *   bob  AutoCAD, last use 2025-06-20            -> active
 *   dan  AutoCAD, last use 2025-04-02: 89 days   -> active (dormant at the default window end, 2025-07-15: 104 days)
 *   cat  Revit,   last use 2025-06-25 (and 2025-07-15, after the window) -> active
 * So exactly one dormant user, ann@corp.example, 175 days inactive.
 */
const SEATS = `email,offering_name,seat_assignment,assigned_date,unassigned_date
ann@corp.example,AutoCAD,direct,2024-01-02,
bob@corp.example,AutoCAD,direct,2024-01-02,
dan@corp.example,AutoCAD,direct,2024-01-02,
cat@corp.example,Revit,direct,2024-01-02,
`;
const SESSIONS = `user_id,user_email,product,session_start,licence_type
U1,ann@corp.example,AutoCAD,2025-01-06T09:00:00Z,named_user
U2,bob@corp.example,AutoCAD,2025-06-20T09:00:00Z,named_user
U3,dan@corp.example,AutoCAD,2025-04-02T09:00:00Z,named_user
U4,cat@corp.example,Revit,2025-06-25T09:00:00Z,named_user
U4,cat@corp.example,Revit,2025-07-15T09:00:00Z,named_user
`;

let harness: Harness;
let dir: string;
beforeAll(async () => {
  harness = await startHarness();
  dir = mkdtempSync(join(tmpdir(), 'lrt-findings-'));
  writeFileSync(join(dir, 'usage-report.csv'), SEATS);
  writeFileSync(join(dir, 'sessions.csv'), SESSIONS);
}, 180_000);
afterAll(async () => {
  await harness?.close();
});

const dormant = '[data-testid="rule-dormant_user"]';
const lowFrequency = '[data-testid="rule-low_frequency_user"]';

async function dormantCount(page: Page, n: number): Promise<void> {
  // Counted wherever the findings section is: shown or not, it follows every settings change.
  await page.waitForSelector(`${dormant} [data-testid="rule-count"][data-value="${n}"]`, { state: 'attached' });
}

async function userColumn(page: Page, section: string): Promise<string[]> {
  return page.locator(`${section} [data-testid="finding-row"] td[data-column="user_key"]`).allTextContents().then((t) => t.map((s) => s.trim()));
}

describe('findings, user timeline and settings in Chromium', () => {
  it('shows the dormant user under Cost findings, sorts, filters, expands and opens the timeline; settings export and import', async () => {
    const page = await harness.newPage();
    await page.waitForSelector('[data-testid="engine-state"][data-ready="true"]');
    await dropFile(page, join(dir, 'usage-report.csv'));
    await page.waitForSelector('[data-testid="ingest-file"][data-file="usage-report.csv"]');
    await dropFile(page, join(dir, 'sessions.csv'));
    await page.waitForSelector('[data-testid="overview-users"][data-value="4"]');

    // At the data's last day (2025-07-15) ann and dan are dormant; at the window end entered below, only ann.
    await dormantCount(page, 2);
    await showSection(page, 'settings');
    await page.fill('[data-testid="settings-window-end"]', '2025-06-30');
    await dormantCount(page, 1);

    // The cost tab is open and labelled with its summary; the dormant rule lives in it.
    await showSection(page, 'findings');
    const costTab = page.locator('[data-testid="tab-cost"]');
    expect(await costTab.getAttribute('aria-selected')).toBe('true');
    expect(await costTab.textContent()).toContain('Cost findings');
    for (const group of ['compliance', 'usage', 'data_quality']) expect(await page.locator(`[data-testid="tab-${group}"]`).count()).toBe(1);
    expect(await page.locator(`[data-testid="tabpanel-cost"] ${dormant}`).isVisible()).toBe(true);
    expect(await userColumn(page, dormant)).toEqual(['ann@corp.example']);
    expect(await page.textContent(`${dormant} td[data-column="days_inactive"]`)).toBe('175');
    // Column headers explain themselves with the setting in force.
    expect(await page.getAttribute(`${dormant} th[data-column="days_inactive"]`, 'title')).toContain('at least 90');

    // Another tab hides the cost rules; back again.
    await page.click('[data-testid="tab-data_quality"]');
    expect(await page.locator(dormant).isVisible()).toBe(false);
    expect(await page.locator('[data-testid="rule-telemetry_gap"]').isVisible()).toBe(true);
    await page.click('[data-testid="tab-cost"]');

    // Sorting by a header, both ways, with aria-sort; then a text filter.
    await page.click(`${lowFrequency} [data-testid="sort-user_key"]`);
    expect(await page.getAttribute(`${lowFrequency} th[data-column="user_key"]`, 'aria-sort')).toBe('ascending');
    expect(await userColumn(page, lowFrequency)).toEqual(['bob@corp.example', 'cat@corp.example', 'dan@corp.example']);
    await page.click(`${lowFrequency} [data-testid="sort-user_key"]`);
    expect(await page.getAttribute(`${lowFrequency} th[data-column="user_key"]`, 'aria-sort')).toBe('descending');
    expect(await userColumn(page, lowFrequency)).toEqual(['dan@corp.example', 'cat@corp.example', 'bob@corp.example']);
    await page.fill(`${lowFrequency} [data-testid="findings-filter"]`, 'revit');
    expect(await userColumn(page, lowFrequency)).toEqual(['cat@corp.example']);
    await page.fill(`${lowFrequency} [data-testid="findings-filter"]`, '');
    expect(await userColumn(page, lowFrequency)).toHaveLength(3);

    // The full evidence of a row.
    await page.click(`${dormant} [data-testid="finding-expand"]`);
    // With the rule's sentence and its settings in force, and the way to the user's timeline.
    expect(await page.textContent(`${dormant} [data-testid="finding-rule"]`)).toMatch(/^Dormant named user: .*90 days/);
    expect(await page.locator(`${dormant} [data-testid="finding-timeline"]`).count()).toBe(1);
    // In place, her seat and her one usage day against the window (from the data's first day: 6 January, her own use),
    // the data's extent and the dormancy cut-off.
    const strip = page.locator(`${dormant} [data-testid="evidence-strip"]`);
    expect(await strip.getAttribute('aria-label')).toBe('Seats: AutoCAD assigned 2024-01-02. Used: AutoCAD on 1 day, last 2025-01-06.');
    expect(await strip.locator('title').allTextContents()).toEqual(
      expect.arrayContaining(['review window 2025-01-06 to 2025-06-30', 'dormant if unused after 2025-04-01', 'data from 2025-01-06', 'data to 2025-07-15', 'AutoCAD used on 2025-01-06']),
    );
    // Under it, only what the row cannot show whole (long text): the dates and days are not repeated.
    const repeated = await page.locator(`${dormant} [data-testid="finding-evidence"] dt`).allTextContents();
    expect(repeated.filter((t) => /days inactive|assigned date|last usage day/i.test(t))).toEqual([]);

    // The user's timeline: a dialog over the page, with a chart with painted pixels and the same data as a table.
    const link = page.locator(`${dormant} td[data-column="user_key"] [data-testid="user-link"]`);
    await link.focus();
    const scrollBefore = await page.evaluate(() => window.scrollY);
    await link.press('Enter');
    const timeline = page.locator('[data-testid="user-timeline"][data-user="ann@corp.example"]');
    await timeline.locator('canvas').waitFor();
    expect(await page.getByRole('dialog').count()).toBe(1);
    // It marks the data's first and last day, the review window and the dormancy cut-off (90 days before 30 June).
    expect(await page.textContent('[data-testid="timeline-marks"]')).toContain('a seat with no use after 2025-04-01 is dormant');
    expect(await page.textContent('[data-testid="timeline-marks"]')).toMatch(/the data covers \d{4}-\d{2}-\d{2} to 2025-07-15/);
    const painted = await page.evaluate(() => {
      const canvas = document.querySelector('[data-testid="user-timeline"] canvas') as HTMLCanvasElement | null;
      if (!canvas || canvas.width === 0) return 0;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return n;
    });
    expect(painted).toBeGreaterThan(500);
    await page.click('[data-testid="timeline-table-toggle"]');
    expect(await page.textContent('[data-testid="timeline-assignments"]')).toContain('2024-01-02');
    expect(await page.textContent('[data-testid="timeline-usage"]')).toContain('2025-01-06');
    // Escape closes it; the keyboard is back on the user's name and the page has not moved.
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="user-timeline"]', { state: 'detached' });
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['user'])).toBe('ann@corp.example');
    expect(await page.evaluate(() => window.scrollY)).toBe(scrollBefore);
    // Opened again and closed by its button.
    await link.click();
    await timeline.waitFor();
    await page.click('[data-testid="timeline-close"]');
    expect(await page.locator('[data-testid="user-timeline"]').count()).toBe(0);

    await showSection(page, 'settings');
    // Export: exactly the document the engine accepted, which the engine (and the CLI's --config) reads back unchanged.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="settings-export"]')]);
    const exported = join(dir, 'review-settings.json');
    await download.saveAs(exported);
    const accepted = JSON.parse(readFileSync(exported, 'utf8')) as unknown;
    expect((accepted as { window: { end: string } }).window.end).toBe('2025-06-30');
    expect(parseSettings(accepted)).toEqual(accepted);
    // The headless twin reads the page's settings file and finds the same one dormant user on the same files.
    const twinOut = join(dir, 'twin');
    const twin = await runReview(['--config', exported, '--out', twinOut, join(dir, 'usage-report.csv'), join(dir, 'sessions.csv')]);
    expect(twin.exitCode).toBe(0);
    const twinReview = JSON.parse(readFileSync(join(twinOut, 'review.json'), 'utf8')) as { settings: unknown; rules: { rule: string; count: number }[] };
    expect(twinReview.settings).toEqual(accepted);
    expect(twinReview.rules.find((r) => r.rule === 'dormant_user')!.count).toBe(1);

    // Clear the window end (two dormant again), then import the exported file: one dormant, the field refilled.
    await page.fill('[data-testid="settings-window-end"]', '');
    await dormantCount(page, 2);
    await page.setInputFiles('[data-testid="settings-import-file"]', exported);
    await dormantCount(page, 1);
    expect(await page.inputValue('[data-testid="settings-window-end"]')).toBe('2025-06-30');
    expect(await page.textContent('[data-testid="settings-notice"]')).toContain('review-settings.json');

    // A file the engine refuses: its field-level message, and the settings in force stay.
    const bad = join(dir, 'bad-settings.json');
    writeFileSync(bad, JSON.stringify({ window: { months: 30 } }));
    await page.setInputFiles('[data-testid="settings-import-file"]', bad);
    const error = page.locator('[data-testid="settings-error"]');
    await error.waitFor();
    // One sentence in words, shown once: by the panel that edits the setting, not by the price book as well.
    expect(await error.textContent()).toContain('The window length in months must be 24 or less.');
    expect(await page.locator('[data-testid="price-book-error"]').count()).toBe(0);
    await dormantCount(page, 1);
    await page.close();
  });

  it("sent no request outside the page's origin and logged no error", () => {
    expect(harness.outside).toEqual([]);
    expect(harness.errors).toEqual([]);
  });
});
