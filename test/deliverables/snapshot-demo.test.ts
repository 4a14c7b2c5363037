import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import type { Finding } from '../../src/rules/registry.ts';
import { parseSettings } from '../../src/settings/schema.ts';
import { makeSnapshot, readSnapshot, snapshotText, type ReviewSnapshot } from '../../src/deliverables/snapshot.ts';
import { compareSnapshots, type SnapshotComparison } from '../../src/deliverables/snapshot-compare.ts';
import { DEMO_DATA_FILES, demoEngine } from '../helpers/demo.ts';

/** The files `npm run review -- --demo` loads (src/cli/review.ts, DEMO_FILES) and its settings. */
const DEMO_DIR = new URL('../../public/demo/', import.meta.url);
const DEMO_FILES = ['demo-estate.csv.gzip', 'demo-usage-report.csv', 'demo-subscriptions.csv', 'demo-seat-usage.csv'];
const DEMO_SETTINGS = JSON.parse(readFileSync(new URL('demo-settings.json', DEMO_DIR), 'utf8')) as Record<string, unknown>;

/** Two quarters of the demo estate: 12-month windows ending 1 August and 1 November 2026, otherwise the demo's settings. */
const quarter = (end: string) => parseSettings({ ...DEMO_SETTINGS, window: { ...(DEMO_SETTINGS['window'] as object | undefined), end, months: 12 } });

let engine: Engine;
let previous: ReviewSnapshot;
let current: ReviewSnapshot;
let comparison: SnapshotComparison;

beforeAll(async () => {
  // The worker's shared engine holds the demo's data files, loaded in this order.
  engine = await demoEngine();
  expect(DEMO_DATA_FILES).toEqual(DEMO_FILES);
  const reports = await engine.ingestReports();
  expect(reports.map((r) => r.status)).toEqual(DEMO_FILES.map(() => 'loaded'));
  // Each snapshot goes through its file's JSON text, as a consultant's would.
  previous = readSnapshot(snapshotText(makeSnapshot(await engine.review(quarter('2026-08-01')), { includeUsage: false })), 'demo-2026-08-01.json');
  current = readSnapshot(snapshotText(makeSnapshot(await engine.review(quarter('2026-11-01')), { includeUsage: true })), 'demo-2026-11-01.json');
  comparison = compareSnapshots(previous, current);
});

/** The test's own identity of a finding, for three rules, written without findingIdentity. */
function ownKey(f: Finding): string | null {
  switch (f.rule) {
    case 'dormant_user':
      return `${f.user_key}\t${f.offering}`;
    case 'unlicensed_access':
      return `${f.product}\t${f.user_key}`;
    case 'over_count':
      return `${f.kind}\t${f.product}`;
    default:
      return null;
  }
}

function ownCounts(rule: 'dormant_user' | 'unlicensed_access' | 'over_count') {
  const keys = (s: ReviewSnapshot) => new Set(s.findings.filter((f) => f.rule === rule).map((f) => ownKey(f)!));
  const before = keys(previous);
  const now = keys(current);
  return {
    previous: before.size,
    current: now.size,
    new: [...now].filter((k) => !before.has(k)).length,
    closed: [...before].filter((k) => !now.has(k)).length,
    persisting: [...now].filter((k) => before.has(k)).length,
  };
}

describe('quarter over quarter on the demo estate', () => {
  it('reviews the two quarters asked for', () => {
    expect(previous.window).toMatchObject({ start: '2025-08-02', end: '2026-08-01', months: 12 });
    expect(current.window).toMatchObject({ start: '2025-11-02', end: '2026-11-01', months: 12 });
  });

  it('agrees with an independent count for dormant users, unlicensed access and over-count', () => {
    for (const rule of ['dormant_user', 'unlicensed_access', 'over_count'] as const) {
      const { previous: p, current: c, new: n, closed, persisting } = comparison.rules.find((r) => r.rule === rule)!;
      expect({ rule, previous: p, current: c, new: n, closed, persisting }).toEqual({ rule, ...ownCounts(rule) });
    }
    // The demo's dormant users do move between the quarters: the check above is not of empty sets.
    const dormant = comparison.rules.find((r) => r.rule === 'dormant_user')!;
    expect(dormant.new).toBeGreaterThan(0);
    expect(dormant.persisting).toBeGreaterThan(0);
  });

  it('balances every rule: previous = closed + persisting and current = new + persisting', () => {
    expect(comparison.rules.length).toBeGreaterThan(0);
    for (const r of comparison.rules) {
      expect(r.previous, r.rule).toBe(r.closed + r.persisting);
      expect(r.current, r.rule).toBe(r.new + r.persisting);
      expect(r.new_keys).toHaveLength(r.new);
      expect(r.closed_keys).toHaveLength(r.closed);
    }
    const sum = (pick: (r: SnapshotComparison['rules'][number]) => number) => comparison.rules.reduce((n, r) => n + pick(r), 0);
    expect(comparison.totals).toEqual({ new: sum((r) => r.new), closed: sum((r) => r.closed), persisting: sum((r) => r.persisting) });
  });

  it('counts each rule no higher than its findings, and equal where no identity repeats', () => {
    for (const r of comparison.rules) {
      const count = (s: ReviewSnapshot) => s.summary.rules.find((x) => x.rule === r.rule)?.count ?? 0;
      expect(r.previous).toBeLessThanOrEqual(count(previous));
      expect(r.current).toBeLessThanOrEqual(count(current));
    }
    if (!comparison.notes.some((n) => n.includes('counted once'))) {
      for (const r of comparison.rules) expect(r.current).toBe(current.summary.rules.find((x) => x.rule === r.rule)!.count);
    }
  });

  it('gives the exposure and savings changes from the two headlines', () => {
    const { exposure, savings_per_year } = comparison;
    expect(exposure.previous).toEqual(previous.summary.exposure_range);
    expect(exposure.current).toEqual(current.summary.exposure_range);
    expect(exposure.change!.low).toBeCloseTo(current.summary.exposure_range!.low - previous.summary.exposure_range!.low, 2);
    expect(exposure.change!.high).toBeCloseTo(current.summary.exposure_range!.high - previous.summary.exposure_range!.high, 2);
    expect(savings_per_year.change!).toBeCloseTo(current.summary.savings_per_year! - previous.summary.savings_per_year!, 2);
  });

  it('notes the overlapping windows and no settings difference', () => {
    expect(comparison.notes).toContain(
      'the windows overlap: 2025-08-02 – 2026-08-01 and 2025-11-02 – 2026-11-01 share 273 days, so what happened in those days can show in both reviews',
    );
    expect(comparison.notes.some((n) => n.startsWith('the two reviews used different settings'))).toBe(false);
  });

  it('keeps usage as counts per product per day, with no user in it', () => {
    expect(previous.usage).toBeUndefined();
    expect(current.usage!.length).toBeGreaterThan(0);
    for (const row of current.usage!) expect(Object.keys(row).sort()).toEqual(['day', 'product', 'users']);
    expect(JSON.stringify(current.usage)).not.toContain('@');
  });
});
