import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import type { Deliverables } from '../../src/deliverables/deliverables.ts';
import type { RenewalFinding } from '../../src/rules/renewal.ts';
import type { UnlicensedAccessFinding } from '../../src/rules/unlicensed-access.ts';
import { file, newEngine, sessionsCsv, useOn } from '../helpers/engine.ts';

/*
 * Rulebook 15 on a hand-worked estate: AutoCAD is covered by its standalone offering and by two Collections.
 * Entitlements all year: AutoCAD 2 seats, AEC Collection 3 seats, Product Design & Manufacturing Collection 1 seat.
 * Seats at the window end: AutoCAD to a1 and a2 (0 idle), AEC Collection to c1 (2 idle), PDM Collection to nobody
 * (1 idle). Without any seat: u1 uses AutoCAD and Revit, u2 AutoCAD, u3 Inventor Professional.
 * - AutoCAD (u1, u2): the covering offering with the most idle seats is the AEC Collection (2 > 1 > 0).
 * - Revit (u1): the AEC Collection (2 idle); Revit alone has no entitlement.
 * - Inventor Professional (u3): the PDM Collection, the one covering offering with an idle seat.
 * So the AEC Collection counts u1 and u2 (u1 once, for two products), the PDM Collection u3, AutoCAD nobody.
 */
const END = '2026-06-30';
const mail = (u: string) => `${u}@corp.example`;

const SUBSCRIPTIONS = [
  'subscription_id,offering_name,seat_quantity,start_date,end_date',
  'S1,AutoCAD,2,2026-01-01,2026-12-31',
  'S2,AEC Collection,3,2026-01-01,2026-12-31',
  'S3,Product Design & Manufacturing Collection,1,2026-01-01,2026-12-31',
].join('\n');

const ASSIGNMENTS = [
  'email,offering_name,seat_assignment,assigned_date,unassigned_date',
  `${mail('a1')},AutoCAD,Direct,2026-01-01,`,
  `${mail('a2')},AutoCAD,Direct,2026-01-01,`,
  `${mail('c1')},AEC Collection,Direct,2026-01-01,`,
].join('\n');

const SESSIONS = sessionsCsv([
  useOn(mail('a1'), 'AutoCAD', '2026-04-01'),
  useOn(mail('a2'), 'AutoCAD', '2026-06-29'),
  useOn(mail('c1'), 'Revit', '2026-06-29'),
  useOn(mail('u1'), 'AutoCAD', '2026-05-04'),
  useOn(mail('u1'), 'Revit', '2026-05-05'),
  useOn(mail('u2'), 'AutoCAD', '2026-05-06'),
  useOn(mail('u3'), 'Inventor Professional', '2026-05-07'),
]);

let engine: Engine;
let d: Deliverables;
beforeAll(async () => {
  engine = newEngine();
  await engine.load([file('subscriptions.csv', SUBSCRIPTIONS), file('usage-report.csv', ASSIGNMENTS), file('sessions.csv', SESSIONS)]);
  d = (await engine.deliverables({ window: { end: END, months: 3 } })).deliverables;
});
afterAll(async () => {
  await engine.close();
});

const findings = <F>(rule: string) => d.review.findings.filter((f) => f.rule === rule) as unknown as F[];

describe('attributing unlicensed users (rulebook 15)', () => {
  it('attributes each user of each unlicensed product to one offering: most idle seats first', () => {
    const attributed = findings<UnlicensedAccessFinding>('unlicensed_access').map((f) => [f.user_key, f.product, f.attributed_offering]);
    expect(attributed).toEqual([
      [mail('u1'), 'AutoCAD', 'AEC Collection'],
      [mail('u2'), 'AutoCAD', 'AEC Collection'],
      [mail('u3'), 'Inventor Professional', 'Product Design & Manufacturing Collection'],
      [mail('u1'), 'Revit', 'AEC Collection'],
    ]);
  });

  it('counts each user under that offering only in the renewal brief, and the brief agrees with the gap register', () => {
    const renewal = new Map(findings<RenewalFinding>('renewal').map((f) => [f.offering, f]));
    expect(renewal.get('AEC Collection')!.attributed_users).toEqual([mail('u1'), mail('u2')]);
    expect(renewal.get('Product Design & Manufacturing Collection')!.attributed_users).toEqual([mail('u3')]);
    expect(renewal.get('AutoCAD')!.attributed_users).toEqual([]);
    // No user is counted under two offerings for one product, and every user in a gap is counted somewhere.
    const counted = [...renewal.values()].flatMap((f) => f.attributed_users);
    expect(new Set(counted)).toEqual(new Set([mail('u1'), mail('u2'), mail('u3')]));
    expect(counted).toHaveLength(3);

    // AutoCAD has no idle seat and no user attributed to it: it is not told to buy seats for them.
    expect(renewal.get('AutoCAD')!.recommendation).not.toBe('increase');
    expect(renewal.get('AutoCAD')!.reasons.join(' ')).not.toMatch(/unassigned user|without an assignment/);
    // The AEC Collection's two idle seats absorb its two users: assign before buying.
    expect(renewal.get('AEC Collection')!.recommendation).not.toBe('increase');
    expect(renewal.get('AEC Collection')!.reasons.join(' ')).toContain('assign 2 idle seats before buying more');

    // The gap register names the same offering for the same users.
    const register = new Map(d.gaps.filter((g) => g.type === 'Unlicensed product access').map((g) => [g.product, g.remediation]));
    expect(register.get('AutoCAD')).toContain(`Assign a seat of AEC Collection to 2 users (${mail('u1')}, ${mail('u2')})`);
    expect(register.get('Revit')).toContain(`Assign a seat of AEC Collection to 1 user (${mail('u1')})`);
    expect(register.get('Inventor Professional')).toContain(`Assign a seat of Product Design & Manufacturing Collection to 1 user (${mail('u3')})`);
  });
});
