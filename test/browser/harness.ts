import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build, preview, type PreviewServer } from 'vite';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Debian's Chromium (or CHROMIUM_PATH). Never a downloaded browser: this machine has no internet. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

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

/** Serves the production build on 127.0.0.1 and opens Chromium with every request watched. */
export async function startHarness(): Promise<Harness> {
  if (!existsSync(`${ROOT}/dist/index.html`)) await build({ root: ROOT, logLevel: 'warn' });
  const server: PreviewServer = await preview({ root: ROOT, logLevel: 'warn', preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
  const address = server.httpServer.address() as AddressInfo;
  const origin = `http://127.0.0.1:${address.port}`;

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext();
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
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    },
  };
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
    const zone = document.querySelector(selector)!;
    zone.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, dropZone);
}
