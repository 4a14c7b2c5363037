/**
 * The page's part of npm run bench: the production build of src/ served on 127.0.0.1, Debian's Chromium with the
 * flags of the README, a file given to the page's file input, timed until the review shows its sessions. Memory is
 * the most the browser's processes held at once (their resident sizes added up, sampled).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { build, preview, type PreviewServer } from 'vite';
import { chromium, type Browser } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface PageBench {
  /** Seconds from giving the page `path` until it shows `sessions` sessions, and the most memory the browser held. */
  measure(path: string, sessions: number): Promise<{ seconds: number; peak: number } | { refused: string }>;
  close(): Promise<void>;
}

export async function startPageBench(): Promise<PageBench> {
  const outDir = mkdtempSync(join(tmpdir(), 'lrt-bench-page-'));
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  await build({ root: ROOT, mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  process.env['NODE_ENV'] = nodeEnv;
  const server: PreviewServer = await preview({ root: ROOT, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
  const origin = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
  const before = chromiumProcesses();
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const ours = () => [...chromiumProcesses()].filter((pid) => !before.has(pid));

  return {
    async measure(path, sessions) {
      const context = await browser.newContext();
      context.setDefaultTimeout(1_800_000);
      // As in the browser tests: nothing may leave the page's origin.
      await context.route('**/*', (route) => (route.request().url().startsWith(`${origin}/`) ? route.continue() : route.abort('blockedbyclient')));
      const page = await context.newPage();
      try {
        await page.goto(`${origin}/`);
        await page.waitForSelector('[data-testid="engine-state"][data-ready="true"]', { state: 'attached' });
        let peak = 0;
        const timer = setInterval(() => (peak = Math.max(peak, residentBytes(ours()))), 200);
        try {
          const t0 = performance.now();
          await page.setInputFiles('[data-testid="file-input"]', path);
          const shown = page.waitForSelector(`[data-testid="overview-sessions"][data-value="${sessions}"]`, { state: 'attached' }).then(() => null);
          const refused = page.waitForSelector('[data-testid="load-error"]').then(async (e) => (await e.textContent()) ?? 'refused');
          const outcome = await Promise.race([shown, refused]);
          const seconds = (performance.now() - t0) / 1000;
          peak = Math.max(peak, residentBytes(ours()));
          return outcome === null ? { seconds, peak } : { refused: outcome };
        } finally {
          clearInterval(timer);
        }
      } finally {
        await context.close();
      }
    },
    async close() {
      await browser.close();
      await new Promise((resolve) => server.httpServer.close(resolve));
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** The process ids of every Chromium running now. */
function chromiumProcesses(): Set<number> {
  const pids = new Set<number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim().startsWith('chrom')) pids.add(Number(entry));
    } catch {
      // The process ended while the list was read.
    }
  }
  return pids;
}

/** The resident bytes of these processes, added up. */
function residentBytes(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (rss) total += Number(rss[1]) * 1024;
    } catch {
      // Ended.
    }
  }
  return total;
}
