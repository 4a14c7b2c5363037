/**
 * FlexNet (FLEXlm) licence-server debug log, as written by lmgrd and the Autodesk vendor daemon `adskflex`.
 * Grammar: docs section 5 of the reference "autodesk-exports.md". Streaming: one physical line at a time.
 *
 * Times: the log writes the server's local wall-clock time with no time zone. The parser reads it on the
 * server's clock (a time zone; UTC unless given) and keeps every time as UTC epoch milliseconds: an hour the clock
 * repeats when daylight saving ends is placed by the order of the lines.
 *
 * Accounting ("nothing lost"): every OUT, IN, DENIED or UNSUPPORTED line is an event line and is either
 * used (opens or joins a session, closes one or is the twin of the line that did, is or joins a denial) or
 * rejected with a reason. Date and start-up lines are neither events nor noise; every other line is noise.
 * So lines = event_lines + noise_lines + date/start-up lines.
 */
import { isoDay } from '../timestamp.ts';
import { zoneClock, type ZoneClock } from '../../lib/time-zone.ts';

export interface LogSession {
  line: number;
  user: string;
  host: string;
  /** Product line code of the product used: from the version feature when there is one, else from the package. */
  plc: string;
  version: string | null;
  /** The version feature code when there is one, else the package code. */
  feature: string;
  package_feature: string | null;
  /** Which licence was consumed (e.g. AECCOL for a Collection). */
  package_plc: string | null;
  start_ms: number;
  end_ms: number | null;
  open_at: 'restart' | 'end_of_log' | null;
  checkin_reason: string | null;
}

export interface LogDenial {
  line: number;
  kind: 'denied' | 'unsupported';
  day: string;
  at_ms: number;
  plc: string;
  feature: string;
  user: string;
  host: string;
  reason: string;
}

export interface CoverageHole {
  from_ms: number;
  to_ms: number;
  hours: number;
  after_line: number;
}

export interface LogReject {
  line: number;
  reason: string;
  text: string;
}

export interface LogSummary {
  lines: number;
  event_lines: number;
  used_event_lines: number;
  rejected_event_lines: number;
  noise_lines: number;
  first_ms: number | null;
  last_ms: number | null;
  /** Server or vendor-daemon start-ups inside the log, not counting one that opens the log. */
  restarts: number;
  /** Licence rereads (lmreread): the daemons started again on the same server, their checkouts carried on. */
  rereads: number;
  /** Event lines of vendor daemons other than Autodesk's adskflex, by daemon: counted, not read. */
  other_daemon_lines: Record<string, number>;
}

/** Autodesk's vendor daemon: the only one whose checkouts the review reads. */
export const AUTODESK_DAEMON = 'adskflex';

export type FeatureKind = 'package' | 'subscription_package' | 'version';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/**
 * A step back in the time of day of up to this much is a clock change (daylight saving ending), not a new
 * day: a false roll-over would misdate every line until the next TIMESTAMP.
 */
const CLOCK_SETBACK_TOLERANCE_S = 90 * 60;

export const REJECT = {
  undated: 'no date known yet: no TIMESTAMP or start-up line before it',
  untimed: 'event line without a readable time of day',
  noUserHost: 'no user@host after the feature',
  badFeature: 'unparseable feature code',
  orphanCheckin: 'check-in with no open checkout of this feature by this user@host',
} as const;

// ---------------------------------------------------------------------------------------------
// Line grammar

/** `<H:MM:SS> (<daemon>) <message>`; the hour is space-padded. */
const TIMED_LINE = /^\s*(\d{1,2}):(\d{2}):(\d{2}) \(([^()\s]+)\) ?(.*)$/;
const EVENT = /^(OUT|IN|DENIED|UNSUPPORTED):\s*(.*)$/;
const QUOTED_FEATURE = /^"([^"]*)"\s*(.*)$/;
/** UNSUPPORTED lines put the client's address in parentheses before user@host. */
const ADDRESS_BLOCK = /^\([^)]*\)\s*/;
/** The user may contain spaces; the host may not. An optional note in parentheses follows: `(INACTIVE)`. */
const USER_AT_HOST = /^(.+)@(\S+?)(?:\s+\((.*)\))?\s*$/;
const FEATURE_CODE = /^\d{5}([A-Za-z0-9]+?(?:_[A-Za-z]+)??)(?:_T_F|_(\d{4})_0F|_F)$/;

const TIMESTAMP_DATE = /^TIMESTAMP (\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/;
const STARTED_ON_DATE = /\bstarted on .*\((\d{1,2})\/(\d{1,2})\/(\d{4})\)\s*$/;
const SYSTEM_DATE = /^Server's System Date and Time: \w+ (\w{3}) (\d{1,2}) (\d{4})\b/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** lmgrd's banner: `FlexNet Licensing (v11.12.0.0 ...) started on HOST (IBM PC) (3/30/2016)`. */
const LMGRD_STARTUP = /^(?:FlexNet|FLEXnet|FLEXlm)\b.*\bstarted on \S+/;
/** A vendor daemon's start: `Server started on HOST for: <features>`. */
const DAEMON_STARTUP = /^Server started on \S+/;
/** `lmreread` announces itself before the daemons print their start line again: `Rereading license file...`. */
const REREAD = /^Rereading license file/i;

interface TimedLine {
  secondOfDay: number;
  daemon: string;
  message: string;
}

type EventType = 'OUT' | 'IN' | 'DENIED' | 'UNSUPPORTED';

interface EventLine {
  type: EventType;
  feature: string;
  user: string;
  host: string;
  note: string | null;
}

function parseTimedLine(text: string): TimedLine | null {
  const m = TIMED_LINE.exec(text);
  if (!m) return null;
  const [, h, mi, s, daemon = '', message = ''] = m;
  const hour = Number(h), minute = Number(mi), second = Number(s);
  if (hour > 23 || minute > 59 || second > 59) return null;
  return { secondOfDay: hour * 3600 + minute * 60 + second, daemon, message };
}

/** Null when the message is not an event; a string reason when it is one but cannot be read. */
function parseEvent(message: string): EventLine | string | null {
  const m = EVENT.exec(message);
  if (!m) return null;
  const type = m[1] as EventType;
  const quoted = QUOTED_FEATURE.exec(m[2] ?? '');
  if (!quoted) return REJECT.badFeature;
  const [, feature = '', afterFeature = ''] = quoted;
  const who = USER_AT_HOST.exec(type === 'UNSUPPORTED' ? afterFeature.replace(ADDRESS_BLOCK, '') : afterFeature);
  if (!who) return REJECT.noUserHost;
  const [, user = '', host = '', note] = who;
  return { type, feature, user: user.trim(), host, note: note ?? null };
}

/** Epoch ms of UTC midnight of a calendar date, or null when the date does not exist. */
function utcMidnight(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const ms = Date.UTC(year, month - 1, day);
  return new Date(ms).getUTCDate() === day ? ms : null;
}

/** The date a TIMESTAMP, lmgrd start-up or "Server's System Date" line carries, as UTC midnight. */
function parseDateMarker(message: string): number | null {
  const numeric = TIMESTAMP_DATE.exec(message) ?? STARTED_ON_DATE.exec(message);
  if (numeric) return utcMidnight(Number(numeric[3]), Number(numeric[1]), Number(numeric[2]));
  const named = SYSTEM_DATE.exec(message);
  if (named) {
    const month = MONTHS.indexOf((named[1] ?? '').toLowerCase()) + 1;
    return utcMidnight(Number(named[3]), month, Number(named[2]));
  }
  return null;
}

/**
 * Splits an Autodesk feature code: exactly five digits, the product line code (which may itself begin with
 * a digit: `662003DSMAX_F` is 66200 + 3DSMAX), then `_F`, `_T_F` or `_YYYY_0F`.
 */
export function splitFeature(code: string): { plc: string; version: string | null; kind: FeatureKind } | null {
  const m = FEATURE_CODE.exec(code);
  if (!m) return null;
  const [, plc = '', version] = m;
  if (version !== undefined) return { plc, version, kind: 'version' };
  return { plc, version: null, kind: code.endsWith('_T_F') ? 'subscription_package' : 'package' };
}

/** True when most of the first lines follow the `H:MM:SS (daemon) message` shape of a FlexNet debug log. */
export function looksLikeFlexnetLog(firstLines: readonly string[]): boolean {
  const lines = firstLines.slice(0, 50).filter((l) => l.trim() !== '');
  if (lines.length === 0) return false;
  const timed = lines.filter((l) => parseTimedLine(l.replace(/^\uFEFF/, '')) !== null).length;
  return timed >= Math.min(3, lines.length) && timed >= 0.6 * lines.length;
}

// ---------------------------------------------------------------------------------------------
// Parser state

type Part = 'package' | 'version';

function partOf(kind: FeatureKind): Part {
  return kind === 'version' ? 'version' : 'package';
}

interface FeatureRef {
  code: string;
  plc: string;
  version: string | null;
  part: Part;
}

interface TrackedSession {
  row: LogSession;
  daemon: string;
  hasPackage: boolean;
  hasVersion: boolean;
  closed: boolean;
}

interface PendingDenial {
  denial: LogDenial;
  daemon: string;
  hasPackage: boolean;
  hasVersion: boolean;
}

function partKey(daemon: string, feature: string, user: string, host: string): string {
  return `${daemon}\t${feature}\t${user}@${host}`;
}

function hasPart(s: { hasPackage: boolean; hasVersion: boolean }, part: Part): boolean {
  return part === 'package' ? s.hasPackage : s.hasVersion;
}

export class FlexnetLogParser {
  readonly holes: CoverageHole[] = [];

  private readonly holeMs: number;
  private lineCount = 0;
  private eventLines = 0;
  private usedEventLines = 0;
  private noiseLines = 0;

  // Clock: the current date (UTC midnight) and the last time of day seen on a dated line.
  private dayStartMs: number | null = null;
  private lastSecondOfDay = 0;
  private lastDatedMs: number | null = null;
  private lastDatedLine = 0;
  private firstMs: number | null = null;
  private lastMs: number | null = null;

  // Open checkouts.
  private readonly openSessions = new Set<TrackedSession>();
  /**
   * FIFO queues per daemon, feature and user@host: one entry per OUT line still waiting for its IN line,
   * naming the session it belongs to (a package/version pair puts the same session in two queues).
   */
  private readonly checkedOut = new Map<string, TrackedSession[]>();
  /** Sessions opened in the current second: the twin OUT line of a package/version pair joins one of them. */
  private openedThisSecond: TrackedSession[] = [];
  /** Sessions opened in the second just before this one: a package line's version line may come a second late. */
  private openedLastSecond: TrackedSession[] = [];
  /** The last event line of each user@host (per daemon): a late twin must be adjacent among that user@host's lines. */
  private readonly lastLineOf = new Map<string, number>();
  private pendingDenials: PendingDenial[] = [];

  // Start-ups.
  private startups = 0;
  private logOpensWithStartup = false;
  /** Vendor daemons started since the last lmgrd start-up (null when no lmgrd start-up was seen). */
  private daemonsStartedByLmgrd: Set<string> | null = null;
  /** A reread was announced and no event line has come since: a daemon's start line now is the reread's. */
  private rereadAnnounced = false;
  private rereads = 0;
  private readonly otherDaemonLines = new Map<string, number>();

  private sessionsOut: LogSession[] = [];
  private denialsOut: LogDenial[] = [];
  private rejectsOut: LogReject[] = [];

  /** The server's clock: times are read on it and kept as UTC. */
  private readonly clock: ZoneClock;

  constructor(options: { holeHours?: number; clock?: ZoneClock } = {}) {
    this.holeMs = (options.holeHours ?? 24) * HOUR_MS;
    this.clock = options.clock ?? zoneClock('UTC');
  }

  get dated(): boolean {
    return this.firstMs !== null;
  }

  push(text: string, lineNumber: number): void {
    this.lineCount++;
    const line = lineNumber === 1 ? text.replace(/^\uFEFF/, '') : text;
    const timed = parseTimedLine(line);
    if (!timed) {
      this.readUntimedLine(line, lineNumber);
      return;
    }
    const date = parseDateMarker(timed.message);
    const atMs = this.advanceClock(timed.secondOfDay, date, lineNumber);
    const event = parseEvent(timed.message);
    if (event !== null && timed.daemon.toLowerCase() !== AUTODESK_DAEMON) {
      // Another vendor's checkouts (a shared lmgrd serves several daemons): counted and named, not read.
      this.otherDaemonLines.set(timed.daemon, (this.otherDaemonLines.get(timed.daemon) ?? 0) + 1);
    } else if (event !== null) {
      this.rereadAnnounced = false;
      this.readEvent(event, timed.daemon, atMs, lineNumber, line);
    } else if (LMGRD_STARTUP.test(timed.message)) {
      this.rereadAnnounced = false;
      this.lmgrdStarted();
    } else if (REREAD.test(timed.message)) {
      if (!this.rereadAnnounced) this.rereads++;
      this.rereadAnnounced = true;
      this.noiseLines++;
    } else if (DAEMON_STARTUP.test(timed.message)) {
      // After "Rereading license file" a daemon's start line is the reread's: its checkouts carry on.
      if (!this.rereadAnnounced) this.daemonStarted(timed.daemon);
    } else if (date === null) {
      this.noiseLines++;
    }
  }

  end(): void {
    this.flushDenials();
    for (const s of this.openSessions) this.emitOpen(s, 'end_of_log');
    this.openSessions.clear();
    this.checkedOut.clear();
    this.openedThisSecond = [];
    this.openedLastSecond = [];
  }

  takeSessions(): LogSession[] {
    const out = this.sessionsOut;
    this.sessionsOut = [];
    return out;
  }

  /** Denials of the current second may still get their twin: they come out with a later take, or after end(). */
  takeDenials(): LogDenial[] {
    const out = this.denialsOut;
    this.denialsOut = [];
    return out;
  }

  takeRejects(): LogReject[] {
    const out = this.rejectsOut;
    this.rejectsOut = [];
    return out;
  }

  summary(): LogSummary {
    return {
      lines: this.lineCount,
      event_lines: this.eventLines,
      used_event_lines: this.usedEventLines,
      rejected_event_lines: this.eventLines - this.usedEventLines,
      noise_lines: this.noiseLines,
      first_ms: this.firstMs,
      last_ms: this.lastMs,
      restarts: this.startups - (this.logOpensWithStartup ? 1 : 0),
      rereads: this.rereads,
      other_daemon_lines: Object.fromEntries([...this.otherDaemonLines].sort(([a], [b]) => a.localeCompare(b))),
    };
  }

  // ------------------------------------------------------------------------------------------
  // Clock and coverage

  /** Dates a line from its time of day; returns null while no date is known. */
  private advanceClock(secondOfDay: number, dateMarker: number | null, lineNumber: number): number | null {
    if (dateMarker !== null) {
      this.dayStartMs = dateMarker;
    } else if (this.dayStartMs === null) {
      return null;
    } else if (secondOfDay < this.lastSecondOfDay - CLOCK_SETBACK_TOLERANCE_S) {
      this.dayStartMs += DAY_MS; // midnight roll-over
    }
    this.lastSecondOfDay = secondOfDay;
    const atMs = this.clock.toUtc(this.dayStartMs + secondOfDay * 1000, this.lastDatedMs);
    this.noteCoverage(atMs);
    if (atMs !== this.lastDatedMs) this.newSecond(this.lastDatedMs !== null && atMs - this.lastDatedMs === 1000);
    this.lastDatedMs = atMs;
    this.lastDatedLine = lineNumber;
    return atMs;
  }

  private noteCoverage(atMs: number): void {
    if (this.lastDatedMs !== null && atMs - this.lastDatedMs > this.holeMs) {
      this.holes.push({
        from_ms: this.lastDatedMs,
        to_ms: atMs,
        hours: (atMs - this.lastDatedMs) / HOUR_MS,
        after_line: this.lastDatedLine,
      });
    }
    this.firstMs = this.firstMs === null ? atMs : Math.min(this.firstMs, atMs);
    this.lastMs = this.lastMs === null ? atMs : Math.max(this.lastMs, atMs);
  }

  /**
   * Twins are written in the same second, now and then one second apart: once the second after is over, nothing more
   * can pair. `next`: the new second follows the last one directly.
   */
  private newSecond(next: boolean): void {
    this.openedLastSecond = next ? this.openedThisSecond : [];
    this.openedThisSecond = [];
    this.flushDenials();
  }

  // ------------------------------------------------------------------------------------------
  // Events

  /**
   * A line without a readable time: an event line whose time is missing or damaged (`12:49:3a9 (adskflex) OUT: ...`) is
   * rejected, so that every event line is accounted for; another daemon's is counted as that daemon's; the rest is noise.
   */
  private readUntimedLine(line: string, lineNumber: number): void {
    const m = /^\s*(?:[\d:.a-zA-Z]*\d[\d:.a-zA-Z]*\s+)?(?:\(([^()\s]+)\)\s*)?(.*)$/.exec(line);
    const daemon = m?.[1] ?? null;
    if (parseEvent((m?.[2] ?? line).trim()) === null) {
      this.noiseLines++;
    } else if (daemon !== null && daemon.toLowerCase() !== AUTODESK_DAEMON) {
      this.otherDaemonLines.set(daemon, (this.otherDaemonLines.get(daemon) ?? 0) + 1);
    } else {
      this.eventLines++;
      this.reject(lineNumber, REJECT.untimed, line);
    }
  }

  private readEvent(event: EventLine | string, daemon: string, atMs: number | null, lineNumber: number, text: string): void {
    this.eventLines++;
    if (atMs === null) return this.reject(lineNumber, REJECT.undated, text);
    if (typeof event === 'string') return this.reject(lineNumber, event, text);
    const code = splitFeature(event.feature);
    if (!code) return this.reject(lineNumber, REJECT.badFeature, text);
    const feature = { code: event.feature, plc: code.plc, version: code.version, part: partOf(code.kind) };
    const who = partKey(daemon, '', event.user, event.host);
    try {
      this.readFeatureEvent(event, feature, daemon, atMs, lineNumber, text);
    } finally {
      this.lastLineOf.set(who, lineNumber);
    }
  }

  private readFeatureEvent(event: EventLine, feature: FeatureRef, daemon: string, atMs: number, lineNumber: number, text: string): void {
    switch (event.type) {
      case 'OUT':
        this.checkOut(event, feature, daemon, atMs, lineNumber);
        return;
      case 'IN':
        if (!this.checkIn(event, daemon, atMs)) this.reject(lineNumber, REJECT.orphanCheckin, text);
        return;
      case 'DENIED':
      case 'UNSUPPORTED':
        this.deny(event, feature, daemon, atMs, lineNumber);
        return;
    }
  }

  private reject(line: number, reason: string, text: string): void {
    this.rejectsOut.push({ line, reason, text });
  }

  private checkOut(event: EventLine, feature: FeatureRef, daemon: string, atMs: number, lineNumber: number): void {
    this.usedEventLines++;
    const session = this.twinSessionFor(event, feature, daemon) ?? this.openSession(event, daemon, atMs, lineNumber);
    addFeature(session, feature);
    const key = partKey(daemon, feature.code, event.user, event.host);
    const queue = this.checkedOut.get(key);
    if (queue) queue.push(session);
    else this.checkedOut.set(key, [session]);
  }

  /** An open session of this user@host, opened this second, still missing this half of the package/version pair. */
  private twinSessionFor(event: EventLine, feature: FeatureRef, daemon: string): TrackedSession | null {
    const mine = (s: TrackedSession) => !s.closed && s.daemon === daemon && s.row.user === event.user && s.row.host === event.host && !hasPart(s, feature.part);
    // A second late only when nothing else of this user@host came between the two lines.
    const lastLine = this.lastLineOf.get(partKey(daemon, '', event.user, event.host));
    const late = this.openedLastSecond.filter((s) => mine(s) && s.row.line === lastLine);
    const candidates = [...this.openedThisSecond.filter(mine), ...late];
    // Prefer the twin naming the same product (two products started in one second via one Collection).
    const samePlc = candidates.find((s) => (feature.part === 'version' ? s.row.package_plc : s.row.plc) === feature.plc);
    return samePlc ?? candidates[0] ?? null;
  }

  private openSession(event: EventLine, daemon: string, atMs: number, lineNumber: number): TrackedSession {
    const session: TrackedSession = {
      row: {
        line: lineNumber,
        user: event.user,
        host: event.host,
        plc: '',
        version: null,
        feature: '',
        package_feature: null,
        package_plc: null,
        start_ms: atMs,
        end_ms: null,
        open_at: null,
        checkin_reason: null,
      },
      daemon,
      hasPackage: false,
      hasVersion: false,
      closed: false,
    };
    this.openSessions.add(session);
    this.openedThisSecond.push(session);
    return session;
  }

  /**
   * The IN line closes the oldest open checkout of this feature by this user@host. The IN line of the
   * other half of the pair is the twin: it finds its session already closed, and is used all the same.
   */
  private checkIn(event: EventLine, daemon: string, atMs: number): boolean {
    const key = partKey(daemon, event.feature, event.user, event.host);
    const queue = this.checkedOut.get(key);
    if (!queue) return false;
    const index = pickCheckIn(queue, atMs);
    const [session] = queue.splice(index, 1);
    if (queue.length === 0) this.checkedOut.delete(key);
    if (!session) return false;
    this.usedEventLines++;
    if (!session.closed) {
      session.closed = true;
      session.row.end_ms = atMs;
      this.openSessions.delete(session);
      this.sessionsOut.push(session.row);
    }
    if (session.row.checkin_reason === null && session.row.end_ms === atMs) session.row.checkin_reason = event.note;
    return true;
  }

  private deny(event: EventLine, feature: FeatureRef, daemon: string, atMs: number, lineNumber: number): void {
    this.usedEventLines++;
    const kind = event.type === 'DENIED' ? 'denied' : 'unsupported';
    const twin = this.pendingDenials.find(
      (p) =>
        p.daemon === daemon &&
        p.denial.kind === kind &&
        p.denial.user === event.user &&
        p.denial.host === event.host &&
        !hasPart(p, feature.part),
    );
    const pending: PendingDenial = twin ?? {
      denial: {
        line: lineNumber,
        kind,
        day: isoDay(atMs),
        at_ms: atMs,
        plc: feature.plc,
        feature: feature.code,
        user: event.user,
        host: event.host,
        reason: event.note ?? '',
      },
      daemon,
      hasPackage: false,
      hasVersion: false,
    };
    if (feature.part === 'version') {
      pending.hasVersion = true;
      pending.denial.plc = feature.plc;
      pending.denial.feature = feature.code;
    } else {
      pending.hasPackage = true;
    }
    if (!twin) this.pendingDenials.push(pending);
  }

  private flushDenials(): void {
    for (const p of this.pendingDenials) this.denialsOut.push(p.denial);
    this.pendingDenials = [];
  }

  // ------------------------------------------------------------------------------------------
  // Start-ups

  /** lmgrd started: the whole server restarted, so every checkout it held is gone. */
  private lmgrdStarted(): void {
    this.countStartup();
    this.daemonsStartedByLmgrd = new Set();
    this.closeOpenAtRestart(() => true);
  }

  /**
   * A vendor daemon started. Right after lmgrd's banner this is part of the same start-up; a second start of
   * the same daemon (lmgrd restarting it) is a restart of its own and ends that daemon's checkouts only.
   */
  private daemonStarted(daemon: string): void {
    if (this.daemonsStartedByLmgrd && !this.daemonsStartedByLmgrd.has(daemon)) {
      this.daemonsStartedByLmgrd.add(daemon);
    } else {
      this.countStartup();
    }
    this.closeOpenAtRestart((d) => d === daemon);
  }

  private countStartup(): void {
    if (this.startups === 0 && this.eventLines === 0) this.logOpensWithStartup = true;
    this.startups++;
  }

  private closeOpenAtRestart(isAffected: (daemon: string) => boolean): void {
    this.flushDenials();
    for (const s of this.openSessions) {
      if (!isAffected(s.daemon)) continue;
      this.emitOpen(s, 'restart');
      this.openSessions.delete(s);
    }
    for (const key of this.checkedOut.keys()) {
      if (isAffected(key.slice(0, key.indexOf('\t')))) this.checkedOut.delete(key);
    }
    this.openedThisSecond = this.openedThisSecond.filter((s) => !isAffected(s.daemon));
    this.openedLastSecond = this.openedLastSecond.filter((s) => !isAffected(s.daemon));
  }

  private emitOpen(session: TrackedSession, why: 'restart' | 'end_of_log'): void {
    session.closed = true;
    session.row.open_at = why;
    this.sessionsOut.push(session.row);
  }
}

function addFeature(session: TrackedSession, feature: FeatureRef): void {
  const row = session.row;
  if (feature.part === 'version') {
    session.hasVersion = true;
    row.plc = feature.plc;
    row.version = feature.version;
    row.feature = feature.code;
  } else {
    session.hasPackage = true;
    row.package_feature = feature.code;
    row.package_plc = feature.plc;
    if (!session.hasVersion) {
      row.plc = feature.plc;
      row.feature = feature.code;
    }
  }
}

/**
 * Which checked-out line an IN line ends, in order of preference: the twin of a session closed in this
 * very second; the oldest line of a session still open (FIFO); the oldest leftover twin of a closed session.
 */
function pickCheckIn(queue: readonly TrackedSession[], atMs: number): number {
  const twin = queue.findIndex((s) => s.closed && s.row.end_ms === atMs);
  if (twin >= 0) return twin;
  const open = queue.findIndex((s) => !s.closed);
  return open >= 0 ? open : 0;
}
