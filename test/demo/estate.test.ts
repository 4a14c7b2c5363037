/**
 * The demo estate: deterministic, shipped copy in sync with the generator, and every
 * planted story visible in the CSV. Checks count from the CSV text itself and take
 * their expectations from the plan, not from the generator's internals.
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { generateDemoEstate } from '../../src/demo/estate.ts';

const HEADER =
  'user_id,user_email,user_name,product,product_line_code,product_version,feature,device_name,device_id,os,ip_address,network_domain,session_start,session_end,duration_minutes,licence_type,tokens,source';
const DAY_MS = 86_400_000;
const publicDemo = (name: string) => fileURLToPath(new URL(`../../public/demo/${name}`, import.meta.url));

const { csv, plan, exports } = generateDemoEstate();
const columns = HEADER.split(',');
const lines = csv.split('\n');

type Row = Record<string, string>;
const rows: Row[] = lines
  .slice(1)
  .filter((line) => line.length > 0)
  .map((line) => {
    const values = line.split(',');
    return Object.fromEntries(columns.map((c, i) => [c, values[i] ?? ''])) as Row;
  });

const field = (row: Row, column: string): string => row[column] ?? '';
const dayOf = (row: Row) => field(row, 'session_start').slice(0, 10);
const dayNumber = (isoDay: string) => Date.parse(`${isoDay}T00:00:00Z`) / DAY_MS;
const isoDay = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const domainOf = (row: Row) => field(row, 'user_email').split('@')[1] ?? '';
/** Monday of the ISO week holding the day. */
const weekOf = (day: string) => {
  const n = dayNumber(day);
  const mondayOffset = (new Date(n * DAY_MS).getUTCDay() + 6) % 7;
  return isoDay(n - mondayOffset);
};

function distinct(values: Iterable<string>): Set<string> {
  return new Set(values);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Distinct users per Monday-start week for one product, with 0 for weeks without rows. */
function weeklyUsers(productLineCode: string): Map<string, number> {
  const users = new Map<string, Set<string>>();
  for (const row of rows) {
    if (field(row, 'product_line_code') !== productLineCode) continue;
    const week = weekOf(dayOf(row));
    let set = users.get(week);
    if (!set) users.set(week, (set = new Set()));
    set.add(field(row, 'user_email'));
  }
  const counts = new Map<string, number>();
  for (let n = dayNumber(plan.period.start); n <= dayNumber(plan.period.end); n += 7) {
    const week = isoDay(n);
    counts.set(week, users.get(week)?.size ?? 0);
  }
  return counts;
}

/** The week's count against the median of the weeks before it, as the review's spike rule reads it. */
function spikeCheck(counts: Map<string, number>, week: string, baselineWeeks: number) {
  const before: number[] = [];
  for (let k = 1; k <= baselineWeeks; k++) before.push(counts.get(isoDay(dayNumber(week) - 7 * k)) ?? 0);
  const count = counts.get(week) ?? 0;
  const baseline = median(before);
  return { count, baseline, isSpike: count >= 1.5 * baseline && count - baseline >= 5 };
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z$/;
const productsByCode = new Map(plan.products.map((p) => [p.productLineCode, p]));

/** What is wrong with one row, by the format rules; empty when the row is fine. */
function rowProblems(row: Row): string[] {
  const start = field(row, 'session_start');
  const end = field(row, 'session_end');
  const duration = Number(field(row, 'duration_minutes'));
  const code = field(row, 'product_line_code');
  const version = field(row, 'product_version');
  const product = productsByCode.get(code);
  const checks: [string, boolean][] = [
    ['timestamp format', TIMESTAMP.test(start) && TIMESTAMP.test(end)],
    ['end is start + duration', Date.parse(end) - Date.parse(start) === duration * 60_000],
    ['duration 20-480 whole minutes', Number.isInteger(duration) && duration >= 20 && duration <= 480],
    ['same day', end.slice(0, 10) === start.slice(0, 10)],
    ['within 07:00-19:00 UTC', start.slice(11, 16) >= '07:00' && end.slice(11, 16) <= '19:00'],
    ['known product and version', product?.name === field(row, 'product') && (product?.versions.includes(version) ?? false)],
    ['feature is code_version', field(row, 'feature') === `${code}_${version}`],
    ['licence type', ['named_user', 'flex', 'network'].includes(field(row, 'licence_type'))],
    ['tokens only on flex rows', (field(row, 'licence_type') === 'flex') === (field(row, 'tokens') !== '')],
    ['user_id', /^[A-Z0-9]{12}$/.test(field(row, 'user_id'))],
    ['lower-case email', /^[a-z0-9.]+@[a-z0-9.-]+$/.test(field(row, 'user_email'))],
    ['device id', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(field(row, 'device_id'))],
    ['source', field(row, 'source') === 'demo'],
  ];
  return checks.filter(([, ok]) => !ok).map(([label]) => label);
}

describe('demo estate generator', () => {
  it('is deterministic for a seed and differs for another seed', () => {
    const again = generateDemoEstate();
    expect(again.csv === csv).toBe(true);
    expect(again.plan).toEqual(plan);
    const other = generateDemoEstate(plan.seed + 1);
    expect(other.csv === csv).toBe(false);
  });

  it('matches the shipped public/demo files byte for byte', () => {
    const shipped = gunzipSync(readFileSync(publicDemo('demo-estate.csv.gzip'))).toString('utf8');
    expect(shipped.length).toBe(csv.length);
    expect(shipped === csv).toBe(true);
    expect(readFileSync(publicDemo('demo-plan.json'), 'utf8')).toBe(`${JSON.stringify(plan, null, 2)}\n`);
    expect(statSync(publicDemo('demo-estate.csv.gzip')).size).toBeLessThanOrEqual(4 * 1024 * 1024);
  });

  it('ships the Autodesk Account exports and the settings exactly as the generator writes them', () => {
    expect(readFileSync(publicDemo(plan.files.usageReport), 'utf8') === exports.usageReport).toBe(true);
    expect(readFileSync(publicDemo(plan.files.subscriptions), 'utf8')).toBe(exports.subscriptions);
    expect(readFileSync(publicDemo(plan.files.seatUsage), 'utf8') === exports.seatUsage).toBe(true);
    expect(readFileSync(publicDemo(plan.files.settings), 'utf8')).toBe(exports.settings);
    expect(plan.files.sessions).toBe('demo-estate.csv.gzip');
    const total = Object.values(plan.files).reduce((sum, name) => sum + statSync(publicDemo(name)).size, 0) + statSync(publicDemo('demo-plan.json')).size;
    expect(total).toBeLessThanOrEqual(5 * 1024 * 1024);
  });

  it('writes the exports in their real formats', () => {
    expect(exports.usageReport.split('\n')[0]).toBe(
      'hashed_autodesk_id,first_name,last_name,email,autodesk_id,team_alias,group,offering_name,version,seat_assignment,assigned_date,unassigned_date,user_activity,days_inactive,access_option,days_used,monthly_average,tokens_used,last_accessed',
    );
    expect(exports.subscriptions.split('\n')[0]).toBe(
      'subscription_id,contract_number,offering_name,seat_quantity,start_date,end_date,autorenew_date,term,subscription_status,reseller_name,reseller_email,team_alias',
    );
    expect(exports.subscriptions).toContain(',Unlimited Seats,');
    const seats = new Set(exports.usageReport.split('\n').slice(1).filter((line) => line.length > 0).map((line) => line.split(',')[9]));
    expect([...seats].sort()).toEqual(['', 'Default', 'Direct', 'Group']);
    expect(exports.usageReport.split('\n').some((line) => /,\d{4}-\d{2}-\d{2},\d{4}-\d{2}-\d{2},(Active|Inactive),/.test(line))).toBe(true);
    expect(exports.usageReport.split('\n').some((line) => line.includes(',Named User,0,0.00,0,'))).toBe(true);
    expect(exports.usageReport.includes('"') || exports.subscriptions.includes('"') || exports.seatUsage.includes('"')).toBe(false);
  });

  it('writes the canonical LRT session CSV without any quoting', () => {
    expect(lines[0]).toBe(HEADER);
    expect(csv.endsWith('\n')).toBe(true);
    expect(csv.includes('"')).toBe(false);
    expect(rows.length).toBeGreaterThanOrEqual(100_000);
    expect(rows.length).toBeLessThanOrEqual(200_000);

    const fieldCounts = distinct(lines.slice(1, -1).map((line) => String(line.split(',').length)));
    expect([...fieldCounts]).toEqual([String(columns.length)]);
    const problems = rows.flatMap((row) =>
      rowProblems(row).map((problem) => `${problem}: ${field(row, 'session_start')} ${field(row, 'user_email')}`),
    );
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('charges flex tokens once per user, product and day', () => {
    const rates = new Map(plan.products.map((p) => [p.productLineCode, String(p.flexTokensPerDay)]));
    const charged = new Map<string, number>();
    for (const row of rows.filter((r) => field(r, 'licence_type') === 'flex')) {
      const key = `${field(row, 'user_id')}|${field(row, 'product_line_code')}|${dayOf(row)}`;
      const tokens = field(row, 'tokens');
      expect(tokens === '0' || tokens === rates.get(field(row, 'product_line_code'))).toBe(true);
      if (tokens !== '0') charged.set(key, (charged.get(key) ?? 0) + 1);
      else expect(charged.has(key)).toBe(true);
    }
    expect(charged.size).toBeGreaterThan(0);
    expect([...charged.values()].every((n) => n === 1)).toBe(true);
  });

  it('keeps each identity stable: one id and one name per email, unique names', () => {
    const identityByEmail = new Map<string, string>();
    const emailById = new Map<string, string>();
    const conflicts: string[] = [];
    for (const row of rows) {
      const email = field(row, 'user_email');
      const id = field(row, 'user_id');
      const identity = `${id} ${field(row, 'user_name')}`;
      if ((identityByEmail.get(email) ?? identity) !== identity) conflicts.push(`${email}: ${identity}`);
      if ((emailById.get(id) ?? email) !== email) conflicts.push(`${id}: ${email}`);
      identityByEmail.set(email, identity);
      emailById.set(id, email);
    }
    expect(conflicts.slice(0, 10)).toEqual([]);
    const names = distinct(rows.map((r) => field(r, 'user_name')));
    expect(names.size).toBe(identityByEmail.size);
  });

  it('has about 1,000 corporate users, with dormant ones and the planned licence types', () => {
    const corporate = rows.filter((r) => domainOf(r) === plan.organisation.domain);
    const users = distinct(corporate.map((r) => field(r, 'user_email')));
    expect(users.size).toBeGreaterThanOrEqual(950);
    expect(users.size).toBeLessThanOrEqual(1100);
    expect(users.size).toBe(plan.organisation.usersWithUsage);
    expect(corporate.every((r) => field(r, 'network_domain') === plan.organisation.networkDomain)).toBe(true);
    expect(corporate.every((r) => /^(10\.20\.\d+\.\d+|fd00:20::[0-9a-f]+)$/.test(field(r, 'ip_address')))).toBe(true);
    expect(corporate.some((r) => field(r, 'ip_address').startsWith('fd00:20::'))).toBe(true);

    const lastUse = new Map<string, string>();
    for (const row of corporate) {
      const day = dayOf(row);
      if ((lastUse.get(field(row, 'user_email')) ?? '') < day) lastUse.set(field(row, 'user_email'), day);
    }
    const stale = [...lastUse.values()].filter(
      (day) => dayNumber(plan.period.end) - dayNumber(day) >= plan.organisation.dormantStopDaysBeforeEnd.min,
    );
    expect(stale.length).toBeGreaterThanOrEqual(plan.organisation.profiles.dormant);
    expect(stale.length).toBeLessThan(plan.organisation.profiles.dormant * 1.5);

    for (const type of ['flex', 'network'] as const) {
      const typed = distinct(corporate.filter((r) => field(r, 'licence_type') === type).map((r) => field(r, 'user_email')));
      expect(typed.size).toBe(plan.organisation.licenceTypes[type]);
    }
  });

  it('spans the whole period, mostly on weekdays', () => {
    const days = rows.map(dayOf).sort();
    const first = days[0] ?? '';
    const last = days[days.length - 1] ?? '';
    expect(first >= plan.period.start && last <= plan.period.end).toBe(true);
    expect(dayNumber(last) - dayNumber(first)).toBeGreaterThanOrEqual(540);
    const weekend = rows.filter((r) => [0, 6].includes(new Date(field(r, 'session_start')).getUTCDay())).length;
    expect(weekend).toBeGreaterThan(0);
    expect(weekend / rows.length).toBeLessThan(0.03);
  });

  it('has no rows at all in the telemetry-gap week, and rows on both sides of it', () => {
    const { start, end } = plan.telemetryGap;
    expect(dayNumber(end) - dayNumber(start)).toBe(6);
    expect(new Date(`${start}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(rows.filter((r) => dayOf(r) >= start && dayOf(r) <= end)).toHaveLength(0);
    expect(rows.some((r) => weekOf(dayOf(r)) === isoDay(dayNumber(start) - 7))).toBe(true);
    expect(rows.some((r) => weekOf(dayOf(r)) === isoDay(dayNumber(start) + 7))).toBe(true);
  });

  it('has the planned spike week for the spike product', () => {
    const { productLineCode, weekStart, weekEnd, baselineWeeks } = plan.spike;
    expect(dayNumber(weekEnd) - dayNumber(weekStart)).toBe(6);
    expect(weekOf(weekStart)).toBe(weekStart);
    const { count, baseline, isSpike } = spikeCheck(weeklyUsers(productLineCode), weekStart, baselineWeeks);
    expect(baseline).toBeGreaterThanOrEqual(15);
    expect(baseline).toBeLessThanOrEqual(35);
    expect(count).toBeGreaterThanOrEqual(1.5 * baseline);
    expect(count - baseline).toBeGreaterThanOrEqual(5);
    expect(isSpike).toBe(true);
  });

  it('has no other spike-like week for any product', () => {
    const outliers: string[] = [];
    for (const { productLineCode } of plan.products) {
      const counts = weeklyUsers(productLineCode);
      const weeks = [...counts.keys()].slice(plan.spike.baselineWeeks);
      for (const week of weeks) {
        if (productLineCode === plan.spike.productLineCode && week === plan.spike.weekStart) continue;
        const { count, baseline, isSpike } = spikeCheck(counts, week, plan.spike.baselineWeeks);
        if (isSpike) outliers.push(`${productLineCode} ${week}: ${count} vs median ${baseline}`);
      }
    }
    expect(outliers).toEqual([]);
  });

  it('has no usage from the acquired domain before the acquisition', () => {
    const { date, domain, networkDomain, users, firstUseFrom, firstUseTo } = plan.acquisition;
    const acquired = rows.filter((r) => domainOf(r) === domain);
    expect(acquired.filter((r) => dayOf(r) < date)).toHaveLength(0);
    const people = distinct(acquired.map((r) => field(r, 'user_email')));
    expect(people.size).toBeGreaterThanOrEqual(3);
    expect(people.size).toBe(users);
    const firstDay = acquired.map(dayOf).sort()[0] ?? '';
    expect(firstDay >= firstUseFrom && firstDay <= firstUseTo).toBe(true);
    expect(acquired.every((r) => field(r, 'network_domain') === networkDomain)).toBe(true);
  });

  it('has contractors on their own domain, outside the network, for some months only', () => {
    const { domain, users, activeDays } = plan.contractors;
    const contractorRows = rows.filter((r) => domainOf(r) === domain);
    const spans = new Map<string, { first: string; last: string }>();
    for (const row of contractorRows) {
      const email = field(row, 'user_email');
      const day = dayOf(row);
      const span = spans.get(email) ?? { first: day, last: day };
      spans.set(email, { first: day < span.first ? day : span.first, last: day > span.last ? day : span.last });
    }
    expect(spans.size).toBe(users);
    for (const { first, last } of spans.values()) {
      expect(dayNumber(last) - dayNumber(first)).toBeLessThan(activeDays.max);
    }
    expect(contractorRows.every((r) => field(r, 'network_domain') === '')).toBe(true);
    expect(contractorRows.every((r) => /^(203\.0\.113|198\.51\.100)\.\d+$/.test(field(r, 'ip_address')))).toBe(true);
  });
});
