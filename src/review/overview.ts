import type { Runner } from '../db/runner.ts';
import { loginSql } from '../ingest/server-logins.ts';

export interface Overview {
  /** People: user keys with at least one usage day, less the licence-server logins below. */
  users: number;
  /**
   * Licence-server logins (the user part of user@host) and hosts of keys seen only in licence-server sessions: an
   * account on a machine is not yet a person, so these are not counted as users.
   */
  server_logins: number;
  server_hosts: number;
  products: number;
  sessions: number;
  usage_days: number;
  hours: number;
  first_day: string | null;
  last_day: string | null;
}

/** A session whose user is its licence server's user@host. */
const SERVER_LOGIN = `licence_type = 'network' AND device_name IS NOT NULL AND ends_with(user_key, '@' || lower(device_name))`;

/** Headline counts over everything loaded: users and products with at least one usage day; hours of sessions whose duration or end is known. */
export async function overview(runner: Runner): Promise<Overview> {
  // Looking for licence-server logins reads every session: only worth it when there is a network session at all.
  const [network] = await runner.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM sessions WHERE licence_type = 'network') AS "any"`);
  const logins = network?.any
    ? `SELECT user_key, any_value(lower(device_name)) AS host FROM sessions GROUP BY user_key
       HAVING bool_and(${SERVER_LOGIN}) AND user_key NOT IN (SELECT user_key FROM usage_day_rows)`
    : `SELECT NULL::VARCHAR AS user_key, NULL::VARCHAR AS host WHERE false`;
  // Three relations, not one scalar subquery per figure: ordering the joins of nine single-row subqueries cost DuckDB's
  // planner a hundred times what the counting did.
  const [row] = await runner.query<Overview>(`
    WITH logins AS (${logins})
    SELECT d.users, l.server_logins, l.server_hosts, d.products, s.sessions, d.usage_days, s.hours, d.first_day, d.last_day
    FROM (
      SELECT count(DISTINCT user_key) FILTER (WHERE user_key NOT IN (SELECT user_key FROM logins)) AS users,
             count(DISTINCT product) AS products, count(*) AS usage_days,
             strftime(min(day), '%Y-%m-%d') AS first_day, strftime(max(day), '%Y-%m-%d') AS last_day
      FROM usage_days) d,
    (SELECT count(*) AS sessions, coalesce(round(sum(duration_minutes) / 60, 1), 0)::DOUBLE AS hours FROM sessions) s,
    (SELECT count(DISTINCT ${loginSql('user_key', 'host')})::INTEGER AS server_logins,
            count(DISTINCT host)::INTEGER AS server_hosts FROM logins) l`);
  return row!;
}
