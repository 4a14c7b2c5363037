import { openNodeRunner } from '../../src/db/open-node.ts';
import { FACTS_DATABASE, type Runner } from '../../src/db/runner.ts';

/**
 * Node runners for the tests' engines, each database reused once its engine is closed.
 *
 * Opening duckdb-wasm costs more than a second of CPU (most of it linking the wasm module's symbols), and the
 * unit tests open dozens of engines; emptying a database costs milliseconds. A closed engine's database is
 * emptied (every view, table, macro, sequence and type dropped, temporary ones too) and checked empty; only
 * then is it handed to the next engine of the same worker, which creates its tables as on a new database.
 * A database that cannot be emptied is closed for good. The wasm and the SQL are the page's, as before.
 */

const spare: Runner[] = [];

/** A runner for one engine: a spare emptied database of this worker, else a new one. */
export async function pooledNodeRunner(): Promise<Runner> {
  const runner = spare.pop() ?? (await openNodeRunner());
  let closed = false;
  return new Proxy(runner, {
    get(target, key) {
      if (key === 'close') {
        return async () => {
          if (closed) return;
          closed = true;
          if (await emptied(target)) spare.push(target);
          else await target.close();
        };
      }
      const value: unknown = Reflect.get(target, key, target);
      // The engine that closed this runner must not reach the database its successor now holds.
      if (closed && typeof value === 'function') return () => Promise.reject(new Error(`runner.${String(key)} after close`));
      return value;
    },
  });
}

interface CatalogEntry {
  database_name: string;
  schema_name: string;
  name: string;
  kind: string;
}

/** Every object a database holds beyond DuckDB's own, in the order they can be dropped. */
const OBJECTS = `
  SELECT database_name, schema_name, view_name AS name, 'VIEW' AS kind, 1 AS step FROM duckdb_views() WHERE NOT internal
  UNION ALL SELECT database_name, schema_name, table_name, 'TABLE', 2 FROM duckdb_tables() WHERE NOT internal
  UNION ALL SELECT DISTINCT database_name, schema_name, function_name, CASE function_type WHEN 'table_macro' THEN 'MACRO TABLE' ELSE 'MACRO' END, 3
    FROM duckdb_functions() WHERE NOT internal AND function_type IN ('macro', 'table_macro')
  UNION ALL SELECT database_name, schema_name, sequence_name, 'SEQUENCE', 4 FROM duckdb_sequences()
  UNION ALL SELECT database_name, schema_name, type_name, 'TYPE', 5 FROM duckdb_types() WHERE NOT internal
  UNION ALL SELECT database_name, schema_name, schema_name, 'SCHEMA', 6 FROM duckdb_schemas() WHERE NOT internal
  UNION ALL SELECT database_name, '', database_name, 'DATABASE', 7 FROM duckdb_databases() WHERE NOT internal AND database_name NOT IN ('memory', '${FACTS_DATABASE}')
  ORDER BY step`;

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function emptied(runner: Runner): Promise<boolean> {
  try {
    for (const o of await runner.query<CatalogEntry>(OBJECTS)) {
      if (o.kind === 'DATABASE') await runner.exec(`DETACH ${quoted(o.name)}`);
      else if (o.kind === 'SCHEMA') await runner.exec(`DROP SCHEMA ${quoted(o.database_name)}.${quoted(o.name)} CASCADE`);
      else await runner.exec(`DROP ${o.kind} IF EXISTS ${quoted(o.database_name)}.${quoted(o.schema_name)}.${quoted(o.name)}`);
    }
    return (await runner.query(OBJECTS)).length === 0;
  } catch {
    return false;
  }
}
