import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { openNodeRunner } from '../../src/db/open-node.ts';
import type { Runner } from '../../src/db/runner.ts';
import { suggestCorporateDomains, type ContractorAccessFinding } from '../../src/rules/contractor-access.ts';
import { file, sessionsCsv, useOn, type SessionFields } from '../helpers/engine.ts';

/** Window: 2026-03-31 to 2026-06-30 (end 2026-06-30, 3 months; the data starts 2026-01-02). */
const END = '2026-06-30';
const CORPORATE = { domains: ['corp.com'], cidrs: ['10.0.0.0/8', 'fd00::/8'] };

const ASSIGNMENTS = [
  'email,offering_name,seat_assignment,assigned_date,unassigned_date',
  'alice@corp.com,Revit,Direct,2025-01-01,',
  // Assigned on 5 May: the use on 4 May has no cover.
  'bob@contractor.io,Revit,Direct,2026-05-05,',
  // The AEC Collection covers both products carol uses.
  'carol@contractor.io,AEC Collection,Direct,2025-01-01,',
  'dave@corp.com,Revit,Direct,2025-01-01,',
  // Assigned, never used: counts for the domain suggestion only.
  'gina@corp.com,Revit,Direct,2025-01-01,',
].join('\n');

const use = (user: string, product: string, day: string, ip = '', email: string | null = user): SessionFields => ({
  ...useOn(user, product, day),
  user_email: email ?? '',
  ip_address: ip,
});

const SESSIONS = sessionsCsv([
  use('alice@corp.com', 'Revit', '2026-01-02', '10.0.0.1'),
  // Corporate domain, corporate IP, assigned: not flagged.
  use('alice@corp.com', 'Revit', '2026-05-04', '10.1.2.3'),
  // A subdomain of a corporate domain is corporate: not flagged even without an assignment.
  use('sub@eng.corp.com', 'AutoCAD', '2026-05-04', '10.9.9.9'),
  // Contractor, 4 May uncovered and 5 May covered: compliance.
  use('bob@contractor.io', 'Revit', '2026-05-04', '10.1.1.1'),
  use('bob@contractor.io', 'Revit', '2026-05-05', '10.1.1.1'),
  // Contractor with a covering assignment on every usage day: advisory.
  use('carol@contractor.io', 'Revit', '2026-05-10'),
  use('carol@contractor.io', 'AutoCAD', '2026-05-11'),
  // Corporate domain but one session from outside the ranges: flagged by IP, assigned: advisory.
  use('dave@corp.com', 'Revit', '2026-05-12', '203.0.113.7'),
  use('dave@corp.com', 'Revit', '2026-05-13', '10.0.0.8'),
  // IPv6: 2001:db8::1 is outside fd00::/8, fd00::5 inside; no assignment: compliance on both days.
  use('erin@corp.com', 'AutoCAD', '2026-05-14', '2001:db8::1'),
  use('erin@corp.com', 'AutoCAD', '2026-05-15', 'fd00::5'),
  // IPv6 inside fd00::/8, corporate domain: not flagged.
  use('frank@corp.com', 'AutoCAD', '2026-05-14', 'fd12:3456::1'),
  // No e-mail (a log-style user@host): not judged by domain, and no IP.
  use('jdoe@ws12', 'Revit', '2026-05-04', '', null),
  // A hashed id without e-mail, from an outside IP: judged by IP only; unassigned: compliance.
  use('9f86d081884c7d65', 'Revit', '2026-05-06', '198.51.100.9', null),
  // Contractor on Flex only: licensed by tokens, advisory.
  { ...use('flexy@contractor.io', 'AutoCAD', '2026-05-20'), licence_type: 'flex' },
  // Contractor whose only use precedes the window: nothing.
  use('old@contractor.io', 'Revit', '2026-02-01'),
]);

let runner: Runner;
let engine: Engine;
beforeAll(async () => {
  engine = new Engine(async () => (runner = await openNodeRunner()));
  const reports = await engine.load([file('usage-report.csv', ASSIGNMENTS), file('usage.csv', SESSIONS)]);
  expect(reports.map((r) => [r.kind, r.rows_loaded, r.rows_rejected])).toEqual([['usage_report', 5, 0], ['lrt_sessions', 16, 0]]);
});
afterAll(async () => {
  await engine.close();
});

async function result(corporate: { domains?: string[]; cidrs?: string[] } = CORPORATE) {
  const review = await engine.review({ window: { end: END, months: 3 }, corporate });
  expect(review.window!.start).toBe('2026-03-31');
  const rule = review.rules.find((r) => r.rule === 'contractor_access')!;
  return { ...rule, findings: rule.findings as ContractorAccessFinding[] };
}

const bob: ContractorAccessFinding = {
  rule: 'contractor_access', severity: 'compliance', user_key: 'bob@contractor.io', domain: 'contractor.io', flagged_by: ['domain'], outside_ips: [],
  usage_days: 2, first_day: '2026-05-04', last_day: '2026-05-05', days_without_cover: 1,
  first_day_without_cover: '2026-05-04', last_day_without_cover: '2026-05-04', products: ['Revit'], products_without_cover: ['Revit'],
};
const erin: ContractorAccessFinding = {
  rule: 'contractor_access', severity: 'compliance', user_key: 'erin@corp.com', domain: 'corp.com', flagged_by: ['ip'], outside_ips: ['2001:db8::1'],
  usage_days: 2, first_day: '2026-05-14', last_day: '2026-05-15', days_without_cover: 2,
  first_day_without_cover: '2026-05-14', last_day_without_cover: '2026-05-15', products: ['AutoCAD'], products_without_cover: ['AutoCAD'],
};
const hashed: ContractorAccessFinding = {
  rule: 'contractor_access', severity: 'compliance', user_key: '9f86d081884c7d65', domain: null, flagged_by: ['ip'], outside_ips: ['198.51.100.9'],
  usage_days: 1, first_day: '2026-05-06', last_day: '2026-05-06', days_without_cover: 1,
  first_day_without_cover: '2026-05-06', last_day_without_cover: '2026-05-06', products: ['Revit'], products_without_cover: ['Revit'],
};
const carol: ContractorAccessFinding = {
  rule: 'contractor_access', severity: 'advisory', user_key: 'carol@contractor.io', domain: 'contractor.io', flagged_by: ['domain'], outside_ips: [],
  usage_days: 2, first_day: '2026-05-10', last_day: '2026-05-11', days_without_cover: 0,
  first_day_without_cover: null, last_day_without_cover: null, products: ['AutoCAD', 'Revit'], products_without_cover: [],
};
const dave: ContractorAccessFinding = {
  rule: 'contractor_access', severity: 'advisory', user_key: 'dave@corp.com', domain: 'corp.com', flagged_by: ['ip'], outside_ips: ['203.0.113.7'],
  usage_days: 2, first_day: '2026-05-12', last_day: '2026-05-13', days_without_cover: 0,
  first_day_without_cover: null, last_day_without_cover: null, products: ['Revit'], products_without_cover: [],
};
const flexy: ContractorAccessFinding = {
  rule: 'contractor_access', severity: 'advisory', user_key: 'flexy@contractor.io', domain: 'contractor.io', flagged_by: ['domain'], outside_ips: [],
  usage_days: 1, first_day: '2026-05-20', last_day: '2026-05-20', days_without_cover: 0,
  first_day_without_cover: null, last_day_without_cover: null, products: ['AutoCAD'], products_without_cover: [],
};

describe('contractor_access', () => {
  it('flags outside domains and outside IPs (IPv4 and IPv6), compliance first, one finding per user', async () => {
    expect((await result()).findings).toEqual([hashed, bob, erin, carol, dave, flexy]);
  });

  it('flags a user both ways once, with both reasons', async () => {
    const both = await (async () => {
      const e = new Engine(openNodeRunner);
      try {
        await e.load([file('s.csv', sessionsCsv([use('zed@contractor.io', 'Revit', '2026-05-04', '203.0.113.8'), use('zed@contractor.io', 'Revit', '2026-05-05', '203.0.113.9')]))]);
        const review = await e.review({ window: { end: END, months: 3 }, corporate: CORPORATE });
        return review.rules.find((r) => r.rule === 'contractor_access')!.findings as ContractorAccessFinding[];
      } finally {
        await e.close();
      }
    })();
    expect(both).toEqual([
      {
        rule: 'contractor_access', severity: 'compliance', user_key: 'zed@contractor.io', domain: 'contractor.io', flagged_by: ['domain', 'ip'],
        outside_ips: ['203.0.113.8', '203.0.113.9'], usage_days: 2, first_day: '2026-05-04', last_day: '2026-05-05', days_without_cover: 2,
        first_day_without_cover: '2026-05-04', last_day_without_cover: '2026-05-05', products: ['Revit'], products_without_cover: ['Revit'],
      },
    ]);
  });

  it('judges by domain only when no CIDR is set, and by IP only when no domain is set', async () => {
    const byDomain = await result({ domains: ['corp.com'] });
    expect(byDomain.findings).toEqual([bob, carol, flexy]);
    expect(byDomain.definition).toContain('No corporate IP range is set');
    const byIp = await result({ cidrs: CORPORATE.cidrs });
    expect(byIp.findings).toEqual([hashed, erin, dave]);
    expect(byIp.definition).toContain('No corporate domain is set');
  });

  it('cannot run without a corporate domain or range: no findings, and the definition says so', async () => {
    const none = await result({});
    expect(none.findings).toEqual([]);
    expect(none.definition).toMatch(/^Cannot run: no corporate e-mail domain and no corporate IP range is set/);
    expect(none.settings).toEqual({ corporate_domains: null, corporate_cidrs: null });
  });

  it('states the settings in force and that users without an e-mail are not judged by domain', async () => {
    const r = await result();
    expect(r.settings).toEqual({ corporate_domains: 'corp.com', corporate_cidrs: '10.0.0.0/8, fd00::/8' });
    expect(r.definition).toContain('not corp.com nor a subdomain of one');
    expect(r.definition).toContain('Users without an e-mail (hashed ids, user@host of licence-server logs) are not judged by domain.');
  });

  it('suggests the domains of assigned users, most users first', async () => {
    // Assigned: alice, dave, gina @corp.com; bob, carol @contractor.io.
    expect(await suggestCorporateDomains(runner)).toEqual([
      { domain: 'corp.com', users: 3, share: 0.6 },
      { domain: 'contractor.io', users: 2, share: 0.4 },
    ]);
  });
});
