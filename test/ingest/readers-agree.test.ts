import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import type { Runner } from '../../src/db/runner.ts';
import { file } from '../helpers/engine.ts';
import { pooledNodeRunner } from '../helpers/runner-pool.ts';

/*
 * A canonical session file is read by DuckDB's CSV reader when it is UTF-8 text, and by the JavaScript readers
 * otherwise (here: Windows-1252, for the é of René). Both stage text for the same SQL checks, so both must load
 * the same sessions and reject the same rows, each rejection on its physical line.
 */
const LINES = [
  'user_id,user_email,user_name,product,product_line_code,session_start,session_end,duration_minutes,licence_type,tokens,ip_address',
  'A1,ann@corp.example,René Lee,Revit,RVT,2026-03-02T08:00:00Z,2026-03-02T10:00:00Z,,named_user,,10.0.0.1',
  '',
  'A2,****,"Bob',
  'Smith",AutoCAD,ACD,2026-03-02T08:00:00+01:00,2026-03-02 09:30,,Named User,,2001:db8::1',
  ',x@corp.example,,Revit,,2026-03-02T08:00:00Z,,,,,',
  'A3,,,Revit,,2026-02-30T08:00:00Z,,,,,',
  'A3,,,Revit,,2026-03-03T08:00:00.250Z,2026-03-03T07:00:00Z,,,,',
  'A3,,,Revit,,2026-03-03T09:00:00Z,,-5,,,',
  'A3,,,Revit,,2026-03-03T10:00:00Z,,abc,,,',
  'A3,,,Revit,,2026-03-03T11:00:00Z,,,borrowed,,',
  'A3,not-an-email,,Revit,,2026-03-03T12:00:00Z,,,,,',
  'A3,,,Revit,,2026-03-03T13:00:00Z,,,,,999.1.1.1',
  'A3,,,Revit,,2026-03-03T14:00:00Z,,,,,fe80::1%eth0',
  "'=A4,,'=HYPERLINK(x),Revit,,2026-03-03T15:00:00Z,,30,token,2.5,",
  '  A5  , a5@corp.example ,,Revit,,2026-03-03T16:00:00-0530,,,multi-user,,',
  ',,,,,,,,,,',
  'A6,,,Revit,,2026-03-04,,,,,',
];

/** Each rejected row by its physical line (1 is the header), counted from LINES above. */
const REJECTED: [number, string | null, string | null, RegExp][] = [
  [6, 'user_id', null, /^missing user/],
  [7, 'session_start', '2026-02-30T08:00:00Z', /^bad date/],
  [8, 'session_end', '2026-03-03T07:00:00Z', /before session_start/],
  [9, 'duration_minutes', '-5', /^negative number/],
  [10, 'duration_minutes', 'abc', /^bad number/],
  [11, 'licence_type', 'borrowed', /^unknown licence type/],
  [12, 'user_email', 'not-an-email', /^bad e-mail/],
  [13, 'ip_address', '999.1.1.1', /^bad IP address/],
];

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

/** An engine whose runner remembers the files DuckDB was handed and the tables JavaScript filled. */
function watchedEngine(): { engine: Engine; registered: string[]; inserted: string[] } {
  const registered: string[] = [];
  const inserted: string[] = [];
  const created = new Engine(async () => {
    const runner = await pooledNodeRunner();
    return new Proxy(runner, {
      get(target, key) {
        if (key === 'registerFile') return (name: string, blob: Blob) => (registered.push(name), target.registerFile(name, blob));
        if (key === 'insertArrow') return (table: string, ...rest: [never, boolean]) => (inserted.push(table), target.insertArrow(table, ...rest));
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as Runner;
  });
  engine = created;
  return { engine: created, registered, inserted };
}

async function load(bytes: Uint8Array) {
  const { engine, registered, inserted } = watchedEngine();
  const [report] = await engine.load([file('sessions.csv', bytes)]);
  const rejects = (await engine.rejects()).rows.map((r) => [r.line, r.column, r.value, r.reason] as const);
  const sessions = await engine.exportSessionsCsv();
  await engine.close();
  // Read by DuckDB: handed the file, and no record staged as text by JavaScript (which it does when DuckDB's reading differs).
  return { report: report!, rejects, sessions, readByDuckDb: registered.length > 0 && !inserted.some((table) => table.endsWith('staged_text')) };
}

const utf8 = (lines: string[], end = '\n') => new TextEncoder().encode(lines.join(end) + end);
const windows1252 = (lines: string[]) => Uint8Array.from(lines.join('\n') + '\n', (c) => c.charCodeAt(0));

describe('the two readers of the canonical session format', () => {
  it('load the same sessions and reject the same rows on the same lines', async () => {
    const duck = await load(utf8(LINES));
    const js = await load(windows1252(LINES));
    expect([duck.readByDuckDb, duck.report.encoding, js.readByDuckDb, js.report.encoding]).toEqual([true, 'utf-8', false, 'windows-1252']);

    for (const { report, rejects } of [duck, js]) {
      // 14 rows (the empty line and the line of empty fields are none), 8 rejected.
      expect(report).toMatchObject({ status: 'loaded', rows_read: 14, rows_loaded: 6, rows_rejected: 8 });
      expect(rejects.map(([line, column, value]) => [line, column, value])).toEqual(REJECTED.map(([line, column, value]) => [line, column, value]));
      rejects.forEach(([, , , reason], i) => expect(reason).toMatch(REJECTED[i]![3]));
    }
    expect(duck.sessions).toBe(js.sessions);

    const rows = duck.sessions.trim().split('\r\n').slice(1);
    expect(rows).toHaveLength(6);
    const text = duck.sessions;
    // Masked e-mail dropped, the quoted name kept with its line break; 08:00+01:00 is 07:00 UTC, so the session to
    // 09:30 UTC lasts 150 minutes, and the export writes each time with the offset the file gave it.
    expect(text).toContain('A2,,"Bob\nSmith",AutoCAD,ACD');
    expect(text).toContain(',2026-03-02T08:00:00+01:00,2026-03-02T09:30:00Z,150,');
    // Values the export had neutralised come back as they were (and are neutralised again on the way out).
    expect(text).toContain("'=A4,,'=HYPERLINK(x),Revit");
    // Trimmed, the offset -05:30 kept, "multi-user" read as a network licence.
    expect(text).toMatch(/\nA5,a5@corp\.example,,Revit,.*,2026-03-03T16:00:00-05:30,.*,network,/);
    expect(text).toMatch(/\nA6,,,Revit,.*,2026-03-04T00:00:00Z,/);
  });

  it('agree on a file with CR line ends and on one with CRLF', async () => {
    const plain = LINES.filter((l) => !l.startsWith("'") && !l.startsWith(' ') && !l.includes('"') && !l.startsWith('Smith'));
    const windows = (end: string) => Uint8Array.from(plain.join(end) + end, (c) => c.charCodeAt(0));
    for (const end of ['\r', '\r\n']) {
      const duck = await load(utf8(plain, end));
      const js = await load(windows(end));
      expect([duck.readByDuckDb, js.readByDuckDb]).toEqual([true, false]);
      expect(duck.rejects).toEqual(js.rejects);
      expect(duck.sessions).toBe(js.sessions);
      expect(duck.report).toMatchObject({ rows_read: js.report.rows_read, rows_loaded: js.report.rows_loaded, rows_rejected: js.report.rows_rejected });
    }
  });

  it('leave a row with the wrong number of fields to the JavaScript reader, which names it', async () => {
    const duck = await load(utf8([LINES[0]!, 'A1,,,Revit', LINES[17]!]));
    expect(duck.readByDuckDb).toBe(false);
    expect(duck.report).toMatchObject({ rows_read: 2, rows_loaded: 1, rows_rejected: 1 });
    expect(duck.rejects).toEqual([[2, null, null, 'has 4 fields where the header has 11']]);
  });
});
