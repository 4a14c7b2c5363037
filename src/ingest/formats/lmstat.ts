import { AUTODESK_DAEMON, splitFeature } from './flexnet-log.ts';

/**
 * `lmutil lmstat -a` output, as licence-server admins capture it on a schedule: one snapshot or many in one file.
 * Per feature, the licences issued and in use at the snapshot's time; the issued count is the only place a network
 * licence's seat count appears. The holders' lines say who holds each licence, on which host, since when.
 */

export interface LmstatFeature {
  /** The line of the feature's `Users of` line. */
  line: number;
  server: string | null;
  feature: string;
  plc: string;
  issued: number;
  in_use: number;
  /** The snapshot's time as the header gives it (the server's clock), `YYYY-MM-DD HH:MM`; null before any header. */
  snapshot_at: string | null;
  /** The feature's expiry (`expiry: 31-mar-2027`) as a day, null when permanent or not given. */
  expiry: string | null;
  /** Who holds the licences in use: one entry per holder line. */
  holders: LmstatHolder[];
}

/** A holder line: `USER07 COMPUTER04 COMPUTER04 (v1.000) (server01/27000 4395), start Wed 3/30 9:12[, 2 licenses]`. */
export interface LmstatHolder {
  line: number;
  login: string;
  host: string;
  display: string;
  /** When the checkout began, `YYYY-MM-DD HH:MM` (the line gives no year: the snapshot's, or the year before for a later month and day). */
  since: string | null;
  licences: number;
}

export interface LmstatReject {
  line: number;
  reason: string;
  text: string;
}

const HEADER = /^\s*Flexible License Manager status on \w+ (\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})/;
const SERVER = /^\s*License server status: (\S+)/;
const USERS_OF = /^\s*Users of ([^:\s]+):\s*\(Total of (\d+) licenses? issued;\s*Total of (\d+) licenses? in use\)/;
const USERS_OF_ANY = /^\s*Users of ([^:\s]+):/;
const HOLDER = /^\s+(\S+) (\S+) (\S+)(?: \(v[\d.]+\))? \([^)]*\), start \w+ (\d{1,2})\/(\d{1,2}) (\d{1,2}):(\d{2})(?:, (\d+) licenses?)?/;
const VENDOR_LINE = /^\s*"([^"]+)" v[\d.]+, vendor: (\S+?),(?:.*\bexpiry: (\S+))?/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** True when the first lines are lmstat output: its header, or a `Users of` line with counts. */
export function looksLikeLmstat(firstLines: readonly string[]): boolean {
  return firstLines.some((l) => HEADER.test(l) || USERS_OF.test(l));
}

const pad = (n: number | string) => String(n).padStart(2, '0');

function expiryDay(text: string | undefined): string | null {
  const m = /^(\d{1,2})-([a-z]{3})-(\d{4})$/i.exec(text ?? '');
  if (!m) return null;
  const month = MONTHS.indexOf(m[2]!.toLowerCase());
  const year = Number(m[3]);
  // FlexNet writes a permanent licence as expiring in year 0 or "permanent".
  if (month < 0 || year < 1900) return null;
  return `${year}-${pad(month + 1)}-${pad(m[1]!)}`;
}

/** Reads lmstat output line by line. Features of other vendors and features whose code is not Autodesk's are left out, counted. */
export class LmstatParser {
  private server: string | null = null;
  private snapshotAt: string | null = null;
  private pending: LmstatFeature | null = null;
  private readonly out: LmstatFeature[] = [];
  private readonly rejects: LmstatReject[] = [];
  /** `Users of` lines read: kept + left out (other vendors) + rejected. */
  featureLines = 0;
  otherVendorFeatures = 0;
  rejected = 0;
  snapshots = 0;

  push(text: string, lineNumber: number): void {
    const header = HEADER.exec(text);
    if (header) {
      this.flush();
      const [, month, day, year, hour, minute] = header;
      this.snapshotAt = `${year}-${pad(month!)}-${pad(day!)} ${pad(hour!)}:${minute}`;
      this.server = null;
      this.snapshots++;
      return;
    }
    const server = SERVER.exec(text);
    if (server) {
      this.flush();
      this.server = server[1]!;
      return;
    }
    const vendor = VENDOR_LINE.exec(text);
    if (vendor && this.pending && vendor[1] === this.pending.feature) {
      if (vendor[2]!.toLowerCase() !== AUTODESK_DAEMON) {
        this.otherVendorFeatures++;
        this.pending = null;
      } else {
        this.pending.expiry = expiryDay(vendor[3]);
      }
      return;
    }
    const holder = HOLDER.exec(text);
    if (holder && this.pending) {
      const [, login, host, display, month, day, hour, minute, count] = holder;
      this.pending.holders.push({ line: lineNumber, login: login!, host: host!, display: display!, since: this.since(Number(month), Number(day), hour!, minute!), licences: Number(count ?? 1) });
      return;
    }
    if (!USERS_OF_ANY.test(text)) return;
    this.flush();
    this.featureLines++;
    const counts = USERS_OF.exec(text);
    if (!counts) {
      // "(Uncounted, node-locked)" or "(Error: ...)": no issued count to read.
      this.rejected++;
      this.rejects.push({ line: lineNumber, reason: 'no issued count: expected "(Total of N licenses issued; Total of M licenses in use)"', text });
      return;
    }
    const [, feature, issued, inUse] = counts;
    const code = splitFeature(feature!);
    if (!code) {
      this.otherVendorFeatures++;
      return;
    }
    this.pending = { line: lineNumber, server: this.server, feature: feature!, plc: code.plc, issued: Number(issued), in_use: Number(inUse), snapshot_at: this.snapshotAt, expiry: null, holders: [] };
  }

  /** A holder's start (month, day, time) in the snapshot's year, or the year before when it falls after the snapshot's day. */
  private since(month: number, day: number, hour: string, minute: string): string | null {
    if (this.snapshotAt === null) return null;
    const year = Number(this.snapshotAt.slice(0, 4));
    const monthDay = `${pad(month)}-${pad(day)}`;
    return `${monthDay > this.snapshotAt.slice(5, 10) ? year - 1 : year}-${monthDay} ${pad(hour)}:${minute}`;
  }

  private flush(): void {
    if (this.pending) this.out.push(this.pending);
    this.pending = null;
  }

  end(): void {
    this.flush();
  }

  takeFeatures(): LmstatFeature[] {
    return this.out.splice(0);
  }

  takeRejects(): LmstatReject[] {
    return this.rejects.splice(0);
  }
}
