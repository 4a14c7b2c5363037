import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  FlexnetLogParser,
  REJECT,
  looksLikeFlexnetLog,
  splitFeature,
  type LogSession,
} from '../../src/ingest/formats/flexnet-log.ts';

const SAMPLE_PATH = new URL('../fixtures/flexlm/adskflex_2016_sample.log', import.meta.url);

function physicalLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

function parse(text: string, options?: { holeHours?: number }) {
  const parser = new FlexnetLogParser(options);
  physicalLines(text).forEach((line, i) => parser.push(line, i + 1));
  parser.end();
  return {
    sessions: parser.takeSessions(),
    denials: parser.takeDenials(),
    rejects: parser.takeRejects(),
    holes: parser.holes,
    summary: parser.summary(),
    dated: parser.dated,
  };
}

const log = (...lines: string[]) => lines.join('\n') + '\n';
const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => Date.UTC(y, mo - 1, d, h, mi, s);

/** Peak of concurrent sessions by a sweep over start/end instants; an end frees its seat before a start in the same second. */
function sweepPeak(sessions: readonly LogSession[]): number {
  const edges: [number, number][] = [];
  for (const s of sessions) {
    edges.push([s.start_ms, +1]);
    if (s.end_ms !== null) edges.push([s.end_ms, -1]);
  }
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0, peak = 0;
  for (const [, step] of edges) peak = Math.max(peak, (now += step));
  return peak;
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

describe('the real adskflex sample (30 March - 30 April 2016)', () => {
  const text = readFileSync(SAMPLE_PATH, 'utf8');
  const lines = physicalLines(text);
  const result = parse(text);

  // Independent reading of the file: plain regexes over the text, no parser code.
  const EVENT = /^\s*(\d+):(\d\d):(\d\d) \((\w+)\) (OUT|IN|DENIED|UNSUPPORTED): "(\d{5})([A-Z0-9]+?)_(?:(\d{4})_0F|T_F|F)" (\S+)\s*(\(.*\))?\s*$/;
  const events = lines.flatMap((line, i) => {
    const m = EVENT.exec(line);
    if (!m) return [];
    const [, h, mi, s, , type, , plc, version, who, note] = m;
    return [{ line: i + 1, second: Number(h) * 3600 + Number(mi) * 60 + Number(s), type, plc, version, who, note }];
  });
  const versionEvents = events.filter((e) => e.version !== undefined);
  const packageEvents = events.filter((e) => e.version === undefined);

  it('accounts for every event line: used + rejected = OUT + IN + DENIED + UNSUPPORTED lines counted by regex', () => {
    const rough = (word: string) => (text.match(new RegExp(`^.*\\) ${word}: .*$`, 'gm')) ?? []).length;
    expect(rough('OUT')).toBe(1918); // as stated by the sample's NOTICE
    expect(rough('IN')).toBe(1918);
    const eventLines = rough('OUT') + rough('IN') + rough('DENIED') + rough('UNSUPPORTED');
    expect(events).toHaveLength(eventLines); // the strict regex reads every one of them
    const { summary } = result;
    expect(summary.lines).toBe(lines.length);
    expect(summary.event_lines).toBe(eventLines);
    expect(summary.used_event_lines + summary.rejected_event_lines).toBe(eventLines);
    expect(summary.rejected_event_lines).toBe(0);
    expect(result.rejects).toEqual([]);
  });

  it('gives one session per checkout: the version OUT lines per product line code', () => {
    const versionOuts = countBy(versionEvents.filter((e) => e.type === 'OUT'), (e) => e.plc ?? '?');
    const packageOuts = countBy(packageEvents.filter((e) => e.type === 'OUT'), (e) => e.plc ?? '?');
    expect(versionOuts).toEqual({ ACD: 952, MAP: 7 });
    expect(packageOuts).toEqual(versionOuts); // every package line has its version twin
    expect(countBy(result.sessions, (s) => s.plc)).toEqual(versionOuts);
    expect(result.sessions.every((s) => s.package_feature !== null && s.version !== null)).toBe(true);
    expect(countBy(result.sessions, (s) => `${s.package_feature} ${s.feature}`)).toEqual({
      '64300ACD_F 85730ACD_2012_0F': 938,
      '64300ACD_F 86295ACD_2015_0F': 14,
      '65400MAP_F 85776MAP_2012_0F': 7,
    });
  });

  it('matches a walk over the file for peak concurrency per product', () => {
    // The file is in time order: count version-feature OUT (+1) and IN (-1) lines per product.
    const now: Record<string, number> = {};
    const fileWalkPeak: Record<string, number> = {};
    for (const e of versionEvents) {
      const plc = e.plc ?? '?';
      now[plc] = (now[plc] ?? 0) + (e.type === 'OUT' ? 1 : e.type === 'IN' ? -1 : 0);
      fileWalkPeak[plc] = Math.max(fileWalkPeak[plc] ?? 0, now[plc] ?? 0);
    }
    const parserPeak = {
      ACD: sweepPeak(result.sessions.filter((s) => s.plc === 'ACD')),
      MAP: sweepPeak(result.sessions.filter((s) => s.plc === 'MAP')),
    };
    expect(parserPeak).toEqual(fileWalkPeak);
    expect(fileWalkPeak).toEqual({ ACD: 12, MAP: 1 });
  });

  it('leaves open exactly the checkouts the file never checks in (none), with no restart', () => {
    const balance = new Map<string, number>();
    for (const e of versionEvents) {
      const key = `${e.plc}_${e.version} ${e.who}`;
      balance.set(key, (balance.get(key) ?? 0) + (e.type === 'OUT' ? 1 : -1));
    }
    const neverCheckedIn = [...balance.values()].reduce((sum, n) => sum + Math.max(0, n), 0);
    const banners = lines.filter((l) => /\) FlexNet Licensing .* started on /.test(l)).length;
    expect(neverCheckedIn).toBe(0);
    expect(banners).toBe(1); // the one start-up opens the log
    expect(result.sessions.filter((s) => s.open_at !== null)).toHaveLength(neverCheckedIn);
    expect(result.summary.restarts).toBe(banners - 1);
    expect(result.sessions.every((s) => s.end_ms !== null && s.end_ms >= s.start_ms)).toBe(true);
  });

  it('ends sessions by inactivity as often as the file logs INACTIVE version check-ins', () => {
    const inactive = versionEvents.filter((e) => e.type === 'IN' && e.note === '(INACTIVE)').length;
    expect(inactive).toBe(124);
    expect(result.sessions.filter((s) => s.checkin_reason === 'INACTIVE')).toHaveLength(inactive);
  });

  it('spans 30 March 01:56:00 to 30 April 22:01:22 (the last line), with no denials', () => {
    expect(result.dated).toBe(true);
    expect(result.summary.first_ms).toBe(utc(2016, 3, 30, 1, 56, 0));
    expect(lines.at(-1)).toMatch(/^22:01:22 /);
    expect(result.summary.last_ms).toBe(utc(2016, 4, 30, 22, 1, 22));
    expect(result.denials).toEqual([]);
  });

  // Second independent dating: each line takes the date of the nearest TIMESTAMP line before it, plus a day
  // when its time of day is earlier than that TIMESTAMP's (TIMESTAMPs come every few hours). Lines before
  // the first TIMESTAMP take the first one's date, minus a day when their time of day is later.
  const stamps = lines.flatMap((line, i) => {
    const m = /^\s*(\d+):(\d\d):(\d\d) \(\w+\) TIMESTAMP (\d+)\/(\d+)\/(\d+)/.exec(line);
    if (!m) return [];
    const [, h, mi, s, mo, d, y] = m.map(Number) as number[];
    return [{ index: i, day: utc(y!, mo!, d!), second: h! * 3600 + mi! * 60 + s! }];
  });
  function independentMs(index: number): number {
    const m = /^\s*(\d+):(\d\d):(\d\d) /.exec(lines[index] ?? '');
    if (!m) throw new Error(`no time on line ${index + 1}`);
    const second = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
    const before = stamps.filter((t) => t.index <= index).at(-1);
    if (before) return before.day + (second < before.second ? 86_400_000 : 0) + second * 1000;
    const after = stamps[0]!;
    return after.day - (second > after.second ? 86_400_000 : 0) + second * 1000;
  }

  it('dates every session start and end like the TIMESTAMP lines do', () => {
    const firstIn = new Map(
      events.filter((e) => e.type === 'IN').map((e) => [e.line, independentMs(e.line - 1)] as const),
    );
    for (const s of result.sessions) expect(s.start_ms).toBe(independentMs(s.line - 1));
    const ends = new Set(firstIn.values());
    expect(result.sessions.every((s) => s.end_ms !== null && ends.has(s.end_ms))).toBe(true);
  });

  it('finds the same coverage holes as the independent dating (none over 24 h; some over 3 h)', () => {
    const holesOver = (hours: number) => {
      const out: { after_line: number; hours: number }[] = [];
      for (let i = 1; i < lines.length; i++) {
        const gap = independentMs(i) - independentMs(i - 1);
        if (gap > hours * 3_600_000) out.push({ after_line: i, hours: gap / 3_600_000 });
      }
      return out;
    };
    expect(result.holes).toEqual([]);
    expect(holesOver(24)).toEqual([]);
    const threeHours = holesOver(3);
    expect(threeHours.length).toBeGreaterThan(0);
    expect(parse(text, { holeHours: 3 }).holes.map((h) => ({ after_line: h.after_line, hours: h.hours }))).toEqual(
      threeHours,
    );
  });

  it('gives the same sessions when the caller takes them in batches', () => {
    const parser = new FlexnetLogParser();
    const batched: LogSession[] = [];
    lines.forEach((line, i) => {
      parser.push(line, i + 1);
      if (i % 500 === 0) batched.push(...parser.takeSessions());
    });
    parser.end();
    batched.push(...parser.takeSessions());
    const byLine = (a: LogSession, b: LogSession) => a.line - b.line;
    expect(batched.sort(byLine)).toEqual([...result.sessions].sort(byLine));
  });

  it('is recognised from its first 50 lines', () => {
    expect(looksLikeFlexnetLog(lines.slice(0, 50))).toBe(true);
    expect(looksLikeFlexnetLog(lines.slice(5000, 5050))).toBe(true);
  });
});

describe('splitFeature', () => {
  it('splits on exactly five leading digits, the PLC possibly starting with a digit', () => {
    expect(splitFeature('662003DSMAX_F')).toEqual({ plc: '3DSMAX', version: null, kind: 'package' });
    expect(splitFeature('64300ACD_F')).toEqual({ plc: 'ACD', version: null, kind: 'package' });
    expect(splitFeature('86815AECCOL_T_F')).toEqual({ plc: 'AECCOL', version: null, kind: 'subscription_package' });
    // Product line codes with an underscore: AutoCAD Mechanical and Electrical.
    expect(splitFeature('87545AMECH_PP_2022_0F')).toEqual({ plc: 'AMECH_PP', version: '2022', kind: 'version' });
    expect(splitFeature('64300ACAD_E_F')).toEqual({ plc: 'ACAD_E', version: null, kind: 'package' });
    expect(splitFeature('87545ACD_2022_0F')).toEqual({ plc: 'ACD', version: '2022', kind: 'version' });
    expect(splitFeature('85850MAP3DE_2012_0F')).toEqual({ plc: 'MAP3DE', version: '2012', kind: 'version' });
  });

  it('refuses anything else', () => {
    for (const code of ['6430ACD_F', 'ACD_F', '64300ACD', '64300_F', '64300ACD_2022_F', 'MATLAB', '']) {
      expect(splitFeature(code)).toBeNull();
    }
  });
});

describe('FlexnetLogParser on small logs', () => {
  const STAMP = '8:00:00 (lmgrd) TIMESTAMP 3/30/2016';

  it('rolls the date over at midnight, also over a year end', () => {
    const r = parse(
      log(
        '22:00:00 (lmgrd) TIMESTAMP 12/31/2015',
        '23:50:00 (adskflex) OUT: "87545ACD_2022_0F" bob@ws12  ',
        ' 0:10:05 (adskflex) IN: "87545ACD_2022_0F" bob@ws12  ',
      ),
    );
    expect(r.sessions).toHaveLength(1);
    expect(r.sessions[0]).toMatchObject({ start_ms: utc(2015, 12, 31, 23, 50), end_ms: utc(2016, 1, 1, 0, 10, 5) });
    expect(r.summary.last_ms).toBe(utc(2016, 1, 1, 0, 10, 5));
  });

  it('does not take a clock set back by one hour (daylight saving ends) for a new day', () => {
    const r = parse(
      log(
        ' 1:00:00 (lmgrd) TIMESTAMP 10/30/2016',
        ' 2:30:00 (adskflex) OUT: "87545ACD_2022_0F" bob@ws12  ',
        ' 2:59:00 (adskflex) (@adskflex-SLOG@) ===',
        ' 2:01:00 (adskflex) (@adskflex-SLOG@) ===',
        ' 3:00:00 (adskflex) IN: "87545ACD_2022_0F" bob@ws12  ',
      ),
    );
    expect(r.sessions.map((s) => [s.start_ms, s.end_ms])).toEqual([[utc(2016, 10, 30, 2, 30), utc(2016, 10, 30, 3)]]);
  });

  it('takes the date from start-up lines and resets it on each TIMESTAMP', () => {
    const r = parse(
      log(
        " 8:42:20 (lmgrd) Server's System Date and Time: Thu May 05 2022 08:42:20 W. Europe Daylight Time",
        ' 8:44:36 (adskflex) OUT: "87545ACD_2022_0F" UPM@upm00265',
        ' 9:00:00 (lmgrd) TIMESTAMP 5/7/2022',
        ' 9:10:02 (adskflex) IN: "87545ACD_2022_0F" UPM@upm00265',
      ),
    );
    expect(r.sessions[0]).toMatchObject({ start_ms: utc(2022, 5, 5, 8, 44, 36), end_ms: utc(2022, 5, 7, 9, 10, 2) });
    const banner = parse(
      log(
        ' 8:42:20 (lmgrd) FlexNet Licensing (v11.18.0.0 build 1 x64_n6) started on HOST (IBM PC) (5/5/2022)',
        ' 8:44:36 (adskflex) OUT: "87545ACD_2022_0F" UPM@upm00265',
      ),
    );
    expect(banner.sessions[0]?.start_ms).toBe(utc(2022, 5, 5, 8, 44, 36));
  });

  it('rejects every event of a log with no date line, with the reason', () => {
    const r = parse(
      log(
        ' 8:44:36 (adskflex) OUT: "64300ACD_F" UPM@upm00265',
        ' 8:44:36 (adskflex) OUT: "87545ACD_2022_0F" UPM@upm00265',
        ' 9:10:02 (adskflex) IN: "64300ACD_F" UPM@upm00265',
        '10:01:13 (adskflex) DENIED: "64300ACD_F" bob@ws12  (Licensed number of users already reached. (-4,342))',
      ),
    );
    expect(r.dated).toBe(false);
    expect(r.sessions).toEqual([]);
    expect(r.denials).toEqual([]);
    expect(r.rejects.map((x) => [x.line, x.reason])).toEqual([1, 2, 3, 4].map((line) => [line, REJECT.undated]));
    expect(r.summary).toMatchObject({ event_lines: 4, used_event_lines: 0, rejected_event_lines: 4 });
    expect(r.summary.first_ms).toBeNull();
  });

  it('rejects a check-in with no open checkout of that feature by that user@host', () => {
    const r = parse(
      log(
        STAMP,
        ' 9:00:00 (adskflex) OUT: "87545ACD_2022_0F" bob@ws12',
        ' 9:30:00 (adskflex) IN: "87545ACD_2022_0F" ann@ws12',
        ' 9:40:00 (adskflex) IN: "87545ACD_2023_0F" bob@ws12',
        '10:00:00 (adskflex) IN: "87545ACD_2022_0F" bob@ws12',
      ),
    );
    expect(r.rejects.map((x) => [x.line, x.reason])).toEqual([
      [3, REJECT.orphanCheckin],
      [4, REJECT.orphanCheckin],
    ]);
    expect(r.sessions[0]).toMatchObject({ user: 'bob', end_ms: utc(2016, 3, 30, 10) });
    expect(r.summary).toMatchObject({ event_lines: 4, used_event_lines: 2, rejected_event_lines: 2 });
  });

  it('keeps checkouts open at a restart and at the end of the log, flagged', () => {
    const r = parse(
      log(
        STAMP,
        ' 9:00:00 (adskflex) OUT: "64300ACD_F" bob@ws12  ',
        ' 9:00:00 (adskflex) OUT: "85730ACD_2012_0F" bob@ws12  ',
        '11:00:00 (lmgrd) FlexNet Licensing (v11.12.0.0 build 136775 x64_n6) started on SERVER01 (IBM PC) (3/31/2016)',
        '11:00:09 (adskflex) Server started on SERVER01 for:\t',
        '11:30:00 (adskflex) IN: "64300ACD_F" bob@ws12  ',
        '12:00:00 (adskflex) OUT: "65400MAP_F" ann@ws13  ',
        '12:00:00 (adskflex) OUT: "85776MAP_2012_0F" ann@ws13  ',
      ),
    );
    expect(r.summary.restarts).toBe(1);
    expect(r.sessions.map((s) => [s.plc, s.open_at, s.end_ms])).toEqual([
      ['ACD', 'restart', null],
      ['MAP', 'end_of_log', null],
    ]);
    expect(r.sessions[1]?.start_ms).toBe(utc(2016, 3, 31, 12)); // the banner carried the new date
    expect(r.rejects.map((x) => [x.line, x.reason])).toEqual([[6, REJECT.orphanCheckin]]); // the server forgot it
  });

  it("counts a second start of a vendor daemon as a restart of that daemon only; another vendor's lines are counted, not read", () => {
    const r = parse(
      log(
        ' 8:00:00 (lmgrd) FlexNet Licensing (v11.12.0.0 build 136775 x64_n6) started on SERVER01 (IBM PC) (3/30/2016)',
        ' 8:00:05 (adskflex) Server started on SERVER01 for:\t',
        ' 8:00:06 (other) Server started on SERVER01 for:\t',
        ' 9:00:00 (adskflex) OUT: "85730ACD_2012_0F" bob@ws12  ',
        ' 9:00:00 (other) OUT: "12345XYZ_F" bob@ws12  ',
        '10:00:00 (adskflex) Server started on SERVER01 for:\t',
      ),
    );
    expect(r.summary.restarts).toBe(1);
    expect(r.sessions.map((s) => [s.plc, s.open_at])).toEqual([['ACD', 'restart']]);
    expect(r.summary).toMatchObject({ event_lines: 1, other_daemon_lines: { other: 1 } });
  });

  it('takes a licence reread (lmreread) for what it is: the same sessions as without it, no restart', () => {
    const before = [
      ' 8:00:00 (lmgrd) FlexNet Licensing (v11.18.0.0 build 1 x64_n6) started on SERVER01 (IBM PC) (3/2/2026)',
      ' 8:00:05 (adskflex) Server started on SERVER01 for:\t87545ACD_2022_0F',
      ' 9:00:00 (adskflex) OUT: "87545ACD_2022_0F" ann@ws1',
      ' 9:30:00 (adskflex) OUT: "87545ACD_2022_0F" bob@ws2',
    ];
    const after = [' 11:00:00 (adskflex) IN: "87545ACD_2022_0F" ann@ws1', ' 12:00:00 (adskflex) IN: "87545ACD_2022_0F" bob@ws2'];
    // What lmreread writes mid-day: lmgrd and the daemon announce it, then the daemon prints its start line again.
    const reread = [
      '10:15:23 (lmgrd) Rereading license file...',
      '10:15:23 (adskflex) Rereading license file...',
      '10:15:23 (adskflex) Server started on SERVER01 for:\t87545ACD_2022_0F',
    ];
    const plain = parse(log(...before, ...after));
    const withReread = parse(log(...before, ...reread, ...after));
    expect(withReread.sessions).toEqual(plain.sessions);
    expect(withReread.sessions.map((s) => [s.user, s.open_at])).toEqual([['ann', null], ['bob', null]]);
    expect(withReread.rejects).toEqual([]);
    expect(withReread.summary).toMatchObject({ restarts: 0, rereads: 1 });
    // A start line with no reread announced before it is still a restart.
    expect(parse(log(...before, reread[2]!, ...after)).summary).toMatchObject({ restarts: 1, rereads: 0 });
  });

  it('takes a package line and its version line one second apart, adjacent among the user@host lines, as one checkout', () => {
    const pair = (out: string, version: string, between: string[] = []) =>
      parse(
        log(
          STAMP,
          `${out} (adskflex) OUT: "86815AECCOL_T_F" ann@ws1`,
          ...between,
          `${version} (adskflex) OUT: "87545INVPROSA_2022_0F" ann@ws1`,
          '10:00:00 (adskflex) IN: "87545INVPROSA_2022_0F" ann@ws1',
          '10:00:00 (adskflex) IN: "86815AECCOL_T_F" ann@ws1',
        ),
      );
    // One second apart: one session, from the package line's time, of the version's product; nothing rejected.
    const split = pair(' 8:44:36', ' 8:44:37', [' 8:44:36 (adskflex) OUT: "87545ACD_2022_0F" bob@ws2']);
    expect(split.sessions.filter((x) => x.user === 'ann').map((x) => [x.plc, x.package_plc, x.start_ms])).toEqual([['INVPROSA', 'AECCOL', utc(2016, 3, 30, 8, 44, 36)]]);
    expect(split.rejects).toEqual([]);
    // Two seconds apart, or another line of ann@ws1 between them: two checkouts.
    const apart = (r: ReturnType<typeof pair>) => r.sessions.map((x) => [x.plc, x.package_plc]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(apart(pair(' 8:44:36', ' 8:44:38'))).toEqual([['AECCOL', 'AECCOL'], ['INVPROSA', null]]);
    // (Between them here, an AutoCAD checkout of the same second takes the package as its own.)
    const between = pair(' 8:44:36', ' 8:44:37', [' 8:44:36 (adskflex) OUT: "87545ACD_2022_0F" ann@ws1', ' 8:44:36 (adskflex) IN: "87545ACD_2022_0F" ann@ws1']);
    expect(apart(between)).toEqual([['ACD', 'AECCOL'], ['INVPROSA', null]]);
  });

  it('merges the Collection package line and the version line into one session of the version product', () => {
    const r = parse(
      log(
        STAMP,
        ' 8:44:36 (adskflex) OUT: "86815AECCOL_T_F" UPM@upm00265',
        ' 8:44:36 (adskflex) OUT: "87545ACD_2022_0F" UPM@upm00265',
        ' 9:10:02 (adskflex) IN: "87545ACD_2022_0F" UPM@upm00265',
        ' 9:10:02 (adskflex) IN: "86815AECCOL_T_F" UPM@upm00265',
      ),
    );
    expect(r.sessions).toEqual([
      {
        line: 2,
        user: 'UPM',
        host: 'upm00265',
        plc: 'ACD',
        version: '2022',
        feature: '87545ACD_2022_0F',
        package_feature: '86815AECCOL_T_F',
        package_plc: 'AECCOL',
        start_ms: utc(2016, 3, 30, 8, 44, 36),
        end_ms: utc(2016, 3, 30, 9, 10, 2),
        open_at: null,
        checkin_reason: null,
      },
    ]);
    expect(r.summary).toMatchObject({ event_lines: 4, used_event_lines: 4, rejected_event_lines: 0 });
  });

  it('keeps a lone package line or a lone version line as one session each', () => {
    const r = parse(
      log(
        STAMP,
        ' 9:00:00 (adskflex) OUT: "662003DSMAX_F" ann@ws1',
        ' 9:00:00 (adskflex) OUT: "87545ACD_2022_0F" bob@ws2',
      ),
    );
    expect(r.sessions.map((s) => [s.plc, s.feature, s.package_plc, s.version])).toEqual([
      ['3DSMAX', '662003DSMAX_F', '3DSMAX', null],
      ['ACD', '87545ACD_2022_0F', null, '2022'],
    ]);
  });

  it('makes two sessions of two checkouts in the same second by the same user@host', () => {
    const r = parse(
      log(
        STAMP,
        ' 9:00:00 (adskflex) OUT: "64300ACD_F" bob@ws12  ',
        ' 9:00:00 (adskflex) OUT: "85730ACD_2012_0F" bob@ws12  ',
        ' 9:00:00 (adskflex) OUT: "64300ACD_F" bob@ws12  ',
        ' 9:00:00 (adskflex) OUT: "85730ACD_2012_0F" bob@ws12  ',
      ),
    );
    expect(r.sessions.map((s) => [s.line, s.package_feature, s.feature])).toEqual([
      [2, '64300ACD_F', '85730ACD_2012_0F'],
      [4, '64300ACD_F', '85730ACD_2012_0F'],
    ]);
  });

  it('closes the oldest open checkout first (FIFO) for the same feature and user@host', () => {
    const r = parse(
      log(
        STAMP,
        ' 9:00:00 (adskflex) OUT: "64300ACD_F" bob@ws12',
        ' 9:00:00 (adskflex) OUT: "85730ACD_2012_0F" bob@ws12',
        ' 9:30:00 (adskflex) OUT: "64300ACD_F" bob@ws12',
        ' 9:30:00 (adskflex) OUT: "85730ACD_2012_0F" bob@ws12',
        '10:00:00 (adskflex) IN: "85730ACD_2012_0F" bob@ws12',
        '10:00:00 (adskflex) IN: "64300ACD_F" bob@ws12',
        '11:00:00 (adskflex) IN: "64300ACD_F" bob@ws12',
        '11:00:00 (adskflex) IN: "85730ACD_2012_0F" bob@ws12',
      ),
    );
    const at = (h: number, m = 0) => utc(2016, 3, 30, h, m);
    expect(r.sessions.map((s) => [s.start_ms, s.end_ms])).toEqual([
      [at(9), at(10)],
      [at(9, 30), at(11)],
    ]);
    expect(r.summary).toMatchObject({ used_event_lines: 8, rejected_event_lines: 0 });
  });

  it('ends a session on an INACTIVE check-in and keeps the reason', () => {
    const r = parse(
      log(
        STAMP,
        ' 9:00:00 (adskflex) OUT: "64300ACD_F" USER11@COMPUTER11  ',
        ' 9:00:00 (adskflex) OUT: "85730ACD_2012_0F" USER11@COMPUTER11  ',
        '20:16:11 (adskflex) IN: "64300ACD_F" USER11@COMPUTER11  (INACTIVE)',
        '20:16:11 (adskflex) IN: "85730ACD_2012_0F" USER11@COMPUTER11  (INACTIVE)',
        '21:10:48 (adskflex) Checkin failed feature "85730ACD_2012_0F": USER11 COMPUTER11 COMPUTER11',
        '21:10:48 (adskflex) \t" (0,353:10054 "")"',
      ),
    );
    expect(r.sessions).toHaveLength(1);
    expect(r.sessions[0]).toMatchObject({ end_ms: utc(2016, 3, 30, 20, 16, 11), checkin_reason: 'INACTIVE' });
    expect(r.summary).toMatchObject({ event_lines: 4, used_event_lines: 4, noise_lines: 2 });
  });

  it('reads DENIED and UNSUPPORTED lines, merging the package/version twins of one denial', () => {
    const r = parse(
      log(
        STAMP,
        '10:01:13 (adskflex) DENIED: "64300ACD_F" bob@ws12  (Licensed number of users already reached. (-4,342))',
        '10:02:00 (adskflex) UNSUPPORTED: "86000XYZ_F" (00B0 EF6E AFC6 B280 ) bob@ws12  (No such feature exists. (-5,346))',
        '10:05:00 (adskflex) DENIED: "64300ACD_F" ann@ws13  (Licensed number of users already reached. (-4,342))',
        '10:05:00 (adskflex) DENIED: "85730ACD_2012_0F" ann@ws13  (Licensed number of users already reached. (-4,342))',
        '10:05:01 (adskflex) DENIED: "85730ACD_2012_0F" ann@ws13  (Licensed number of users already reached. (-4,342))',
        '10:05:01 (adskflex) DENIED: "64300ACD_F" ann@ws13  (Licensed number of users already reached. (-4,342))',
      ),
    );
    expect(r.denials).toEqual([
      {
        line: 2,
        kind: 'denied',
        day: '2016-03-30',
        at_ms: utc(2016, 3, 30, 10, 1, 13),
        plc: 'ACD',
        feature: '64300ACD_F',
        user: 'bob',
        host: 'ws12',
        reason: 'Licensed number of users already reached. (-4,342)',
      },
      {
        line: 3,
        kind: 'unsupported',
        day: '2016-03-30',
        at_ms: utc(2016, 3, 30, 10, 2),
        plc: 'XYZ',
        feature: '86000XYZ_F',
        user: 'bob',
        host: 'ws12',
        reason: 'No such feature exists. (-5,346)',
      },
      expect.objectContaining({ line: 4, plc: 'ACD', feature: '85730ACD_2012_0F', user: 'ann' }),
      expect.objectContaining({ line: 6, plc: 'ACD', feature: '85730ACD_2012_0F', user: 'ann' }),
    ]);
    expect(r.summary).toMatchObject({ event_lines: 6, used_event_lines: 6, rejected_event_lines: 0 });
  });

  it('counts SLOG blocks, banners and options-file echoes as noise', () => {
    const noise = [
      ' 1:56:05 (lmgrd) (@lmgrd-SLOG@) ===============================================',
      ' 1:56:05 (lmgrd) (@lmgrd-SLOG@) Start-Date: Wed Mar 30 2016 01:56:05 Romance Daylight Time',
      ' 1:56:16 (adskflex) (@adskflex-SLOG@) === Vendor Daemon ===',
      ' 1:56:05 (adskflex) SLOG: Summary LOG statistics is enabled.',
      ' 1:56:00 (lmgrd)   Please Note:',
      ' 1:56:00 (lmgrd) ',
      ' 1:56:05 (lmgrd) Rereading license file',
      ' 1:56:11 (adskflex) RESERVING 10 85730ACD_2012_0F/145D 7797 905A 1252  licenses for USER_GROUP GROUP01',
      ' 1:56:11 (adskflex) INCLUDE_BORROW USER_GROUP GROUP01 in 85730ACD_2012_0F',
      ' 1:56:11 (adskflex) ALL FEATURES: INACTIVITY TIMEOUT set to 3600 seconds',
      ' 1:56:09 (adskflex) 64300ACD_F (consisting of:\t\t86295ACD_2015_0F ',
      '',
    ];
    const r = parse(log(STAMP, ...noise));
    expect(r.summary).toMatchObject({ lines: noise.length + 1, event_lines: 0, noise_lines: noise.length });
    expect(r.sessions).toEqual([]);
    expect(r.rejects).toEqual([]);
  });

  it('accounts for an event line whose time is damaged: rejected for adskflex, counted for another daemon', () => {
    const r = parse(
      log(
        STAMP,
        ' 9:00:00 (adskflex) OUT: "85730ACD_2012_0F" ann@ws1',
        '12:49:3a9 (adskflex) OUT: "85730ACD_2012_0F" bob@ws2',
        '12:49:3a9 (ugslmd) OUT: "NX_PROGRAMMING" carl@ws3',
        '10:00:00 (adskflex) IN: "85730ACD_2012_0F" ann@ws1',
      ),
    );
    // Event lines: 3 of adskflex (2 used, 1 rejected) and 1 of ugslmd counted apart; the stamp is informational.
    expect(r.summary).toMatchObject({ lines: 5, event_lines: 3, used_event_lines: 2, rejected_event_lines: 1, other_daemon_lines: { ugslmd: 1 } });
    expect(r.rejects).toEqual([{ line: 3, reason: REJECT.untimed, text: '12:49:3a9 (adskflex) OUT: "85730ACD_2012_0F" bob@ws2' }]);
  });

  it('reports a coverage hole when no line comes for more than 24 h', () => {
    const r = parse(
      log(
        '10:00:00 (lmgrd) TIMESTAMP 4/1/2016',
        '11:00:00 (adskflex) (@adskflex-SLOG@) ===',
        '12:00:00 (lmgrd) TIMESTAMP 4/3/2016',
        '12:00:00 (lmgrd) TIMESTAMP 4/4/2016',
        '13:00:00 (lmgrd) TIMESTAMP 4/4/2016',
      ),
    );
    // exactly 24 h (3 April 12:00 to 4 April 12:00) is not a hole
    expect(r.holes).toEqual([
      { from_ms: utc(2016, 4, 1, 11), to_ms: utc(2016, 4, 3, 12), hours: 49, after_line: 2 },
    ]);
  });

  it('rejects unreadable event lines with a reason and keeps the count', () => {
    const r = parse(
      log(
        STAMP,
        ' 9:00:00 (adskflex) OUT: "MATLAB" bob@ws12',
        ' 9:00:00 (adskflex) OUT: "64300ACD_F"',
        '(adskflex) OUT: "64300ACD_F" bob@ws12',
      ),
    );
    expect(r.rejects.map((x) => [x.line, x.reason])).toEqual([
      [2, REJECT.badFeature],
      [3, REJECT.noUserHost],
      [4, REJECT.untimed],
    ]);
    expect(r.summary).toMatchObject({ event_lines: 3, used_event_lines: 0, rejected_event_lines: 3 });
  });
});

describe('looksLikeFlexnetLog', () => {
  it('refuses other text', () => {
    expect(looksLikeFlexnetLog([])).toBe(false);
    expect(looksLikeFlexnetLog(['user_id,product,session_start', 'u1,ACD,2024-01-01T08:00:00Z'])).toBe(false);
    expect(looksLikeFlexnetLog(['12:00:00 hello', 'plain text'])).toBe(false);
  });
});
