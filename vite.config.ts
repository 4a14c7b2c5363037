import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  plugins: [svelte()],
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  // duckdb-wasm is pre-bundled by nothing: its worker and wasm files are served as assets (?url imports).
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  test: {
    environment: 'node',
    // Generous for a loaded 2-core CI machine; speed is measured by npm run bench, not here.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // At least two workers (vitest's default leaves one of two cores idle): a unit file and a browser file, or two
    // of either, run side by side. A third worker on two cores spent more on imports and contention than it saved.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/browser/**'],
          // A worker's files share one module graph, so test/helpers/demo.ts loads the demo estate once per
          // worker, not once per file. Files keep nothing else in shared state (no mocks, no stubbed globals).
          isolate: false,
          // The run's scratch directory, where workers share the twin's demo output (test/helpers/demo.ts).
          globalSetup: ['test/helpers/run-dir.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          // Builds the current src/ into dist-test/ and serves it, once per run, before any browser test.
          globalSetup: ['test/helpers/run-dir.ts', 'test/browser/global-setup.ts'],
          // A browser test is a user's whole session (load the demo, edit, download): minutes on a busy machine.
          testTimeout: 600_000,
        },
      },
    ],
  },
});
