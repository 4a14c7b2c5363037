/**
 * The browser project's global setup (vite.config.ts): once per vitest run, before any browser test, builds the
 * page from the current src/ with the production configuration into dist-test/ (never dist/, which only
 * `npm run build` and `npm start` write), then serves that build on 127.0.0.1 for every browser test file.
 * No browser test can see a stale build: the build is made by the very run that tests it, and a failed
 * build fails the run before any test starts.
 */
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Where the browser tests' build goes (git-ignored). */
export const TEST_BUILD_DIR = 'dist-test';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The origin serving this run's build of the page, e.g. http://127.0.0.1:41234. */
    pageOrigin: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = performance.now();
  // The page as `npm run build` makes it: vitest sets NODE_ENV to "test", which would make Vite compile the Svelte
  // components in development mode (extra checks in every update, four times slower under axe-core).
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build({ root: ROOT, mode: 'production', logLevel: 'warn', build: { outDir: TEST_BUILD_DIR, emptyOutDir: true } });
  } finally {
    process.env['NODE_ENV'] = nodeEnv;
  }
  const server = await preview({
    root: ROOT,
    logLevel: 'warn',
    build: { outDir: TEST_BUILD_DIR },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const { port } = server.httpServer.address() as AddressInfo;
  project.provide('pageOrigin', `http://127.0.0.1:${port}`);
  console.log(`browser tests: built src/ into ${TEST_BUILD_DIR}/ in ${((performance.now() - started) / 1000).toFixed(1)} s, served on port ${port}`);
  return () => server.close();
}
