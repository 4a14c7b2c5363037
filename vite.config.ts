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
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Generous for browser tests on a loaded 2-core CI machine; speed is measured by npm run bench, not here.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
