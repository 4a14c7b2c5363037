import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/engine.ts';
import type { IngestReport } from '../../../src/ingest/ingest-report.ts';
import type { TelemetryGapFinding } from '../../../src/rules/telemetry-gap.ts';
import { file, newEngine } from '../../helpers/engine.ts';
import { csvRows, SAMPLE_LOG, tableRows } from './helpers.ts';

/**
 * The real adskflex sample through the engine. Every expected figure is counted here from the log's text with
 * one regex over version-feature lines (`"85730ACD_2012_0F"`: five digits, PLC, _YYYY_0F), never by the parser.
 */
const TEXT = SAMPLE_LOG.toString('utf8');
const VERSION_EVENT = /^\s*\d{1,2}:\d\d:\d\d \(adskflex\) (OUT|IN): "\d{5}([A-Z0-9]+?)_\d{4}_0F" /;

function countFromText() {
  const outs: Record<string, number> = {};
  const ins: Record<string, number> = {};
  const peak: Record<string, number> = {};
  const open: Record<string, number> = {};
  let eventLines = 0;
  for (const line of TEXT.split(/\r?\n/)) {
    if (/\) (OUT|IN|DENIED|UNSUPPORTED): /.test(line)) eventLines++;
    const m = VERSION_EVENT.exec(line);
    if (!m) continue;
    const [, type, plc] = m as unknown as [string, 'OUT' | 'IN', string];
    const tally = type === 'OUT' ? outs : ins;
    tally[plc] = (tally[plc] ?? 0) + 1;
    open[plc] = (open[plc] ?? 0) + (type === 'OUT' ? 1 : -1);
    peak[plc] = Math.max(peak[plc] ?? 0, open[plc]);
  }
  return { outs, ins, peak, eventLines };
}

/** Peak of concurrent sessions per product line code, by a sweep over the exported sessions (+1 at start, -1 at end). */
function sweepPeaks(sessions: Record<string, string>[]): Record<string, number> {
  const edges: Record<string, [number, number][]> = {};
  for (const s of sessions) {
    const list = (edges[s.product_line_code!] ??= []);
    list.push([Date.parse(s.session_start!), +1]);
    if (s.session_end) list.push([Date.parse(s.session_end), -1]);
  }
  const peaks: Record<string, number> = {};
  for (const [plc, list] of Object.entries(edges)) {
    list.sort((a, b) => a[0] - b[0] || a[1] - b[1]); // an end frees its seat before a start at the same second
    let now = 0;
    peaks[plc] = 0;
    for (const [, step] of list) peaks[plc] = Math.max(peaks[plc], (now += step));
  }
  return peaks;
}

function countBy(rows: Record<string, string>[], column: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[r[column]!] = (out[r[column]!] ?? 0) + 1;
  return out;
}

describe('the real adskflex sample log through the engine', () => {
  let engine: Engine;
  let report: IngestReport;
  let sessions: Record<string, string>[];
  let exported: string;
  const counted = countFromText();

  beforeAll(async () => {
    engine = newEngine();
    [report] = (await engine.load([file('adskflex_2016_sample.log', SAMPLE_LOG)])) as [IngestReport];
    exported = await engine.exportSessionsCsv();
    sessions = csvRows(exported);
  });
  afterAll(async () => {
    await engine.close();
  });

  it('the independent count itself: 952 AutoCAD (ACD) and 7 Map 3D (MAP) version checkouts, each checked in', () => {
    expect(counted.outs).toEqual({ ACD: 952, MAP: 7 }); // 938 x 2012 + 14 x 2015, and 7 x 2012
    expect(counted.ins).toEqual(counted.outs);
    expect(counted.eventLines).toBe(3836); // 1,918 OUT + 1,918 IN (package and version line for each)
  });

  it('is detected as a licence-server log; every event line is read, and used or rejected', () => {
    expect(report).toMatchObject({ kind: 'flexnet_log', status: 'loaded', first_day: '2016-03-30', last_day: '2016-04-29' });
    expect(report.rows_read).toBe(counted.eventLines);
    expect(report.rows_loaded + report.rows_rejected).toBe(report.rows_read);
    expect(report.rows_rejected).toBe(0);
    expect(report.rows_new).toBe(952 + 7); // one session per package + version pair
  });

  it('one session per version checkout, per product line, named as the catalogue names it', async () => {
    expect(sessions).toHaveLength(952 + 7);
    expect(countBy(sessions, 'product_line_code')).toEqual(counted.outs);
    expect(countBy(sessions, 'product')).toEqual({ AutoCAD: 952, 'AutoCAD Map 3D': 7 });
    const review = await engine.review();
    expect(review.overview.sessions).toBe(959);
    expect([...new Set(review.weekly_users.map((w) => w.product))]).toEqual(['AutoCAD', 'AutoCAD Map 3D']);
    expect(await engine.unknownProducts()).toEqual([]);
  });

  it('no session is left open (as many IN as OUT lines per product line)', () => {
    expect(sessions.filter((s) => s.session_end === '')).toEqual([]);
    expect(sessions.every((s) => s.licence_type === 'network' && s.device_name !== '')).toBe(true);
  });

  it('peak concurrency per product line: a counter over the OUT/IN lines = a sweep over the exported sessions', () => {
    expect(counted.peak).toEqual({ ACD: 12, MAP: 1 });
    expect(sweepPeaks(sessions)).toEqual(counted.peak);
  });

  it('round trip: the exported canonical CSV loads into a fresh engine with the same sessions', async () => {
    const again = newEngine();
    try {
      const [back] = await again.load([file('sessions-export.csv', exported)]);
      expect(back).toMatchObject({ kind: 'lrt_sessions', status: 'loaded', rows_read: 959, rows_loaded: 959, rows_rejected: 0, rows_new: 959 });
      expect((await again.review()).overview.sessions).toBe(959);
      expect(await again.exportSessionsCsv()).toBe(exported);
    } finally {
      await again.close();
    }
  });

  it('the exported canonical CSV dropped beside its own log adds nothing (user@host and the catalogue name are kept)', async () => {
    const both = newEngine();
    try {
      await both.load([file('adskflex_2016_sample.log', TEXT)]);
      const [back] = await both.load([file('sessions-export.csv', exported)]);
      expect(back).toMatchObject({ rows_read: 959, rows_loaded: 959, rows_new: 0 });
      // 69 user@host pairs in the log's OUT lines: 68 logins on 67 hosts, none of them yet a person.
      expect((await both.review()).overview).toMatchObject({ sessions: 959, users: 0, server_logins: 68, server_hosts: 67 });
    } finally {
      await both.close();
    }
  });
});

describe('a hand-written log: a denial, an orphan check-in, a 30 h hole and a session still open at the end', () => {
  const LOG = [
    ' 7:00:00 (lmgrd) TIMESTAMP 3/2/2026',
    ' 8:10:00 (adskflex) OUT: "64300ACD_F" ann@ws01',
    ' 8:10:00 (adskflex) OUT: "87545ACD_2022_0F" ann@ws01',
    ' 9:00:00 (adskflex) DENIED: "64300ACD_F" bob@ws12  (Licensed number of users already reached. (-4,342))',
    ' 9:00:00 (adskflex) DENIED: "87545ACD_2022_0F" bob@ws12  (Licensed number of users already reached. (-4,342))',
    '10:00:00 (adskflex) IN: "64300ACD_F" ann@ws01',
    '10:00:00 (adskflex) IN: "87545ACD_2022_0F" ann@ws01',
    '10:30:00 (adskflex) IN: "64300ACD_F" carl@ws20', // line 8: nobody checked out
    '11:00:00 (adskflex) OUT: "64300ACD_F" bob@ws12',
    '11:00:00 (adskflex) OUT: "87545ACD_2022_0F" bob@ws12',
    '17:00:00 (lmgrd) TIMESTAMP 3/3/2026', // 30 h after 11:00 the day before
    '',
  ].join('\n');

  let engine: Engine;
  let report: IngestReport;
  beforeAll(async () => {
    engine = newEngine();
    [report] = (await engine.load([file('small.log', LOG)])) as [IngestReport];
  });
  afterAll(async () => {
    await engine.close();
  });

  it('9 event lines = 8 used + 1 rejected (the orphan check-in, line 8)', async () => {
    expect(report).toMatchObject({ kind: 'flexnet_log', status: 'loaded', rows_read: 9, rows_loaded: 8, rows_rejected: 1, rows_new: 2 });
    const { rows } = await engine.rejects();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ line: 8, reason: 'check-in with no open checkout of this feature by this user@host' });
  });

  it('the session still open at the end of the log is kept, exported with an empty session_end', async () => {
    const sessions = csvRows(await engine.exportSessionsCsv());
    expect(sessions.map((s) => [s.user_id, s.device_name, s.product, s.product_version, s.session_start, s.session_end])).toEqual([
      ['ann@ws01', 'ws01', 'AutoCAD', '2022', '2026-03-02T08:10:00Z', '2026-03-02T10:00:00Z'],
      ['bob@ws12', 'ws12', 'AutoCAD', '2022', '2026-03-02T11:00:00Z', ''],
    ]);
  });

  it('the 30 h hole is a telemetry-gap finding', async () => {
    const gaps = (await engine.review()).rules.find((r) => r.rule === 'telemetry_gap')!.findings as TelemetryGapFinding[];
    expect(gaps.filter((g) => g.kind === 'log_coverage')).toEqual([
      { rule: 'telemetry_gap', kind: 'log_coverage', start: '2026-03-02T11:00:00Z', end: '2026-03-03T17:00:00Z', business_days: null, hours: 30, file: 'small.log' },
    ]);
  });

  it('the denial (its package and version lines are one denial) is kept; no API exposes it yet, so the table is read', async () => {
    const denials = await tableRows(engine, `SELECT kind, strftime(denied_at, '%Y-%m-%dT%H:%M:%SZ') AS at, product, feature, user_key, device_name, reason FROM denials`);
    expect(denials).toEqual([
      { kind: 'denied', at: '2026-03-02T09:00:00Z', product: 'AutoCAD', feature: '87545ACD_2022_0F', user_key: 'bob@ws12', device_name: 'ws12', reason: 'Licensed number of users already reached. (-4,342)' },
    ]);
  });
});

describe('a 30 MB log streams', () => {
  let engine: Engine;
  beforeAll(() => {
    engine = newEngine();
  });
  afterAll(async () => {
    await engine.close();
  });

  it('30 copies of the sample, each moved on by a year, load with 30 x the sample figures', async () => {
    const copies: string[] = [];
    for (let k = 0; k < 30; k++) copies.push(TEXT.replace(/\b2016\b/g, String(2016 + k)));
    const big = copies.join('\n');
    expect(big.length).toBeGreaterThan(29_000_000);
    const [report] = await engine.load([file('adskflex-x30.log', big)]);
    expect(report).toMatchObject({ kind: 'flexnet_log', status: 'loaded', rows_read: 30 * 3836, rows_rejected: 0, rows_new: 30 * 959, first_day: '2016-03-30', last_day: '2045-04-29' });
  });
});

describe("other vendors' licence-server logs", () => {
  // MathWorks' daemon in the same grammar: a start-up, two checkouts and a check-in.
  const MATLAB = [
    ' 8:00:00 (lmgrd) FlexNet Licensing (v11.18.0.0 build 1 x64_n6) started on SERVER01 (IBM PC) (3/2/2026)',
    ' 8:00:05 (MLM) Server started on SERVER01 for:\tMATLAB',
    ' 9:00:00 (MLM) OUT: "MATLAB" ann@ws1',
    ' 9:10:00 (MLM) OUT: "Simulink" ann@ws1',
    '10:00:00 (MLM) IN: "MATLAB" ann@ws1',
  ];

  it('refuses a log of another vendor only, naming it, and loads nothing of it', async () => {
    const engine = newEngine();
    try {
      const [report] = await engine.load([file('matlab.log', MATLAB.join('\n'))]);
      expect(report).toMatchObject({ status: 'failed', rows_read: 0, rows_loaded: 0 });
      expect(report!.message).toBe("matlab.log is a MathWorks (MLM) licence-server log: LRT Review reads Autodesk's adskflex daemon, and this log has no line of it.");
    } finally {
      await engine.close();
    }
  });

  it("reads the adskflex lines of a shared server's log and names the other daemon's lines it left out", async () => {
    const engine = newEngine();
    try {
      const shared = [...MATLAB, ' 9:05:00 (adskflex) OUT: "87545ACD_2022_0F" bob@ws2', '11:00:00 (adskflex) IN: "87545ACD_2022_0F" bob@ws2'];
      const [report] = await engine.load([file('shared.log', shared.join('\n'))]);
      // Two adskflex event lines read, one AutoCAD session; the three MLM event lines counted apart.
      expect(report).toMatchObject({ status: 'loaded', rows_read: 2, rows_loaded: 2, rows_rejected: 0, rows_new: 1 });
      expect(report!.notes).toContain("Lines of other vendors' daemons were counted and left out: 3 of MathWorks (MLM).");
    } finally {
      await engine.close();
    }
  });
});

describe('product line codes the catalogue knows', () => {
  it('names Inventor HSM, checked out on its own, and counts a specialised AutoCAD toolset as AutoCAD', async () => {
    const engine = newEngine();
    try {
      const lines = [
        ' 8:00:00 (lmgrd) FlexNet Licensing (v11.18.0.0 build 1 x64_n6) started on SERVER01 (IBM PC) (3/2/2026)',
        ' 9:00:00 (adskflex) OUT: "87545INHSMP_2022_0F" ann@ws1',
        ' 9:05:00 (adskflex) OUT: "87545AMECH_PP_2022_0F" bob@ws2',
        '10:00:00 (adskflex) IN: "87545INHSMP_2022_0F" ann@ws1',
        '10:05:00 (adskflex) IN: "87545AMECH_PP_2022_0F" bob@ws2',
      ];
      const [report] = await engine.load([file('hsm.log', lines.join('\n'))]);
      expect(report).toMatchObject({ status: 'loaded', rows_read: 4, rows_rejected: 0, rows_new: 2 });
      expect(await engine.unknownProducts()).toEqual([]);
      const products = (await engine.exportSessionsCsv()).split('\r\n').slice(1, -1).map((l) => l.split(',')[3]);
      expect(products.sort()).toEqual(['AutoCAD', 'Inventor HSM']);
    } finally {
      await engine.close();
    }
  });
});

describe('doubled checkouts', () => {
  // ann@ws1 holds two identical AutoCAD licences at once (two OUT lines in one second, two IN lines later).
  const head = [' 8:00:00 (lmgrd) FlexNet Licensing (v11.18.0.0 build 1 x64_n6) started on SERVER01 (IBM PC) (3/2/2026)'];
  const first = [' 9:00:00 (adskflex) OUT: "87545ACD_2022_0F" ann@ws1', '10:00:00 (adskflex) IN: "87545ACD_2022_0F" ann@ws1'];
  const second = [' 9:00:00 (adskflex) OUT: "87545ACD_2022_0F" ann@ws1', '10:00:00 (adskflex) IN: "87545ACD_2022_0F" ann@ws1'];
  const doubled = [...head, first[0]!, second[0]!, first[1]!, second[1]!].join('\n');

  it('keeps both as sessions, and a copy of the log under another name adds neither again', async () => {
    const engine = newEngine();
    try {
      const [report] = await engine.load([file('doubled.log', doubled)]);
      expect(report).toMatchObject({ status: 'loaded', rows_read: 4, rows_loaded: 4, rows_new: 2 });
      // The same lines with one more blank line at the end: another file, the same facts.
      const [again] = await engine.load([file('doubled-copy.log', `${doubled}\n\n`)]);
      expect(again).toMatchObject({ status: 'loaded', rows_new: 0 });
      expect((await engine.review()).overview.sessions).toBe(2);
    } finally {
      await engine.close();
    }
  });

  it('adds only the second when an earlier, shorter log held the first', async () => {
    const engine = newEngine();
    try {
      await engine.load([file('one.log', [...head, ...first].join('\n'))]);
      const [report] = await engine.load([file('doubled.log', doubled)]);
      expect(report).toMatchObject({ status: 'loaded', rows_new: 1 });
      expect((await engine.review()).overview.sessions).toBe(2);
    } finally {
      await engine.close();
    }
  });
});
