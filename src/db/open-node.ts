import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { tableToIPC, type Table } from 'apache-arrow';
import { COMPRESSED_MERGE_ROWS, startUpSql, inTableDatabase, plainRows, type Runner } from './runner.ts';
import { boundQuery, type NamedParams, type Param } from './params.ts';

const require = createRequire(import.meta.url);

/** What the package's Node bindings do when they instantiate (bindings_node.ts), read at run time. */
interface NodeBindings {
  mainModulePath: string;
  _runtime: object;
  instantiateWasm(imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void): unknown[];
}

const compiledModules = new Map<string, Promise<WebAssembly.Module>>();

/**
 * The package compiles its 30-odd MB of wasm again for every database it opens (about 1.3 s of CPU each, before V8
 * tiers the hot functions up once more). One compiled module per process, instantiated once per database, keeps
 * what V8 compiled; every database still gets its own memory.
 */
function compileOncePerProcess(bindings: NodeBindings): void {
  bindings.instantiateWasm = (imports, done) => {
    // As the package does: the wasm's imports call into the runtime through this global.
    const runtime: Record<string, unknown> = {};
    for (const name of Object.getOwnPropertyNames(bindings._runtime)) {
      if (name !== 'constructor') runtime[name] = Object.getOwnPropertyDescriptor(bindings._runtime, name)!.value;
    }
    (globalThis as { DUCKDB_RUNTIME?: unknown }).DUCKDB_RUNTIME = runtime;
    const path = bindings.mainModulePath;
    let compiled = compiledModules.get(path);
    if (!compiled) {
      compiled = WebAssembly.compile(readFileSync(path));
      compiledModules.set(path, compiled);
    }
    void compiled.then(async (module) => done(await WebAssembly.instantiate(module, imports), module));
    return [];
  };
}

/** Opens the package's Node build of duckdb-wasm: the same wasm and SQL the page runs. */
export async function openNodeRunner(): Promise<Runner> {
  const bundles = {
    mvp: { mainModule: require.resolve('@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm'), mainWorker: '' },
    eh: { mainModule: require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'), mainWorker: '' },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  compileOncePerProcess(db as unknown as NodeBindings);
  await db.instantiate();
  db.open({ query: { castBigIntToDouble: true } });
  const conn = db.connect();
  for (const sql of startUpSql(true)) conn.query(sql);

  return {
    mergeChunkRows: COMPRESSED_MERGE_ROWS,
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
      await inTableDatabase(table, async (sql) => conn.query(sql), async (name) => void conn.insertArrowFromIPCStream(tableToIPC(data, 'stream'), { name, create }));
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
