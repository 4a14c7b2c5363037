import { Table, makeVector } from 'apache-arrow';
import type { Runner } from '../db/runner.ts';
import { LRT_SESSION_COLUMNS } from '../ingest/formats/lrt-sessions.ts';
import { utf8Vector } from '../ingest/arrow-batch.ts';
import { csvField, csvLine } from '../lib/csv-write.ts';
import { NO_REDACTION, type Redactor } from './redact.ts';

/**
 * A stored (UTC) time as ISO 8601: with Z, or, for a time a clock in another zone wrote (a licence server's), that
 * clock's reading and its offset, so the row shows the log's own time and still names the same instant.
 */
function stampSql(time: string, offset: string): string {
  const sign = `CASE WHEN ${offset} < 0 THEN '-' ELSE '+' END`;
  const part = (n: string) => `lpad(CAST(${n} AS VARCHAR), 2, '0')`;
  return `CASE WHEN ${offset} IS NULL THEN strftime(${time}, '%Y-%m-%dT%H:%M:%SZ')
    ELSE strftime(${time} + to_minutes(${offset}), '%Y-%m-%dT%H:%M:%S') || ${sign} || ${part(`abs(${offset}) // 60`)} || ':' || ${part(`abs(${offset}) % 60`)} END`;
}

/** The export's columns as SQL over `sessions`: products named as the catalogue names them, times as stampSql writes them. */
const COLUMN_SQL: Record<(typeof LRT_SESSION_COLUMNS)[number], string> = {
  user_id: 'user_id',
  user_email: 'user_email',
  user_name: 'user_name',
  product: 'catalogue_name(product, product_line_code)',
  product_line_code: 'product_line_code',
  product_version: 'product_version',
  feature: 'feature',
  device_name: 'device_name',
  device_id: 'device_id',
  os: 'os',
  ip_address: 'ip_address',
  network_domain: 'network_domain',
  session_start: stampSql('session_start', 'start_offset'),
  session_end: stampSql('session_end', 'end_offset'),
  duration_minutes: 'duration_minutes',
  licence_type: 'licence_type',
  tokens: 'tokens',
  source: 'source',
};
/** Written as JavaScript writes a number (String(n)), the way the file has always had: see storeNumberTexts. */
const NUMBERS = new Set<string>(['duration_minutes', 'tokens']);
/** Written by the SQL above: nothing in them to redact, neutralise or quote. */
const TIMES = new Set<string>(['session_start', 'session_end']);
const TEXTS = LRT_SESSION_COLUMNS.filter((c) => !NUMBERS.has(c) && !TIMES.has(c));

/** csvField of a text, in SQL: neutralised for spreadsheets (lib/csv-write.ts), then quoted when it must be. */
const FIELD_SQL = (v: string) => {
  const text = `(CASE WHEN left(${v}, 1) IN ('=', '+', '-', '@', chr(9), chr(13)) THEN '''' ELSE '' END || ${v})`;
  const special = `(contains(${v}, '"') OR contains(${v}, ',') OR contains(${v}, chr(13)) OR contains(${v}, chr(10)))`;
  return `CASE WHEN ${v} IS NULL THEN '' WHEN ${special} THEN '"' || replace(${text}, '"', '""') || '"' ELSE ${text} END`;
};

/**
 * Every loaded session in the canonical LRT session format, in the order of their start. DuckDB writes the whole
 * file as one text: each row's fields as CSV (neutralised, quoted), its numbers from a table of their JavaScript
 * spellings; no row becomes a JavaScript object. With a redactor, each distinct text of the file is redacted once in
 * JavaScript and joined back in SQL.
 */
export async function exportSessionsCsv(runner: Runner, redactor: Redactor = NO_REDACTION): Promise<string> {
  const select = `SELECT ${LRT_SESSION_COLUMNS.map((c) => `${COLUMN_SQL[c]} AS ${c}`).join(', ')},
                         sessions.session_start AS order_start, user_key AS order_user, file_id AS order_file, line AS order_line
                  FROM sessions`;
  const redacting = redactor !== NO_REDACTION;
  if (redacting) await storePseudonyms(runner, select, redactor);
  const text = (c: string) => (redacting ? `coalesce(p_${c}.redacted, s.${c})` : `s.${c}`);
  const joins = redacting ? TEXTS.map((c) => `LEFT JOIN export_pseudonyms p_${c} ON p_${c}.original = s.${c}`).join(' ') : '';
  // One text per run of fields between the numbers: [user_id .. session_end], licence_type, source.
  const before = LRT_SESSION_COLUMNS.slice(0, LRT_SESSION_COLUMNS.indexOf('duration_minutes'));
  const joined = (columns: readonly string[]) => columns.map((c) => (TIMES.has(c) ? `coalesce(s.${c}, '')` : FIELD_SQL(text(c)))).join(` || ',' || `);
  try {
    await storeNumberTexts(runner);
    const number = (alias: string) => `coalesce(${alias}.text, '')`;
    const [{ body }] = (await runner.query<{ body: string | null }>(
      `SELECT string_agg(${joined(before)} || ',' || ${number('nd')} || ',' || ${joined(['licence_type'])} || ',' || ${number('nt')} || ',' || ${joined(['source'])},
                         chr(13) || chr(10) ORDER BY s.order_start, s.order_user, s.product, s.order_file, s.order_line) AS body
       FROM (${select}) s ${joins}
       LEFT JOIN export_numbers nd ON nd.value = s.duration_minutes
       LEFT JOIN export_numbers nt ON nt.value = s.tokens`,
    )) as [{ body: string | null }];
    return csvLine(LRT_SESSION_COLUMNS) + (body === null ? '' : `${body}\r\n`);
  } finally {
    await runner.exec('DROP TABLE IF EXISTS export_numbers');
    if (redacting) await runner.exec('DROP TABLE IF EXISTS export_pseudonyms');
  }
}

/**
 * Every distinct number the export writes (durations, tokens) as JavaScript writes it (String(n): 150, 42.5, 1e-7),
 * the way the file has always written them, as export_numbers: a few thousand values written once, joined in SQL.
 */
async function storeNumberTexts(runner: Runner): Promise<void> {
  const distinct = await runner.query<{ v: number }>(
    'SELECT duration_minutes AS v FROM sessions WHERE v IS NOT NULL UNION SELECT tokens FROM sessions WHERE tokens IS NOT NULL',
  );
  await runner.insertArrow(
    'export_numbers',
    new Table({ value: makeVector(Float64Array.from(distinct, (d) => d.v)), text: utf8Vector(distinct.map((d) => csvField(d.v))) }),
    true,
  );
}

/** The redacted form of every distinct text the export writes that redaction changes, as export_pseudonyms. */
async function storePseudonyms(runner: Runner, select: string, redactor: Redactor): Promise<void> {
  const distinct = await runner.query<{ v: string }>(`SELECT DISTINCT unnest([${TEXTS.join(', ')}]) AS v FROM (${select})`);
  const original: string[] = [];
  const redacted: string[] = [];
  for (const { v } of distinct) {
    if (v === null) continue;
    const r = redactor.value(v);
    if (r !== v) {
      original.push(v);
      redacted.push(r);
    }
  }
  await runner.exec('CREATE OR REPLACE TEMP TABLE export_pseudonyms (original VARCHAR, redacted VARCHAR)');
  if (original.length > 0) await runner.insertArrow('export_pseudonyms', new Table({ original: utf8Vector(original), redacted: utf8Vector(redacted) }), false);
}
