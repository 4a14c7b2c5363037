import { z } from 'zod';
import { RULE_IDS, ruleOf, type Finding, type RuleId } from '../rules/registry.ts';
import type { Review } from '../money/money-review.ts';
import type { ReviewWindow, SavingType } from '../rules/rule.ts';
import { parseSettings, shareableSettings, type ReviewSettings } from '../settings/schema.ts';

/** The `format` every snapshot file states, so that another JSON document is never read as one. */
export const SNAPSHOT_FORMAT = 'lrt-review-snapshot';
export const SNAPSHOT_VERSION = 1;

export interface SnapshotRuleSummary {
  rule: RuleId;
  title: string;
  count: number;
  money: number | null;
  unpriced: number;
}

/** One product's named-user users on one day: a count, never a person. */
export interface SnapshotUsage {
  product: string;
  day: string;
  users: number;
}

/**
 * What a consultant keeps of one quarter's review to compare the next quarter's with: the window, the settings,
 * each rule's count and money, the exposure and savings headline, and every finding. No ingest report, no file names.
 */
export interface ReviewSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  /** When the snapshot was saved (ISO date-time, UTC). */
  created_at: string;
  /** Whether names, e-mails and devices were replaced by pseudonyms: two snapshots compare only when both are, or neither. */
  redacted: boolean;
  /**
   * On a redacted snapshot, a fingerprint of its redaction key (redact.ts, redactionKeyCheck): two snapshots whose
   * checks differ were redacted under different keys, so their people cannot match. The key itself is never saved.
   */
  key_check?: string | null;
  window: ReviewWindow | null;
  settings: ReviewSettings;
  summary: {
    rules: SnapshotRuleSummary[];
    /** money.exposure.range and evidence_range: null without a priced gap. */
    exposure_range: { low: number; high: number } | null;
    evidence_range: { low: number; high: number } | null;
    /** Seats short over every gap, priced or not (0: no gap at all). */
    seats_short: number;
    savings_per_year: number | null;
    savings: { type: SavingType; per_year: number | null }[];
  };
  findings: Finding[];
  /**
   * Only when asked for: named-user users per product per day of the window (review.daily_users), days without use
   * left out. Aggregate counts only: no user key, device or address.
   */
  usage?: SnapshotUsage[];
}

/** The snapshot of a review, ready for JSON.stringify. */
export function makeSnapshot(review: Review, options: { includeUsage: boolean; now?: Date; redacted?: boolean }): ReviewSnapshot {
  const { exposure, savings } = review.money;
  const snapshot: ReviewSnapshot = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    created_at: (options.now ?? new Date()).toISOString(),
    redacted: options.redacted ?? false,
    window: review.window ? { ...review.window } : null,
    settings: shareableSettings(review.settings),
    summary: {
      rules: review.rules.map(({ rule, title, summary }) => ({ rule, title, count: summary.count, money: summary.money, unpriced: summary.unpriced })),
      exposure_range: exposure.range ? { low: exposure.range.low, high: exposure.range.high } : null,
      evidence_range: exposure.evidence_range ? { low: exposure.evidence_range.low, high: exposure.evidence_range.high } : null,
      seats_short: exposure.seats_short,
      savings_per_year: savings.total_per_year,
      savings: savings.lines.map(({ type, per_year }) => ({ type, per_year })),
    },
    findings: review.rules.flatMap((r) => r.findings),
  };
  if (options.includeUsage) {
    // Pick the three aggregate fields by name: nothing else of the series (or of a person) can slip in.
    snapshot.usage = review.daily_users.days.filter((d) => d.users > 0).map(({ product, day, users }) => ({ product, day, users }));
  }
  return snapshot;
}

/** The snapshot as the file a consultant keeps. */
export function snapshotText(snapshot: ReviewSnapshot): string {
  return JSON.stringify(snapshot, null, 2) + '\n';
}

/** A file name that says which quarter it is: lrt-review-snapshot-<window end>.json. */
export function snapshotFileName(snapshot: ReviewSnapshot): string {
  return `${SNAPSHOT_FORMAT}-${snapshot.window?.end ?? snapshot.created_at.slice(0, 10)}.json`;
}

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const range = z.object({ low: z.number(), high: z.number() }).nullable();

const snapshotSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(SNAPSHOT_VERSION),
  created_at: z.iso.datetime({ offset: true, message: 'an ISO date-time such as 2026-11-01T09:30:00Z' }),
  redacted: z.boolean().default(false),
  key_check: z.string().nullable().optional(),
  window: z
    .object({ start: isoDay, end: isoDay, months: z.number(), requested_start: isoDay, data_start: isoDay, data_end: isoDay })
    .nullable(),
  // Checked as review settings below, where a bad one gets the settings' own message.
  settings: z.record(z.string(), z.unknown()),
  summary: z.object({
    rules: z.array(z.object({ rule: z.enum(RULE_IDS), title: z.string(), count: z.number().int().min(0), money: z.number().nullable(), unpriced: z.number().int().min(0) })),
    exposure_range: range,
    evidence_range: range,
    seats_short: z.number(),
    savings_per_year: z.number().nullable(),
    savings: z.array(z.object({ type: z.string(), per_year: z.number().nullable() })),
  }),
  // Findings are kept exactly as saved; only their rule (and the fields that identify them) is checked.
  findings: z.array(z.looseObject({ rule: z.enum(RULE_IDS) })),
  usage: z.array(z.object({ product: z.string(), day: isoDay, users: z.number().int().min(0) })).optional(),
});

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a saved snapshot. Throws one sentence naming the file and what was expected, such as
 * `q2.json is not an LRT Review snapshot: expected "format": "lrt-review-snapshot"`.
 */
export function readSnapshot(text: string, fileName: string): ReviewSnapshot {
  const failure = (what: string) => new Error(`${fileName} ${what}`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw failure('is not an LRT Review snapshot: expected a JSON document, and the file does not read as JSON.');
  }
  if (!isRecord(data) || data['format'] !== SNAPSHOT_FORMAT) {
    throw failure(`is not an LRT Review snapshot: expected "format": "${SNAPSHOT_FORMAT}".`);
  }
  if (data['version'] !== SNAPSHOT_VERSION) {
    throw failure(`is a snapshot this LRT Review cannot read: expected "version": ${SNAPSHOT_VERSION}, found ${describe(data['version'])}.`);
  }
  const parsed = snapshotSchema.safeParse(data);
  if (!parsed.success) {
    throw failure(`is not a complete LRT Review snapshot: ${expectation(parsed.error.issues[0]!, data)}.`);
  }
  const snapshot = parsed.data;

  snapshot.findings.forEach((finding, i) => {
    const identity = ruleOf(finding.rule)!.identity;
    for (const field of identity.fields as readonly string[]) {
      const value = (finding as Record<string, unknown>)[field];
      const nullable = (identity.nullable as readonly string[] | undefined)?.includes(field) ?? false;
      if (!(typeof value === 'string' || (nullable && value === null))) {
        throw failure(`is not a complete LRT Review snapshot: expected "findings[${i}].${field}" to be a string (it identifies a ${finding.rule} finding), found ${describe(value)}.`);
      }
    }
  });

  let settings: ReviewSettings;
  try {
    settings = parseSettings(snapshot.settings, 'settings');
  } catch (error) {
    // parseSettings says "settings: invalid review settings: <field>: <problem>; ...": keep the fields and problems.
    const message = error instanceof Error ? error.message : String(error);
    const problems = message
      .replace(/^settings: invalid review settings: /, '')
      .split('; ')
      .map((p) => (p.startsWith('(top level)') ? p.replace('(top level)', 'settings') : `settings.${p}`));
    throw failure(`is not a complete LRT Review snapshot: expected valid review settings (${problems.join('; ')}).`);
  }
  return { ...snapshot, settings, findings: snapshot.findings as unknown as Finding[] } as ReviewSnapshot;
}

/** "expected "summary.seats_short" to be a number, found nothing": the first problem, in the file's own terms. */
function expectation(issue: z.core.$ZodIssue, data: unknown): string {
  const path = issue.path.reduce<string>((p, key) => (typeof key === 'number' ? `${p}[${key}]` : p ? `${p}.${String(key)}` : String(key)), '');
  const found = describe(issue.path.reduce<unknown>((v, key) => (isRecord(v) || Array.isArray(v) ? (v as Record<PropertyKey, unknown>)[key] : undefined), data));
  switch (issue.code) {
    case 'invalid_type':
      return `expected "${path}" to be ${article(issue.expected)}, found ${found}`;
    case 'invalid_value':
      return `expected "${path}" to be one of ${issue.values.map((v) => String(v)).join(', ')}, found ${found}`;
    case 'too_small':
      return `expected "${path}" to be at least ${String(issue.minimum)}, found ${found}`;
    case 'too_big':
      return `expected "${path}" to be at most ${String(issue.maximum)}, found ${found}`;
    case 'invalid_format':
      return `expected "${path}" to be ${issue.message}, found ${found}`;
    default:
      return `expected a valid "${path || 'document'}" (${issue.message.toLowerCase()})`;
  }
}

function article(expected: string): string {
  if (expected === 'array') return 'a list';
  if (expected === 'object' || expected === 'record') return 'an object';
  if (expected === 'null') return 'null';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** A value as the sentence shows it: nothing, null, a short literal, or its kind. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return value.length <= 40 ? JSON.stringify(value) : 'a long text';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? 'a list' : 'an object';
}
