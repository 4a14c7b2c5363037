/**
 * Global setup of both vitest projects (vite.config.ts): one scratch directory for this vitest run, named to every
 * worker by LRT_TEST_RUN_DIR, where files of different workers share what they make once per run (demo.ts), and
 * removed at the end. A later run never sees it: nothing a test reads there can come from an older src/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const RUN_DIR_VARIABLE = 'LRT_TEST_RUN_DIR';

export default function setup(): () => void {
  // Both projects run this setup in vitest's main process; the first one makes the directory.
  const dir = (process.env[RUN_DIR_VARIABLE] ??= mkdtempSync(join(tmpdir(), 'lrt-test-run-')));
  return () => rmSync(dir, { recursive: true, force: true });
}
