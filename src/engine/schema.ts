/** The engine's typed tables. Everything the review reads is derived from these in SQL. */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS files (
  file_id INTEGER PRIMARY KEY,
  name VARCHAR NOT NULL,
  kind VARCHAR,
  status VARCHAR NOT NULL,
  message VARCHAR,
  bytes BIGINT NOT NULL,
  fingerprint VARCHAR,
  encoding VARCHAR,
  delimiter VARCHAR,
  rows_read INTEGER NOT NULL,
  rows_loaded INTEGER NOT NULL,
  rows_rejected INTEGER NOT NULL,
  rows_new INTEGER NOT NULL,
  extra_columns VARCHAR,
  first_day VARCHAR,
  last_day VARCHAR
);
CREATE TABLE IF NOT EXISTS sessions (
  file_id INTEGER NOT NULL,
  line INTEGER NOT NULL,
  user_key VARCHAR NOT NULL,
  user_id VARCHAR NOT NULL,
  user_email VARCHAR,
  user_name VARCHAR,
  product VARCHAR NOT NULL,
  product_line_code VARCHAR,
  product_version VARCHAR,
  feature VARCHAR,
  device_name VARCHAR,
  device_id VARCHAR,
  os VARCHAR,
  ip_address VARCHAR,
  network_domain VARCHAR,
  session_start TIMESTAMP NOT NULL,
  session_end TIMESTAMP,
  duration_minutes DOUBLE,
  licence_type VARCHAR NOT NULL CHECK (licence_type IN ('named_user', 'flex', 'network', 'serial', 'unknown')),
  tokens DOUBLE,
  source VARCHAR
);
CREATE TABLE IF NOT EXISTS rejects (
  file_id INTEGER NOT NULL,
  line INTEGER NOT NULL,
  "column" VARCHAR,
  value VARCHAR,
  reason VARCHAR NOT NULL
);
`;

/**
 * Usage days (rulebook): one row per distinct (user key, product, UTC date) on which a session ran.
 * A session that crosses midnight counts on every date it touches; an end exactly at midnight does not
 * open the next day.
 */
export const REBUILD_USAGE_DAYS_SQL = `
CREATE OR REPLACE TABLE usage_days AS
SELECT user_key, product, CAST(day AS DATE) AS day, count(*)::INTEGER AS sessions,
       list_sort(list_distinct(list(licence_type))) AS licence_types
FROM (
  SELECT user_key, product, licence_type,
         unnest(generate_series(
           date_trunc('day', session_start),
           date_trunc('day', greatest(session_start, coalesce(session_end, session_start + to_seconds(CAST(coalesce(duration_minutes, 0) * 60 AS BIGINT))) - INTERVAL 1 MICROSECOND)),
           INTERVAL 1 DAY)) AS day
  FROM sessions
)
GROUP BY ALL
`;
