import { cents, moneyChange } from '../lib/amounts.ts';
import { countOf } from '../lib/wording.ts';
import { dayNumber } from '../lib/days.ts';
import { RULE_IDS, ruleOf, type Finding, type RuleId } from '../rules/registry.ts';
import type { ReviewWindow } from '../rules/rule.ts';
import type { ReviewSnapshot } from './snapshot.ts';

/**
 * What makes "the same finding" in two quarters' reviews: the fields each rule declares (rules/rule.ts, identity),
 * the fields that name the thing found, never the measures that move from quarter to quarter (days, counts, money,
 * severity, first and last days). As text: a JSON array of the rule and its identity fields, e.g.
 * `["dormant_user","ann@northwind-design.example","AEC Collection"]`. JSON keeps it unambiguous whatever the values hold.
 */
export function findingIdentity(f: Finding): string {
  const fields = ruleOf(f.rule)?.identity.fields ?? [];
  const record = f as unknown as Record<string, unknown>;
  return JSON.stringify([f.rule, ...fields.map((k) => record[k] ?? null)]);
}

/** An identity for people: its fields joined with " · " (the rule left out), e.g. "ann@northwind-design.example · AEC Collection". */
export function identityLabel(identity: string): string {
  try {
    const parts: unknown = JSON.parse(identity);
    if (Array.isArray(parts)) return parts.slice(1).map((p) => (p === null ? '—' : String(p))).join(' · ');
  } catch {
    // not an identity from findingIdentity: show it as it is
  }
  return identity;
}

export interface RuleComparison {
  rule: RuleId;
  title: string;
  /** Distinct identities in each snapshot (see compareSnapshots on repeats): previous = closed + persisting, current = new + persisting. */
  previous: number;
  current: number;
  new: number;
  closed: number;
  persisting: number;
  /** The identities (findingIdentity) found only now, only before, and in both; sorted. */
  new_keys: string[];
  closed_keys: string[];
  persisting_keys: string[];
}

export interface Change {
  previous: number | null;
  current: number | null;
  /** current - previous; null when either is unknown. */
  change: number | null;
}

export interface RangeChange {
  previous: { low: number; high: number } | null;
  current: { low: number; high: number } | null;
  /** Change on each end of the range; null when either range is unknown. */
  change: { low: number; high: number } | null;
}

export interface SnapshotComparison {
  /**
   * The change in one sentence, from the previous review's window end: "Since 2026-06-30: exposure +US$12,400 to
   * +US$30,000, 3 new findings, 2 closed, 148 persisting; savings a year -US$2,965." or "No change since 2026-06-30:
   * 148 findings persisting."
   */
  headline: string;
  previous: { created_at: string; window: ReviewWindow | null };
  current: { created_at: string; window: ReviewWindow | null };
  /** Every rule either snapshot holds, in rulebook order. */
  rules: RuleComparison[];
  totals: { new: number; closed: number; persisting: number };
  /**
   * The exposure headline (cooperative low to worst-case high, typical timings). A review with no gap at all
   * (seats_short 0) has an exposure of 0; one whose gaps are all unpriced has none (null).
   */
  exposure: RangeChange;
  /** Seats short over every gap, priced or not. */
  seats_short: Change;
  savings_per_year: Change;
  /** What to keep in mind reading the figures: different settings, overlapping windows, repeated identities. */
  notes: string[];
}


/** The exposure range as a figure: 0 when there is no gap, null when there are gaps but none is priced. */
function exposureOf(s: ReviewSnapshot): { low: number; high: number } | null {
  if (s.summary.exposure_range) return s.summary.exposure_range;
  return s.summary.seats_short === 0 ? { low: 0, high: 0 } : null;
}

function change(previous: number | null, current: number | null): Change {
  return { previous, current, change: previous === null || current === null ? null : cents(current - previous) };
}

/** Identities per rule, with how many findings repeated an identity already seen. */
function identities(findings: readonly Finding[]): Map<RuleId, { keys: Set<string>; repeats: number }> {
  const byRule = new Map<RuleId, { keys: Set<string>; repeats: number }>();
  for (const f of findings) {
    const entry = byRule.get(f.rule) ?? { keys: new Set<string>(), repeats: 0 };
    byRule.set(f.rule, entry);
    const key = findingIdentity(f);
    if (entry.keys.has(key)) entry.repeats++;
    else entry.keys.add(key);
  }
  return byRule;
}

/**
 * Last quarter's snapshot against this quarter's: per rule, which findings are new, closed (gone) and persisting
 * (same identity in both), and how exposure and savings moved.
 *
 * Counts are of distinct identities, not of findings: where one side holds two findings with the same identity (a
 * user with two assignments of the same offering, say), they count once, so that previous = closed + persisting and
 * current = new + persisting always hold. A note says when that happened.
 */
export function compareSnapshots(previous: ReviewSnapshot, current: ReviewSnapshot): SnapshotComparison {
  const before = identities(previous.findings);
  const now = identities(current.findings);
  const titles = new Map<RuleId, string>();
  for (const r of previous.summary.rules) titles.set(r.rule, r.title);
  for (const r of current.summary.rules) titles.set(r.rule, r.title);
  const present = new Set<RuleId>([...titles.keys(), ...before.keys(), ...now.keys()]);

  const notes: string[] = [];
  const rules = RULE_IDS.filter((rule) => present.has(rule)).map((rule): RuleComparison => {
    const was = before.get(rule)?.keys ?? new Set<string>();
    const is = now.get(rule)?.keys ?? new Set<string>();
    const new_keys = [...is].filter((k) => !was.has(k)).sort();
    const closed_keys = [...was].filter((k) => !is.has(k)).sort();
    const persisting_keys = [...is].filter((k) => was.has(k)).sort();
    const persisting = persisting_keys.length;
    const title = titles.get(rule) ?? rule;
    const repeats = [before.get(rule)?.repeats ?? 0, now.get(rule)?.repeats ?? 0];
    if (repeats[0]! + repeats[1]! > 0) {
      notes.push(`${title}: ${repeats[0]} of the previous review's findings and ${repeats[1]} of this review's repeat another finding's identity and are counted once`);
    }
    return { rule, title, previous: was.size, current: is.size, new: new_keys.length, closed: closed_keys.length, persisting, new_keys, closed_keys, persisting_keys };
  });

  const settingsNote = settingsDifferences(previous.settings, current.settings);
  if (settingsNote.length > 0) notes.unshift(`the two reviews used different settings: ${settingsNote.join('; ')}`);
  notes.push(...windowNotes(previous.window, current.window));
  if (previous.redacted && current.redacted && previous.key_check && current.key_check && previous.key_check !== current.key_check) {
    notes.unshift(
      'the two snapshots were redacted under different redaction keys: the same person has a different pseudonym in each, so findings that name a person show as closed and new; use the settings file (and its key) of the previous quarter',
    );
  }
  if (previous.redacted !== current.redacted) {
    notes.unshift(
      `the previous snapshot ${previous.redacted ? 'was' : 'was not'} redacted and this one ${current.redacted ? 'is' : 'is not'}: findings that name a person cannot match across the two, so they show as closed and new; compare two snapshots taken with the same redaction switch`,
    );
  }

  const exposureBefore = exposureOf(previous);
  const exposureNow = exposureOf(current);
  const totals = {
    new: rules.reduce((n, r) => n + r.new, 0),
    closed: rules.reduce((n, r) => n + r.closed, 0),
    persisting: rules.reduce((n, r) => n + r.persisting, 0),
  };
  const exposure: RangeChange = {
    previous: exposureBefore,
    current: exposureNow,
    change: exposureBefore && exposureNow ? { low: cents(exposureNow.low - exposureBefore.low), high: cents(exposureNow.high - exposureBefore.high) } : null,
  };
  const savings = change(previous.summary.savings_per_year, current.summary.savings_per_year);
  const since = previous.window?.end ?? previous.created_at.slice(0, 10);
  return {
    headline: headline(since, totals, exposure, savings, current.settings.prices.currency),
    previous: { created_at: previous.created_at, window: previous.window },
    current: { created_at: current.created_at, window: current.window },
    rules,
    totals,
    exposure,
    seats_short: change(previous.summary.seats_short, current.summary.seats_short),
    savings_per_year: savings,
    notes,
  };
}

function headline(since: string, totals: SnapshotComparison['totals'], exposure: RangeChange, savings: Change, currency: string): string {
  /** A change of money with its sign, in whole units: "+US$2,965", "-£400", "£0". */
  const signed = (amount: number) => moneyChange(amount, currency);
  const moved: string[] = [];
  const e = exposure.change;
  if (e && (Math.round(e.low) !== 0 || Math.round(e.high) !== 0)) moved.push(`exposure ${signed(e.low) === signed(e.high) ? signed(e.low) : `${signed(e.low)} to ${signed(e.high)}`}`);
  if (!e && (exposure.previous === null) !== (exposure.current === null)) moved.push(`exposure ${exposure.current === null ? 'no longer valued' : 'now valued'}`);
  if (totals.new > 0) moved.push(countOf(totals.new, 'new finding'));
  if (totals.closed > 0) moved.push(`${totals.closed.toLocaleString('en-US')} closed`);
  if (savings.change !== null && Math.round(savings.change) !== 0) moved.push(`savings a year ${signed(savings.change)}`);
  const persisting = `${countOf(totals.persisting, 'finding')} persisting`;
  return moved.length === 0 ? `No change since ${since}: ${persisting}.` : `Since ${since}: ${moved.join(', ')}; ${persisting}.`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A setting's value in a note: plain values as they are, lists and objects only as "changed". */
function shown(v: unknown): string | null {
  if (v === null || v === undefined) return 'none';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

/**
 * The settings that differ, one level into each section: "thresholds.dormant_days 90 -> 60", "prices.offerings changed".
 * The window end is left out: two quarters differ in it by design, and the window notes speak of the windows.
 */
export function settingsDifferences(previous: unknown, current: unknown): string[] {
  if (!isRecord(previous) || !isRecord(current)) return [];
  const out: string[] = [];
  const differs = (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b);
  const describe = (path: string, a: unknown, b: unknown) => {
    const [from, to] = [shown(a), shown(b)];
    out.push(from !== null && to !== null ? `${path} ${from} -> ${to}` : `${path} changed`);
  };
  for (const section of new Set([...Object.keys(previous), ...Object.keys(current)])) {
    const a = previous[section];
    const b = current[section];
    if (isRecord(a) && isRecord(b)) {
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
        if (section === 'window' && key === 'end') continue;
        // A secret is never written into a note; a different key is told by the snapshots' key checks.
        if (section === 'engagement' && key === 'redaction_key') continue;
        if (differs(a[key], b[key])) describe(`${section}.${key}`, a[key], b[key]);
      }
    } else if (differs(a, b)) {
      describe(section, a, b);
    }
  }
  return out;
}


function windowNotes(previous: ReviewWindow | null, current: ReviewWindow | null): string[] {
  if (!previous || !current) {
    const which = !previous && !current ? 'neither review has a window' : !previous ? 'the previous review has no window' : 'this review has no window';
    return [`${which} (no usage data): findings can be compared, periods cannot`];
  }
  const notes: string[] = [];
  if (current.end <= previous.end) {
    notes.push(`this review's window ends ${current.end}, not after the previous one's (${previous.end}): check that the snapshot loaded is the earlier quarter's`);
  }
  const start = Math.max(dayNumber(previous.start), dayNumber(current.start));
  const end = Math.min(dayNumber(previous.end), dayNumber(current.end));
  if (start <= end) {
    notes.push(
      `the windows overlap: ${previous.start} – ${previous.end} and ${current.start} – ${current.end} share ${end - start + 1} days, so what happened in those days can show in both reviews`,
    );
  }
  return notes;
}
