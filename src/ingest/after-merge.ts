import type { Runner } from '../db/runner.ts';
import { addUsageDaysSql, REBUILD_USAGE_DAYS_SQL } from '../db/schema.ts';
import { TABLES, type TableName } from '../db/tables.ts';
import { linkServerLogins } from './server-logins.ts';

/** Tables whose rows carry a user key that an identity can re-key to an e-mail. */
export const KEYED: readonly TableName[] = ['sessions', 'usage_day_rows', 'assignments', 'directory_users'];

/**
 * One person = one key across all files: rows keyed by an Autodesk ID or a hashed id are re-keyed to the
 * lower-cased e-mail an identity (Usage Report, Users export) links them to. Runs after every merge, so
 * the order in which files are dropped does not matter. `identities`: the table (or query) of the identities to
 * link by, the loaded ones by default.
 */
export async function linkIdentities(runner: Runner, tables: readonly string[] = KEYED, identities = 'identities'): Promise<void> {
  for (const table of tables) {
    await runner.exec(`
      UPDATE ${table} SET user_key = k.email
      FROM (SELECT DISTINCT email, id FROM (
              SELECT lower(user_email) AS email, lower(unnest([autodesk_id, hashed_id])) AS id
              FROM ${identities} WHERE user_email IS NOT NULL)
            WHERE id IS NOT NULL) k
      WHERE ${table}.user_key = k.id`);
  }
}

/**
 * After re-keying, two loaded rows may be one fact (an assignment first known by hashed id, then by e-mail from
 * another file, until a third file links the two): keep the first loaded, as the merge does for a repeated row.
 * Only rows keyed by a linked e-mail can have become repeats, so only they are looked at. Identical facts of one
 * file (a licence held twice at once) are told apart by their occurrence, and stay.
 */
export async function dropRepeatedFacts(runner: Runner, tables: readonly TableName[] = KEYED): Promise<void> {
  for (const table of tables) {
    await runner.exec(`
      DELETE FROM ${table} WHERE rowid IN (
        SELECT rowid FROM ${table}
        WHERE user_key IN (SELECT lower(user_email) FROM identities WHERE user_email IS NOT NULL
                           UNION ALL SELECT user_email FROM server_logins WHERE user_email IS NOT NULL)
        QUALIFY row_number() OVER (PARTITION BY ${TABLES[table].key.join(', ')}, occurrence ORDER BY file_id, line) > 1)`);
  }
}

/** What a load saw of the rows usage days are made of, before it merged anything: see usageRows. */
export interface UsageRows {
  rows: number;
  checksum: string;
}

/**
 * What every merge must redo: identity links, licence-server logins to people, then the usage days every rule reads.
 * `load`: for a load, the files it added and the rows usage days were made of before it began (usageRows). Their
 * usage days are then added to those counted, unless a link re-keyed or removed a row loaded before them (when its
 * file was merged, or now): then, as after a removal, every usage day is counted again.
 */
export async function afterMerge(runner: Runner, load: { added: readonly number[]; before: UsageRows } | null = null): Promise<void> {
  await linkIdentities(runner);
  await linkServerLogins(runner);
  await dropRepeatedFacts(runner);
  // With nothing loaded before, counting them all is the shorter way to the same days.
  const onlyAdded = load && load.before.rows > 0 && load.before.checksum === (await usageRows(runner, load.added)).checksum;
  await runner.exec(onlyAdded ? addUsageDaysSql(load.added) : REBUILD_USAGE_DAYS_SQL);
}

/**
 * A checksum of the rows that usage days are made of (sessions, day-level rows), but those of the files `excluded`:
 * each row's table, place and key. It changes when one of them is re-keyed or deleted.
 */
export async function usageRows(runner: Runner, excluded: readonly number[] = []): Promise<UsageRows> {
  const ids = excluded.map((id) => String(Math.trunc(id)));
  const [row] = await runner.query<UsageRows>(`
    SELECT count(*)::INTEGER AS rows, count(*) || ':' || coalesce(sum(hash(tag, rowid, user_key)), 0) AS checksum
    FROM (SELECT 's' AS tag, rowid, user_key, file_id FROM sessions UNION ALL SELECT 'd', rowid, user_key, file_id FROM usage_day_rows)
    ${ids.length > 0 ? `WHERE file_id NOT IN (${ids.join(', ')})` : ''}`);
  return row!;
}
