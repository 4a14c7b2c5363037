/**
 * A clock in an IANA time zone (Europe/Berlin), through the host's Intl: DuckDB-wasm has no ICU, so a licence
 * server's local times become UTC here, before they reach the database. "Wall time" is a local time written as if
 * it were UTC (Date.UTC of its fields), the form the log parsers produce.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Offsets change at most once in a few months, and always on a minute: one Intl reading serves a quarter hour. */
const BUCKET_MS = 15 * MINUTE_MS;
/** How far back a log's line may step without leaving a repeated hour's first pass (lines a little out of order). */
const OUT_OF_ORDER_MS = MINUTE_MS;

/** The zone's canonical name (`europe/berlin` → Europe/Berlin), or null when the host knows no such zone. */
export function timeZoneName(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Every zone the host knows, for a picker: UTC first. */
export function knownTimeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...zones.filter((z) => z !== 'UTC')];
}

/** "+01:00", "-03:30", "+00:00". */
export function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export interface ZoneClock {
  zone: string;
  /** Minutes east of UTC at an instant. */
  offsetAt(utcMs: number): number;
  /**
   * The instant a wall time names. A time the clock repeats (the hour after a change back) is its first
   * occurrence, unless that is before `notBefore` (a log already past it: its second occurrence). A time the clock
   * skips (the hour of a change forward) is read with the offset before the change, so 02:30 on a spring-forward
   * night is 03:30 after it: the choice ISO 8601 libraries call "compatible".
   */
  toUtc(wallMs: number, notBefore?: number | null): number;
}

const UTC_CLOCK: ZoneClock = { zone: 'UTC', offsetAt: () => 0, toUtc: (wallMs) => wallMs };

/** The clock of a zone the host knows (see timeZoneName); UTC needs no Intl at all. */
export function zoneClock(zone: string): ZoneClock {
  if (zone === 'UTC' || zone === 'Etc/UTC') return UTC_CLOCK;
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
  });
  const offsets = new Map<number, number>();
  const read = (utcMs: number): number => {
    const fields: Record<string, number> = {};
    for (const part of format.formatToParts(new Date(utcMs))) if (part.type !== 'literal') fields[part.type] = Number(part.value);
    const wall = Date.UTC(fields.year!, fields.month! - 1, fields.day!, fields.hour!, fields.minute!);
    return Math.round((wall - Math.floor(utcMs / MINUTE_MS) * MINUTE_MS) / MINUTE_MS);
  };
  const offsetAt = (utcMs: number): number => {
    const bucket = Math.floor(utcMs / BUCKET_MS);
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      offset = read(bucket * BUCKET_MS);
      offsets.set(bucket, offset);
    }
    return offset;
  };
  const toUtc = (wallMs: number, notBefore: number | null = null): number => {
    const before = offsetAt(wallMs - DAY_MS);
    const after = offsetAt(wallMs + DAY_MS);
    const early = wallMs - before * MINUTE_MS;
    if (before === after) return early;
    const late = wallMs - after * MINUTE_MS;
    const earlyFits = offsetAt(early) === before;
    const lateFits = offsetAt(late) === after;
    if (earlyFits && lateFits) {
      const [first, second] = early < late ? [early, late] : [late, early];
      return notBefore !== null && first < notBefore - OUT_OF_ORDER_MS ? second : first;
    }
    if (lateFits) return late;
    return early;
  };
  return { zone, offsetAt, toUtc };
}
