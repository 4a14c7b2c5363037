/**
 * The planted cases of the demo estate, found by the real engine on every shipped demo file with the shipped
 * demo-settings.json: each case by its rule (asserted by the plan's user keys and dates), the boundary non-cases
 * not found, and every rule of the rulebook (1-12) with at least one finding.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import type { DemoPlan } from '../../src/demo/estate.ts';
import type { Review } from '../../src/money/money-review.ts';
import type { RuleId } from '../../src/rules/registry.ts';
import { parseSettings } from '../../src/settings/schema.ts';
import { demoEngine } from '../helpers/demo.ts';

const publicDemo = (name: string) => new URL(`../../public/demo/${name}`, import.meta.url);
const plan = JSON.parse(readFileSync(publicDemo('demo-plan.json'), 'utf8')) as DemoPlan;
const planted = plan.planted;

// Every shipped demo data file (plan.files), in the worker's shared engine.
let engine: Engine;
let review: Review;
beforeAll(async () => {
  engine = await demoEngine();
  const settings = parseSettings(JSON.parse(readFileSync(publicDemo(plan.files.settings), 'utf8')), plan.files.settings);
  review = await engine.review(settings);
});

// Findings of one rule, as plain records (each rule's finding type has its own fields).
type Row = Record<string, unknown>;
const findings = (rule: RuleId): Row[] => (review.rules.find((r) => r.rule === rule)?.findings ?? []) as unknown as Row[];
const byUser = (rule: RuleId, userKey: string): Row[] => findings(rule).filter((f) => f.user_key === userKey);

describe('the demo estate with its exports and settings', () => {
  it('loads every shipped demo file without a rejected row, in the planned window', async () => {
    const reports = await engine.ingestReports();
    expect(reports.map((r) => r.kind)).toEqual(['lrt_sessions', 'usage_report', 'subscriptions', 'seat_usage']);
    for (const report of reports) expect(report).toMatchObject({ status: 'loaded', rows_rejected: 0 });
    expect(review.window).toMatchObject({ start: planted.window.start, end: planted.window.end });
    // The exports plant cases on people of the roster: they add no user with usage beyond the session CSV's people.
    expect(review.overview.users).toBe(plan.organisation.usersWithUsage + plan.contractors.users + plan.acquisition.users);
  });

  it('has at least one finding for every rule of the rulebook (1-12)', () => {
    const rules: RuleId[] = [
      'dormant_user', 'low_frequency_user', 'single_product_collection', 'duplicate_access', 'contractor_access', 'unlicensed_access',
      'out_of_scope', 'over_count', 'usage_spike', 'new_domain', 'telemetry_gap', 'utilisation_depth', 'renewal',
    ];
    const empty = rules.filter((rule) => findings(rule).length === 0);
    expect(empty).toEqual([]);
  });

  it('rule 1: a last use exactly 90 days before the end is dormant, 89 days is not; never-used seats are dormant', () => {
    const { exactly90, notDormant89, neverUsed } = planted.dormant;
    expect(byUser('dormant_user', exactly90.userKey)).toEqual([
      expect.objectContaining({ offering: exactly90.offering, last_usage_day: exactly90.lastUse, days_inactive: exactly90.daysInactive, never_used: false }),
    ]);
    expect(byUser('dormant_user', notDormant89.userKey)).toEqual([]);
    expect(neverUsed.userKeys.length).toBeGreaterThan(0);
    for (const key of neverUsed.userKeys) {
      expect(byUser('dormant_user', key)).toEqual([expect.objectContaining({ offering: neverUsed.offering, never_used: true, last_usage_day: null })]);
    }
  });

  it('rule 2: just below 4 usage days a month is a Flex candidate, just above is not', () => {
    const { below, above } = planted.lowFrequency;
    expect(byUser('low_frequency_user', below.userKey)).toEqual([
      expect.objectContaining({
        offering: below.offering, active_from: below.assignedDate, active_days: below.activeDays, usage_days: below.usageDays, days_per_month: below.daysPerMonth,
      }),
    ]);
    expect(below.daysPerMonth).toBeLessThan(4);
    expect(above.daysPerMonth).toBeGreaterThanOrEqual(4);
    expect(byUser('low_frequency_user', above.userKey)).toEqual([]);
    expect(byUser('dormant_user', above.userKey)).toEqual([]);
  });

  it('rule 3: the single-product Collection user', () => {
    const c = planted.singleProductCollection;
    expect(byUser('single_product_collection', c.userKey)).toEqual([expect.objectContaining({ offering: c.offering, product: c.product })]);
  });

  it('rule 4: a standalone + Collection holder and an AutoCAD + AutoCAD LT holder', () => {
    const { collectionAndStandalone: cs, fullAndLt: lt } = planted.duplicate;
    expect(byUser('duplicate_access', cs.userKey)).toEqual([
      expect.objectContaining({ kind: 'collection_and_standalone', offering: cs.offering, redundant: cs.redundant, overlap_start: cs.overlapFrom, overlap_end: planted.window.end }),
    ]);
    expect(byUser('duplicate_access', lt.userKey)).toEqual([
      expect.objectContaining({ kind: 'full_and_lt', offering: lt.offering, redundant: lt.redundant, overlap_start: lt.overlapFrom, overlap_end: planted.window.end }),
    ]);
  });

  it('rule 5: contractors without an assignment are compliance findings, with one advisory', () => {
    const { withoutAssignment, withAssignment } = planted.contractors;
    expect(withoutAssignment.length).toBeGreaterThan(0);
    expect(withAssignment.length).toBeGreaterThan(0);
    for (const key of withoutAssignment) {
      expect(byUser('contractor_access', key), key).toEqual([expect.objectContaining({ severity: 'compliance', domain: plan.contractors.domain })]);
    }
    for (const key of withAssignment) {
      expect(byUser('contractor_access', key), key).toEqual([expect.objectContaining({ severity: 'advisory', days_without_cover: 0 })]);
    }
    // Corporate and acquired users are inside the corporate domains and ranges.
    expect(findings('contractor_access').every((f) => f.domain === plan.contractors.domain)).toBe(true);
  });

  it('rule 6: the user who kept working after the seat was removed, and the unassigned contractors', () => {
    const u = planted.unlicensed;
    const found = byUser('unlicensed_access', u.userKey).find((f) => f.product === u.product);
    expect(found).toMatchObject({ first_day: u.firstDay, last_day: u.lastDay });
    expect(u.firstDay >= u.unassignedDate).toBe(true);
    const contractorKeys = new Set(findings('unlicensed_access').map((f) => f.user_key));
    for (const key of planted.contractors.withoutAssignment) expect(contractorKeys.has(key), key).toBe(true);
    for (const key of planted.contractors.withAssignment) expect(contractorKeys.has(key), key).toBe(false);
  });

  it('rule 7: Maya, which no subscription covers', () => {
    const o = planted.outOfScope;
    const all = findings('out_of_scope');
    expect(all.map((f) => f.product)).toEqual([o.product]);
    expect(all[0]).toMatchObject({ reason: 'never_entitled', users: o.userKeys.length, user_keys: [...o.userKeys].sort(), first_day: o.firstDay, last_day: o.lastDay });
  });

  it('rule 8: AutoCAD LT used above its seat count, sustained', () => {
    const o = planted.overCount;
    const named = findings('over_count').filter((f) => f.kind === 'named_user');
    expect(named.map((f) => f.product)).toEqual([o.product]);
    expect(named[0]).toMatchObject({ seats_min: o.seats, seats_max: o.seats, sustained: true });
    expect(named[0]!.high_water_mark as number).toBeGreaterThan(o.seats);
  });

  it('rule 9: the spike week', () => {
    expect(findings('usage_spike')).toEqual([expect.objectContaining({ product: plan.spike.product, week_start: plan.spike.weekStart, week_end: plan.spike.weekEnd })]);
  });

  it('rule 10: the acquired domain, matched to the acquisition event', () => {
    const a = plan.acquisition;
    const found = findings('new_domain').find((f) => f.domain === a.domain);
    expect(found).toMatchObject({ event_name: a.name, event_date: a.date, users: a.users });
    expect((found!.first_seen as string) >= a.firstUseFrom && (found!.first_seen as string) <= a.firstUseTo).toBe(true);
    expect(found!.days_after_data_start as number).toBeGreaterThanOrEqual(28);
  });

  it('rule 11: the silent week as the only gap', () => {
    expect(findings('telemetry_gap')).toEqual([expect.objectContaining({ kind: 'no_usage', start: plan.telemetryGap.start, business_days: 5 })]);
  });

  it('rule 12: the planted seats in their utilisation-depth bands', () => {
    const bands = new Set(planted.utilisationDepth.map((c) => c.band));
    expect([...bands].sort()).toEqual(['monthly', 'never', 'occasional', 'rare', 'regular']);
    for (const { userKey, product, band } of planted.utilisationDepth) {
      const found = findings('utilisation_depth').find((f) => f.product === product) as { users: Record<string, string[]> } | undefined;
      expect(found?.users[band], `${product} ${band}: ${userKey}`).toContain(userKey);
    }
  });
});
