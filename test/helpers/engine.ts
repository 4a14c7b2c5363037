import { afterAll, beforeAll, beforeEach } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { pooledNodeRunner } from './runner-pool.ts';
import type { SourceFile } from '../../src/ingest/ingest-report.ts';
import { LRT_SESSION_COLUMNS } from '../../src/ingest/formats/lrt-sessions.ts';

/**
 * A fresh engine on the package's Node build of duckdb-wasm: the same wasm and SQL as the page. Its database is
 * new or one a closed engine of this worker left, emptied (runner-pool.ts): either way it holds nothing yet.
 */
export function newEngine(): Engine {
  return new Engine(pooledNodeRunner);
}

export function file(name: string, content: string | Uint8Array): SourceFile {
  return { name, blob: new Blob([typeof content === 'string' ? content : new Uint8Array(content)]) };
}

export type SessionFields = Partial<Record<(typeof LRT_SESSION_COLUMNS)[number], string>>;

/** A canonical session CSV from a few fields per row; other columns stay empty. */
export function sessionsCsv(rows: SessionFields[]): string {
  const header = LRT_SESSION_COLUMNS.join(',');
  return [header, ...rows.map((r) => LRT_SESSION_COLUMNS.map((c) => r[c] ?? '').join(','))].join('\n') + '\n';
}

/** One session of `product` by `user` on `day` (YYYY-MM-DD) at 09:00 UTC for an hour. */
export function useOn(user: string, product: string, day: string): SessionFields {
  return { user_id: user, product, session_start: `${day}T09:00:00Z`, session_end: `${day}T10:00:00Z`, licence_type: 'named_user' };
}

/** `YYYY-MM-DD` plus n days. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * One engine for a whole test file (start-up costs most of a second), emptied before each test.
 * Registers the hooks itself; the returned object forwards to that engine.
 */
export function engineResetBeforeEach(): Engine {
  let current: Engine | undefined;
  beforeAll(() => {
    current = newEngine();
  });
  afterAll(async () => {
    await current?.close();
  });
  beforeEach(async () => {
    await current!.reset();
  });
  return new Proxy({} as Engine, {
    get(_, key) {
      const value: unknown = Reflect.get(current!, key);
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}
