import type { Runner } from '../db/runner.ts';
import { SHARED_LOGIN_DAYS } from '../ingest/server-logins.ts';

/** How a login was linked to a person: the user's login list, or the one known e-mail whose local part is the login. */
export type LoginLink = 'login list' | 'e-mail';

/** One licence-server login over everything loaded: where it was used, and who it is. */
export interface ServerLogin {
  login: string;
  hosts: string[];
  sessions: number;
  /** The people it is linked to: one, or one per host when the login list says so; empty when nobody. */
  people: string[];
  linked_by: LoginLink[];
  /** Days it held licences on two or more hosts at the same moment. */
  shared_days: number;
  /** Shared: at two or more hosts at once on SHARED_LOGIN_DAYS days or more; not linked by e-mail. */
  shared: boolean;
  /** The login list names two or more people for it (on one host, or on every host): not linked there. */
  listed_twice: boolean;
}

/** Every licence-server login the logs name, with its link to a person (ingest/server-logins.ts); shared ones first. */
export async function serverLogins(runner: Runner): Promise<ServerLogin[]> {
  return runner.query<ServerLogin>(`
    SELECT login, list(DISTINCT host ORDER BY host) FILTER (WHERE host IS NOT NULL) AS hosts, sum(sessions)::INTEGER AS sessions,
           coalesce(list(DISTINCT user_email ORDER BY user_email) FILTER (WHERE user_email IS NOT NULL), []) AS people,
           coalesce(list(DISTINCT linked_by ORDER BY linked_by DESC) FILTER (WHERE linked_by IS NOT NULL), []) AS linked_by,
           max(shared_days)::INTEGER AS shared_days, max(shared_days) >= ${SHARED_LOGIN_DAYS} AS shared, bool_or(people_listed > 1) AS listed_twice
    FROM server_logins GROUP BY login
    ORDER BY shared DESC, listed_twice DESC, len(people) = 0 DESC, sessions DESC, login`);
}
