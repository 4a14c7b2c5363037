import { createTableSql, LICENCE_TYPES, TABLES } from './tables.ts';
import { sqlString } from './sql-text.ts';

/** The engine's tables: what was read (files, rejects), the facts (tables.ts) and the product catalogue. */
export const SCHEMA_SQL = [
  `CREATE TABLE IF NOT EXISTS files (
    file_id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, kind VARCHAR, status VARCHAR NOT NULL, message VARCHAR,
    question VARCHAR, bytes BIGINT NOT NULL, fingerprint VARCHAR, encoding VARCHAR, delimiter VARCHAR, "where" VARCHAR,
    date_order VARCHAR, time_zone VARCHAR, rows_read INTEGER NOT NULL, rows_loaded INTEGER NOT NULL, rows_rejected INTEGER NOT NULL,
    rows_new INTEGER NOT NULL, extra_columns VARCHAR, notes VARCHAR, first_day VARCHAR, last_day VARCHAR)`,
  // Who each licence-server login on each host is (ingest/server-logins.ts): derived from the sessions after every merge.
  `CREATE TABLE IF NOT EXISTS server_logins (
    login VARCHAR NOT NULL, host VARCHAR, sessions INTEGER NOT NULL, user_email VARCHAR, linked_by VARCHAR,
    people_listed INTEGER NOT NULL, shared_days INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS rejects (file_id INTEGER NOT NULL, line INTEGER NOT NULL, "column" VARCHAR, value VARCHAR, reason VARCHAR NOT NULL)`,
  ...Object.values(TABLES).map(createTableSql),
  `CREATE TABLE IF NOT EXISTS catalogue_products (product VARCHAR NOT NULL, function_group VARCHAR, lt_of VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS catalogue_names (name_key VARCHAR NOT NULL, name VARCHAR NOT NULL, kind VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS catalogue_plcs (plc VARCHAR NOT NULL, name VARCHAR NOT NULL, kind VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS catalogue_members (offering VARCHAR NOT NULL, product VARCHAR NOT NULL)`,
  // How names are compared with the catalogue: case, punctuation, a leading "Autodesk" and a trailing year never matter.
  `CREATE OR REPLACE MACRO name_key(s) AS regexp_replace(regexp_replace(regexp_replace(lower(trim(s)), '^autodesk\\s+', ''), '\\s+(19|20)[0-9]{2}$', ''), '[^a-z0-9]+', '', 'g')`,
  // A product as the catalogue names it: by product line code first, then by name or alias; unknown names stay as they are.
  `CREATE OR REPLACE MACRO catalogue_name(raw_name, line_code) AS coalesce(
     (SELECT c.name FROM catalogue_plcs c WHERE c.plc = upper(trim(line_code)) LIMIT 1),
     (SELECT n.name FROM catalogue_names n WHERE n.name_key = name_key(raw_name) LIMIT 1),
     trim(raw_name))`,
].join(';\n');

/** The known licence types in the order list_sort gives them, each with its bit in a day's set of types. */
const TYPE_BITS = [...LICENCE_TYPES].sort().map((type, bit) => ({ type, bit }));

/**
 * The UTC days a session touches, as TIMESTAMPs to unnest: from its start day to the day of its last microsecond (an end
 * exactly at midnight does not open the next day); a session with no end but a duration ends at start + duration. The
 * one usage-day expansion: usage_days and every figure per device and day use it.
 */
export const SESSION_DAYS_SQL = `generate_series(
  date_trunc('day', session_start),
  date_trunc('day', greatest(session_start, coalesce(session_end, session_start + to_seconds(CAST(coalesce(duration_minutes, 0) * 60 AS BIGINT))) - INTERVAL 1 MICROSECOND)),
  INTERVAL 1 DAY)`;

/**
 * Usage days (rulebook): one row per distinct (user key, product, UTC date) with a session or a day-level
 * usage row. A session that crosses midnight counts on every date it touches (an end exactly at midnight
 * does not open the next day); a session with no end but a duration ends at start + duration.
 */
export const REBUILD_USAGE_DAYS_SQL = `CREATE OR REPLACE TABLE usage_days AS ${usageDaysQuery('true')}`;

/**
 * Adds the usage days of the rows of the files `fileIds` to those of the rows loaded before them: a day already
 * counted takes their rows and licence types too. Right only when no row loaded before changed its key or went
 * away since usage_days was made (ingest/after-merge.ts checks this); the days are then those a rebuild would make.
 */
export function addUsageDaysSql(fileIds: readonly number[]): string {
  const ids = fileIds.map((id) => String(Math.trunc(id))).join(', ');
  return `
CREATE OR REPLACE TEMP TABLE added_usage_days AS ${usageDaysQuery(`file_id IN (${ids})`)};
UPDATE usage_days u SET rows = u.rows + a.rows, licence_types = list_sort(list_distinct(list_concat(u.licence_types, a.licence_types)))
FROM added_usage_days a WHERE a.user_key = u.user_key AND a.product = u.product AND a.day = u.day;
INSERT INTO usage_days SELECT a.* FROM added_usage_days a
WHERE NOT EXISTS (SELECT 1 FROM usage_days u WHERE u.user_key = a.user_key AND u.product = a.product AND u.day = a.day);
DROP TABLE added_usage_days;`;
}

/**
 * The usage days of the sessions and day-level rows that `where` keeps. A day's licence types are gathered as bits
 * of the known types, turned back into their sorted list through a table of the 2^n sets: a list per day, aggregated,
 * took twice as long on 5 M sessions (3.9 M days). A type outside the known ones is gathered as a list of its own.
 */
function usageDaysQuery(where: string): string {
  const known = `[${TYPE_BITS.map((t) => sqlString(t.type)).join(', ')}]`;
  return `
WITH raw AS (
  SELECT user_key, product, product_line_code, licence_type,
         unnest(${SESSION_DAYS_SQL}) AS day
  FROM sessions WHERE ${where}
  UNION ALL
  SELECT user_key, product, product_line_code, licence_type, CAST(day AS TIMESTAMP) FROM usage_day_rows WHERE ${where}
),
names AS (SELECT DISTINCT product, product_line_code, catalogue_name(product, product_line_code) AS resolved FROM raw),
known_types(type, bit) AS (VALUES ${TYPE_BITS.map((t) => `(${sqlString(t.type)}, ${t.bit})`).join(', ')}),
type_sets AS (
  SELECT s.bits, coalesce(list(k.type ORDER BY k.type) FILTER (WHERE (s.bits >> k.bit) & 1 = 1), []) AS types
  FROM (SELECT CAST(range AS INTEGER) AS bits FROM range(0, ${2 ** TYPE_BITS.length})) s CROSS JOIN known_types k
  GROUP BY s.bits
),
days AS (
  SELECT r.user_key, n.resolved AS product, CAST(r.day AS DATE) AS day, count(*)::INTEGER AS rows,
         coalesce(bit_or(CASE r.licence_type ${TYPE_BITS.map((t) => `WHEN ${sqlString(t.type)} THEN ${2 ** t.bit}`).join(' ')} END), 0)::INTEGER AS bits,
         list(DISTINCT r.licence_type) FILTER (WHERE NOT list_contains(${known}, r.licence_type)) AS others
  FROM raw r JOIN names n ON n.product = r.product AND n.product_line_code IS NOT DISTINCT FROM r.product_line_code
  GROUP BY r.user_key, n.resolved, CAST(r.day AS DATE)
)
SELECT d.user_key, d.product, d.day, d.rows,
       CASE WHEN d.others IS NULL THEN s.types ELSE list_sort(list_concat(s.types, d.others)) END AS licence_types
FROM days d JOIN type_sets s ON s.bits = d.bits`;
}
