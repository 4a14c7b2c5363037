import * as duckdb from '@duckdb/duckdb-wasm';
import { tableToIPC, type Table } from 'apache-arrow';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { COMPRESSED_MERGE_ROWS, startUpSql, inTableDatabase, plainRows, type Runner } from './runner.ts';
import { boundQuery, type NamedParams, type Param } from './params.ts';

/**
 * Measured in Chromium on this project's 2-core, 24 GB machine, where DuckDB has 3.1 GiB: a session CSV of
 * 1,291,759,550 bytes (4.9 M sessions) loads in the tab; one of 1,498,441,046 bytes runs DuckDB out of its memory
 * while its rows are checked. Files above 1.3 * 10^9 bytes are refused unread.
 */
const TAB_FILE_LIMIT_BYTES = 1_300_000_000;

/** Opens duckdb-wasm from files bundled with the page (never a CDN). */
export async function openBrowserRunner(): Promise<Runner> {
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: new URL(mvpWasm, self.location.href).href, mainWorker: new URL(mvpWorker, self.location.href).href },
    eh: { mainModule: new URL(ehWasm, self.location.href).href, mainWorker: new URL(ehWorker, self.location.href).href },
  });
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  await db.open({ query: { castBigIntToDouble: true } });
  const conn = await db.connect();
  for (const sql of startUpSql(true)) await conn.query(sql);

  return {
    fileLimitBytes: TAB_FILE_LIMIT_BYTES,
    mergeChunkRows: COMPRESSED_MERGE_ROWS,
    async exec(sql) {
      await conn.query(sql);
    },
    async query<Row extends object>(text: string, params: readonly Param[] | NamedParams = []) {
      const { sql, values } = boundQuery(text, params);
      if (values.length === 0) return plainRows<Row>(await conn.query(sql));
      const stmt = await conn.prepare(sql);
      try {
        return plainRows<Row>(await stmt.query(...values));
      } finally {
        await stmt.close();
      }
    },
    async insertArrow(table: string, data: Table, create: boolean) {
      await inTableDatabase(table, (sql) => conn.query(sql), (name) => conn.insertArrowFromIPCStream(tableToIPC(data, 'stream'), { name, create }));
    },
    async registerFile(name: string, file: Blob) {
      await db.registerFileHandle(name, file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    },
    async dropFile(name: string) {
      await db.dropFile(name);
    },
    async close() {
      await conn.close();
      await db.terminate();
      worker.terminate();
    },
  };
}
