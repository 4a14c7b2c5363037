import { inject } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (or CHROMIUM_PATH). Never a downloaded browser: this machine has no internet. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Playwright's deadline for any one wait or action: generous, below the browser project's testTimeout (vite.config.ts). */
export const BROWSER_STEP_TIMEOUT = 300_000;
/**
 * `--liftoff-only`: V8 runs DuckDB's wasm with its baseline compiler only. Optimising the hot parts of a 34 MB module
 * costs more CPU than it saves in a test's few queries: one demo load takes about a quarter less CPU, no longer.
 * The wasm's behaviour is the same; the page's users keep V8's defaults.
 */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--js-flags=--liftoff-only'];

export interface Harness {
  origin: string;
  browser: Browser;
  context: BrowserContext;
  /** Every request that tried to leave the page's origin. */
  outside: string[];
  /** Uncaught page errors and console errors, from the page and its workers. */
  errors: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Opens Chromium with every request watched, on the production build of the current src/ that the browser
 * project's global setup (global-setup.ts) made and serves for this vitest run.
 */
export async function startHarness(): Promise<Harness> {
  const origin = inject('pageOrigin');
  if (!origin) throw new Error('no page to test: the browser tests run in the "browser" project of vite.config.ts, whose global setup builds and serves the page');

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext();
  // No step has a deadline near what it takes on a busy machine (the demo loads in tens of seconds there):
  // each wait and action may take minutes, and a test as a whole has the browser project's testTimeout.
  context.setDefaultTimeout(BROWSER_STEP_TIMEOUT);
  const outside: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
    outside.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('weberror', (e) => errors.push(`pageerror: ${e.error().message}`));

  return {
    origin,
    browser,
    context,
    outside,
    errors,
    async newPage() {
      const page = await context.newPage();
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
      });
      page.on('worker', (worker) => worker.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(`worker console: ${msg.text()}`);
      }));
      await page.goto(`${origin}/`);
      return page;
    },
    async close() {
      await browser.close();
    },
  };
}

/** Shows a section of the workspace the way a user does, through the navigation, and waits for it. */
export async function showSection(page: Page, id: string): Promise<void> {
  await page.click(`[data-testid="nav-${id}"]`);
  await page.waitForSelector(`section#${id}:not([hidden])`);
}

/**
 * A page as a user finds it after "Clear all data": no file, the drop area shown. Tests of one file share a page this
 * way instead of starting DuckDB again in a new one (seconds of CPU each); the clearing is the page's own.
 */
export async function clearedPage(harness: Harness, page: Page | null): Promise<Page> {
  if (page === null) {
    const fresh = await harness.newPage();
    await fresh.waitForSelector('[data-testid="engine-state"][data-ready="true"]', { state: 'attached' });
    return fresh;
  }
  if ((await page.locator('[data-testid="clear-data"]').count()) > 0) {
    await showSection(page, 'data');
    await page.click('[data-testid="clear-data"]');
  }
  await page.waitForSelector('[data-testid="drop-zone"]');
  return page;
}

/**
 * Drops a file the way a user does: the file reaches the page through a detached file input
 * (Chromium is handed the path, not the bytes), then a real `drop` event carrying a DataTransfer
 * with that File is dispatched on the drop zone.
 */
export async function dropFile(page: Page, path: string, dropZone = '[data-testid="drop-zone"]'): Promise<void> {
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'test-drop-source';
    input.style.display = 'none';
    document.body.append(input);
  });
  await page.setInputFiles('#test-drop-source', path);
  await page.evaluate((selector) => {
    const input = document.getElementById('test-drop-source') as HTMLInputElement;
    const transfer = new DataTransfer();
    transfer.items.add(input.files![0]!);
    input.remove();
    // Once the page is a workspace the drop area is gone: a file dropped anywhere is loaded.
    const zone = document.querySelector(selector) ?? document.body;
    zone.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, dropZone);
}
