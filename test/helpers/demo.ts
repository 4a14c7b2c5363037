import { mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runReview } from '../../src/cli/review.ts';
import type { Engine } from '../../src/engine/engine.ts';
import { file, newEngine } from './engine.ts';
import { RUN_DIR_VARIABLE } from './run-dir.ts';

const DEMO_DIR = new URL('../../public/demo/', import.meta.url);
const plan = JSON.parse(readFileSync(new URL('demo-plan.json', DEMO_DIR), 'utf8')) as { files: { sessions: string; usageReport: string; subscriptions: string; seatUsage: string } };

/** Every shipped demo data file, in the order `npm run review -- --demo` loads them (test/demo/demo-cli.test.ts checks that order). */
export const DEMO_DATA_FILES = [plan.files.sessions, plan.files.usageReport, plan.files.subscriptions, plan.files.seatUsage];

/** What the shared demo engine refuses: everything that changes what it holds. */
const CHANGING = new Set<PropertyKey>(['load', 'removeFile', 'setCatalogue', 'reset', 'close']);

let shared: Promise<Engine> | undefined;

/**
 * One engine holding every shipped demo data file, for tests that only read it (reviews with any settings,
 * deliverables, snapshots, reports). Loading the demo takes seconds, so it is loaded once per module graph:
 * once per test worker in the unit project, which runs its files without isolation (vite.config.ts), and at
 * most once per file otherwise. The engine is never closed: it lives as long as the worker.
 *
 * What this returns refuses to load, remove a file, change the catalogue, reset or close, so that no test
 * can change what the others read.
 */
export function demoEngine(): Promise<Engine> {
  shared ??= (async () => {
    const engine = newEngine();
    await engine.load(DEMO_DATA_FILES.map((name) => file(name, readFileSync(new URL(name, DEMO_DIR)))));
    return new Proxy(engine, {
      get(target, key) {
        if (CHANGING.has(key)) {
          return () => {
            throw new Error(`the shared demo engine is read-only: ${String(key)} would change it for every test of this worker; use newEngine() instead`);
          };
        }
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  })();
  return shared;
}

export interface DemoTwinOutput {
  /** The directory `--out` named: review.json and the deliverables. Read it; write nothing into it. */
  dir: string;
  exitCode: number;
  lines: string[];
}

let twin: Promise<DemoTwinOutput> | undefined;

/**
 * `npm run review -- --demo --out DIR`, the twin on the demo estate without other options, run once per vitest run
 * for every file that reads its output (the twin's own test, the deliverables' and the page's parity with it):
 * the first file to ask runs it, files in other workers wait for its result in the run's directory (run-dir.ts).
 * Without that directory (a file run outside vite.config.ts's projects), the file runs the twin itself.
 */
export function demoTwinOutput(): Promise<DemoTwinOutput> {
  twin ??= (async () => {
    const runDir = process.env[RUN_DIR_VARIABLE];
    const dir = join(runDir ?? mkdtempSync(join(tmpdir(), 'lrt-review-demo-')), 'review-demo');
    const result = `${dir}.json`;
    try {
      mkdirSync(dir); // Whoever makes the directory runs the twin (a mkdir either creates or fails, atomically).
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      for (;;) {
        try {
          return JSON.parse(readFileSync(result, 'utf8')) as DemoTwinOutput;
        } catch {
          await sleep(250); // Another worker's twin is still running.
        }
      }
    }
    let output: DemoTwinOutput;
    try {
      output = { dir, ...(await runReview(['--demo', '--out', dir])) };
    } catch (error) {
      // The waiting workers get the failure too, rather than wait for their tests' timeouts.
      output = { dir, exitCode: -1, lines: [`the twin threw: ${error instanceof Error ? error.stack : String(error)}`] };
    }
    writeFileSync(`${result}.part`, JSON.stringify(output));
    renameSync(`${result}.part`, result);
    return output;
  })();
  return twin;
}
