import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import type { Runner } from '../../src/db/runner.ts';
import { file } from '../helpers/engine.ts';
import { pooledNodeRunner } from '../helpers/runner-pool.ts';

const TINY = readFileSync(new URL('../fixtures/tiny-sessions.csv', import.meta.url), 'utf8');

/** Every statement the engine runs, in order. */
const statements: string[] = [];
const engine = new Engine(async () => {
  const runner = await pooledNodeRunner();
  return new Proxy(runner, {
    get(target, key) {
      if (key === 'exec') return (sql: string) => (statements.push(sql), target.exec(sql));
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as Runner;
});
afterAll(() => engine.close());

/** What loading `files` reports, and whether DuckDB read a CSV on the way. */
async function load(...files: [string, string][]) {
  statements.length = 0;
  const reports = await engine.load(files.map(([name, text]) => file(name, text)));
  return { reports: reports.map((r) => [r.file, r.status, r.rows_read, r.rows_loaded, r.rows_rejected]), readCsv: statements.some((s) => s.includes('read_csv(')) };
}

describe('a session CSV dropped again', () => {
  it('is recognised by its bytes before DuckDB reads any of it; a different file of the same size is read', async () => {
    expect(await load(['tiny.csv', TINY])).toEqual({ reports: [['tiny.csv', 'loaded', 7, 4, 3]], readCsv: true });

    // Same size, other bytes (Ann -> Amy): it can only be told apart by its content, so it is read.
    const sameSize = TINY.replace(/,Ann,/g, ',Amy,');
    expect(sameSize.length).toBe(TINY.length);
    expect(sameSize).not.toBe(TINY);
    expect(await load(['amy.csv', sameSize])).toEqual({ reports: [['amy.csv', 'loaded', 7, 4, 3]], readCsv: true });

    expect(await load(['tiny again.csv', TINY])).toEqual({ reports: [['tiny again.csv', 'duplicate_file', 7, 4, 3]], readCsv: false });
    // The copy of the second file, in the same load as a new one.
    const other = TINY.replace(/U5,eve/, 'U6,eve');
    expect(await load(['amy again.csv', sameSize], ['other.csv', other])).toEqual({
      reports: [['amy again.csv', 'duplicate_file', 7, 4, 3], ['other.csv', 'loaded', 7, 4, 3]],
      readCsv: true,
    });
  });
});
