import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runReview } from '../../src/cli/review.ts';

const fixture = (path: string) => fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url));

/** Every file the twin wrote into `dir`, by name. */
function written(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name))]));
}

async function twin(engine: 'native' | 'wasm', args: string[]): Promise<Map<string, Buffer>> {
  const out = mkdtempSync(join(tmpdir(), `lrt-engine-${engine}-`));
  const result = await runReview(['--engine', engine, '--out', out, ...args]);
  expect(result.exitCode, result.lines.join('\n')).toBe(0);
  return written(out);
}

function expectSameFiles(native: Map<string, Buffer>, wasm: Map<string, Buffer>): void {
  expect([...native.keys()]).toEqual([...wasm.keys()]);
  for (const [name, bytes] of wasm) expect(native.get(name)!.equals(bytes), `${name} differs between the engines`).toBe(true);
}

describe('the twin on native DuckDB and on the page’s wasm', () => {
  // The demo estate is compared in test/browser/demo-page.test.ts: the twin (native) and the page (wasm in Chromium)
  // give the same review.json and files there, byte for byte.

  it('writes the same files for Autodesk Account exports, a session file with rejected rows, a licence-server log and an lmstat snapshot', async () => {
    const inputs = [
      'exports/usage-report-2026.csv',
      'exports/subscriptions.csv',
      'exports/seat-usage-2026.csv',
      'exports/token-flex-users.csv',
      'exports/users.csv',
      'tiny-sessions.csv',
      'flexlm/adskflex_2016_sample.log',
      'lmstat/lmstat-20160330.txt',
    ].map(fixture);
    expectSameFiles(await twin('native', inputs), await twin('wasm', inputs));
  });

  it('refuses an unknown engine in one sentence', async () => {
    const result = await runReview(['--engine', 'sqlite', '--demo']);
    expect(result.exitCode).toBe(2);
    expect(result.lines[0]).toBe('--engine sqlite is not an engine: expected native or wasm.');
  });
});
