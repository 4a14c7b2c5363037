import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { Engine } from '../../src/engine/engine.ts';
import { openNodeRunner } from '../../src/db/open-node.ts';
import { openNativeRunner } from '../../src/db/open-native.ts';
import type { Runner } from '../../src/db/runner.ts';

const path = '/tmp/prof/x5.csv';
if (!existsSync(path)) {
  const csv = gunzipSync(readFileSync(new URL('../../public/demo/demo-estate.csv.gzip', import.meta.url))).toString('utf8');
  const [header, ...rest] = csv.trimEnd().split('\n');
  const body = rest.join('\n');
  const copies = [header];
  for (let k = 0; k < 5; k++) copies.push(body.replace(/(\d{4})-(\d{2}-\d{2}T)/g, (_, y: string, tail: string) => `${Number(y) + 2 * k}-${tail}`));
  writeFileSync(path, copies.join('\n') + '\n');
}
const engineName = (process.argv[2] ?? 'native') as 'native' | 'wasm';
const open = engineName === 'native' ? openNativeRunner : openNodeRunner;
const logged = async (): Promise<Runner> => {
  const r = await open();
  const wrap = <K extends 'exec' | 'query'>(k: K) => {
    const f = r[k].bind(r) as (...a: unknown[]) => Promise<unknown>;
    (r as unknown as Record<string, unknown>)[k] = async (...a: unknown[]) => {
      const t = performance.now();
      const out = await f(...a);
      const ms = performance.now() - t;
      if (ms > 80) console.log(`  ${ms.toFixed(0)} ms ${String(a[0]).replace(/\s+/g, ' ').slice(0, 110)}`);
      return out;
    };
  };
  wrap('exec');
  wrap('query');
  return r;
};
const engine = new Engine(logged);
await engine.review();
const { openAsBlob } = await import('node:fs');
const blob = await openAsBlob(path);
const t0 = performance.now();
const [report] = await engine.load([{ name: 'x5.csv', blob, path } as never]);
const t1 = performance.now();
await engine.review();
const t2 = performance.now();
console.log(`${engineName}: ${report!.rows_read} rows ${report!.status} load ${((t1 - t0) / 1000).toFixed(2)} s review ${((t2 - t1) / 1000).toFixed(2)} s`);
await engine.close();
