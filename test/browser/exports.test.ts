import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clearedPage, dropFile, showSection, startHarness, type Harness } from './harness.ts';

/** Figures are read from the section they live in, shown or not. */
const ATTACHED = { state: 'attached' } as const;

const SEAT_HEADER = 'Day used,Email,First name,Last name,Product,Team';

let harness: Harness;
let dir: string;
/** One page for the file's tests, cleared between them with the page's own "Clear all data". */
let page: Page | null = null;

beforeAll(async () => {
  harness = await startHarness();
  dir = mkdtempSync(join(tmpdir(), 'lrt-exports-'));
}, 180_000);
afterAll(async () => {
  await harness?.close();
});

/** Writes a file for the test to drop and returns its path. */
function fixture(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function freshPage(): Promise<Page> {
  page = await clearedPage(harness, page);
  return page;
}

const overview = (p: Page, id: string) => p.getAttribute(`[data-testid="overview-${id}"]`, 'data-value');
const fileGroup = (name: string) => `[data-testid="ingest-file"][data-file="${name}"]`;

function expectNothingLeftNorFailed(): void {
  expect(harness.outside).toEqual([]);
  expect(harness.errors).toEqual([]);
}

describe('Autodesk exports in the page', () => {
  it('reads a dropped Seat Usage export, names its kind and shows the overview', async () => {
    const p = await freshPage();
    // Six rows, five usage days: Bob's two AutoCAD rows of 3 March are one day ("Autodesk AutoCAD 2025" is AutoCAD,
    // his e-mail is matched without case). Users: Ann, Bob, Cy. Products: Revit, AutoCAD, Fusion 360 (unknown, kept).
    const path = fixture('seat-usage.csv', [
      SEAT_HEADER,
      '2026-03-02,ann@firm.example,Ann,Lee,Autodesk Revit,Design',
      '2026-03-03,ann@firm.example,Ann,Lee,Revit,Design',
      '2026-03-03,bob@firm.example,Bob,Ray,AutoCAD,Design',
      '2026-03-03,BOB@firm.example,Bob,Ray,Autodesk AutoCAD 2025,Design',
      '2026-03-04,bob@firm.example,Bob,Ray,Fusion 360,Design',
      '2026-03-06,cy@firm.example,Cy,Oh,Revit,Build',
    ]);
    await dropFile(p, path);
    await p.waitForSelector('[data-testid="overview-users"][data-value="3"]', ATTACHED);

    const group = p.locator(fileGroup('seat-usage.csv'));
    expect(await group.getAttribute('data-kind')).toBe('seat_usage');
    expect(await group.locator('[data-testid="kind-label"]').textContent()).toBe('Autodesk Account Seat Usage');
    expect(await group.locator('[data-testid="kind-select"]').inputValue()).toBe('seat_usage');
    const row = group.locator('[data-testid="ingest-row"]');
    expect(await row.getAttribute('data-status')).toBe('loaded');
    expect(await row.locator('td.num').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-value')))).toEqual(['6', '6', '0', '6']);

    expect(await overview(p, 'products')).toBe('3');
    expect(await overview(p, 'usage-days')).toBe('5');
    expect(await overview(p, 'sessions')).toBe('0');
    const range = p.locator('[data-testid="overview-range"]');
    expect(await range.getAttribute('data-first')).toBe('2026-03-02');
    expect(await range.getAttribute('data-last')).toBe('2026-03-06');
    // The review below the overview is there too: settings, chart section and findings.
    await p.waitForSelector('[data-testid="settings"]', ATTACHED);
    await p.waitForSelector('[data-testid="rule-telemetry_gap"]', ATTACHED);
    expect(await p.locator('[data-testid="unknown-product"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-product')))).toEqual(['Fusion 360']);
    expectNothingLeftNorFailed();
  });

  it('asks the date order of a file whose dates read both ways, and reads it day first when told', async () => {
    const p = await freshPage();
    const path = fixture('ambiguous-seats.csv', [
      SEAT_HEADER,
      '03/04/2026,ann@firm.example,Ann,Lee,Revit,Design',
      '05/04/2026,bob@firm.example,Bob,Ray,Revit,Design',
      '07/04/2026,bob@firm.example,Bob,Ray,AutoCAD,Design',
    ]);
    await dropFile(p, path);
    const question = p.locator('[data-testid="date-order-question"]');
    await question.waitFor();
    expect(await question.textContent()).toContain('03/04/2026');
    expect(await p.textContent('[data-testid="load-question"]')).toContain('ambiguous-seats.csv');
    expect(await p.locator('[data-testid="ingest-row"]').getAttribute('data-question')).toBe('date_order');

    await p.click('[data-testid="date-order-dmy"]');
    // Day first: 3, 5 and 7 April (month first would have been 4 March to 4 July).
    await p.waitForSelector('[data-testid="overview-range"][data-first="2026-04-03"][data-last="2026-04-07"]', ATTACHED);
    expect(await question.count()).toBe(0);
    expect(await p.locator('[data-testid="load-question"]').count()).toBe(0);
    // The failed report was replaced, not kept beside the new one.
    const rows = p.locator('[data-testid="ingest-row"]');
    expect(await rows.count()).toBe(1);
    expect(await rows.getAttribute('data-status')).toBe('loaded');
    expect(await p.textContent(`${fileGroup('ambiguous-seats.csv')} [data-testid="ingest-date-order"]`)).toContain('D/M/Y');
    expect(await overview(p, 'users')).toBe('2');
    expect(await overview(p, 'usage-days')).toBe('3');
    expectNothingLeftNorFailed();
  });

  it('reads a file again as the kind chosen in its select', async () => {
    const p = await freshPage();
    const path = fixture('tokens.csv', [
      'Day used,Email,First name,Last name,Feature,Product,Team,Tokens used',
      '2026-05-04,dee@firm.example,Dee,Ng,Render,Maya,Studio,6',
      '2026-05-05,dee@firm.example,Dee,Ng,Render,Maya,Studio,6',
    ]);
    await dropFile(p, path);
    await showSection(p, 'data');
    const group = p.locator(fileGroup('tokens.csv'));
    await p.waitForSelector(`${fileGroup('tokens.csv')}[data-kind="token_usage"]`);
    expect(await group.locator('[data-testid="kind-label"]').textContent()).toBe('Autodesk Account Token Usage (Flex)');
    expect(await group.textContent()).not.toContain('Columns not used by the review');

    await group.locator('[data-testid="kind-select"]').selectOption('seat_usage');
    await p.waitForSelector(`${fileGroup('tokens.csv')}[data-kind="seat_usage"]`);
    expect(await group.locator('[data-testid="kind-label"]').textContent()).toBe('Autodesk Account Seat Usage');
    expect(await group.locator('[data-testid="kind-select"]').inputValue()).toBe('seat_usage');
    const text = await group.textContent();
    expect(text).toContain('chosen by you');
    // A Seat Usage export has no tokens: the column is now one the review does not use.
    expect(text).toMatch(/Columns not used by the review: .*Tokens used/);
    expect(await p.locator('[data-testid="ingest-row"]').count()).toBe(1);
    await p.waitForSelector('[data-testid="overview-usage-days"][data-value="2"]', ATTACHED);
    expectNothingLeftNorFailed();
  });

  it('edits the catalogue: an alias added in the table or from the unknown list folds a product into a catalogue one', async () => {
    const p = await freshPage();
    const path = fixture('seat-unknown.csv', [
      SEAT_HEADER,
      '2026-03-02,ann@firm.example,Ann,Lee,AutoCAD,Design',
      '2026-03-03,ann@firm.example,Ann,Lee,Fusion 360,Design',
      '2026-03-04,bob@firm.example,Bob,Ray,Fusion 360,Design',
      '2026-03-04,bob@firm.example,Bob,Ray,AutoCAD Architecture,Design',
    ]);
    await dropFile(p, path);
    await p.waitForSelector('[data-testid="overview-users"][data-value="2"]', ATTACHED);
    const unknown = p.locator('[data-testid="unknown-product"]');
    expect(await unknown.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-product')))).toEqual(['Fusion 360', 'AutoCAD Architecture']);
    expect(await p.getAttribute('[data-testid="unknown-product"][data-product="Fusion 360"] td.num', 'data-value')).toBe('2');
    expect(await overview(p, 'products')).toBe('3');

    // The panel starts collapsed; an invalid edit is refused with the engine's message naming the field.
    await showSection(p, 'data');
    const panel = p.locator('[data-testid="catalogue"]');
    expect(await panel.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await panel.locator('summary').click();
    await p.getByLabel('AutoCAD is the LT edition of', { exact: true }).fill('Nothing');
    await p.click('[data-testid="catalogue-apply"]');
    const error = p.locator('[data-testid="catalogue-error"]');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/products\.\d+\.lt_of/);
    await p.click('[data-testid="catalogue-discard"]');

    // An alias typed into the AutoCAD row, then Apply.
    const aliases = p.getByLabel('Aliases of AutoCAD', { exact: true });
    await aliases.fill(`${await aliases.inputValue()}, Fusion 360`);
    await p.click('[data-testid="catalogue-apply"]');
    await p.waitForSelector('[data-testid="unknown-product"][data-product="Fusion 360"]', { state: 'detached' });
    expect(await unknown.count()).toBe(1);
    expect(await error.count()).toBe(0);
    await p.waitForSelector('[data-testid="overview-products"][data-value="2"]', ATTACHED);

    // The last unknown name, from its "Add as alias of…" select.
    await p.locator('[data-testid="unknown-product"][data-product="AutoCAD Architecture"] [data-testid="alias-of"]').selectOption('AutoCAD');
    await p.waitForSelector('[data-testid="unknown-products"]', { state: 'detached' });
    await p.waitForSelector('[data-testid="overview-products"][data-value="1"]', ATTACHED);

    // The exported catalogue carries both aliases.
    const [download] = await Promise.all([p.waitForEvent('download'), p.click('[data-testid="catalogue-export"]')]);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { products: { product: string; aliases: string[] }[] };
    expect(exported.products.find((x) => x.product === 'AutoCAD')!.aliases).toEqual(expect.arrayContaining(['Fusion 360', 'AutoCAD Architecture']));

    // Restoring the shipped catalogue brings both names back as unknown.
    await p.click('[data-testid="catalogue-restore"]');
    await p.waitForSelector('[data-testid="overview-products"][data-value="3"]', ATTACHED);
    expect(await unknown.count()).toBe(2);

    // An exported catalogue imported again applies it.
    await p.setInputFiles('[data-testid="catalogue-file"]', (await download.path())!);
    await p.waitForSelector('[data-testid="overview-products"][data-value="1"]', ATTACHED);
    expect(await unknown.count()).toBe(0);
    expectNothingLeftNorFailed();
  });
  it("shows a pool-level Token Flex file's tokens per product and month, and the pool's projection", async () => {
    const p = await freshPage();
    // test/fixtures/exports/token-flex-pool.csv, worked by hand in test/review/flex-tokens.test.ts: no user, no usage day;
    // Revit 230, AutoCAD 105, FormIt 14.5 tokens (349.5); January 220, February 49.5, March 80.
    await dropFile(p, new URL('../fixtures/exports/token-flex-pool.csv', import.meta.url).pathname);
    await p.waitForSelector('section#flex:not([hidden]) [data-testid="flex-total"][data-value="349.5"]');
    expect(await p.getAttribute('[data-testid="flex-unattributed"]', 'data-value')).toBe('349.5');
    expect(await p.getAttribute('[data-testid="flex-users"]', 'data-value')).toBe('0');
    const products = await p.locator('[data-testid="flex-products-table"] tbody tr').evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('th, td')].slice(0, 2).map((c) => c.textContent!.trim())),
    );
    expect(products.map(([, tokens]) => tokens)).toEqual(['230', '105', '14.5']);
    expect(products.slice(0, 2).map(([name]) => name)).toEqual(['Revit', 'AutoCAD']);
    await p.click('[data-testid="flex-chart-table-toggle"]');
    expect(await p.locator('[data-testid="flex-months-table"] tbody tr').allInnerTexts()).toEqual(['2026-01\t220', '2026-02\t49.5', '2026-03\t80']);

    // A pool of 500 tokens for the calendar year: 349.5 used by 2 March, 61 days in (5.73 a day); 150.5 left, 27 days
    // more (150.5 / 5.7295 = 26.3): it runs out on 29 March 2026, before the term ends.
    await p.fill('[data-testid="flex-pool-tokens"]', '500');
    await p.press('[data-testid="flex-pool-tokens"]', 'Tab');
    await p.fill('[data-testid="flex-pool-start"]', '2026-01-01');
    await p.press('[data-testid="flex-pool-start"]', 'Tab');
    await p.fill('[data-testid="flex-pool-end"]', '2026-12-31');
    await p.press('[data-testid="flex-pool-end"]', 'Tab');
    await p.waitForSelector('[data-testid="flex-pool-projection"][data-runs-out="2026-03-29"]');
    expect(await p.textContent('[data-testid="flex-pool-projection"]')).toMatch(/runs out on\s+2026-03-29\s*, before the term ends on 2026-12-31/);
    // A term that ends before it starts is refused in words, beside the pool.
    await p.fill('[data-testid="flex-pool-end"]', '2025-12-31');
    await p.press('[data-testid="flex-pool-end"]', 'Tab');
    expect(await p.textContent('[data-testid="flex-pool-error"]')).toBe("The end of the token pool's term must not be before the start.");
    expectNothingLeftNorFailed();
  });
});
