import { isIpAddress } from '../../lib/ip.ts';
import { SPACE_CLASS, sqlString, trimSql } from '../../db/sql-text.ts';
import { insertRows } from '../../db/insert-rows.ts';
import type { Runner } from '../../db/runner.ts';
import { TABLES } from '../../db/tables.ts';
import type { CheckedTables, TextChecks } from '../adapters/adapter.ts';
import { LICENCE_TYPES, LRT_SESSION_COLUMNS } from './lrt-sessions.ts';

/**
 * The canonical session format's checks, written once in SQL over a text table (one VARCHAR column per format
 * column, and the record's line), whichever reader filled it: DuckDB's CSV reader, or the JavaScript readers of
 * workbooks, JSON and re-encoded text. Each row becomes a session or a reject with the first problem found,
 * checked in this order: user, product, start, end, end before start, duration, tokens, licence type, e-mail, IP.
 */

/** An ISO 8601 date or date-time; no offset means UTC. */
const ISO = String.raw`^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?${SPACE_CLASS}*(Z|z|[+-]\d{2}(?::?\d{2})?)?$`;
const NUMBER = String.raw`^[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$`;
const EMAIL = String.raw`^[^@\s]+@[^@\s]+\.[^@\s]+$`;
const NUMBER_COLUMNS = new Set(['duration_minutes', 'tokens']);

const LICENCE_ALIASES: Record<string, (typeof LICENCE_TYPES)[number]> = {
  named: 'named_user', nameduser: 'named_user', multi_user: 'network', multiuser: 'network', token: 'flex', tokens: 'flex',
};

/**
 * The licence types as a SQL list. The checks test membership with list_contains, never with IN: DuckDB turns an IN
 * list of five values or more into a join, and the facts must keep the records' order (see sessionChecksSql).
 */
const LICENCE_LIST = `[${LICENCE_TYPES.map(sqlString).join(', ')}]`;

/** Macros the checks use; created (or replaced) before every run of them. */
const SESSION_CHECK_MACROS = `
CREATE OR REPLACE MACRO lrt_trim(x) AS ${trimSql('x')};
CREATE OR REPLACE MACRO lrt_restored(t) AS CASE
  WHEN starts_with(t, '''') AND list_contains(['=', '+', '-', '@', chr(9), chr(13)], substr(t, 2, 1)) THEN lrt_trim(substr(t, 2)) ELSE t END;
CREATE OR REPLACE MACRO lrt_iso(x) AS regexp_extract(x, ${sqlString(ISO)}, ['y', 'mo', 'd', 'h', 'mi', 's', 'frac', 'off']);
-- Minutes east of UTC a time's written offset names; null for Z or none (the time is written as UTC).
CREATE OR REPLACE MACRO lrt_offset_min(m) AS CASE WHEN m IS NULL OR m.off IN ('', 'Z', 'z') THEN NULL
  ELSE (CASE WHEN m.off[1] = '-' THEN -1 ELSE 1 END)
       * (CAST(substr(m.off, 2, 2) AS INTEGER) * 60 + coalesce(TRY_CAST(substr(replace(m.off, ':', ''), 4) AS INTEGER), 0)) END;
CREATE OR REPLACE MACRO lrt_iso_ms(m) AS CASE
  WHEN m.y = '' THEN NULL
  WHEN CAST(m.mo AS INTEGER) NOT BETWEEN 1 AND 12 OR CAST(m.d AS INTEGER) < 1 THEN NULL
  WHEN CAST(m.d AS INTEGER) > day(last_day(make_date(CAST(m.y AS INTEGER), CAST(m.mo AS INTEGER), 1))) THEN NULL
  WHEN coalesce(TRY_CAST(m.h AS INTEGER), 0) > 23 OR coalesce(TRY_CAST(m.mi AS INTEGER), 0) > 59 OR coalesce(TRY_CAST(m.s AS INTEGER), 0) > 59 THEN NULL
  WHEN m.off NOT IN ('', 'Z', 'z') AND (CAST(substr(m.off, 2, 2) AS INTEGER) > 23 OR coalesce(TRY_CAST(substr(replace(m.off, ':', ''), 4) AS INTEGER), 0) > 59) THEN NULL
  ELSE epoch_ms(make_timestamp(CAST(m.y AS BIGINT), CAST(m.mo AS BIGINT), CAST(m.d AS BIGINT),
                               coalesce(TRY_CAST(m.h AS BIGINT), 0), coalesce(TRY_CAST(m.mi AS BIGINT), 0), coalesce(TRY_CAST(m.s AS DOUBLE), 0)))
    + CASE WHEN m.frac = '' THEN 0 ELSE round(CAST('0.' || m.frac AS DOUBLE) * 1000) END
    - coalesce(lrt_offset_min(m), 0) * 60000
END;
-- The common shape (2025-03-04T08:30:00Z, what Autodesk's exports and the session export write) by strptime, which
-- takes only digits in each field and only real times and dates (no 24th hour, no 30 February): 0.4 s a million in
-- the page's engine, where a regular expression and a cast took 0.7 s. Every other shape, and a date strptime
-- refuses, through the full pattern (lrt_iso, then lrt_iso_ms).
CREATE OR REPLACE MACRO lrt_common_ms(x) AS CASE
  WHEN length(x) = 20 AND x LIKE '____-__-__T__:__:__Z' THEN epoch_ms(TRY_STRPTIME(x, '%Y-%m-%dT%H:%M:%SZ')) END;
CREATE OR REPLACE MACRO lrt_number(x) AS CASE WHEN regexp_matches(x, ${sqlString(NUMBER)}) AND isfinite(TRY_CAST(x AS DOUBLE)) THEN TRY_CAST(x AS DOUBLE) END;
-- The problem of a number column's text x whose value lrt_number(x) is n.
CREATE OR REPLACE MACRO lrt_number_problem(x, n) AS CASE
  WHEN x IS NULL OR n IS NOT NULL THEN NULL
  WHEN starts_with(x, '-') AND isfinite(TRY_CAST(x AS DOUBLE)) THEN 'negative'
  ELSE 'bad' END;
CREATE OR REPLACE MACRO lrt_licence_words(x) AS regexp_replace(lower(lrt_trim(x)), '[\\s-]+', '_', 'g');
CREATE OR REPLACE MACRO lrt_licence(v) AS CASE
  WHEN list_contains(${LICENCE_LIST}, v) THEN v
  ${Object.entries(LICENCE_ALIASES).map(([alias, type]) => `WHEN replace(v, '_', '') = ${sqlString(alias)} OR v = ${sqlString(alias)} THEN ${sqlString(type)}`).join('\n  ')}
END;
`;

/**
 * The value of a column as the checks read it (from a column already trimmed): empty as null, and a text that the
 * session export neutralised for spreadsheets ('=..., '-...) restored. Numbers are never neutralised.
 */
function value(column: string, plain: boolean): string {
  return NUMBER_COLUMNS.has(column) || plain ? `nullif(${column}, '')` : `nullif(lrt_restored(${column}), '')`;
}

/** The session columns the checks give a value, and those they leave empty (a licence-server log's package and check-in). */
const PRODUCED = new Set(['user_key', 'user_email', 'session_start', 'session_end', 'licence_type', 'start_offset', 'end_offset', ...LRT_SESSION_COLUMNS]);
const ABSENT = TABLES.sessions.columns.filter((c) => !PRODUCED.has(c.name));

/**
 * Reads the records `text` and makes the staged sessions table `facts` in the same statement (one pass, one copy:
 * a checked table in between cost as much again as the checks), each row with its first problem but the e-mail
 * address's and the IP address's (checked afterwards on the distinct addresses: checkDistinct). The staged
 * table is empty before: this format's rows reach it only through these checks. No join and no filter: the facts
 * are made in the records' order, as DuckDB keeps it (preserve_insertion_order), so that a reader that cannot give
 * the lines (read-csv-in-duckdb.ts) numbers them by row afterwards.
 */
function sessionChecksSql(names: CheckedTables): string {
  const columns = LRT_SESSION_COLUMNS.map((c) => `${value(c, names.plain)} AS ${c}`).join(',\n      ');
  return `
CREATE OR REPLACE TABLE ${names.facts} AS
WITH t AS (
  SELECT line, blank, ${LRT_SESSION_COLUMNS.map((c) => (names.plain ? c : `lrt_trim(${c}) AS ${c}`)).join(', ')}
  FROM ${names.text}
),
v AS (
  SELECT line, blank,
      ${columns}
  FROM t
),
-- The pattern's parts are a column of their own: written inside lrt_iso_ms, each of its two dozen readings would
-- repeat the regular expression, and planning the check cost more than running it on small files.
times AS (
  SELECT *, lrt_common_ms(session_start) AS start_common, lrt_common_ms(session_end) AS end_common,
         lrt_number(duration_minutes) AS duration_value, lrt_number(tokens) AS tokens_value
  FROM v
),
parts AS (
  SELECT *,
    CASE WHEN start_common IS NULL AND session_start IS NOT NULL THEN lrt_iso(session_start) END AS start_parts,
    CASE WHEN end_common IS NULL AND session_end IS NOT NULL THEN lrt_iso(session_end) END AS end_parts
  FROM times
),
p AS (
  SELECT * EXCLUDE (start_common, end_common, start_parts, end_parts),
    coalesce(start_common, lrt_iso_ms(start_parts)) AS start_ms,
    coalesce(end_common, lrt_iso_ms(end_parts)) AS end_ms,
    lrt_offset_min(start_parts) AS start_offset,
    lrt_offset_min(end_parts) AS end_offset,
    lrt_number_problem(duration_minutes, duration_value) AS duration_problem,
    lrt_number_problem(tokens, tokens_value) AS tokens_problem,
    CASE WHEN licence_type IS NULL THEN 'unknown' WHEN list_contains(${LICENCE_LIST}, licence_type) THEN licence_type
         ELSE lrt_licence(lrt_licence_words(licence_type)) END AS licence,
    -- Autodesk masks personal data as asterisks when the team's personal-data setting is off.
    CASE WHEN ltrim(user_email, '*') = '' THEN NULL ELSE user_email END AS email
  FROM parts
),
checked AS (
  SELECT *,
  CASE
    WHEN user_id IS NULL THEN struct_pack(c := 'user_id', v := NULL::VARCHAR, r := 'missing user: user_id is empty')
    WHEN product IS NULL THEN struct_pack(c := 'product', v := NULL::VARCHAR, r := 'missing product: product is empty')
    WHEN session_start IS NULL THEN struct_pack(c := 'session_start', v := NULL::VARCHAR, r := 'missing session_start')
    WHEN start_ms IS NULL THEN struct_pack(c := 'session_start', v := session_start, r := 'bad date: expected ISO 8601, such as 2025-03-04T08:30:00Z')
    WHEN session_end IS NOT NULL AND end_ms IS NULL THEN struct_pack(c := 'session_end', v := session_end, r := 'bad date: expected ISO 8601, such as 2025-03-04T08:30:00Z')
    WHEN end_ms < start_ms THEN struct_pack(c := 'session_end', v := session_end, r := 'session_end is before session_start')
    WHEN duration_problem = 'negative' THEN struct_pack(c := 'duration_minutes', v := duration_minutes, r := 'negative number: duration_minutes cannot be below 0')
    WHEN duration_problem = 'bad' THEN struct_pack(c := 'duration_minutes', v := duration_minutes, r := 'bad number: expected a number such as 42.5')
    WHEN tokens_problem = 'negative' THEN struct_pack(c := 'tokens', v := tokens, r := 'negative number: tokens cannot be below 0')
    WHEN tokens_problem = 'bad' THEN struct_pack(c := 'tokens', v := tokens, r := 'bad number: expected a number such as 42.5')
    WHEN licence IS NULL THEN struct_pack(c := 'licence_type', v := licence_type, r := ${sqlString(`unknown licence type: expected one of ${LICENCE_TYPES.join(', ')}`)})
  END AS problem
  FROM p
)
SELECT line, lower(coalesce(email, user_id)) AS user_key, user_id, email AS user_email, CASE WHEN ltrim(user_name, '*') = '' THEN NULL ELSE user_name END AS user_name,
  product, product_line_code, product_version, feature, device_name, device_id, os, ip_address, network_domain,
  start_ms AS session_start, end_ms AS session_end, coalesce(duration_value, (end_ms - start_ms) / 60000) AS duration_minutes,
  licence AS licence_type, tokens_value AS tokens, source, start_offset, end_offset,
  ${ABSENT.map((c) => `NULL::${c.type === 'text' ? 'VARCHAR' : 'DOUBLE'} AS ${c.name}`).join(', ')},
  problem, blank
FROM checked`;
}

/** The distinct values of a column that checkDistinct checks, then those of them found bad. */
const VALUES_TABLE = 'staged_values';

/**
 * A check of `column` run once per distinct value, on the rows without an earlier problem (an estate has millions of
 * sessions and a few thousand addresses): `keepBad` leaves in VALUES_TABLE (column v) only the values that fail, and
 * each row with one of them gets `reason`. The facts are only touched when a value is bad.
 */
async function checkDistinct(runner: Runner, facts: string, column: string, reason: string, keepBad: (runner: Runner) => Promise<void>): Promise<void> {
  await runner.exec(`CREATE OR REPLACE TEMP TABLE ${VALUES_TABLE} AS
    SELECT DISTINCT ${column} AS v FROM ${facts} WHERE problem IS NULL AND NOT blank AND ${column} IS NOT NULL`);
  await keepBad(runner);
  const [{ n }] = (await runner.query<{ n: number }>(`SELECT count(*) AS n FROM ${VALUES_TABLE}`)) as [{ n: number }];
  if (n > 0) {
    await runner.exec(`UPDATE ${facts} SET problem = struct_pack(c := ${sqlString(column)}, v := ${column}, r := ${sqlString(reason)})
      WHERE problem IS NULL AND NOT blank AND ${column} IN (SELECT v FROM ${VALUES_TABLE})`);
  }
  await runner.exec(`DROP TABLE ${VALUES_TABLE}`);
}

/** An e-mail address not of the form name@domain.tld, by the pattern. */
const keepBadEmails = (runner: Runner): Promise<void> => runner.exec(`DELETE FROM ${VALUES_TABLE} WHERE regexp_matches(v, ${sqlString(EMAIL)})`);

/** A text that lib/ip.ts finds is no IP address. */
async function keepBadIps(runner: Runner): Promise<void> {
  const values = await runner.query<{ v: string }>(`SELECT v FROM ${VALUES_TABLE}`);
  await runner.exec(`DELETE FROM ${VALUES_TABLE}`);
  await insertRows(runner, VALUES_TABLE, '(?)', values.filter((r) => !isIpAddress(r.v)).map((r) => [r.v]));
}

/**
 * Creates the macros, checks every record (making the facts), has the caller number the lines when it must, checks
 * the e-mail and IP addresses left, then moves the problems to the rejects: a record of empty fields goes with them,
 * unreported.
 */
export const SESSION_CHECKS: TextChecks = {
  columns: LRT_SESSION_COLUMNS,
  async run(runner, tables) {
    await runner.exec(SESSION_CHECK_MACROS);
    await runner.exec(sessionChecksSql(tables));
    if (tables.numberLines && !(await tables.numberLines(tables.facts))) return false;
    await checkDistinct(runner, tables.facts, 'user_email', 'bad e-mail address', keepBadEmails);
    await checkDistinct(runner, tables.facts, 'ip_address', 'bad IP address: expected IPv4 or IPv6', keepBadIps);
    await runner.exec(`
      INSERT INTO ${tables.rejects} SELECT line, problem.c, problem.v, problem.r FROM ${tables.facts} WHERE problem IS NOT NULL AND NOT blank;
      DELETE FROM ${tables.facts} WHERE problem IS NOT NULL OR blank;`);
    return true;
  },
};
