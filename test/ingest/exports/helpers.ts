import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import type { Engine } from '../../../src/engine/engine.ts';
import type { Runner } from '../../../src/db/runner.ts';

/** A hand-written fixture of test/fixtures/exports (see the README there). */
export function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/exports/${name}`, import.meta.url), 'utf8');
}

export const SAMPLE_LOG = readFileSync(new URL('../../fixtures/flexlm/adskflex_2016_sample.log', import.meta.url));

/**
 * Read-only look into one of the engine's tables. The public API has no per-table query (assignments,
 * entitlements, users, denials and the usage-day keys are not exposed), so tests read the tables directly.
 */
export async function tableRows<Row extends object>(engine: Engine, sql: string): Promise<Row[]> {
  const runner = await (engine as unknown as { ready: Promise<Runner> }).ready;
  return runner.query<Row>(sql);
}

/** Every usage day as `user key | product | YYYY-MM-DD`, sorted. */
export async function usageDays(engine: Engine): Promise<string[]> {
  const rows = await tableRows<{ d: string }>(engine, `SELECT user_key || ' | ' || product || ' | ' || strftime(day, '%Y-%m-%d') AS d FROM usage_days ORDER BY ALL`);
  return rows.map((r) => r.d);
}

/** The assignments table as comparable text rows (no file, line or hashed id: the 2026 header has no hashed id). */
export async function assignments(engine: Engine): Promise<string[]> {
  const rows = await tableRows<{ a: string }>(
    engine,
    `SELECT concat_ws(' | ', user_key, offering, seat_assignment, coalesce(group_name, '-'), strftime(assigned_date, '%Y-%m-%d'),
                      coalesce(strftime(unassigned_date, '%Y-%m-%d'), '-'), user_activity, days_inactive, access_option, days_used,
                      monthly_average, tokens_used, strftime(last_accessed, '%Y-%m-%d'), autodesk_id, user_email, user_name) AS a
     FROM assignments ORDER BY ALL`,
  );
  return rows.map((r) => r.a);
}

/** A small CSV split for fixtures and exports that hold no quoted commas. */
export function csvRows(text: string): Record<string, string>[] {
  const [header, ...lines] = text.split(/\r\n|\n/).filter((l) => l !== '');
  const names = header!.split(',');
  return lines.map((line) => {
    const values = line.split(',');
    return Object.fromEntries(names.map((n, i) => [n, values[i] ?? '']));
  });
}

/** Text as Excel's "Unicode text" writes it: UTF-16 LE with a byte-order mark. */
export function utf16le(text: string): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    bytes[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    bytes[3 + 2 * i] = text.charCodeAt(i) >> 8;
  }
  return bytes;
}

export type Cell = string | number | null | XLSX.CellObject;

/** A date cell as Excel stores it: serial day number (days since 1899-12-30) with a date format. */
export function dateCell(isoDay: string): XLSX.CellObject {
  return { t: 'n', v: Date.parse(`${isoDay}T00:00:00Z`) / 86_400_000 + 25569, z: 'yyyy-mm-dd' };
}

/** An .xlsx workbook with the given sheets, in order. */
export function workbook(sheets: Record<string, Cell[][]>): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws: XLSX.WorkSheet = {};
    let width = 1;
    rows.forEach((row, r) => {
      width = Math.max(width, row.length);
      row.forEach((value, c) => {
        if (value === null || value === '') return;
        ws[XLSX.utils.encode_cell({ r, c })] = typeof value === 'object' ? value : typeof value === 'number' ? { t: 'n', v: value } : { t: 's', v: value };
      });
    });
    ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: rows.length - 1, c: width - 1 } });
    XLSX.utils.book_append_sheet(wb, ws, name);
  }
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}
