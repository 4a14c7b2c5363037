import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DemoPlan } from '../../src/demo/estate.ts';
import { demoTwinOutput } from '../helpers/demo.ts';
import { showSection, startHarness, type Harness } from './harness.ts';

const ATTACHED = { state: 'attached' } as const;

/*
 * One page holds the demo estate for every test of this file: loading it is most of what a test here costs, so it
 * is loaded once. The tests run in order (vitest runs a file's tests one after another). The first ones only read;
 * the deliverables test puts back what it switches; the money tests change prices and settings, and come last.
 */
const plan = JSON.parse(readFileSync(new URL('../../public/demo/demo-plan.json', import.meta.url), 'utf8')) as DemoPlan;

let harness: Harness;
let page: Page;
let dir: string;
/** Which element had the keyboard's focus when the demo had loaded. */
let startFocus: string | undefined;
beforeAll(async () => {
  harness = await startHarness();
  dir = mkdtempSync(join(tmpdir(), 'lrt-demo-page-'));
  page = await harness.newPage();
  await page.setViewportSize({ width: 1300, height: 900 });
  await page.click('[data-testid="load-demo"]');
  await page.waitForSelector('[data-testid="exposure-range"][data-low]', ATTACHED);
  await page.waitForFunction(() => document.activeElement?.id === 'summary-title').catch(() => undefined);
  startFocus = await page.evaluate(() => document.activeElement?.id);
}, 600_000);
afterAll(async () => {
  await harness?.close();
});

async function overviewValue(page: Page, id: string): Promise<string | null> {
  return page.getAttribute(`[data-testid="overview-${id}"]`, 'data-value');
}

async function download(page: Page, testid: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="${testid}"]`)]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

/** The titles of a PDF's outline (bookmarks), as Chromium writes them for the headings when `outline` is on. */
function outlineTitles(pdf: Buffer): string[] {
  return [...pdf.toString('latin1').matchAll(/\/Title\s*\(((?:[^()\\]|\\.)*)\)/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1'));
}

/*
 * The demo's gaps (README, the demo's planted cases; review.json of `npm run review -- --demo`): Revit is short
 * 14 seats, priced at the demo price book's Revit offering, 2,910 current and 3,300 list. Raising Revit's current
 * price by 1,000 adds 14 x 1,000 = 14,000 to every scenario's licences at current price, so the cooperative end of
 * the exposure range rises by exactly 14,000; the worst case (licences and back-period at list price, 2 x the
 * negotiated range whose low end is at current price) rises by 2 x 14,000 x 18/12 = 42,000 at its low end only.
 */

async function range(page: Page): Promise<[number, number]> {
  const tile = page.locator('[data-testid="exposure-range"]');
  return [Number(await tile.getAttribute('data-low')), Number(await tile.getAttribute('data-high'))];
}

async function total(page: Page, id: string): Promise<[number, number]> {
  const cell = page.locator(`[data-testid="scenario-total-${id}"]`);
  return [Number(await cell.getAttribute('data-low')), Number(await cell.getAttribute('data-high'))];
}

const chartPixels = (page: Page) => page.$eval('[data-testid="scenario-chart-chart"] canvas', (c) => (c as HTMLCanvasElement).toDataURL());
const chartTable = (page: Page) => page.locator('[data-testid="scenario-table"] tbody tr').allInnerTexts();

describe('the demo estate in Chromium, loaded with one click', () => {
  it('loads the demo estate with one click and shows its overview, chart, spike and gap week', async () => {
    const people = plan.organisation.usersWithUsage + plan.contractors.users + plan.acquisition.users;
    expect(await overviewValue(page, 'users')).toBe(String(people));
    // Sessions counted independently: data lines of the shipped CSV.
    const lines = gunzipSync(readFileSync(new URL('../../public/demo/demo-estate.csv.gzip', import.meta.url))).toString('utf8').trimEnd().split('\n').length - 1;
    expect(await overviewValue(page, 'sessions')).toBe(String(lines));

    const spike = await page.textContent('[data-testid="rule-usage_spike"]');
    expect(spike).toContain(plan.spike.product);
    expect(spike).toContain(plan.spike.weekStart);
    const gap = await page.textContent('[data-testid="rule-telemetry_gap"]');
    expect(gap).toContain(plan.telemetryGap.start);

    // The chart is drawn: the canvas has painted pixels.
    // (A chart drawn while its section was hidden is sized and painted when the section shows.)
    await showSection(page, 'usage');
    const painted = await page.waitForFunction(() => {
      const canvas = document.querySelector('[data-testid="weekly-chart"] canvas') as HTMLCanvasElement | null;
      if (!canvas || canvas.width === 0) return 0;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return n > 1000 ? n : 0;
    });
    expect(await painted.jsonValue()).toBeGreaterThan(1000);

    // The page names its benchmarks as the typical ranges licence-audit advisers report: never "the seed".
    // No code reaches the page: rule ids, enums and SQL are shown in words.
    for (const section of ['summary', 'findings', 'money', 'usage', 'flex', 'data', 'settings', 'deliverables']) {
      await showSection(page, section);
      const text = await page.locator('body').innerText();
      expect(text.toLowerCase(), section).not.toContain('seed');
      for (const code of ['full_and_lt', 'named_user', 'named_and_flex', 'collection_and_standalone', 'quantile_cont', 'dormant_user', 'unlicensed_access', 'over_count']) expect(text, section).not.toContain(code);
    }
  });

  it('puts the answer first: the summary has the focus, every section its hash, back and forward keep the place', async () => {
    // The load (in beforeAll) ended on the summary, with the keyboard on its heading.
    expect(startFocus).toBe('summary-title');
    await showSection(page, 'summary');
    await page.setViewportSize({ width: 1280, height: 800 });
    // Exposure, savings and the largest actions, all in the first screen at 1280 x 800.
    for (const id of ['summary-exposure', 'summary-savings', 'summary-gaps', 'summary-actions']) {
      const box = (await page.locator(`[data-testid="${id}"]`).boundingBox())!;
      expect(box.y + box.height, id).toBeLessThanOrEqual(800);
    }
    expect(Number(await page.locator('[data-testid="summary-actions"] li').count())).toBe(5);
    // The summary's figures are the money view's.
    expect(await page.textContent('[data-testid="summary-savings"]')).toBe(await page.textContent('[data-testid="savings-total"]'));

    await showSection(page, 'money');
    expect(new URL(page.url()).hash).toBe('#money');
    await showSection(page, 'settings');
    await page.goBack();
    await page.waitForSelector('section#money:not([hidden])');
    expect(await page.locator('section#settings').isHidden()).toBe(true);
    await page.goForward();
    await page.waitForSelector('section#settings:not([hidden])');
    // The navigation names the section in force.
    expect(await page.getAttribute('[data-testid="nav-settings"]', 'aria-current')).toBe('page');
    // The skip link leads to the section in force, and following it keeps that section.
    expect(await page.getAttribute('.skip-link', 'href')).toBe('#settings-title');
    await page.focus('.skip-link');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'settings-title');
    expect(await page.locator('section#settings').isVisible()).toBe(true);

    // A product finding leads to its daily users against its seats: the usage section, that product chosen.
    await showSection(page, 'findings');
    await page.click('[data-testid="tab-compliance"]');
    const over = page.locator('[data-testid="rule-over_count"]');
    const product = (await over.locator('[data-testid="finding-row"] td[data-column="product"]').first().textContent())!.trim();
    await over.locator('[data-testid="finding-expand"]').first().click();
    await over.locator('[data-testid="finding-series"]').first().click();
    await page.waitForSelector('section#usage:not([hidden])');
    expect(await page.inputValue('[data-testid="users-seats-product"]')).toBe(product);
    await showSection(page, 'findings');
    await page.click('[data-testid="tab-cost"]');
  });

  it('has no accessibility violation on any section at 1280 and 390 px', async () => {
    // axe-core from node_modules, evaluated in the page (the page's CSP forbids inline scripts, rightly).
    await page.evaluate(readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8'));
    type Axe = { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
    const check = (context: unknown, rules: Record<string, { enabled: boolean }>) =>
      page.evaluate(
        async ({ context, rules }) => {
          const axe = (window as unknown as { axe: Axe }).axe;
          const result = await axe.run(context, { resultTypes: ['violations'], rules });
          return result.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
        },
        { context, rules },
      );
    // Every section shown at once, at both widths: axe's cost is the whole page's whatever part it checks, so one run
    // per width checks every section, the navigation and the header. Contrast depends on colours, not on the width:
    // checked at 1280 px only.
    for (const [width, height] of [[1280, 800], [390, 844]] as const) {
      await page.setViewportSize({ width, height });
      const unhidden = await page.evaluate(() => {
        const hidden = [...document.querySelectorAll('section.section-page[hidden]')];
        for (const s of hidden) s.removeAttribute('hidden');
        return hidden.map((s) => s.id);
      });
      const violations = await check({ include: [['main'], ['nav'], ['header']], exclude: [['[role="tabpanel"][hidden]']] }, { 'color-contrast': { enabled: width === 1280 } });
      await page.evaluate((ids) => ids.forEach((id) => document.getElementById(id)!.setAttribute('hidden', '')), unhidden);
      expect({ width, violations }).toEqual({ width, violations: [] });
      // Each section as the reader sees it: no sideways scroll of the page itself (wide tables scroll inside their region).
      for (const section of ['summary', 'findings', 'money', 'usage', 'servers', 'flex', 'data', 'settings', 'deliverables']) {
        await showSection(page, section);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${section} at ${width} px`).toBeLessThanOrEqual(width);
      }
    }
    await page.setViewportSize({ width: 1300, height: 900 });
  });

  it("shows the Flex tokens of the demo's sessions, each once, priced at the price book's token price", async () => {
    // Independently: the tokens column of the shipped session file, summed (the other demo files carry no tokens).
    const sessions = gunzipSync(readFileSync(new URL(`../../public/demo/${plan.files.sessions}`, import.meta.url))).toString('utf8').trim().split('\n');
    const column = sessions[0]!.split(',').indexOf('tokens');
    const expected = sessions.slice(1).reduce((n, line) => n + Number(line.split(',')[column] || 0), 0);
    const { prices } = JSON.parse(readFileSync(new URL('../../public/demo/demo-settings.json', import.meta.url), 'utf8')) as { prices: { token_price: number } };
    const shown = await page.evaluate(() => location.hash.slice(1));
    await showSection(page, 'flex');
    expect(Number(await page.getAttribute('[data-testid="flex-total"]', 'data-value'))).toBe(expected);
    expect(Number(await page.getAttribute('[data-testid="flex-cost"]', 'data-value'))).toBe(expected * prices.token_price);
    expect(await page.getAttribute('[data-testid="flex-unattributed"]', 'data-value')).toBe('0');
    await showSection(page, shown);
  });

  it("shows the headless twin's findings, rule by rule, with the same money and the same files", async () => {
    // runReview(['--demo', '--out', out]), run once per vitest run for every file that reads it.
    const { dir: out, exitCode } = await demoTwinOutput();
    expect(exitCode).toBe(0);
    const downloads = mkdtempSync(join(tmpdir(), 'lrt-parity-'));
    const twin = JSON.parse(readFileSync(join(out, 'review.json'), 'utf8')) as {
      actions: { user: string; saving_per_year: number | null }[];
      rules: { rule: string; count: number; money: number | null; unpriced: number }[];
      money: { exposure: { range: { low: number; high: number } | null; typical: { id: string; total_low: number; total_high: number }[] }; savings: { total_per_year: number | null; lines: { type: string; per_year: number | null }[] } };
    };
    expect(twin.rules).toHaveLength(13);
    // Every rule of the rulebook finds something on the demo estate.
    expect(twin.rules.filter((r) => r.count === 0).map((r) => r.rule)).toEqual([]);

    const shown = await page.$$eval('article[data-testid^="rule-"] [data-testid="rule-count"]', (badges) =>
      badges.map((b) => {
        const section = b.closest('article[data-testid^="rule-"]')!;
        const money = b.getAttribute('data-money');
        return {
          rule: section.getAttribute('data-testid')!.slice('rule-'.length),
          count: Number(b.getAttribute('data-value')),
          money: money === null || money === '' ? null : Number(money),
          unpriced: Number(b.getAttribute('data-unpriced')),
        };
      }),
    );
    const byRule = (rows: { rule: string }[]) => [...rows].sort((a, b) => a.rule.localeCompare(b.rule));
    expect(byRule(shown)).toEqual(byRule(twin.rules.map(({ rule, count, money, unpriced }) => ({ rule, count, money, unpriced }))));
    // The action list above the findings: one row per seat, as many as the twin's, the largest saving first.
    const actions = '[data-testid="seat-actions"]';
    expect(Number(await page.getAttribute(`${actions} [data-testid="findings-shown"]`, 'data-value'))).toBe(twin.actions.length);
    expect(await page.locator(`${actions} thead th[data-column]`).evaluateAll((ths) => ths.slice(0, 3).map((th) => th.getAttribute('data-column')))).toEqual(['user_key', 'action', 'saving_per_year']);
    expect((await page.locator(`${actions} [data-testid="finding-row"] td[data-column="user_key"]`).first().textContent())?.trim()).toBe(twin.actions[0]!.user);

    // The money view: the exposure range, each scenario's total and each saving are the twin's figures.
    const range = page.locator('[data-testid="exposure-range"]');
    expect(twin.money.exposure.range).not.toBeNull();
    expect([Number(await range.getAttribute('data-low')), Number(await range.getAttribute('data-high'))]).toEqual([twin.money.exposure.range!.low, twin.money.exposure.range!.high]);
    for (const t of twin.money.exposure.typical) {
      const cell = page.locator(`[data-testid="scenario-total-${t.id}"]`);
      expect([Number(await cell.getAttribute('data-low')), Number(await cell.getAttribute('data-high'))]).toEqual([t.total_low, t.total_high]);
    }
    expect(Number(await page.getAttribute('[data-testid="savings-total"]', 'data-value'))).toBe(twin.money.savings.total_per_year);
    for (const line of twin.money.savings.lines) {
      expect(Number(await page.getAttribute(`[data-testid="saving-${line.type}"]`, 'data-value'))).toBe(line.per_year);
    }

    // The deliverables: the page's files are the twin's, byte for byte (the workbook is compared by its sheets). The
    // twin runs on native DuckDB and the page on wasm: this is also where the two engines are compared on the demo,
    // review.json (every finding) included.
    await showSection(page, 'deliverables');
    await page.click('[data-testid="prepare-deliverables"]');
    await page.waitForSelector('[data-testid="deliverable-files"]');
    for (const name of ['reclamation-list.csv', 'gap-register.csv', 'renewal-brief.md', 'self-report.csv', 'self-report-cover.md', 'review.json']) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="download-${name}"]`)]);
      const saved = join(downloads, `page-${name}`);
      await download.saveAs(saved);
      expect({ name, text: readFileSync(saved, 'utf8') }).toEqual({ name, text: readFileSync(join(out, name), 'utf8') });
    }

  });

  it('downloads the lists, redacts them on request, prints the brief to a PDF of its sections, and compares a snapshot', async () => {

    await page.click('[data-testid="prepare-deliverables"]');
    await page.waitForSelector('[data-testid="deliverable-files"]');
    const names = await page.locator('[data-testid="deliverable-files"] tbody th code').allTextContents();
    expect(names).toEqual(['reclamation-list.csv', 'gap-register.csv', 'renewal-brief.md', 'review.xlsx', 'self-report.csv', 'self-report-cover.md', 'review.json']);
    const plain = readFileSync(await download(page, 'download-gap-register.csv'), 'utf8');
    expect(plain.split('\r\n')[0]).toMatch(/^Compliance gap register · review window \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2} · amounts in USD \(US\$\)$/);
    expect(plain.split('\r\n')[2]).toBe('Gap,Type,Product,Users or seats short,A year at the current price (USD),A year at list price (USD),First day,Last day,Evidence,Remediation,Owner,Due date');
    const emails = [...new Set(plain.match(/[a-z0-9.]+@[a-z0-9-]+\.example/g) ?? [])];
    expect(emails.length).toBeGreaterThan(10);

    // The redaction switch: the same register, with every e-mail replaced by its pseudonym.
    await page.check('[data-testid="redact"]');
    await page.click('[data-testid="prepare-deliverables"]');
    await page.waitForSelector('[data-testid="deliverables-summary"][data-redacted="true"]');
    const redacted = readFileSync(await download(page, 'download-gap-register.csv'), 'utf8');
    expect(redacted.split('\r\n')).toHaveLength(plain.split('\r\n').length);
    expect(emails.filter((e) => redacted.includes(e))).toEqual([]);
    expect(redacted).toMatch(/person-[0-9a-f]{8}@partner-contractors\.example/);

    // The print layout, printed by Chromium: the executive summary on its own first page, the sections after it
    // following one another, with the brief's headings and none of the page's.
    await page.click('[data-testid="print-layout"]');
    await page.waitForSelector('[data-testid="print-brief-layout"] canvas');
    const pdf = await page.pdf({ format: 'A4', printBackground: true, outline: true, tagged: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(pages).toBeLessThanOrEqual(8);
    const titles = outlineTitles(pdf);
    for (const heading of ['Executive summary', 'Offerings', 'Exposure scenarios', 'Savings and compliance gaps', 'What the data cannot see']) expect(titles).toContain(heading);
    expect(titles.some((t) => t.startsWith('Renewal brief'))).toBe(true);
    for (const chrome of ['Load exports', 'Review settings', 'Price book', 'Deliverables', 'Findings']) expect(titles).not.toContain(chrome);
    // The print layout has no accessibility violation either (axe-core, loaded by the accessibility test above).
    const brief = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string }[] }> } }).axe;
      return (await axe.run({ include: [['[data-testid="print-brief-layout"]']] }, { resultTypes: ['violations'] })).violations.map((v) => v.id);
    });
    expect(brief).toEqual([]);
    // On screen too it fits the page: its widest table, the offerings, wraps rather than widening the page.
    const width = page.viewportSize()!.width;
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

    // A snapshot saved now and loaded back: nothing new, nothing closed.
    const snapshot = await download(page, 'snapshot-save');
    expect(JSON.parse(readFileSync(snapshot, 'utf8'))).toMatchObject({ format: 'lrt-review-snapshot', redacted: true });
    await page.setInputFiles('[data-testid="snapshot-file"]', snapshot);
    await page.waitForSelector('[data-testid="snapshot-comparison"]');
    const dormant = page.locator('[data-testid="snapshot-rule-dormant_user"]');
    expect([await dormant.getAttribute('data-new'), await dormant.getAttribute('data-closed'), Number(await dormant.getAttribute('data-persisting'))]).toEqual(['0', '0', 150]);


    // Back to the page as the money tests expect it: the print layout hidden, nothing redacted.
    await page.click('[data-testid="print-layout"]');
    await page.uncheck('[data-testid="redact"]');
  });

  it('re-values the exposure tile and the scenario chart when a price or a factor is edited', async () => {

    const [low, high] = await range(page);
    const [, worstHigh] = await total(page, 'audit_no_cooperation');
    expect(high).toBe(worstHigh);
    const [quarterly] = await total(page, 'quarterly_self_review');
    expect(low).toBe(quarterly);
    const [worstLow] = await total(page, 'audit_no_cooperation');

    await showSection(page, 'money');
    await page.click('[data-testid="scenario-chart-table-toggle"]');
    const tableBefore = await chartTable(page);
    expect(tableBefore).toHaveLength(4);
    const pixelsBefore = await chartPixels(page);

    // Revit's row in the price book, found by its name.
    await showSection(page, 'settings');
    const names = await page.locator('[data-testid^="price-offering-name-"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    const revit = names.indexOf('Revit');
    expect(revit).toBeGreaterThanOrEqual(0);
    const current = page.locator(`[data-testid="price-offering-current-${revit}"]`);
    expect(await current.inputValue()).toBe('2910');
    await current.fill('3910');
    await current.press('Tab');

    await showSection(page, 'money');
    await page.waitForSelector(`[data-testid="exposure-range"][data-low="${low + 14_000}"]`);
    expect(await range(page)).toEqual([low + 14_000, high]);
    expect(await total(page, 'audit_no_cooperation')).toEqual([worstLow + 42_000, worstHigh]);
    // The chart drew the new figures: its table and its pixels changed with the tile.
    const tableAfter = await chartTable(page);
    expect(tableAfter[0]).toContain(`US$${(low + 14_000).toLocaleString('en-US')}`);
    expect(tableAfter).not.toEqual(tableBefore);
    expect(await chartPixels(page)).not.toBe(pixelsBefore);

    // A threshold edited in the settings panel afterwards keeps the price book's edit.
    await showSection(page, 'settings');
    await page.fill('[data-testid="settings-dormant-days"]', '91');
    await page.press('[data-testid="settings-dormant-days"]', 'Tab');
    await page.waitForSelector('[data-testid="rule-dormant_user"] [data-testid="rule-definition"]:has-text("91 days")', ATTACHED);
    expect(await range(page)).toEqual([low + 14_000, high]);

    // A factor edited beside the scenarios: the annual review's back-period is licences x 12/12 x the factor.
    const [annualLicences] = await total(page, 'quarterly_self_review');
    await showSection(page, 'money');
    await page.fill('[data-testid="exposure-negotiated-factor"]', '0.5');
    await page.press('[data-testid="exposure-negotiated-factor"]', 'Tab');
    await page.waitForSelector(`[data-testid="scenario-total-annual_self_review"][data-low="${annualLicences * 1.5}"]`, ATTACHED);

    // The PNG download of the chart: twice the chart's size on screen, its title and the review window above it.
    const shown = await page.$eval('[data-testid="scenario-chart-chart"] canvas', (c) => c.getBoundingClientRect().width);
    const png = readFileSync(await download(page, 'scenario-chart-png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(Math.abs(png.readUInt32BE(16) - shown * 2)).toBeLessThanOrEqual(2);

    // The engagement and its currency: £ on the page and the client's name and £ in the files.
    await showSection(page, 'settings');
    await page.fill('[data-testid="engagement-client"]', 'Northwind Design');
    await page.press('[data-testid="engagement-client"]', 'Tab');
    await page.fill('[data-testid="price-currency"]', 'GBP');
    await page.press('[data-testid="price-currency"]', 'Tab');
    await page.waitForFunction(() => document.querySelector('[data-testid="exposure-range"]')?.textContent?.trim().startsWith('£'));
    expect(await page.textContent('[data-testid="savings-total"]')).toMatch(/^£[\d,]+$/);
    await showSection(page, 'deliverables');
    await page.click('[data-testid="prepare-deliverables"]');
    await page.waitForSelector('[data-testid="deliverables-summary"]');
    const register = readFileSync(await download(page, 'download-gap-register.csv'), 'utf8');
    expect(register.split('\r\n')[0]).toMatch(/^Compliance gap register · Prepared for Northwind Design · review window .* · amounts in GBP \(£\)$/);

  });

  it('labels the shipped price book figures indicative until the user enters their own', async () => {
    // Back to the shipped defaults: the public Flex rates, labelled, and no offering prices.
    await showSection(page, 'settings');
    await page.click('text=Reset to defaults');
    await page.waitForSelector('[data-testid="price-book-unpriced"]');
    expect(await page.textContent('[data-testid="price-token-label"]')).toMatch(/indicative, edit to your contract/);
    expect(await page.textContent('[data-testid="price-token-label"]')).toMatch(/2023-05-17/);
    expect(await page.textContent('[data-testid="money-indicative"]')).toMatch(/token price, as of 2023-05-17/);
    expect(await page.textContent('[data-testid="exposure-range"]')).toBe('Not valued');

    await page.fill('[data-testid="price-token-price"]', '2.75');
    await page.press('[data-testid="price-token-price"]', 'Tab');
    // The engine re-runs the review with the user's own token price: the money view no longer calls it indicative.
    await page.waitForFunction(() => !document.querySelector('[data-testid="money-indicative"]')?.textContent?.includes('token price'));
    expect(await page.textContent('[data-testid="price-token-label"]')).not.toMatch(/indicative/);
    expect(await page.textContent('[data-testid="money-indicative"]')).toMatch(/AutoCAD tokens per day/);
  });

  it("sent no request outside the page's origin and logged no error", () => {
    expect(harness.outside).toEqual([]);
    expect(harness.errors).toEqual([]);
  });
});
