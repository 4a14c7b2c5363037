import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import type { Runner } from '../../src/db/runner.ts';
import { file, sessionsCsv } from '../helpers/engine.ts';
import { pooledNodeRunner } from '../helpers/runner-pool.ts';

const SESSIONS = sessionsCsv([
  { user_id: 'U1', product: 'Revit', session_start: '2026-03-02T08:00:00Z', licence_type: 'named_user' },
  { user_id: 'U2', product: 'AutoCAD', session_start: '2026-03-03T09:00:00Z', licence_type: 'named_user' },
]);

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

/** An engine on a runner changed as `change` says: a tab's ceiling, or DuckDB running out of memory. */
function engineWith(change: { fileLimitBytes?: number; failReadCsv?: string }): Engine {
  engine = new Engine(async () => {
    const runner = await pooledNodeRunner();
    return new Proxy(runner, {
      get(target, key) {
        if (key === 'fileLimitBytes') return change.fileLimitBytes;
        if (key === 'exec' && change.failReadCsv) {
          return async (sql: string) => {
            if (sql.includes('read_csv(')) throw new Error(change.failReadCsv);
            return target.exec(sql);
          };
        }
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as Runner;
  });
  return engine;
}

describe('a file too large for the engine', () => {
  it('is refused unread by a tab, in one sentence that points to the twin, and the other files still load', async () => {
    const small = file('small.csv', SESSIONS);
    const big = file('big export.csv', 'x'.repeat(2_400_000));
    const reports = await engineWith({ fileLimitBytes: 2_000_000 }).load([big, small]);
    expect(reports.map((r) => [r.file, r.status, r.rows_read])).toEqual([['big export.csv', 'failed', 0], ['small.csv', 'loaded', 2]]);
    expect(reports[0]!.message).toBe(
      'big export.csv (2.3 MB) is larger than a browser tab can load (1.9 MB). Review it with the headless twin, which reads files of any size on native DuckDB: npm run review -- big export.csv',
    );
  });

  it('says so in words, not DuckDB\'s, when DuckDB runs out of memory reading it', async () => {
    const message = 'Out of Memory Error: could not allocate block of size 256.0 KiB (3.1 GiB/3.1 GiB used)';
    const [report] = await engineWith({ fileLimitBytes: 1e9, failReadCsv: message }).load([file('sessions.csv', SESSIONS)]);
    expect(report).toMatchObject({ status: 'failed', rows_read: 0, rows_loaded: 0 });
    expect(report!.message).toMatch(
      /^sessions\.csv \(\d+ B\) needed more memory than this browser tab has: nothing of it was loaded\. Review it with the headless twin, which reads files of any size on native DuckDB: npm run review -- sessions\.csv$/,
    );
    expect((await engine!.review()).overview.sessions).toBe(0);
  });
});
