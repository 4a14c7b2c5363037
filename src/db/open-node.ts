import { createRequire } from 'node:module';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { tableToIPC, type Table } from 'apache-arrow';
import { START_UP_SQL, plainRows, type Runner } from './runner.ts';
import { boundQuery, type NamedParams, type Param } from './params.ts';

const require = createRequire(import.meta.url);

/** Opens the package's Node build of duckdb-wasm: the same wasm and SQL the page runs. */
export async function openNodeRunner(): Promise<Runner> {
  const bundles = {
    mvp: { mainModule: require.resolve('@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm'), mainWorker: '' },
    eh: { mainModule: require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'), mainWorker: '' },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  db.open({ query: { castBigIntToDouble: true } });
  const conn = db.connect();
  for (const sql of START_UP_SQL) conn.query(sql);

  return {
    async exec(sql) {
      conn.query(sql);
    },
    async query<Row extends object>(text: string, params: readonly Param[] | NamedParams = []) {
      const { sql, values } = boundQuery(text, params);
      if (values.length === 0) return plainRows<Row>(conn.query(sql));
      const stmt = conn.prepare(sql);
      try {
        return plainRows<Row>(stmt.query(...values));
      } finally {
        stmt.close();
      }
    },
    async insertArrow(table: string, data: Table, create: boolean) {
      // IPC bytes, not the Table object: the package's CJS copy of apache-arrow does not recognise
      // tables built with the ESM copy and would insert nothing, silently.
      conn.insertArrowFromIPCStream(tableToIPC(data, 'stream'), { name: table, create });
    },
    async registerFile(name: string, file: Blob) {
      db.registerFileBuffer(name, new Uint8Array(await file.arrayBuffer()));
    },
    async dropFile(name: string) {
      db.dropFile(name);
    },
    async close() {
      conn.close();
      db.reset();
    },
  };
}
