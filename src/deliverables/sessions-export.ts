import type { Runner } from '../db/runner.ts';
import { LRT_SESSION_COLUMNS } from '../ingest/formats/lrt-sessions.ts';
import { csvLine } from '../lib/csv-write.ts';
import { NO_REDACTION, type Redactor } from './redact.ts';

/** Every loaded session in the canonical LRT session format (UTC timestamps with Z), products named as the catalogue names them. */
export async function exportSessionsCsv(runner: Runner, redactor: Redactor = NO_REDACTION): Promise<string> {
  const rows = await runner.query<Record<string, unknown>>(`
    SELECT user_id, user_email, user_name, catalogue_name(product, product_line_code) AS product, product_line_code, product_version, feature, device_name, device_id,
           os, ip_address, network_domain,
           strftime(session_start, '%Y-%m-%dT%H:%M:%SZ') AS session_start,
           strftime(session_end, '%Y-%m-%dT%H:%M:%SZ') AS session_end,
           duration_minutes, licence_type, tokens, source
    FROM sessions ORDER BY session_start, user_key, product, file_id, line`);
  // The same user, device, address or product recurs on thousands of rows: each distinct text is redacted once.
  // The timestamps are written by the SQL above and hold nothing to redact.
  const redacted = new Map<unknown, unknown>();
  const redact = (value: unknown) => {
    if (typeof value !== 'string') return value;
    let out = redacted.get(value);
    if (out === undefined) redacted.set(value, (out = redactor.value(value)));
    return out;
  };
  const timestamps = new Set<string>(['session_start', 'session_end']);
  return csvLine(LRT_SESSION_COLUMNS) + rows.map((r) => csvLine(LRT_SESSION_COLUMNS.map((c) => (timestamps.has(c) ? r[c] : redact(r[c]))))).join('');
}
