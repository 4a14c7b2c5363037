import type { IngestReport } from '../engine/api.ts';
import type { Runner } from '../engine/db/runner.ts';
import { REBUILD_USAGE_DAYS_SQL } from '../engine/schema.ts';
import { NUMBER_COLUMNS, TEXT_COLUMNS } from './session-batch.ts';

export const STAGED_SESSIONS = 'staged_sessions';
export const STAGED_REJECTS = 'staged_rejects';

/** Staging tables in the exact column order of the Arrow batches appended to them. */
export async function createStaging(runner: Runner): Promise<void> {
  const sessionColumns = ['line INTEGER', ...TEXT_COLUMNS.map((c) => `${c} VARCHAR`), ...NUMBER_COLUMNS.map((c) => `${c} DOUBLE`)];
  await runner.exec(`CREATE OR REPLACE TABLE ${STAGED_SESSIONS} (${sessionColumns.join(', ')})`);
  await runner.exec(`CREATE OR REPLACE TABLE ${STAGED_REJECTS} (line INTEGER, "column" VARCHAR, value VARCHAR, reason VARCHAR)`);
}

export async function dropStaging(runner: Runner): Promise<void> {
  await runner.exec(`DROP TABLE IF EXISTS ${STAGED_SESSIONS}; DROP TABLE IF EXISTS ${STAGED_REJECTS}`);
}

/** The identity of a session: the same user, product, start, device and feature is one session whatever file it came from. */
const SAME_SESSION = `t.user_key = s.user_key AND t.product = s.product AND t.session_start = s.session_start
  AND t.device_name IS NOT DISTINCT FROM s.device_name AND t.feature IS NOT DISTINCT FROM s.feature
  AND t.product_version IS NOT DISTINCT FROM s.product_version`;

/**
 * Moves a staged file into the engine's tables in one transaction. A file identical to one already
 * loaded adds nothing; a session already present (from another file or another line) is not added twice.
 */
export async function mergeStagedFile(runner: Runner, report: IngestReport & { fingerprint?: string }): Promise<void> {
  const [staged] = await runner.query<{ loaded: number; rejected: number; first_day: string | null; last_day: string | null }>(`
    SELECT (SELECT count(*) FROM ${STAGED_SESSIONS}) AS loaded, (SELECT count(*) FROM ${STAGED_REJECTS}) AS rejected,
           strftime(make_timestamp(CAST(min(start_ms) * 1000 AS BIGINT)), '%Y-%m-%d') AS first_day,
           strftime(make_timestamp(CAST(max(start_ms) * 1000 AS BIGINT)), '%Y-%m-%d') AS last_day
    FROM ${STAGED_SESSIONS}`);
  report.rows_loaded = staged!.loaded;
  report.rows_rejected = staged!.rejected;
  report.first_day = staged!.first_day;
  report.last_day = staged!.last_day;
  if (report.rows_loaded + report.rows_rejected !== report.rows_read) {
    throw new Error(`internal count mismatch: read ${report.rows_read}, staged ${report.rows_loaded} + ${report.rows_rejected}`);
  }

  const [twin] = await runner.query<{ name: string }>(`SELECT name FROM files WHERE fingerprint = ? AND status = 'loaded' ORDER BY file_id LIMIT 1`, [report.fingerprint ?? '']);
  if (twin) {
    report.status = 'duplicate_file';
    report.message = `${report.file} has the same content as ${twin.name}, loaded before: nothing was added twice.`;
    await insertFileRow(runner, report);
    await dropStaging(runner);
    return;
  }

  await runner.exec('BEGIN TRANSACTION');
  try {
    const [before] = await runner.query<{ n: number }>('SELECT count(*) AS n FROM sessions');
    await runner.query(
      `INSERT INTO sessions
       SELECT s.* FROM (
         SELECT ? AS file_id, line, user_key, user_id, user_email, user_name, product, product_line_code,
                product_version, feature, device_name, device_id, os, ip_address, network_domain,
                make_timestamp(CAST(start_ms * 1000 AS BIGINT)) AS session_start,
                make_timestamp(CAST(end_ms * 1000 AS BIGINT)) AS session_end,
                duration_minutes, licence_type, tokens, source
         FROM ${STAGED_SESSIONS}
         QUALIFY row_number() OVER (PARTITION BY user_key, product, start_ms, device_name, feature, product_version ORDER BY line) = 1
       ) s
       WHERE NOT EXISTS (SELECT 1 FROM sessions t WHERE ${SAME_SESSION})`,
      [report.file_id],
    );
    const [after] = await runner.query<{ n: number }>('SELECT count(*) AS n FROM sessions');
    report.rows_new = after!.n - before!.n;
    await runner.query(`INSERT INTO rejects SELECT ?, line, "column", value, reason FROM ${STAGED_REJECTS}`, [report.file_id]);
    await insertFileRow(runner, report);
    await runner.exec(REBUILD_USAGE_DAYS_SQL);
    await runner.exec('COMMIT');
  } catch (error) {
    await runner.exec('ROLLBACK');
    throw error;
  }
  await dropStaging(runner);
}

async function insertFileRow(runner: Runner, r: IngestReport & { fingerprint?: string }): Promise<void> {
  await runner.query(
    `INSERT INTO files (file_id, name, kind, status, message, bytes, fingerprint, encoding, delimiter, rows_read, rows_loaded, rows_rejected, rows_new, extra_columns, first_day, last_day)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [r.file_id, r.file, r.kind, r.status, r.message, r.bytes, r.fingerprint ?? null, r.encoding, r.delimiter, r.rows_read, r.rows_loaded, r.rows_rejected, r.rows_new, JSON.stringify(r.extra_columns), r.first_day, r.last_day],
  );
}
