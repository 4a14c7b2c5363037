import { describe, expect, it } from 'vitest';
import { NO_FLEX_TOKENS } from '../../src/review/flex-tokens.ts';
import { flexSpend } from '../../src/money/flex-spend.ts';
import type { Review } from '../../src/money/money-review.ts';
import type { ReviewWindow } from '../../src/rules/rule.ts';
import type { TelemetryGapFinding } from '../../src/rules/telemetry-gap.ts';
import type { DormantUserFinding } from '../../src/rules/dormant-user.ts';
import type { UnlicensedAccessFinding } from '../../src/rules/unlicensed-access.ts';
import type { OverCountFinding } from '../../src/rules/over-count.ts';
import type { DuplicateAccessFinding } from '../../src/rules/duplicate-access.ts';
import type { ContractorAccessFinding } from '../../src/rules/contractor-access.ts';
import { ALL_RULES as RULES, RULE_IDS, type AnyRuleResult, type Finding } from '../../src/rules/registry.ts';
import { exposureReview } from '../../src/money/exposure-review.ts';
import { priceBookStatus } from '../../src/money/price-book-status.ts';
import { SAVING_TYPES, type SavingsReview } from '../../src/money/savings.ts';
import { DEFAULT_SETTINGS, parseSettings, type ReviewSettings } from '../../src/settings/schema.ts';
import { makeSnapshot, readSnapshot, SNAPSHOT_FORMAT, snapshotText, type ReviewSnapshot } from '../../src/deliverables/snapshot.ts';
import { compareSnapshots, findingIdentity, identityLabel, settingsDifferences } from '../../src/deliverables/snapshot-compare.ts';

// --- Findings written by hand, with every field their type has ----------------------------------------------------

function dormant(user_key: string, offering: string, days_inactive: number | null): DormantUserFinding {
  return {
    rule: 'dormant_user',
    user_key,
    offering,
    seat_assignment: 'direct',
    removable_individually: true,
    assigned_date: '2025-01-15',
    unassigned_date: null,
    last_usage_day: days_inactive === null ? null : '2026-01-02',
    last_usage_product: days_inactive === null ? null : 'Revit',
    never_used: days_inactive === null,
    days_inactive,
    days_assigned: 500,
    current_price: 2910,
    saving_per_year: 2910,
    price_note: null,
  };
}

function unlicensed(product: string, user_key: string, days: number): UnlicensedAccessFinding {
  return {
    rule: 'unlicensed_access',
    product,
    user_key,
    first_day: '2026-02-02',
    last_day: '2026-05-29',
    days,
    devices: ['WS-0142'],
    entitled_offerings: ['AEC Collection'],
    users_in_gap: 2,
    attributed_offering: product,
  };
}

function overCount(kind: OverCountFinding['kind'], product: string, high_water_mark: number): OverCountFinding {
  return {
    rule: 'over_count',
    kind,
    product,
    offerings: kind === 'named_user' ? [product] : null,
    days_judged: 365,
    high_water_mark,
    high_water_date: '2026-03-10',
    seats_at_high_water: 10,
    seats_min: 10,
    seats_max: 10,
    p95: high_water_mark - 1,
    average_daily_peak: 8.5,
    max_excess: high_water_mark - 10,
    days_over: 40,
    first_day_over: '2026-02-01',
    last_day_over: '2026-04-30',
    longest_run_days: 31,
    longest_run_start: '2026-03-01',
    longest_run_end: '2026-03-31',
    window_business_days: 261,
    sustained: true,
    sustained_by: 'run',
    denials: kind === 'network' ? 12 : null,
    denial_days: kind === 'network' ? 3 : null,
    peak_denials: kind === 'network' ? 6 : null,
    peak_denials_day: kind === 'network' ? '2026-03-10' : null,
  };
}

function flexDuplicate(user_key: string, product: string): DuplicateAccessFinding {
  return {
    rule: 'duplicate_access',
    kind: 'named_and_flex',
    user_key,
    offering: 'AEC Collection',
    redundant: 'Flex',
    redundant_seat_assignment: null,
    product,
    overlap_start: '2026-01-05',
    overlap_end: '2026-01-09',
    overlap_days: 5,
    flex_tokens: 50,
    saving: 150,
    saving_basis: 'window',
    price_note: null,
  };
}

function gap(kind: TelemetryGapFinding['kind'], start: string, file: string | null): TelemetryGapFinding {
  return kind === 'no_usage'
    ? { rule: 'telemetry_gap', kind, start, end: '2026-03-06', business_days: 5, hours: null, file }
    : { rule: 'telemetry_gap', kind, start, end: '2026-04-02T18:00:00Z', business_days: null, hours: 36, file };
}

function contractor(user_key: string, severity: ContractorAccessFinding['severity']): ContractorAccessFinding {
  return {
    rule: 'contractor_access',
    severity,
    user_key,
    domain: 'partner.example',
    flagged_by: ['domain'],
    outside_ips: [],
    usage_days: 12,
    first_day: '2026-01-12',
    last_day: '2026-05-20',
    days_without_cover: severity === 'compliance' ? 3 : 0,
    first_day_without_cover: severity === 'compliance' ? '2026-05-18' : null,
    last_day_without_cover: severity === 'compliance' ? '2026-05-20' : null,
    products: ['AutoCAD'],
    products_without_cover: severity === 'compliance' ? ['AutoCAD'] : [],
  };
}

/**
 * Two quarters, what changes between them known by construction:
 * - dormant_user: ann/AEC in both (persisting, her days inactive grow); bob/AutoCAD only before (closed); dan/Revit only
 *   now (new), reported twice (two assignments of one offering) and so counted once.
 * - unlicensed_access: AutoCAD/eve in both (persisting, more days now); Revit/fay closed; Civil 3D/gus new.
 * - over_count: named_user/Revit in both (persisting, higher now); network/AutoCAD closed; named_user/AutoCAD new
 *   (same product, other kind: another finding).
 * - duplicate_access: Flex beside the AEC Collection for ivy, Revit and AutoCAD before (two findings), Revit only now.
 * - telemetry_gap: the no-usage week of 2 March in both; a log-coverage hole new now.
 * - contractor_access: hal in both, advisory before and compliance now (still the same finding).
 */
const Q2: Finding[] = [
  dormant('ann@corp.example', 'AEC Collection', 120),
  dormant('bob@corp.example', 'AutoCAD', null),
  unlicensed('AutoCAD', 'eve@corp.example', 4),
  unlicensed('Revit', 'fay@corp.example', 2),
  overCount('named_user', 'Revit', 14),
  overCount('network', 'AutoCAD', 6),
  flexDuplicate('ivy@corp.example', 'Revit'),
  flexDuplicate('ivy@corp.example', 'AutoCAD'),
  gap('no_usage', '2026-03-02', null),
  contractor('hal@partner.example', 'advisory'),
];
const Q3: Finding[] = [
  dormant('ann@corp.example', 'AEC Collection', 212),
  dormant('dan@corp.example', 'Revit', 95),
  dormant('dan@corp.example', 'Revit', 95),
  unlicensed('AutoCAD', 'eve@corp.example', 9),
  unlicensed('Civil 3D', 'gus@corp.example', 1),
  overCount('named_user', 'Revit', 16),
  overCount('named_user', 'AutoCAD', 12),
  flexDuplicate('ivy@corp.example', 'Revit'),
  gap('no_usage', '2026-03-02', null),
  gap('log_coverage', '2026-04-01T06:00:00Z', 'lmgrd.log'),
  contractor('hal@partner.example', 'compliance'),
];

const WINDOW_Q2: ReviewWindow = { start: '2025-07-01', end: '2026-06-30', months: 12, requested_start: '2025-07-01', data_start: '2025-01-01', data_end: '2026-06-30' };
const WINDOW_Q3: ReviewWindow = { start: '2025-10-01', end: '2026-09-30', months: 12, requested_start: '2025-10-01', data_start: '2025-01-01', data_end: '2026-09-30' };

/** A review around the findings: every rule of the rulebook, its count and money, and the money headline given. */
function fakeReview(
  findings: Finding[],
  options: { window: ReviewWindow; settings: ReviewSettings; range: { low: number; high: number } | null; seats_short: number; savings: number | null },
): Review {
  const rules: AnyRuleResult[] = RULES.map((rule) => {
    const own = findings.filter((f) => f.rule === rule.id);
    const money = rule.money ? own.reduce((n, f) => n + (rule.money!(f) ?? 0), 0) : null;
    return { rule: rule.id, title: rule.title, group: rule.group, summary: { count: own.length, money, unpriced: 0 }, definition: 'by hand', settings: {}, findings: own };
  });
  const savings: SavingsReview = {
    lines: SAVING_TYPES.map(({ type, label, rule, typical_per_user }) => ({ type, label, rule, findings: 0, actionable: 0, unpriced: 0, per_year: type === 'dormant_reclaim' ? options.savings : null, per_actionable: null, typical_per_user })),
    total_per_year: options.savings,
    unpriced: 0,
  };
  return {
    settings: options.settings,
    window: options.window,
    overview: { users: 10, server_logins: 0, server_hosts: 0, products: 4, sessions: 100, usage_days: 80, hours: 300, first_day: options.window.data_start, last_day: options.window.data_end },
    weekly_users: [],
    daily_users: {
      days: [
        { product: 'Revit', day: options.window.end, users: 7, seats: 10 },
        { product: 'Revit', day: options.window.start, users: 0, seats: 10 },
        { product: 'AutoCAD', day: options.window.end, users: 3, seats: null },
      ],
      stats: [],
    },
    licence_servers: { first_day: null, last_day: null, products: [], days: [], holes: [], features: [], snapshots: [], logins: [] },
    flex: NO_FLEX_TOKENS,
    rules,
    actions: [],
    money: {
      price_book: priceBookStatus(options.settings),
      exposure: { ...exposureReview([], new Map(), options.settings), range: options.range, evidence_range: options.range && { low: options.range.low / 2, high: options.range.high / 2 }, seats_short: options.seats_short },
      savings,
      collection_holders: [],
      roster: { named_users: 10, collection_holders: 4 },
      benchmarks: [],
      flex_spend: flexSpend(NO_FLEX_TOKENS, options.settings),
    },
  };
}

const SETTINGS_Q2 = parseSettings({ window: { end: '2026-06-30' } });
const SETTINGS_Q3 = parseSettings({
  window: { end: '2026-09-30' },
  thresholds: { dormant_days: 60 },
  prices: { offerings: [{ offering: 'Revit', current_price: 2910 }] },
});

const reviewQ2 = fakeReview(Q2, { window: WINDOW_Q2, settings: SETTINGS_Q2, range: { low: 100_000, high: 400_000 }, seats_short: 10, savings: 50_000 });
const reviewQ3 = fakeReview(Q3, { window: WINDOW_Q3, settings: SETTINGS_Q3, range: null, seats_short: 0, savings: 42_500.5 });

/** Saved and read back as the consultant would: through the JSON text of the file. */
const roundTrip = (s: ReviewSnapshot, name: string) => readSnapshot(snapshotText(s), name);

describe('makeSnapshot and readSnapshot', () => {
  const now = new Date('2026-07-03T09:30:00Z');

  it('keeps the window, settings, rule summaries, money headline and every finding', () => {
    const snapshot = makeSnapshot(reviewQ2, { includeUsage: false, now });
    expect(snapshot).toMatchObject({ format: SNAPSHOT_FORMAT, version: 1, created_at: '2026-07-03T09:30:00.000Z', window: WINDOW_Q2, settings: SETTINGS_Q2 });
    expect(snapshot.summary.exposure_range).toEqual({ low: 100_000, high: 400_000 });
    expect(snapshot.summary.evidence_range).toEqual({ low: 50_000, high: 200_000 });
    expect(snapshot.summary.seats_short).toBe(10);
    expect(snapshot.summary.savings_per_year).toBe(50_000);
    expect(snapshot.summary.savings).toEqual(SAVING_TYPES.map(({ type }) => ({ type, per_year: type === 'dormant_reclaim' ? 50_000 : null })));
    expect(snapshot.summary.rules.find((r) => r.rule === 'dormant_user')).toEqual({ rule: 'dormant_user', title: RULES[0]!.title, count: 2, money: 5820, unpriced: 0 });
    expect(snapshot.summary.rules.map((r) => r.rule)).toEqual(RULES.map((r) => r.id));
    expect(snapshot.findings).toHaveLength(Q2.length);
    expect('usage' in snapshot).toBe(false);
  });

  it('round-trips through its JSON text unchanged', () => {
    for (const includeUsage of [false, true]) {
      const snapshot = makeSnapshot(reviewQ3, { includeUsage, now });
      expect(roundTrip(snapshot, 'q3.json')).toEqual(snapshot);
    }
  });

  it('adds usage only when asked: counts per product per day, days without use left out, nothing about a person', () => {
    const snapshot = makeSnapshot(reviewQ2, { includeUsage: true, now });
    expect(snapshot.usage).toEqual([
      { product: 'Revit', day: '2026-06-30', users: 7 },
      { product: 'AutoCAD', day: '2026-06-30', users: 3 },
    ]);
  });

  const good = () => JSON.parse(snapshotText(makeSnapshot(reviewQ2, { includeUsage: false, now }))) as Record<string, unknown>;
  const failure = (text: string, name = 'q2.json') => {
    try {
      readSnapshot(text, name);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('read without complaint');
  };

  it('names the file and what was expected when the file is not JSON', () => {
    expect(failure('{"format": "lrt-review-snapshot", ')).toBe('q2.json is not an LRT Review snapshot: expected a JSON document, and the file does not read as JSON.');
  });

  it('names the file and the format it expected for another JSON document', () => {
    expect(failure(JSON.stringify({ generated_by: 'LRT Review', findings: [] }), 'review.json')).toBe(
      'review.json is not an LRT Review snapshot: expected "format": "lrt-review-snapshot".',
    );
    expect(failure('[1, 2]')).toBe('q2.json is not an LRT Review snapshot: expected "format": "lrt-review-snapshot".');
  });

  it('names the version it reads', () => {
    expect(failure(JSON.stringify({ ...good(), version: 2 }))).toBe('q2.json is a snapshot this LRT Review cannot read: expected "version": 1, found 2.');
  });

  it('names a finding with an unknown rule and the rules it knows', () => {
    const doc = good();
    (doc['findings'] as unknown[]).splice(1, 0, { rule: 'ghost_rule', user_key: 'x@corp.example' });
    expect(failure(JSON.stringify(doc))).toBe(
      `q2.json is not a complete LRT Review snapshot: expected "findings[1].rule" to be one of ${RULE_IDS.join(', ')}, found "ghost_rule".`,
    );
  });

  it('names a missing field, a finding without its identity and bad settings, each in one sentence', () => {
    const noSummary = good();
    delete (noSummary['summary'] as Record<string, unknown>)['seats_short'];
    expect(failure(JSON.stringify(noSummary))).toBe('q2.json is not a complete LRT Review snapshot: expected "summary.seats_short" to be a number, found nothing.');

    const noUser = good();
    delete ((noUser['findings'] as unknown[])[0] as Record<string, unknown>)['user_key'];
    expect(failure(JSON.stringify(noUser))).toBe(
      'q2.json is not a complete LRT Review snapshot: expected "findings[0].user_key" to be a string (it identifies a dormant_user finding), found nothing.',
    );

    const badSettings = good();
    (badSettings['settings'] as { thresholds: Record<string, unknown> }).thresholds['dormant_days'] = 0;
    const message = failure(JSON.stringify(badSettings));
    expect(message).toMatch(/^q2\.json is not a complete LRT Review snapshot: expected valid review settings \(settings\.thresholds\.dormant_days: .+\)\.$/);
    for (const m of [message, failure('nope'), failure(JSON.stringify(noSummary))]) {
      expect(m).not.toMatch(/\n|ZodError|"code"|issues/);
    }
  });
});

describe('findingIdentity', () => {
  it('uses the identifying fields of each rule, not the measures', () => {
    expect(findingIdentity(dormant('ann@corp.example', 'AEC Collection', 120))).toBe(findingIdentity(dormant('ann@corp.example', 'AEC Collection', 212)));
    expect(findingIdentity(dormant('ann@corp.example', 'AEC Collection', 1))).toBe('["dormant_user","ann@corp.example","AEC Collection"]');
    expect(findingIdentity(contractor('hal@partner.example', 'advisory'))).toBe(findingIdentity(contractor('hal@partner.example', 'compliance')));
    expect(findingIdentity(overCount('named_user', 'AutoCAD', 5))).not.toBe(findingIdentity(overCount('network', 'AutoCAD', 5)));
    expect(findingIdentity(flexDuplicate('ivy@corp.example', 'Revit'))).not.toBe(findingIdentity(flexDuplicate('ivy@corp.example', 'AutoCAD')));
    expect(findingIdentity(gap('no_usage', '2026-03-02', null))).toBe('["telemetry_gap","no_usage","2026-03-02",null]');
    expect(identityLabel(findingIdentity(unlicensed('Civil 3D', 'gus@corp.example', 1)))).toBe('Civil 3D · gus@corp.example');
  });
});

describe('compareSnapshots on two hand-built quarters', () => {
  const previous = roundTrip(makeSnapshot(reviewQ2, { includeUsage: false, now: new Date('2026-07-03T09:30:00Z') }), 'q2.json');
  const current = roundTrip(makeSnapshot(reviewQ3, { includeUsage: true, now: new Date('2026-10-02T08:00:00Z') }), 'q3.json');
  const comparison = compareSnapshots(previous, current);
  const rule = (id: string) => comparison.rules.find((r) => r.rule === id)!;
  const counts = (id: string) => {
    const { previous: p, current: c, new: n, closed, persisting } = rule(id);
    return { previous: p, current: c, new: n, closed, persisting };
  };

  it('counts new, closed and persisting findings per rule', () => {
    expect(counts('dormant_user')).toEqual({ previous: 2, current: 2, new: 1, closed: 1, persisting: 1 });
    expect(rule('dormant_user').new_keys).toEqual(['["dormant_user","dan@corp.example","Revit"]']);
    expect(rule('dormant_user').closed_keys).toEqual(['["dormant_user","bob@corp.example","AutoCAD"]']);
    expect(counts('unlicensed_access')).toEqual({ previous: 2, current: 2, new: 1, closed: 1, persisting: 1 });
    expect(rule('unlicensed_access').new_keys).toEqual(['["unlicensed_access","Civil 3D","gus@corp.example"]']);
    expect(counts('over_count')).toEqual({ previous: 2, current: 2, new: 1, closed: 1, persisting: 1 });
    expect(rule('over_count').new_keys).toEqual(['["over_count","named_user","AutoCAD"]']);
    expect(rule('over_count').closed_keys).toEqual(['["over_count","network","AutoCAD"]']);
    expect(counts('duplicate_access')).toEqual({ previous: 2, current: 1, new: 0, closed: 1, persisting: 1 });
    expect(counts('telemetry_gap')).toEqual({ previous: 1, current: 2, new: 1, closed: 0, persisting: 1 });
    expect(counts('contractor_access')).toEqual({ previous: 1, current: 1, new: 0, closed: 0, persisting: 1 });
    expect(counts('out_of_scope')).toEqual({ previous: 0, current: 0, new: 0, closed: 0, persisting: 0 });
    expect(comparison.totals).toEqual({ new: 4, closed: 4, persisting: 6 });
  });

  it('lists every rule in rulebook order with its title', () => {
    expect(comparison.rules.map((r) => r.rule)).toEqual(RULES.map((r) => r.id));
    expect(comparison.rules.map((r) => r.title)).toEqual(RULES.map((r) => r.title));
  });

  it('says the change in one sentence and names the persisting findings too', () => {
    // Q2's window ended 2026-06-30 (WINDOW_Q2); exposure 100,000-400,000 to none, savings 50,000 to 42,500.50.
    expect(comparison.headline).toBe('Since 2026-06-30: exposure -US$100,000 to -US$400,000, 4 new findings, 4 closed, savings a year -US$7,500; 6 findings persisting.');
    expect(rule('dormant_user').persisting_keys).toEqual(['["dormant_user","ann@corp.example","AEC Collection"]']);
    expect(compareSnapshots(current, current).headline).toBe('No change since 2026-09-30: 10 findings persisting.');
  });

  it('gives the exposure and savings change: no gap now is an exposure of 0', () => {
    expect(comparison.exposure).toEqual({ previous: { low: 100_000, high: 400_000 }, current: { low: 0, high: 0 }, change: { low: -100_000, high: -400_000 } });
    expect(comparison.seats_short).toEqual({ previous: 10, current: 0, change: -10 });
    expect(comparison.savings_per_year).toEqual({ previous: 50_000, current: 42_500.5, change: -7_499.5 });
    expect(comparison.previous).toEqual({ created_at: '2026-07-03T09:30:00.000Z', window: WINDOW_Q2 });
    expect(comparison.current.window).toEqual(WINDOW_Q3);
  });

  it('has no exposure change when a side has gaps but none priced', () => {
    const unpriced = makeSnapshot(fakeReview(Q3, { window: WINDOW_Q3, settings: SETTINGS_Q3, range: null, seats_short: 3, savings: null }), { includeUsage: false });
    const c = compareSnapshots(previous, unpriced);
    expect(c.exposure).toEqual({ previous: { low: 100_000, high: 400_000 }, current: null, change: null });
    expect(c.savings_per_year).toEqual({ previous: 50_000, current: null, change: null });
  });

  it('notes the settings that differ (not the window end), the repeated identity and the overlapping windows', () => {
    expect(comparison.notes).toEqual([
      'the two reviews used different settings: thresholds.dormant_days 90 -> 60; prices.offerings changed',
      `${RULES[0]!.title}: 0 of the previous review's findings and 1 of this review's repeat another finding's identity and are counted once`,
      'the windows overlap: 2025-07-01 – 2026-06-30 and 2025-10-01 – 2026-09-30 share 273 days, so what happened in those days can show in both reviews',
    ]);
  });

  it('diffs the settings one level into each section', () => {
    expect(settingsDifferences(DEFAULT_SETTINGS, DEFAULT_SETTINGS)).toEqual([]);
    const changed = parseSettings({
      window: { end: '2026-01-31', months: 6 },
      thresholds: { dormant_days: 120, flex_margin: 0.2 },
      corporate: { domains: ['corp.example'] },
      events: [{ date: '2026-01-01', name: 'Merger' }],
    });
    expect(settingsDifferences(DEFAULT_SETTINGS, changed)).toEqual([
      'window.months 12 -> 6',
      'thresholds.dormant_days 90 -> 120',
      'thresholds.flex_margin 0.1 -> 0.2',
      'corporate.domains changed',
      'events changed',
    ]);
  });

  it('says nothing about settings or windows that do not differ or overlap, and warns of quarters in the wrong order', () => {
    const later = { ...current, settings: previous.settings, window: { ...WINDOW_Q3, start: '2026-07-01', end: '2026-09-30' }, findings: Q2 };
    expect(compareSnapshots(previous, later).notes).toEqual([]);
    expect(compareSnapshots(later, previous).notes).toEqual([
      "this review's window ends 2026-06-30, not after the previous one's (2026-09-30): check that the snapshot loaded is the earlier quarter's",
    ]);
  });
});
