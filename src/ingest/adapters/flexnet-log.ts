import { UnreadableFileError } from '../decode.ts';
import { FlexnetLogParser, looksLikeFlexnetLog, type LogSummary } from '../formats/flexnet-log.ts';
import type { LineAdapter, LineMapper, Sink } from './adapter.ts';
import { KIND_LABELS } from '../kinds.ts';
import { offsetText, zoneClock } from '../../lib/time-zone.ts';

/**
 * FlexNet licence-server debug log (vendor daemon adskflex): network sessions, denials and coverage holes.
 * The logged user@host, lower-cased, is the user key (no e-mail exists there); the product is the
 * catalogue's name for its product line code (the code itself when the catalogue has none). The log's times are the
 * server's clock: they are stored as UTC through the file's time zone, each session keeping its offsets for export.
 */
export const flexnetLogAdapter: LineAdapter = {
  shape: 'lines',
  kind: 'flexnet_log',
  label: KIND_LABELS.flexnet_log,
  expects: 'a FlexNet licence-server debug log (lines such as " 8:44:36 (adskflex) OUT: ...")',
  primary: 'sessions',
  detect: looksLikeFlexnetLog,
  open(context): LineMapper {
    const clock = context.clock ?? zoneClock('UTC');
    const parser = new FlexnetLogParser({ clock });
    const utc = clock.zone !== 'UTC';
    const offsetsSeen = new Set<number>();
    const offset = (ms: number | null) => {
      if (!utc || ms === null) return null;
      const minutes = clock.offsetAt(ms);
      offsetsSeen.add(minutes);
      return minutes;
    };
    const drain = (sink: Sink) => {
      for (const s of parser.takeSessions()) {
        // user@host is the user's id (canonical format: "user@host for licence-server logs"), so that the
        // converted sessions load back as the same sessions.
        sink.add('sessions', s.line, {
          user_key: `${s.user}@${s.host}`.toLowerCase(), user_id: `${s.user}@${s.host}`, user_email: null, user_name: null,
          product: context.productForPlc(s.plc) ?? s.plc,
          product_line_code: s.plc, product_version: s.version, feature: s.feature, device_name: s.host, device_id: null, os: null,
          ip_address: null, network_domain: null, session_start: s.start_ms, session_end: s.end_ms,
          duration_minutes: s.end_ms === null ? null : (s.end_ms - s.start_ms) / 60_000, licence_type: 'network', tokens: null,
          source: 'flexnet_log', package_feature: s.package_feature, package_plc: s.package_plc, open_at: s.open_at, checkin_reason: s.checkin_reason,
          start_offset: offset(s.start_ms), end_offset: offset(s.end_ms),
        });
      }
      for (const d of parser.takeDenials()) {
        sink.add('denials', d.line, {
          kind: d.kind, denied_at: d.at_ms, day: d.day, product: context.productForPlc(d.plc) ?? d.plc, product_line_code: d.plc, feature: d.feature,
          user_key: `${d.user}@${d.host}`.toLowerCase(), device_name: d.host, reason: d.reason,
        });
      }
      for (const r of parser.takeRejects()) sink.reject({ line: r.line, column: null, value: r.text.slice(0, 200), reason: r.reason });
    };
    let lines = 0;
    return {
      line(text, lineNumber, sink) {
        parser.push(text, lineNumber);
        if (++lines % 10_000 === 0) drain(sink);
      },
      end(sink) {
        parser.end();
        const read = parser.summary();
        if (read.event_lines === 0 && Object.keys(read.other_daemon_lines).length > 0) {
          throw new UnreadableFileError(
            `${context.fileName} is ${vendorsOf(read)} licence-server log: LRT Review reads Autodesk's adskflex daemon, and this log has no line of it.`,
          );
        }
        if (!parser.dated) {
          throw new UnreadableFileError(
            `${context.fileName} has no date line (no TIMESTAMP or start-up line): expected a FlexNet debug log whose times can be placed on a day.`,
          );
        }
        drain(sink);
        for (const hole of parser.holes) {
          sink.add('log_holes', hole.after_line, { hole_start: hole.from_ms, hole_end: hole.to_ms, hours: hole.hours });
        }
      },
      counts() {
        const s = parser.summary();
        return { read: s.event_lines, loaded: s.used_event_lines, rejected: s.rejected_event_lines };
      },
      notes() {
        const s = parser.summary();
        const open = utc
          ? `Times are the licence server's clock in ${clock.zone}${offsetsSeen.size > 0 ? ` (UTC${[...offsetsSeen].sort((a, b) => a - b).map(offsetText).join(' and ')} in this log)` : ''}, stored as UTC.`
          : "Times are the licence server's clock, read as UTC: the log names no time zone; choose the server's if it is not UTC.";
        const others = Object.entries(s.other_daemon_lines);
        return [
          open,
          ...(s.restarts > 0 ? [`${s.restarts} server restart(s) in the log: checkouts open at a restart are kept and flagged.`] : []),
          ...(s.rereads > 0 ? [`${s.rereads} licence reread(s) (lmreread) in the log: the checkouts carried on through them.`] : []),
          ...(others.length > 0
            ? [`Lines of other vendors' daemons were counted and left out: ${others.map(([daemon, n]) => `${n} of ${vendorName(daemon)}`).join(', ')}.`]
            : []),
        ];
      },
    };
  },
};

/** Vendor daemons a shared licence server often runs beside Autodesk's, by the name FlexNet logs give them. */
const VENDORS: Record<string, string> = {
  mlm: 'MathWorks (MLM)',
  maplelmg: 'Maplesoft (maplelmg)',
  ugslmd: 'Siemens NX (ugslmd)',
  saltd: 'Siemens (saltd)',
  ansyslmd: 'Ansys (ansyslmd)',
  intel: 'Intel (INTEL)',
  cdslmd: 'Cadence (cdslmd)',
  snpslmd: 'Synopsys (snpslmd)',
  mgcld: 'Siemens EDA (mgcld)',
  ptc_d: 'PTC (ptc_d)',
  sw_d: 'SolidWorks (SW_D)',
  bentleyd: 'Bentley (bentleyd)',
  esri_lic: 'Esri (ESRI_LIC)',
};

/** "MathWorks (MLM)", or "the X daemon" for one this list does not name. */
function vendorName(daemon: string): string {
  return VENDORS[daemon.toLowerCase()] ?? `the ${daemon} daemon`;
}

/** "a MathWorks (MLM)", or "another vendor's (the X daemon)", or "other vendors' (A, B)". */
function vendorsOf(summary: LogSummary): string {
  const daemons = Object.keys(summary.other_daemon_lines);
  if (daemons.length > 1) return `other vendors' (${daemons.map(vendorName).join(', ')})`;
  const known = VENDORS[daemons[0]!.toLowerCase()];
  return known ? `a ${known}` : `another vendor's (${vendorName(daemons[0]!)})`;
}
