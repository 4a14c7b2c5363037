import type { Runner } from '../engine/db/runner.ts';
import { REBUILD_USAGE_DAYS_SQL } from '../engine/schema.ts';
import type { TableName } from '../engine/tables.ts';

/** Tables whose rows carry a user key that an identity can re-key to an e-mail. */
export const KEYED: readonly TableName[] = ['sessions', 'usage_day_rows', 'assignments', 'directory_users'];

/**
 * One person = one key across all files: rows keyed by an Autodesk ID or a hashed id are re-keyed to the
 * lower-cased e-mail an identity (Usage Report, Users export) links them to. Runs after every merge, so
 * the order in which files are dropped does not matter.
 */
export async function linkIdentities(runner: Runner, tables: readonly string[] = KEYED): Promise<void> {
  for (const table of tables) {
    await runner.exec(`
      UPDATE ${table} SET user_key = k.email
      FROM (SELECT DISTINCT email, id FROM (
              SELECT lower(user_email) AS email, lower(unnest([autodesk_id, hashed_id])) AS id
              FROM identities WHERE user_email IS NOT NULL)
            WHERE id IS NOT NULL) k
      WHERE ${table}.user_key = k.id`);
  }
}

/** What every merge must redo: identity links, then the usage days every rule reads. */
export async function afterMerge(runner: Runner): Promise<void> {
  await linkIdentities(runner);
  await runner.exec(REBUILD_USAGE_DAYS_SQL);
}
