/**
 * The demo estate's Autodesk Account exports, written from the same seeded organisation as the session CSV:
 * a Usage Report (assignments), a Subscriptions export (entitlements), a Seat Usage export (day-level use of
 * a few people whose machines send no session telemetry, and of Maya), and a settings document for the review.
 *
 * Every rule of the rulebook has a planted case here, recorded in the plan with its user keys and dates.
 * Pure and deterministic, like estate.ts: its own random stream, so the session CSV is not disturbed.
 */
import { Random } from './random.ts';

/** What the exports need to know of a person of the roster (estate.ts Person satisfies it). */
export interface ExportPerson {
  userId: string;
  email: string;
  name: string;
  group: 'corporate' | 'contractor' | 'acquired';
  profile: string;
  discipline: string;
  licenceType: 'named_user' | 'flex' | 'network';
  firstDay: number;
  lastDay: number;
}

/** The calendar of estate.ts: day indices from the period start (a Monday). */
export interface ExportCalendar {
  days: number;
  lastDay: number;
  iso(day: number): string;
  indexOf(isoDay: string): number;
  isWeekend(day: number): boolean;
  isInGap(day: number): boolean;
}

/** Usage of one person: product line code -> day indices, and the licence types seen. */
export type PersonUsage = Map<string, Set<number>>;

export interface DemoExports {
  usageReport: string;
  subscriptions: string;
  seatUsage: string;
  settings: string;
}

export interface PlantedCases {
  /** Review window the planted cases are judged in (demo-settings.json: default 12 months to the last usage day). */
  window: { start: string; end: string };
  dormant: {
    /** Last use exactly dormant_days (90) before the window end: dormant. */
    exactly90: { userKey: string; offering: string; lastUse: string; daysInactive: number };
    /** Last use 89 days before the window end: not dormant. */
    notDormant89: { userKey: string; offering: string; lastUse: string };
    /** Assigned, never used at all (Usage Report days_used 0): dormant, never used. */
    neverUsed: { userKeys: string[]; offering: string };
  };
  lowFrequency: {
    /** Assigned on assignedDate, active activeDays days of the window, usageDays usage days. */
    /** Re-assigned (group -> direct) on assignedDate: judged over activeDays days with usageDays usage days; one usage day more would reach 4 a month. */
    below: { userKey: string; offering: string; assignedDate: string; activeDays: number; usageDays: number; daysPerMonth: number };
    /** As below; one usage day fewer would fall under 4 a month. */
    above: { userKey: string; offering: string; assignedDate: string; activeDays: number; usageDays: number; daysPerMonth: number };
  };
  singleProductCollection: { userKey: string; offering: string; product: string };
  duplicate: {
    collectionAndStandalone: { userKey: string; offering: string; redundant: string; overlapFrom: string };
    fullAndLt: { userKey: string; offering: string; redundant: string; overlapFrom: string };
  };
  contractors: {
    /** Contractors with usage in the window and no assignment: compliance. */
    withoutAssignment: string[];
    /** Contractors whose usage in the window is all under an AEC Collection assignment: advisory. */
    withAssignment: string[];
  };
  /** A corporate user whose AEC Collection seat was removed and who kept using its products. */
  unlicensed: { userKey: string; offering: string; unassignedDate: string; product: string; firstDay: string; lastDay: string };
  /** Maya, which no subscription covers, used by a few 3ds Max users (Seat Usage export). */
  outOfScope: { product: string; userKeys: string[]; firstDay: string; lastDay: string };
  /** AutoCAD LT: fewer seats than its daily named users on most business days. */
  overCount: { product: string; offering: string; seats: number; medianWeekdayUsers: number };
  /** Planted seats in each utilisation-depth band (rule 12), by product. */
  utilisationDepth: { userKey: string; product: string; band: 'regular' | 'monthly' | 'occasional' | 'rare' | 'never' }[];
}

const USAGE_REPORT_HEADER =
  'hashed_autodesk_id,first_name,last_name,email,autodesk_id,team_alias,group,offering_name,version,seat_assignment,assigned_date,unassigned_date,user_activity,days_inactive,access_option,days_used,monthly_average,tokens_used,last_accessed';
const SUBSCRIPTIONS_HEADER =
  'subscription_id,contract_number,offering_name,seat_quantity,start_date,end_date,autorenew_date,term,subscription_status,reseller_name,reseller_email,team_alias';
const SEAT_USAGE_HEADER = 'Day used,Email,First name,Last name,Product,Team,access_option';

const DORMANT_DAYS = 90;
const WINDOW_MONTHS = 12;
const TEAM = 'Northwind Design';
const ACQUIRED_TEAM = 'Brightline Studio';
const AEC = 'AEC Collection';
const LT = 'AutoCAD LT';
const MAX = '3ds Max';
const ACAD = 'AutoCAD';
const PRODUCT_NAMES: Record<string, string> = {
  RVT: 'Revit', ACD: 'AutoCAD', CIV3D: 'Civil 3D', NAVMAN: 'Navisworks Manage', ACDLT: 'AutoCAD LT', '3DSMAX': '3ds Max', MAYA: 'Maya',
};
/** Product line codes each offering covers (catalogue membership of the AEC Collection, for the summaries). */
const OFFERING_CODES: Record<string, string[]> = {
  [AEC]: ['RVT', 'ACD', 'CIV3D', 'NAVMAN', '3DSMAX'],
  [LT]: ['ACDLT'],
  [MAX]: ['3DSMAX'],
  [ACAD]: ['ACD'],
};
const GROUPS: Record<string, string> = {
  architecture: 'Architecture', civil: 'Civil Engineering', drafting: 'Drafting', coordination: 'BIM Coordination', autocadLt: 'Drafting LT', max3ds: 'Visualisation',
};

interface Assignment {
  email: string;
  name: string;
  userId: string;
  team: string;
  group: string;
  offering: string;
  seat: 'Direct' | 'Group' | 'Default' | '';
  assigned: number | null;
  /** Day index of unassignment, or null. */
  unassigned: number | null;
  access: 'Named User' | 'Flex';
}

function offeringOf(discipline: string): string {
  return discipline === 'autocadLt' ? LT : discipline === 'max3ds' ? MAX : AEC;
}

function csvLine(values: (string | number)[]): string {
  return values.map((v) => String(v)).join(',');
}

function splitName(name: string): [string, string] {
  const parts = name.split(' ');
  return [parts[0] ?? '', parts.slice(1).join(' ')];
}

export function buildExports(args: {
  seed: number;
  calendar: ExportCalendar;
  people: ExportPerson[];
  usage: Map<string, PersonUsage>;
  domain: string;
  acquisition: { date: string; name: string; domain: string };
}): { exports: DemoExports; planted: PlantedCases } {
  const { calendar, people, usage } = args;
  const random = new Random(args.seed + 7919);
  const end = calendar.lastDay;
  const endIso = calendar.iso(end);
  const windowStartIso = (() => {
    const d = new Date(`${endIso}T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() - WINDOW_MONTHS);
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  })();
  const windowStart = calendar.indexOf(windowStartIso);
  const emptyUsage: PersonUsage = new Map();
  const usageOf = (email: string): PersonUsage => usage.get(email) ?? emptyUsage;
  const business = (day: number) => !calendar.isWeekend(day) && !calendar.isInGap(day);
  /** The business day on or before `day`. */
  const businessOnOrBefore = (day: number) => {
    let d = day;
    while (!business(d)) d--;
    return d;
  };

  // Every planted case uses people of the roster, so the exports add no person the session CSV does not have.
  const corporate = people.filter((p) => p.group === 'corporate');
  const taken = new Set<string>();
  const take = (what: string, pred: (p: ExportPerson) => boolean): ExportPerson => {
    const found = corporate.find((p) => !taken.has(p.email) && pred(p));
    if (!found) throw new Error(`no candidate for ${what}`);
    taken.add(found.email);
    return found;
  };
  const named = (p: ExportPerson) => p.licenceType === 'named_user';
  const sortedDays = (p: ExportPerson, codes: string[]) =>
    [...new Set(codes.flatMap((c) => [...(usageOf(p.email).get(c) ?? [])]))].filter((d) => d <= end).sort((a, b) => a - b);
  const codesOf = (p: ExportPerson) => OFFERING_CODES[offeringOf(p.discipline)] ?? [];
  /** Extra day-level rows (Seat Usage export) per person: [day, product line code]. */
  const seatDays: { person: ExportPerson; day: number; code: string }[] = [];
  /** Assignment overrides: people whose Usage Report rows are planted. */
  const special = new Map<string, (p: ExportPerson) => void>();

  const assignments: Assignment[] = [];
  const assign = (p: ExportPerson, offering: string, assigned: number | null, seat: Assignment['seat'] = 'Direct', unassigned: number | null = null, team = TEAM, group = '') =>
    assignments.push({ email: p.email, name: p.name, userId: p.userId, team, group, offering, seat, assigned, unassigned, access: 'Named User' });
  const sinceLongAgo = (p: ExportPerson) => -(30 + (p.userId.charCodeAt(0) % 40) * 20);

  // Rule 1 boundary: two people whose sessions stopped early come back once, exactly 90 and 89 days before the end.
  const stoppedEarly = (p: ExportPerson) => named(p) && p.profile === 'dormant' && (usageOf(p.email).size > 0) && sortedDays(p, codesOf(p)).at(-1)! < end - DORMANT_DAYS - 5;
  const d90 = take('the 90-day dormant case', stoppedEarly);
  const d89 = take('the 89-day case', stoppedEarly);
  for (const [p, back] of [[d90, DORMANT_DAYS], [d89, DORMANT_DAYS - 1]] as const) {
    if (!business(end - back)) throw new Error('dormant boundary days must be business days');
    seatDays.push({ person: p, day: end - back, code: [...usageOf(p.email).keys()].sort()[0]! });
  }

  // Rule 2 boundary: 3ds Max users whose seat was re-assigned (group -> direct) on a date that puts their
  // usage days since then just below, and just above, 4 per 30.44-day month.
  const rate = (p: ExportPerson, from: number) => {
    const n = sortedDays(p, codesOf(p)).filter((d) => d >= from).length;
    return { n, activeDays: end - from + 1, m: (n * 30.44) / (end - from + 1) };
  };
  const reassignedOn = new Map<string, number>();
  const findReassignment = (what: string, ok: (r: { n: number; activeDays: number; m: number }) => boolean): { p: ExportPerson; from: number } => {
    for (const p of corporate) {
      if (taken.has(p.email) || !named(p) || (p.discipline !== 'max3ds' && p.discipline !== 'autocadLt') || p.firstDay !== 0 || p.lastDay !== end) continue;
      if ((sortedDays(p, codesOf(p)).at(-1) ?? -1) <= end - DORMANT_DAYS) continue;
      for (let from = windowStart + 1; from <= end - DORMANT_DAYS - 1; from++) {
        if (ok(rate(p, from))) {
          taken.add(p.email);
          reassignedOn.set(p.email, from);
          return { p, from };
        }
      }
    }
    throw new Error(`no candidate for ${what}`);
  };
  // One usage day more would reach 4 a month; one day fewer would fall below it.
  const lfBelow = findReassignment('just below 4 days a month', (r) => r.m < 4 && ((r.n + 1) * 30.44) / r.activeDays >= 4);
  const lfAbove = findReassignment('just above 4 days a month', (r) => r.m >= 4 && ((r.n - 1) * 30.44) / r.activeDays < 4);

  // Rule 12 bands: 3ds Max users whose sessions stopped early, re-assigned after that, who came back rarely (1 day)
  // or occasionally (enough days for 1/3 to 1 a month) in the last 90 days.
  const stoppedMax = (p: ExportPerson) => named(p) && p.discipline === 'max3ds' && p.profile === 'dormant' && (sortedDays(p, ['3DSMAX']).at(-1) ?? end) < end - 215;
  const rare = take('the rare band', stoppedMax);
  const occasional = take('the occasional band', stoppedMax);
  for (const [p, band] of [[rare, 'rare'], [occasional, 'occasional']] as const) {
    const from = sortedDays(p, ['3DSMAX']).at(-1)! + 7;
    reassignedOn.set(p.email, from);
    const monthsActive = (end - from + 1) / 30.44;
    const n = band === 'rare' ? 1 : Math.floor(monthsActive / 3) + 1;
    if (band === 'rare' ? n / monthsActive >= 1 / 3 : n / monthsActive < 1 / 3 || n / monthsActive >= 1) throw new Error(`band ${band} missed`);
    for (let i = 0; i < n; i++) seatDays.push({ person: p, day: businessOnOrBefore(end - 10 - i * 9), code: '3DSMAX' });
  }

  // Rule 3: a visualisation artist on an AEC Collection seat who only ever opens 3ds Max.
  const single = take('the single-product Collection user', (p) => named(p) && p.discipline === 'max3ds' && p.profile === 'regular' && p.firstDay === 0 && p.lastDay === end);
  special.set(single.email, (p) => assign(p, AEC, sinceLongAgo(p), 'Direct'));

  // Rule 4: an AEC Collection holder also given standalone AutoCAD; an AutoCAD LT holder also given AutoCAD.
  const dupCollFrom = calendar.indexOf('2025-09-01');
  const dupColl = take('the Collection + standalone holder', (p) => named(p) && p.discipline === 'drafting' && p.profile === 'regular' && p.firstDay === 0 && p.lastDay === end);
  special.set(dupColl.email, (p) => {
    assign(p, AEC, sinceLongAgo(p), 'Direct');
    assign(p, ACAD, dupCollFrom, 'Direct');
  });
  const dupLtFrom = calendar.indexOf('2026-02-02');
  const dupLt = take('the AutoCAD + AutoCAD LT holder', (p) => named(p) && p.discipline === 'autocadLt' && p.profile === 'regular' && p.firstDay === 0 && p.lastDay === end);
  special.set(dupLt.email, (p) => {
    assign(p, LT, sinceLongAgo(p), 'Direct');
    assign(p, ACAD, dupLtFrom, 'Direct');
  });

  // Rule 6: a regular AEC user whose seat was removed on 2026-09-01 and who kept working.
  const unassignedDay = calendar.indexOf('2026-09-01');
  const unlicensedPerson = take('the unlicensed case', (p) => named(p) && p.profile === 'regular' && p.discipline === 'architecture' && p.firstDay === 0 && p.lastDay === end);
  special.set(unlicensedPerson.email, (p) => assign(p, AEC, sinceLongAgo(p), 'Direct', unassignedDay));

  // Rule 7: three 3ds Max users open Maya (no subscription covers it) in September-October 2026.
  const mayaUsers = [1, 2, 3].map(() => take('a Maya user', (p) => p.discipline === 'max3ds' && p.profile === 'regular' && named(p) && p.lastDay === end));
  const mayaFrom = calendar.indexOf('2026-09-07');
  const mayaTo = calendar.indexOf('2026-10-30');
  const mayaRows: { person: ExportPerson; day: number }[] = [];
  mayaUsers.forEach((person, i) => {
    for (let d = mayaFrom + i; d <= mayaTo; d += 9) if (business(d)) mayaRows.push({ person, day: d });
  });

  // ---- the roster's assignments ----
  const neverUsed: string[] = [];
  for (const person of people) {
    if (person.group === 'contractor') continue;
    const offering = offeringOf(person.discipline);
    if (person.licenceType === 'network') continue;
    if (person.licenceType === 'flex') {
      // Flex users appear per product used, with the Flex access option and no seat.
      for (const code of [...usageOf(person.email).keys()].sort()) {
        assignments.push({ email: person.email, name: person.name, userId: person.userId, team: TEAM, group: '', offering: PRODUCT_NAMES[code] ?? code, seat: '', assigned: null, unassigned: null, access: 'Flex' });
      }
      continue;
    }
    if (person.group === 'acquired') {
      assign(person, offering, calendar.indexOf(args.acquisition.date), 'Group', null, ACQUIRED_TEAM, ACQUIRED_TEAM);
      continue;
    }
    const seat = random.weighted<Assignment['seat']>([['Direct', 60], ['Group', 30], ['Default', 10]]);
    const assigned = person.firstDay === 0 ? -random.int(30, 900) : person.firstDay - random.int(0, 5);
    const leaves = person.profile === 'dormant' && random.chance(0.25);
    const group = seat === 'Group' ? (GROUPS[person.discipline] ?? '') : '';
    const plantedRows = special.get(person.email);
    const reassigned = reassignedOn.get(person.email);
    if (plantedRows) plantedRows(person);
    else if (reassigned !== undefined) {
      assign(person, offering, assigned, 'Group', reassigned, TEAM, GROUPS[person.discipline] ?? '');
      assign(person, offering, reassigned, 'Direct');
    } else if (leaves && !taken.has(person.email) && person.lastDay + 40 < end) {
      assign(person, offering, assigned, seat, person.lastDay + 40, TEAM, group);
    } else assign(person, offering, assigned, seat, null, TEAM, group);
    if (person.profile === 'neverUsed') neverUsed.push(person.email);
  }

  // Rule 5: contractors active in the window; the even ones (in roster order) hold an AEC Collection seat for their engagement.
  const contractorsInWindow = people.filter((p) => p.group === 'contractor' && p.lastDay >= windowStart + 30);
  const withAssignment: string[] = [];
  const withoutAssignment: string[] = [];
  contractorsInWindow.forEach((person, i) => {
    if (i % 2 === 0) {
      assign(person, AEC, person.firstDay - 3, 'Direct', person.lastDay + 1 <= end ? person.lastDay + 1 : null, 'Partner Contractors');
      withAssignment.push(person.email);
    } else withoutAssignment.push(person.email);
  });

  // ---- usage as the exports summarise it ----
  // Sessions and Seat Usage days together, for the Usage Report's summaries.
  const merged = new Map<string, PersonUsage>();
  for (const { person, day, code } of seatDays) {
    let own = merged.get(person.email);
    if (!own) {
      own = new Map([...usageOf(person.email)].map(([c, days]) => [c, new Set(days)]));
      merged.set(person.email, own);
    }
    let set = own.get(code);
    if (!set) own.set(code, (set = new Set()));
    set.add(day);
  }
  const allUsage = (email: string): PersonUsage => merged.get(email) ?? usageOf(email);

  // Rule 8: AutoCAD LT seats below the median weekday count of its named users in the window.
  const ltDaily = new Map<number, Set<string>>();
  for (const person of people) {
    if (person.licenceType !== 'named_user') continue;
    for (const d of usageOf(person.email).get('ACDLT') ?? []) {
      if (d < windowStart) continue;
      let s = ltDaily.get(d);
      if (!s) ltDaily.set(d, (s = new Set()));
      s.add(person.email);
    }
  }
  const weekdayCounts: number[] = [];
  for (let d = windowStart; d <= end; d++) if (business(d)) weekdayCounts.push(ltDaily.get(d)?.size ?? 0);
  weekdayCounts.sort((a, b) => a - b);
  const medianWeekday = weekdayCounts[Math.floor(weekdayCounts.length / 2)] ?? 0;
  const ltSeats = Math.floor(medianWeekday * 0.85);

  // ---- Usage Report ----
  const hashed = new Map<string, string>();
  const hashOf = (email: string) => {
    let h = hashed.get(email);
    if (!h) hashed.set(email, (h = random.chars(32, '0123456789abcdef')));
    return h;
  };
  const usageLines = [USAGE_REPORT_HEADER];
  const iso = (d: number | null) => (d === null ? '' : calendar.iso(d));
  for (const a of assignments.sort((x, y) => (x.email === y.email ? (x.offering < y.offering ? -1 : 1) : x.email < y.email ? -1 : 1))) {
    const codes = a.access === 'Flex' ? Object.keys(PRODUCT_NAMES).filter((c) => PRODUCT_NAMES[c] === a.offering) : (OFFERING_CODES[a.offering] ?? []);
    const days = new Set<number>();
    for (const code of codes) for (const d of allUsage(a.email).get(code) ?? []) if (d >= windowStart && d <= end) days.add(d);
    let last = -Infinity;
    for (const code of codes) for (const d of allUsage(a.email).get(code) ?? []) if (d <= end && d > last) last = d;
    const lastDay = Number.isFinite(last) ? last : null;
    const months = (end - windowStart + 1) / 30.44;
    const [first, lastName] = splitName(a.name);
    usageLines.push(
      csvLine([
        hashOf(a.email), first, lastName, a.email, a.userId, a.team, a.group, a.offering, a.offering === AEC ? '2026' : '',
        a.seat, iso(a.assigned), iso(a.unassigned),
        lastDay !== null && end - lastDay < DORMANT_DAYS ? 'Active' : 'Inactive', lastDay === null ? '' : end - lastDay,
        a.access, days.size, (days.size / months).toFixed(2), a.access === 'Flex' ? String(days.size * 10) : '0', iso(lastDay),
      ]),
    );
  }

  // ---- Subscriptions ----
  const aecHolders = new Set(assignments.filter((a) => a.offering === AEC).map((a) => a.email)).size;
  const maxHolders = new Set(assignments.filter((a) => a.offering === MAX).map((a) => a.email)).size;
  const acquiredAec = people.filter((p) => p.group === 'acquired' && offeringOf(p.discipline) === AEC).length;
  const subs: (string | number)[][] = [
    ['SUB-110482731', '110004593821', AEC, aecHolders - acquiredAec + 20, '2024-06-01', '2027-05-31', '2027-05-31', '3-Year', 'Active', 'Contoso CAD Solutions', 'renewals@contoso-cad.example', TEAM],
    ['SUB-110482732', '110004593821', MAX, maxHolders + 5, '2024-06-01', '2027-05-31', '2027-05-31', '3-Year', 'Active', 'Contoso CAD Solutions', 'renewals@contoso-cad.example', TEAM],
    ['SUB-110482733', '110004593821', LT, ltSeats, '2024-06-01', '2027-05-31', '2027-05-31', '3-Year', 'Active', 'Contoso CAD Solutions', 'renewals@contoso-cad.example', TEAM],
    ['SUB-110517409', '110004617702', ACAD, 5, '2025-04-01', '2026-03-31', '', 'Annual', 'Expired', 'Contoso CAD Solutions', 'renewals@contoso-cad.example', TEAM],
    ['SUB-110699145', '110004655310', ACAD, 5, '2026-04-01', '2027-03-31', '2027-03-31', 'Annual', 'Active', 'Contoso CAD Solutions', 'renewals@contoso-cad.example', TEAM],
    ['SUB-110530077', '110004620015', 'Autodesk Flex', 'Unlimited Seats', '2025-01-15', '2027-01-14', '', '2-Year', 'Active', 'Contoso CAD Solutions', 'renewals@contoso-cad.example', TEAM],
    ['SUB-209931564', '210007781024', AEC, acquiredAec + 4, args.acquisition.date, '2027-03-01', '2027-03-01', 'Annual', 'Active', 'Brightline Reseller GmbH', 'licensing@brightline-reseller.example', ACQUIRED_TEAM],
  ];
  const subscriptions = [SUBSCRIPTIONS_HEADER, ...subs.map(csvLine)].join('\n') + '\n';

  // ---- Seat Usage: the planted comeback days and the Maya use ----
  const seatRows: [number, string][] = [];
  for (const { person, day, code } of seatDays) {
    const [first, last] = splitName(person.name);
    seatRows.push([day, csvLine([calendar.iso(day), person.email, first, last, PRODUCT_NAMES[code] ?? code, TEAM, 'Named User'])]);
  }
  for (const { person, day } of mayaRows) {
    const [first, last] = splitName(person.name);
    seatRows.push([day, csvLine([calendar.iso(day), person.email, first, last, 'Maya', TEAM, 'Named User'])]);
  }
  seatRows.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
  const seatUsage = [SEAT_USAGE_HEADER, ...seatRows.map(([, line]) => line)].join('\n') + '\n';

  // ---- settings ----
  const settings = {
    corporate: {
      domains: [args.domain, args.acquisition.domain],
      cidrs: ['10.20.0.0/16', 'fd00:20::/32', '10.40.0.0/16'],
    },
    prices: {
      token_price: 3,
      offerings: [
        { offering: AEC, current_price: 3400, list_price: 3960 },
        { offering: ACAD, current_price: 1955, list_price: 2255 },
        { offering: LT, current_price: 545, list_price: 635 },
        { offering: MAX, current_price: 1875, list_price: 2010 },
        { offering: 'Revit', current_price: 2910, list_price: 3300 },
        { offering: 'Civil 3D', current_price: 2545, list_price: 2870 },
        { offering: 'Navisworks Manage', current_price: 2610, list_price: 3025 },
        { offering: 'Maya', current_price: 1875, list_price: 2010 },
      ],
      products: [
        { product: 'Revit', tokens_per_day: 10 },
        { product: 'AutoCAD', tokens_per_day: 7 },
        { product: 'Civil 3D', tokens_per_day: 10 },
        { product: 'Navisworks Manage', tokens_per_day: 8 },
        { product: 'AutoCAD LT', tokens_per_day: 3 },
        { product: '3ds Max', tokens_per_day: 10 },
        { product: 'Maya', tokens_per_day: 10 },
      ],
    },
    events: [{ date: args.acquisition.date, name: args.acquisition.name }],
  };

  // ---- the plan of planted cases ----
  const unlicensedDays = [...(usageOf(unlicensedPerson.email).values())]
    .flatMap((s) => [...s])
    .filter((d) => d >= unassignedDay && d <= end)
    .sort((a, b) => a - b);
  const unlicensedProducts = [...usageOf(unlicensedPerson.email)].filter(([, s]) => [...s].some((d) => d >= unassignedDay)).map(([c]) => c).sort();
  const revitDays = [...(usageOf(unlicensedPerson.email).get('RVT') ?? [])].filter((d) => d >= unassignedDay && d <= end).sort((a, b) => a - b);
  const mayaDays = mayaRows.map((r) => r.day).sort((a, b) => a - b);
  const lf = ({ p, from }: { p: ExportPerson; from: number }) => {
    const r = rate(p, from);
    return { userKey: p.email, offering: offeringOf(p.discipline), assignedDate: calendar.iso(from), activeDays: r.activeDays, usageDays: r.n, daysPerMonth: Math.round(r.m * 100) / 100 };
  };
  if (unlicensedDays.length === 0 || revitDays.length === 0 || !unlicensedProducts.includes('RVT')) throw new Error('the unlicensed case has no Revit use after the unassignment');
  const plantedCases: PlantedCases = {
    window: { start: windowStartIso, end: endIso },
    dormant: {
      exactly90: { userKey: d90.email, offering: offeringOf(d90.discipline), lastUse: calendar.iso(end - DORMANT_DAYS), daysInactive: DORMANT_DAYS },
      notDormant89: { userKey: d89.email, offering: offeringOf(d89.discipline), lastUse: calendar.iso(end - DORMANT_DAYS + 1) },
      neverUsed: { userKeys: neverUsed.slice(0, 5), offering: '' },
    },
    lowFrequency: { below: lf(lfBelow), above: lf(lfAbove) },
    singleProductCollection: { userKey: single.email, offering: AEC, product: '3ds Max' },
    duplicate: {
      collectionAndStandalone: { userKey: dupColl.email, offering: AEC, redundant: ACAD, overlapFrom: calendar.iso(Math.max(dupCollFrom, windowStart)) },
      fullAndLt: { userKey: dupLt.email, offering: ACAD, redundant: LT, overlapFrom: calendar.iso(Math.max(dupLtFrom, windowStart)) },
    },
    contractors: { withoutAssignment, withAssignment },
    unlicensed: {
      userKey: unlicensedPerson.email, offering: AEC, unassignedDate: calendar.iso(unassignedDay), product: 'Revit',
      firstDay: calendar.iso(revitDays[0]!), lastDay: calendar.iso(revitDays[revitDays.length - 1]!),
    },
    outOfScope: { product: 'Maya', userKeys: mayaUsers.map((p) => p.email).sort(), firstDay: calendar.iso(mayaDays[0]!), lastDay: calendar.iso(mayaDays[mayaDays.length - 1]!) },
    overCount: { product: LT, offering: LT, seats: ltSeats, medianWeekdayUsers: medianWeekday },
    utilisationDepth: [
      { userKey: lfAbove.p.email, product: PRODUCT_NAMES[codesOf(lfAbove.p)[0]!]!, band: 'regular' },
      { userKey: lfBelow.p.email, product: PRODUCT_NAMES[codesOf(lfBelow.p)[0]!]!, band: 'monthly' },
      { userKey: occasional.email, product: MAX, band: 'occasional' },
      { userKey: rare.email, product: MAX, band: 'rare' },
    ],
  };
  // Never-used people holding a 3ds Max seat give the 'never' band of that product.
  const neverMax = people.filter((p) => p.group === 'corporate' && p.profile === 'neverUsed' && p.discipline === 'max3ds' && named(p));
  for (const p of neverMax.slice(0, 2)) plantedCases.utilisationDepth.push({ userKey: p.email, product: MAX, band: 'never' });
  const neverOffering = neverUsed.length > 0 ? offeringOf(people.find((p) => p.email === neverUsed[0])!.discipline) : '';
  plantedCases.dormant.neverUsed = { userKeys: neverUsed.filter((e) => offeringOf(people.find((p) => p.email === e)!.discipline) === neverOffering).slice(0, 5), offering: neverOffering };

  return {
    exports: { usageReport: usageLines.join('\n') + '\n', subscriptions, seatUsage, settings: `${JSON.stringify(settings, null, 2)}\n` },
    planted: plantedCases,
  };
}
