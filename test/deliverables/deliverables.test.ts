import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import type { Deliverables } from '../../src/deliverables/deliverables.ts';
import * as XLSX from '@e965/xlsx';
import { strFromU8, unzipSync } from 'fflate';
import { file, newEngine, sessionsCsv, useOn, type SessionFields } from '../helpers/engine.ts';
import type { DeliverableFile } from '../../src/deliverables/deliverables.ts';
import { RULE_IDS } from '../../src/rules/registry.ts';
import { PUBLIC_FLEX_RATES } from '../../src/settings/schema.ts';

/**
 * Window end 2 April 2026 (the last usage day), start 1 December 2025 (the first). Entitlements all year: Revit 2 seats,
 * AutoCAD 1. Seats (assigned 1 December 2025): Revit to ann (direct) and bob (group); AutoCAD to cid (default).
 * - ann uses Revit on 1 December only; bob never: both assigned more than 90 days before the end without use in the
 *   last 90 days (last use 1 December is 122 days before): dormant. cid uses AutoCAD on 2 April: active.
 * - Revit on 10 March: s1, s2, s3 (nothing assigned): unlicensed, 3 users; daily users 3 against S = 2: over by 1.
 *   N = max(3, 1) = 3 from the users: the unlicensed row is priced (3 x 2,985 and 3 x 3,300), the over-count row not.
 * - AutoCAD sessions for concurrency: a 09:00-11:00, b 10:00-12:00, c 11:00-13:00 on 10 March (c starts as a ends:
 *   not an overlap): peak 2; d 31 March 23:00 to 1 April 01:00; cid 2 April 09:00-10:00. Over S = 1 on 10 March (3 users):
 *   an over-count of 2, and a, b, c, d unlicensed (4 users): N = 4 from the users.
 *   March: users a, b, c, d = 4, usage days 4, peak 2. April: d (1 April) and cid = 2 users, 2 usage days; the level
 *   carried into 1 April is 1 (d), cid alone: peak 1.
 * - Revit seat usage row (day level, no times) for ann on 1 December: December has no peak. In March s1, s2 and s3
 *   each have a session from 09:00 to 10:00 on 10 March: peak 3.
 * The Usage Report's seat_assignment is read in lower case (direct, group, default).
 */
const SUBSCRIPTIONS = [
  'subscription_id,contract_number,offering_name,seat_quantity,start_date,end_date,autorenew_date,term',
  'S1,110001,Revit,2,2025-01-01,2026-12-31,2026-12-31,Annual',
  'S2,110002,AutoCAD,1,2025-01-01,2026-12-31,,3-Year',
].join('\n');
const USAGE_REPORT = [
  'email,offering_name,seat_assignment,assigned_date,unassigned_date',
  'ann@corp.com,Revit,Direct,2025-12-01,',
  'bob@corp.com,Revit,Group,2025-12-01,',
  'cid@corp.com,AutoCAD,Default,2025-12-01,',
].join('\n');
const SEAT_USAGE = ['Day used,Email,First name,Last name,Product,Team,access_option', '2025-12-01,ann@corp.com,Ann,Lee,Revit,Corp,Named User'].join('\n');
const at = (user: string, product: string, start: string, end: string): SessionFields => ({ ...useOn(user, product, start.slice(0, 10)), session_start: start, session_end: end });
const SESSIONS: SessionFields[] = [
  ...['s1', 's2', 's3'].map((u) => useOn(`${u}@corp.com`, 'Revit', '2026-03-10')),
  at('a@corp.com', 'AutoCAD', '2026-03-10T09:00:00Z', '2026-03-10T11:00:00Z'),
  at('b@corp.com', 'AutoCAD', '2026-03-10T10:00:00Z', '2026-03-10T12:00:00Z'),
  at('c@corp.com', 'AutoCAD', '2026-03-10T11:00:00Z', '2026-03-10T13:00:00Z'),
  at('d@corp.com', 'AutoCAD', '2026-03-31T23:00:00Z', '2026-04-01T01:00:00Z'),
  at('cid@corp.com', 'AutoCAD', '2026-04-02T09:00:00Z', '2026-04-02T10:00:00Z'),
];
const SETTINGS = {
  window: { months: 12 },
  prices: { token_price: 3, offerings: [{ offering: 'Revit', current_price: 2985, list_price: 3300 }, { offering: 'AutoCAD', current_price: 1955, list_price: 2255 }] },
};

let engine: Engine;
let d: Deliverables;
beforeAll(async () => {
  engine = newEngine();
  await engine.load([file('subs.csv', SUBSCRIPTIONS), file('usage.csv', USAGE_REPORT), file('seats.csv', SEAT_USAGE), file('sessions.csv', sessionsCsv(SESSIONS))]);
  d = (await engine.deliverables(SETTINGS)).deliverables;
});
afterAll(async () => {
  await engine.close();
});

/** The yearly saving a user's low-frequency finding gives its seat on Flex (the rule's own figure, tested in its file). */
function flexSavingOf(user: string): number | null {
  const finding = d.review.findings.find((f) => f.rule === 'low_frequency_user' && f.user_key === user);
  return finding && 'saving_per_year' in finding ? finding.saving_per_year : null;
}

describe('deliverables of a hand-worked estate', () => {
  it('lists each seat with its one action, group and default seats to be changed through the group', () => {
    expect(d.window).toMatchObject({ start: '2025-12-01', end: '2026-04-02' });
    expect(d.reclamation.map(({ user, offering, last_use, days_inactive, assignment_kind, action, how, saving_per_year }) => ({ user, offering, last_use, days_inactive, assignment_kind, action, how, saving_per_year }))).toEqual([
      { user: 'ann@corp.com', offering: 'Revit', last_use: '2025-12-01', days_inactive: 122, assignment_kind: 'direct', action: 'reclaim the seat', how: 'on the seat itself', saving_per_year: 2985 },
      { user: 'bob@corp.com', offering: 'Revit', last_use: 'never', days_inactive: null, assignment_kind: 'group', action: 'reclaim the seat', how: 'through the group membership', saving_per_year: 2985 },
      // cid's default AutoCAD seat is a Flex candidate (its low-frequency finding's own saving).
      { user: 'cid@corp.com', offering: 'AutoCAD', last_use: 'in use', days_inactive: null, assignment_kind: 'default', action: 'move to Flex', how: 'through the group membership (default assignment)', saving_per_year: flexSavingOf('cid@corp.com') },
    ]);
    // The action list's total is the savings total.
    expect(d.reclamation.reduce((n, r) => n + (r.saving_per_year ?? 0), 0)).toBeCloseTo(d.review.money.savings.total_per_year!, 2);
  });

  it('registers each gap once with its quantity, dates and the exposure on the side that gave N', () => {
    expect(d.gaps.map(({ gap_id, type, product, users_or_seats_short, first_day, last_day, exposure_current, exposure_list, owner, due_date }) => ({
      gap_id, type, product, users_or_seats_short, first_day, last_day, exposure_current, exposure_list, owner, due_date,
    }))).toEqual([
      { gap_id: 'G001', type: 'Unlicensed product access', product: 'AutoCAD', users_or_seats_short: 4, first_day: '2026-03-10', last_day: '2026-04-01', exposure_current: 7820, exposure_list: 9020, owner: '', due_date: '' },
      { gap_id: 'G002', type: 'Unlicensed product access', product: 'Revit', users_or_seats_short: 3, first_day: '2026-03-10', last_day: '2026-03-10', exposure_current: 8955, exposure_list: 9900, owner: '', due_date: '' },
      { gap_id: 'G003', type: 'Usage above licence count', product: 'AutoCAD', users_or_seats_short: 2, first_day: '2026-03-10', last_day: '2026-03-10', exposure_current: null, exposure_list: null, owner: '', due_date: '' },
      { gap_id: 'G004', type: 'Usage above licence count', product: 'Revit', users_or_seats_short: 1, first_day: '2026-03-10', last_day: '2026-03-10', exposure_current: null, exposure_list: null, owner: '', due_date: '' },
    ]);
    expect(d.gaps[1]!.evidence).toBe('3 users on 3 usage days without an assignment while Revit covered Revit: s1@corp.com, s2@corp.com, s3@corp.com');
  });

  it('reports per product and month the users, usage days and peak concurrency, with no person in it', () => {
    expect(d.self_report).toEqual([
      { product: 'AutoCAD', month: '2026-03', days_in_window: 31, distinct_users: 4, usage_days: 4, peak_concurrent: 2 },
      { product: 'AutoCAD', month: '2026-04', days_in_window: 2, distinct_users: 2, usage_days: 2, peak_concurrent: 1 },
      { product: 'Revit', month: '2025-12', days_in_window: 31, distinct_users: 1, usage_days: 1, peak_concurrent: null },
      { product: 'Revit', month: '2026-03', days_in_window: 31, distinct_users: 3, usage_days: 3, peak_concurrent: 3 },
    ]);
    expect(d.self_report_cover.period).toEqual({ start: '2025-12-01', end: '2026-04-02' });
    expect(JSON.stringify(d.self_report)).not.toMatch(/@/);
  });

  it('writes the brief with the exposure range and the savings in its opening paragraph', () => {
    // Seats short: AutoCAD 4 (users) + Revit 3 (users) = 7; cooperative = 4 x 1,955 + 3 x 2,985 = 16,775.
    expect(d.brief.exposure.seats_short).toBe(7);
    expect(d.brief.exposure.range?.low).toBe(16775);
    expect(d.brief.summary).toContain('cost US$16,775 if this review closes them now');
    // Savings: the two dormant Revit seats, 2 x 2,985 = 5,970, and cid's AutoCAD seat on Flex: one usage day in the
    // 123 days held, 365 / 123 days a year x 7 tokens (the shipped AutoCAD rate) x US$3 = 62.32, against 1,955:
    // 1,892.68. In all 7,862.68.
    expect(d.brief.summary).toContain('would save US$7,863 a year: dormant reclaim US$5,970, flex conversion US$1,893');
  });
});

describe('the renewal brief of an engagement', () => {
  it('names the client, the preparer and the date under its title, and the gaps by the rule\'s title', async () => {
    const { files } = await engine.deliverables({ ...SETTINGS, engagement: { client: 'Northwind Design', prepared_by: 'A. Consultant', review_date: '2026-11-15' } });
    const brief = files.find((f) => f.name === 'renewal-brief.md')!.content as string;
    expect(brief.split('\n').slice(0, 3)).toEqual([
      '# Renewal brief: Northwind Design',
      '',
      'Renewal brief · Prepared for Northwind Design by A. Consultant, 2026-11-15 · review window 2025-12-01 to 2026-04-02 · amounts in USD (US$).',
    ]);
    const gaps = brief.slice(brief.indexOf('## Compliance gaps'), brief.indexOf('## What the data cannot see'));
    expect(gaps).toContain('| Unlicensed product access | 2 |');
    expect(gaps).not.toMatch(/unlicensed_access|over_count|out_of_scope/);
  });
});

describe('client files for an engagement in pounds', () => {
  const KEY = '3c'.repeat(32);
  const ENGAGEMENT = { client: 'Northwind Design', prepared_by: 'A. Consultant', review_date: '2026-11-15', redaction_key: KEY };
  let files: DeliverableFile[];
  let gbp: Deliverables;
  beforeAll(async () => {
    ({ files, deliverables: gbp } = await engine.deliverables({ ...SETTINGS, prices: { ...SETTINGS.prices, currency: 'GBP' }, engagement: ENGAGEMENT }));
  });
  const text = (f: DeliverableFile) => (typeof f.content === 'string' ? f.content : workbookText(f.content));

  it('shows the client and pounds in every file, and never a dollar', () => {
    expect(files.map((f) => f.name)).toEqual(['reclamation-list.csv', 'gap-register.csv', 'renewal-brief.md', 'review.xlsx', 'self-report.csv', 'self-report-cover.md', 'review.json']);
    for (const f of files) {
      const t = text(f);
      // Only the citation of Autodesk's public Flex rates (a source, in its own words) may name dollars.
      const figures = t.replaceAll(PUBLIC_FLEX_RATES.source, '');
      expect({ file: f.name, client: t.includes('Northwind Design'), pound: t.includes('£'), dollar: /US\$|USD/.test(figures) }).toEqual({ file: f.name, client: true, pound: true, dollar: false });
    }
    // The money figures themselves: 2 Revit seats dormant at 2,985 a year each, as the action list's total says.
    const brief = text(files[2]!);
    expect(brief).toContain('- **Savings a year:** £');
    expect(text(files[0]!).split('\r\n')[2]).toContain('Saving per year (GBP)');
  });

  it('writes no rule id, enum, boolean or internal word into what a client reads', () => {
    // Rule ids that are also plain words (renewal) are left out: "at renewal" is English.
    const words = [...RULE_IDS.filter((id) => id.includes('_')), 'seed', 'named_user', 'full_and_lt', 'quantile_cont', 'true', 'false', 'null', 'undefined', 'NaN'];
    for (const f of files.filter((x) => x.name !== 'review.json')) {
      const t = text(f);
      const found = words.filter((w) => new RegExp(`(^|[^A-Za-z0-9_])${w}([^A-Za-z0-9_]|$)`).test(t));
      expect({ file: f.name, found }).toEqual({ file: f.name, found: [] });
    }
  });

  it('never writes the redaction key, not even in review.json or the settings sheet', () => {
    for (const f of files) expect({ file: f.name, key: text(f).includes(KEY) }).toEqual({ file: f.name, key: false });
    expect(gbp.review.settings.engagement.redaction_key).toBeNull();
  });

  it('gives per offering the contract, term, renewal date, and the spend today and after the recommendation', () => {
    const revit = gbp.brief.offerings.find((o) => o.offering === 'Revit')!;
    const autocad = gbp.brief.offerings.find((o) => o.offering === 'AutoCAD')!;
    // Revit: 2 seats at 2,985 today; 3 unlicensed users and no active holder: increase to 3 seats.
    expect(revit).toMatchObject({ contracts: '110001', terms: 'Annual', renewal_date: '2026-12-31', recommendation: 'increase', target_seats: 3, spend_current: 5970, spend_after: 8955 });
    // AutoCAD: 1 seat at 1,955; cid active plus a, b, c and d unlicensed: 5 seats, less cid's Flex saving (cid moves to Flex).
    // No auto-renew date: the end date is the renewal date.
    expect(autocad).toMatchObject({ contracts: '110002', terms: '3-Year', renewal_date: '2026-12-31', recommendation: 'increase', target_seats: 5, spend_current: 1955 });
    expect(autocad.spend_after).toBeCloseTo(5 * 1955 - flexSavingOf('cid@corp.com')!, 2);
    expect(gbp.brief.headline).toMatchObject({ spend_current: 5970 + 1955, actions: gbp.reclamation.length, gaps: gbp.gaps.length });
    const md = text(files[2]!);
    expect(md).toContain('| Revit | 110001 | Annual | 2026-12-31 | 2 | 2 | 0 |');
    expect(md).toContain('| Increase to 3 seats | £5,970 | £8,955 |');
  });

  it('opens the brief with an executive summary: exposure, savings, the largest actions and gaps', () => {
    const md = text(files[2]!);
    const summary = md.slice(md.indexOf('## Executive summary'), md.indexOf('## Offerings'));
    expect(summary).toContain(`- **Exposure if the gaps are found:** £${Math.round(gbp.review.money.exposure.range!.low).toLocaleString('en-GB')} to £`);
    expect(summary).toContain('### The five largest actions');
    // ann and bob (Revit, 2,985 each) save more than cid's Flex move.
    expect(gbp.brief.top_actions.map((a) => a.user)).toEqual(['ann@corp.com', 'bob@corp.com', 'cid@corp.com']);
    // The priced gaps first, largest first: Revit (3 x 2,985 = 8,955) before AutoCAD (4 x 1,955 = 7,820).
    expect(gbp.brief.top_gaps.map((g) => [g.product, g.exposure_current])).toEqual([['Revit', 8955], ['AutoCAD', 7820], ['AutoCAD', null], ['Revit', null]]);
  });

  it('writes a workbook an independent reader sees with date cells, currency formats, frozen headers and filters', () => {
    const bytes = files[3]!.content as Uint8Array;
    const book = XLSX.read(bytes, { type: 'array', cellDates: true, cellNF: true });
    expect(book.SheetNames).toEqual(['About', 'Action list', 'Gap register', 'Renewal brief', 'Self-report', 'Settings']);
    const actions = book.Sheets['Action list']!;
    // Row 2 is ann's seat: saving 2,985 in pounds, assigned 1 December 2025.
    expect(actions.A2).toMatchObject({ t: 's', v: 'ann@corp.com' });
    expect(actions.D2).toMatchObject({ t: 'n', v: 2985 });
    expect(String(actions.D2!.z)).toContain('£');
    expect(String(actions.D2!.z)).toContain('#,##0.00');
    expect(actions.G2!.t).toBe('d');
    expect((actions.G2!.v as Date).toISOString().slice(0, 10)).toBe('2025-12-01');
    // "never" in a date column stays text.
    expect(actions.F3).toMatchObject({ t: 's', v: 'never' });
    expect(actions['!autofilter']).toEqual({ ref: 'A1:K4' });
    const gaps = book.Sheets['Gap register']!;
    // G001: AutoCAD, used by a, b, c and d without a seat.
    expect(gaps.C2).toMatchObject({ t: 's', v: 'AutoCAD' });
    expect(gaps.D2).toMatchObject({ t: 'n', v: 4 });
    expect(gaps.D2!.z).toBe('#,##0');
    expect(gaps.G2!.t).toBe('d');
    // The frozen header row and the filters, read from the sheets' own XML.
    const zip = unzipSync(bytes);
    const sheetXml = (i: number) => strFromU8(zip[`xl/worksheets/sheet${i}.xml`]!);
    for (let i = 2; i <= 6; i++) {
      expect(sheetXml(i)).toMatch(/<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/);
      expect(sheetXml(i)).toMatch(/<autoFilter ref="A1:[A-Z]+\d+"\/>/);
    }
    // The settings as readable rows, not JSON.
    const settings = XLSX.utils.sheet_to_json<{ Setting: string; Value: unknown }>(book.Sheets.Settings!);
    expect(settings).toContainEqual({ Setting: 'Dormant after (days without use)', Value: 90 });
    expect(settings).toContainEqual({ Setting: 'Currency', Value: 'GBP' });
    expect(settings).toContainEqual({ Setting: 'Price of Revit (a seat a year)', Value: '£2,985 current, £3,300 list' });
    expect(settings.some((r) => String(r.Value).startsWith('{') || String(r.Value).startsWith('['))).toBe(false);
  });
});

/** Every cell of a workbook as text, with each number also as the reader formats it. */
function workbookText(bytes: Uint8Array): string {
  const book = XLSX.read(bytes, { type: 'array', cellNF: true });
  return book.SheetNames.map((n) => `${n}\n${XLSX.utils.sheet_to_csv(book.Sheets[n]!)}`).join('\n');
}
