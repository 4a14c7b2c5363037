/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { Engine } from './engine.ts';
import { openBrowserRunner } from '../db/open-browser.ts';

/** The browser host: the engine in a module Web Worker, reached only through comlink. */
class WorkerEngine extends Engine {
  /** The page's progress callback is a comlink proxy: release it when the load ends, or its port leaks. */
  override async load(...[files, onProgress]: Parameters<Engine['load']>) {
    try {
      return await super.load(files, onProgress);
    } finally {
      (onProgress as unknown as Partial<Comlink.Remote<unknown>> | undefined)?.[Comlink.releaseProxy]?.();
    }
  }
}

Comlink.expose(new WorkerEngine(openBrowserRunner));
