import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import type { NewDomainFinding } from '../../src/rules/new-domain.ts';
import { file, newEngine, sessionsCsv, useOn, type SessionFields } from '../helpers/engine.ts';

/**
 * The data starts on Monday 5 January 2026 (corp.com). Then, by domain, with users carrying an e-mail:
 * - gamma.com: 3 users from 1 February = 27 days after the data start: too early, not reported.
 * - delta.com: 3 users from 2 February = 28 days after: reported (the boundary is "at least").
 * - acme.com: 3 users from 2 March (AutoCAD and Revit): reported.
 * - beta.com: 2 users from 2 March: too few, not reported.
 * - zeta.com: 3 users from 30 June: reported, no event within 60 days.
 * - three users keyed x1@plotter.net... with no e-mail in any row (user_id only, as licence-server keys are): not judged.
 * Events: "Merger with Delta" 15 January, "Acme acquisition" 20 February, "Reorg" 14 March.
 * delta.com (2 February) lies 18 days after the merger and 18 days before the acquisition: the tie goes to the earlier event.
 * acme.com (2 March) lies 10 days after the acquisition and 12 days before the reorg: the acquisition.
 */
const withEmail = (user: string, product: string, day: string): SessionFields => ({ ...useOn(user, product, day), user_email: user });

const SESSIONS: SessionFields[] = [
  withEmail('alice@corp.com', 'AutoCAD', '2026-01-05'),
  withEmail('bob@corp.com', 'Revit', '2026-01-06'),
  ...[1, 2, 3].map((i) => withEmail(`g${i}@gamma.com`, 'AutoCAD', '2026-02-01')),
  ...[1, 2, 3].map((i) => withEmail(`d${i}@delta.com`, 'AutoCAD', i === 1 ? '2026-02-02' : '2026-02-10')),
  withEmail('a1@acme.com', 'Revit', '2026-03-02'),
  withEmail('a2@acme.com', 'AutoCAD', '2026-03-03'),
  withEmail('a3@acme.com', 'Revit', '2026-03-04'),
  withEmail('b1@beta.com', 'Revit', '2026-03-02'),
  withEmail('b2@beta.com', 'Revit', '2026-03-05'),
  ...[1, 2, 3].map((i) => withEmail(`z${i}@zeta.com`, 'Maya', '2026-06-30')),
  ...[1, 2, 3].map((i) => useOn(`x${i}@plotter.net`, 'AutoCAD', '2026-03-02')),
];

const EVENTS = [
  { date: '2026-02-20', name: 'Acme acquisition' },
  { date: '2026-01-15', name: 'Merger with Delta' },
  { date: '2026-03-14', name: 'Reorg' },
];

let engine: Engine;
beforeAll(async () => {
  engine = newEngine();
  await engine.load([file('sessions.csv', sessionsCsv(SESSIONS))]);
});
afterAll(async () => {
  await engine.close();
});

async function findings(thresholds: Record<string, number> = {}): Promise<NewDomainFinding[]> {
  const review = await engine.review({ window: { end: '2026-06-30', months: 12 }, events: EVENTS, thresholds });
  return review.rules.find((r) => r.rule === 'new_domain')!.findings as NewDomainFinding[];
}

describe('new_domain', () => {
  it('reports late domains with at least 3 users, each with its nearest event within 60 days', async () => {
    expect(await findings()).toEqual([
      {
        rule: 'new_domain', domain: 'delta.com', first_seen: '2026-02-02', days_after_data_start: 28, users: 3,
        user_keys: ['d1@delta.com', 'd2@delta.com', 'd3@delta.com'], products: ['AutoCAD'],
        event_name: 'Merger with Delta', event_date: '2026-01-15', days_from_event: 18,
      },
      {
        rule: 'new_domain', domain: 'acme.com', first_seen: '2026-03-02', days_after_data_start: 56, users: 3,
        user_keys: ['a1@acme.com', 'a2@acme.com', 'a3@acme.com'], products: ['AutoCAD', 'Revit'],
        event_name: 'Acme acquisition', event_date: '2026-02-20', days_from_event: 10,
      },
      {
        rule: 'new_domain', domain: 'zeta.com', first_seen: '2026-06-30', days_after_data_start: 176, users: 3,
        user_keys: ['z1@zeta.com', 'z2@zeta.com', 'z3@zeta.com'], products: ['Maya'],
        event_name: null, event_date: null, days_from_event: null,
      },
    ]);
  });

  it('leaves out a domain 27 days after the data start, a domain of 2 users and users without an e-mail', async () => {
    const domains = (await findings()).map((f) => f.domain);
    expect(domains).not.toContain('gamma.com');
    expect(domains).not.toContain('beta.com');
    expect(domains).not.toContain('plotter.net');
  });

  it('states the rule with the settings in force', async () => {
    const review = await engine.review({ window: { end: '2026-06-30', months: 12 }, events: EVENTS });
    const rule = review.rules.find((r) => r.rule === 'new_domain')!;
    expect(rule.settings).toEqual({ new_domain_after_days: 28, new_domain_min_users: 3, event_match_days: 60, events: 3 });
    expect(rule.definition).toContain('at least 28 days after the first usage day in the data, used in the window by at least 3 distinct users');
  });

  it('follows its settings', async () => {
    const found = await findings({ new_domain_min_users: 2, new_domain_after_days: 27, event_match_days: 5 });
    expect(found.map((f) => [f.domain, f.event_name])).toEqual([
      ['gamma.com', null],
      ['delta.com', null],
      ['acme.com', null],
      ['beta.com', null],
      ['zeta.com', null],
    ]);
  });

  it('judges only domains first seen inside the window', async () => {
    const review = await engine.review({ window: { end: '2026-03-31', months: 3 }, events: EVENTS });
    // The window starts on 1 January (clamped to the data start, 5 January): delta.com and acme.com only.
    expect(review.rules.find((r) => r.rule === 'new_domain')!.findings.map((f) => (f as NewDomainFinding).domain)).toEqual(['delta.com', 'acme.com']);
    const late = await engine.review({ window: { end: '2026-06-30', months: 3 }, events: EVENTS });
    // Window 31 March (30 June minus 3 months, plus a day) to 30 June: only zeta.com was first seen inside it.
    expect(late.window!.start).toBe('2026-03-31');
    expect(late.rules.find((r) => r.rule === 'new_domain')!.findings.map((f) => (f as NewDomainFinding).domain)).toEqual(['zeta.com']);
  });
});
