import type { Runner } from '../db/runner.ts';

/**
 * Who each licence-server login is. A log names user@host, an account on a machine, not a person: this links each
 * (login, host) of the logs' sessions to a person's e-mail, and re-keys its sessions to that e-mail, so that the
 * person-level rules see their network use. In this order:
 * 1. the login list (login_links) for that login on that host, then for that login on any host: one e-mail, or
 *    none when the list gives two people;
 * 2. otherwise the one e-mail of the Users export or Usage Report whose local part is the login (bob → bob@corp.com),
 *    unless the login is shared or two e-mails have that local part.
 * A login is shared when it held licences on two or more hosts at the same moment, on at least two days: one person
 * is at one machine at a time, and one such day may be a session left open. A login nobody links keeps user@host.
 * Runs after every merge, from the sessions alone, so that the order of the files never matters. Writes the table
 * server_logins (db/schema.ts): one row per login and host.
 */
/** Sessions a login must hold at once on two hosts, on this many days, to count as shared. */
export const SHARED_LOGIN_DAYS = 2;

/** The user part of a licence-server user@host, in SQL: the host is kept apart. */
export const loginSql = (user: string, host: string): string =>
  `CASE WHEN ${host} IS NOT NULL AND ends_with(lower(${user}), '@' || lower(${host})) THEN left(${user}, length(${user}) - length(${host}) - 1) ELSE ${user} END`;

export async function linkServerLogins(runner: Runner): Promise<void> {
  await runner.exec(`
CREATE OR REPLACE TABLE server_logins AS
WITH s AS (
  SELECT lower(${loginSql('user_id', 'device_name')}) AS login, lower(device_name) AS host, session_start AS t0, coalesce(session_end, session_start) AS t1
  FROM sessions WHERE source = 'flexnet_log' AND user_id LIKE '%@%'
),
-- Each host's checkouts of a login as spans of continuous holding; spans of different hosts that overlap are the
-- moments the login was at two machines (a span that starts before the latest end so far overlaps another host's:
-- the same host's spans never overlap).
reach AS (
  SELECT login, host, t0, t1, max(t1) OVER (PARTITION BY login, host ORDER BY t0, t1 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before
  FROM s
),
islands AS (
  SELECT *, sum(CASE WHEN before IS NULL OR t0 > before THEN 1 ELSE 0 END) OVER (PARTITION BY login, host ORDER BY t0, t1 ROWS UNBOUNDED PRECEDING) AS island
  FROM reach
),
spans AS (SELECT login, host, min(t0) AS t0, max(t1) AS t1 FROM islands GROUP BY login, host, island),
crossing AS (
  SELECT login, t0, max(t1) OVER (PARTITION BY login ORDER BY t0, t1 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before FROM spans
),
shared AS (SELECT login, count(DISTINCT CAST(t0 AS DATE))::INTEGER AS days FROM crossing WHERE t0 < before GROUP BY login),
pairs AS (SELECT login, host, count(*)::INTEGER AS sessions FROM s GROUP BY login, host),
listed AS (
  SELECT p.login, p.host,
         count(DISTINCT CASE WHEN l.host = p.host THEN l.user_email END) AS on_host,
         min(CASE WHEN l.host = p.host THEN l.user_email END) AS on_host_email,
         count(DISTINCT CASE WHEN l.host IS NULL THEN l.user_email END) AS anywhere,
         min(CASE WHEN l.host IS NULL THEN l.user_email END) AS anywhere_email
  FROM pairs p JOIN login_links l ON l.login = p.login
  GROUP BY p.login, p.host
),
known AS (
  SELECT DISTINCT lower(user_email) AS email FROM directory_users WHERE user_email IS NOT NULL
  UNION SELECT DISTINCT lower(user_email) FROM assignments WHERE user_email IS NOT NULL
),
by_local_part AS (SELECT split_part(email, '@', 1) AS login, min(email) AS email, count(*) AS people FROM known GROUP BY 1),
-- The list's row for the host wins over its row for every host; one person named links, two link nobody.
decided AS (
  SELECT p.login, p.host, p.sessions, coalesce(sh.days, 0)::INTEGER AS shared_days,
         CASE WHEN coalesce(l.on_host, 0) > 0 THEN l.on_host ELSE coalesce(l.anywhere, 0) END::INTEGER AS people_listed,
         CASE WHEN coalesce(l.on_host, 0) > 0 THEN l.on_host_email ELSE l.anywhere_email END AS listed_email,
         CASE WHEN e.people = 1 THEN e.email END AS named_email
  FROM pairs p
  LEFT JOIN listed l ON l.login = p.login AND l.host IS NOT DISTINCT FROM p.host
  LEFT JOIN shared sh ON sh.login = p.login
  LEFT JOIN by_local_part e ON e.login = p.login
)
SELECT login, host, sessions,
       CASE WHEN people_listed = 1 THEN listed_email WHEN people_listed = 0 AND shared_days < ${SHARED_LOGIN_DAYS} THEN named_email END AS user_email,
       CASE WHEN people_listed = 1 THEN 'login list' WHEN people_listed = 0 AND shared_days < ${SHARED_LOGIN_DAYS} AND named_email IS NOT NULL THEN 'e-mail' END AS linked_by,
       people_listed, shared_days
FROM decided`);
  // Each log session's key: its person's e-mail, or its own user@host (again, when a link went away).
  await runner.exec(`
UPDATE sessions SET user_key = coalesce(k.user_email, lower(sessions.user_id))
FROM server_logins k
WHERE sessions.source = 'flexnet_log' AND k.login = lower(${loginSql('sessions.user_id', 'sessions.device_name')}) AND k.host IS NOT DISTINCT FROM lower(sessions.device_name)
  AND sessions.user_key IS DISTINCT FROM coalesce(k.user_email, lower(sessions.user_id))`);
}
