/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { Engine } from './engine.ts';
import { openBrowserRunner } from './db/browser.ts';

/** The browser host: the engine in a module Web Worker, reached only through comlink. */
Comlink.expose(new Engine(openBrowserRunner));
