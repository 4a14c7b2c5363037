import * as Comlink from 'comlink';
import type { EngineApi } from '../engine/api.ts';
import type { LoadProgress, SourceFile } from '../ingest/ingest-report.ts';

export type EngineClient = Comlink.Remote<EngineApi>;

let client: EngineClient | null = null;

/** The page's one engine: a worker started on first use. */
export function engine(): EngineClient {
  client ??= Comlink.wrap<EngineApi>(new Worker(new URL('../engine/worker.ts', import.meta.url), { type: 'module', name: 'lrt-engine' }));
  return client;
}

/** Loads files with a progress callback that crosses the worker boundary. */
export function loadFiles(files: SourceFile[], onProgress: (p: LoadProgress) => void) {
  return engine().load(files, Comlink.proxy(onProgress));
}
