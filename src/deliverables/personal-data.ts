import type { Runner } from '../db/runner.ts';
import type { PersonalData } from './redact.ts';

/**
 * Every value in the loaded data that names or points to a person: e-mails, names, user keys and ids, device names
 * and IP addresses (a device or an address is traceable to its user). The redactor replaces each of them.
 */
export async function personalData(runner: Runner): Promise<PersonalData> {
  const values = async (sql: string) => (await runner.query<{ v: string }>(`SELECT DISTINCT v FROM (${sql}) WHERE v IS NOT NULL AND v <> ''`)).map((r) => r.v);
  const fromTables = (column: string, tables: string[]) => tables.map((t) => `SELECT ${column} AS v FROM ${t}`).join(' UNION ALL ');
  return {
    emails: await values(fromTables('lower(user_email)', ['sessions', 'usage_day_rows', 'assignments', 'directory_users', 'identities'])),
    names: await values(fromTables('user_name', ['sessions', 'usage_day_rows', 'assignments', 'directory_users'])),
    userKeys: await values(
      [fromTables('user_key', ['sessions', 'usage_day_rows', 'assignments', 'directory_users', 'denials']),
        fromTables('user_id', ['sessions', 'usage_day_rows']),
        fromTables('autodesk_id', ['assignments', 'directory_users', 'identities']),
        fromTables('hashed_id', ['assignments', 'identities'])].join(' UNION ALL '),
    ),
    devices: await values(
      [fromTables('device_name', ['sessions', 'usage_day_rows', 'denials']), fromTables('machine_name', ['token_consumption']), fromTables('device_id', ['sessions']), fromTables('ip_address', ['sessions'])].join(' UNION ALL '),
    ),
  };
}
