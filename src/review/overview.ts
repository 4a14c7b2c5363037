import type { Runner } from '../db/runner.ts';

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
  const [row] = await runner.query<Overview>(`
    WITH logins AS (${logins})
    SELECT (SELECT count(DISTINCT user_key) FROM usage_days WHERE user_key NOT IN (SELECT user_key FROM logins)) AS users,
           (SELECT count(DISTINCT left(user_key, length(user_key) - length(host) - 1)) FROM logins)::INTEGER AS server_logins,
           (SELECT count(DISTINCT host) FROM logins)::INTEGER AS server_hosts,
           (SELECT count(DISTINCT product) FROM usage_days) AS products,
           (SELECT count(*) FROM sessions) AS sessions,
           (SELECT count(*) FROM usage_days) AS usage_days,
           (SELECT coalesce(round(sum(duration_minutes) / 60, 1), 0)::DOUBLE FROM sessions) AS hours,
           (SELECT strftime(min(day), '%Y-%m-%d') FROM usage_days) AS first_day,
           (SELECT strftime(max(day), '%Y-%m-%d') FROM usage_days) AS last_day`);
  return row!;
}
