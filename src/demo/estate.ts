/**
 * The demo estate: a fictional design firm's Autodesk usage as a canonical LRT
 * session CSV, generated from a seed. Pure and deterministic: the same seed gives
 * byte-identical output in Node and in a browser worker (no clock, no Math.random,
 * no platform imports).
 *
 * Every story the review should find is planted on purpose and described in the
 * returned DemoPlan: dormant users, contractors, an acquisition, a telemetry gap
 * and a one-week usage spike. The same roster also gives the Autodesk Account exports
 * (Usage Report, Subscriptions, Seat Usage) and the review settings (exports.ts), with a
 * planted case for every rule of the rulebook, recorded in plan.planted.
 */
import { dayNumber, isoDay } from '../lib/days.ts';
import { Random } from './random.ts';
import { buildExports, type DemoExports, type PersonUsage, type PlantedCases } from './exports.ts';

// ---------------------------------------------------------------------------
// The plan: what the estate contains, so tests and the UI can point at it
// ---------------------------------------------------------------------------

export interface DemoProductPlan {
  name: string;
  productLineCode: string;
  versions: string[];
  /** Illustrative Flex rate: tokens charged for the first session of a day. */
  flexTokensPerDay: number;
}

export interface DemoPlan {
  seed: number;
  source: 'demo';
  /** First and last day of data, inclusive; start is a Monday, end a Sunday. */
  period: { start: string; end: string };
  products: DemoProductPlan[];
  organisation: {
    name: string;
    domain: string;
    networkDomain: string;
    /** Named people on the licence roster, including those who never used a product. */
    headcount: number;
    /** Headcount minus never-used: the people who appear in the CSV. */
    usersWithUsage: number;
    /** dormant + neverUsed make up the "dormant" share; dormant users stopped 100-300 days before the end. */
    profiles: { regular: number; occasional: number; lowFrequency: number; dormant: number; neverUsed: number };
    dormantStopDaysBeforeEnd: { min: number; max: number };
    productFamilies: { aecCollection: number; autocadLt: number; max3ds: number };
    licenceTypes: { named_user: number; flex: number; network: number };
  };
  contractors: {
    domain: string;
    users: number;
    /** Contractors sign in from outside the corporate network: empty network_domain. */
    networkDomain: string;
    ipRanges: string[];
    activeDays: { min: number; max: number };
  };
  acquisition: {
    date: string;
    name: string;
    domain: string;
    networkDomain: string;
    users: number;
    /** The acquired users' first usage days fall in this range (a week or two after the date). */
    firstUseFrom: string;
    firstUseTo: string;
  };
  /** A whole Monday-Sunday week with no rows at all. */
  telemetryGap: { start: string; end: string };
  /** One product-week with about three times the usual distinct users. */
  spike: {
    product: string;
    productLineCode: string;
    weekStart: string;
    weekEnd: string;
    /** Users who touch the product only because of the spike. */
    addedUsers: number;
    baselineWeeks: number;
  };
  /** The Autodesk Account exports and settings shipped beside the session CSV, in public/demo/. */
  files: { sessions: string; usageReport: string; subscriptions: string; seatUsage: string; settings: string };
  /** Every case planted for a rule of the rulebook, with its user keys and dates. */
  planted: PlantedCases;
}

// ---------------------------------------------------------------------------
// Fixed facts of the fictional organisation
// ---------------------------------------------------------------------------

export const DEMO_SEED = 20261128;

const PERIOD = { start: '2025-05-05', end: '2026-11-01' };
const ORGANISATION = {
  name: 'Northwind Design',
  domain: 'northwind-design.example',
  networkDomain: 'corp.northwind-design.example',
};
const CORPORATE_HEADCOUNT = 1020;
const CONTRACTORS = { domain: 'partner-contractors.example', users: 40, minActiveDays: 60, maxActiveDays: 240 };
const CONTRACTOR_IP_PREFIXES = ['203.0.113.', '198.51.100.'];
const ACQUISITION = {
  date: '2026-03-02',
  name: 'Acquisition of Brightline Studio',
  domain: 'brightline-studio.example',
  networkDomain: 'corp.brightline-studio.example',
  users: 60,
  firstUseAfterDays: { min: 7, max: 14 },
};
const TELEMETRY_GAP = { start: '2026-01-12', end: '2026-01-18' };
const SPIKE = { productLineCode: 'NAVMAN', weekStart: '2026-06-08', addedUsers: 50, baselineWeeks: 8 };
const DORMANT_STOP_DAYS_BEFORE_END = { min: 100, max: 300 };
const NAVISWORKS_COORDINATORS = 22;
const FLEX_USERS = 45;
const NETWORK_USERS = 30;

const WORKDAY_END_MINUTE = 19 * 60;
const MIN_SESSION_MINUTES = 20;
const MAX_SESSION_MINUTES = 480;

export const CSV_HEADER = [
  'user_id',
  'user_email',
  'user_name',
  'product',
  'product_line_code',
  'product_version',
  'feature',
  'device_name',
  'device_id',
  'os',
  'ip_address',
  'network_domain',
  'session_start',
  'session_end',
  'duration_minutes',
  'licence_type',
  'tokens',
  'source',
].join(',');

type ProductCode = 'RVT' | 'ACD' | 'CIV3D' | 'NAVMAN' | 'ACDLT' | '3DSMAX';

interface ProductSpec {
  name: string;
  code: ProductCode;
  flexTokensPerDay: number;
  typicalSessionMinutes: number;
}

const PRODUCTS: Record<ProductCode, ProductSpec> = {
  RVT: { name: 'Revit', code: 'RVT', flexTokensPerDay: 10, typicalSessionMinutes: 210 },
  ACD: { name: 'AutoCAD', code: 'ACD', flexTokensPerDay: 7, typicalSessionMinutes: 140 },
  CIV3D: { name: 'Civil 3D', code: 'CIV3D', flexTokensPerDay: 10, typicalSessionMinutes: 200 },
  NAVMAN: { name: 'Navisworks Manage', code: 'NAVMAN', flexTokensPerDay: 8, typicalSessionMinutes: 100 },
  ACDLT: { name: 'AutoCAD LT', code: 'ACDLT', flexTokensPerDay: 3, typicalSessionMinutes: 120 },
  '3DSMAX': { name: '3ds Max', code: '3DSMAX', flexTokensPerDay: 10, typicalSessionMinutes: 220 },
};
const VERSIONS = ['2025', '2026'] as const;

/** How often each product is someone's product of the day, by kind of work. */
type ProductMix = readonly (readonly [ProductCode, number])[];
const MIX = {
  architecture: [['RVT', 0.8], ['ACD', 0.1985], ['NAVMAN', 0.0015]],
  civil: [['CIV3D', 0.75], ['ACD', 0.2485], ['NAVMAN', 0.0015]],
  drafting: [['ACD', 0.85], ['RVT', 0.1], ['CIV3D', 0.05]],
  coordination: [['NAVMAN', 0.5], ['RVT', 0.4], ['ACD', 0.1]],
  autocadLt: [['ACDLT', 1]],
  max3ds: [['3DSMAX', 1]],
} satisfies Record<string, ProductMix>;
type Discipline = keyof typeof MIX;

const FIRST_NAMES = [
  'Aisha', 'Alex', 'Amara', 'Anders', 'Anna', 'Ben', 'Carla', 'Chen', 'Daniel', 'Dara',
  'Elena', 'Emil', 'Fatima', 'Felix', 'Grace', 'Hana', 'Hugo', 'Ines', 'Isaac', 'Jade',
  'Jonas', 'Julia', 'Kai', 'Keiko', 'Lars', 'Leila', 'Liam', 'Lucia', 'Maya', 'Marco',
  'Mei', 'Nadia', 'Nils', 'Noah', 'Olga', 'Omar', 'Priya', 'Rafael', 'Rosa', 'Sami',
  'Sara', 'Sofia', 'Tariq', 'Theo', 'Uma', 'Viktor', 'Wen', 'Yara', 'Yusuf', 'Zoe',
];
const LAST_NAMES = [
  'Abbott', 'Alvarez', 'Baker', 'Berg', 'Brennan', 'Castillo', 'Chandra', 'Dalton', 'Demir', 'Ellison',
  'Farah', 'Fischer', 'Garcia', 'Haddad', 'Hansen', 'Holm', 'Ibrahim', 'Ito', 'Jensen', 'Kaur',
  'Keller', 'Kowalski', 'Larsen', 'Lindqvist', 'Lopez', 'Maddox', 'Marsh', 'Mendes', 'Moreau', 'Nakamura',
  'Nguyen', 'Novak', 'Okafor', 'Olsen', 'Park', 'Patel', 'Petrov', 'Quinn', 'Rahman', 'Reyes',
  'Rossi', 'Santos', 'Schmidt', 'Shah', 'Silva', 'Sorensen', 'Tanaka', 'Torres', 'Varga', 'Vogel',
  'Wagner', 'Walsh', 'Weber', 'Wong', 'Yilmaz', 'Young', 'Zhang', 'Ziegler', 'Hart', 'Foster',
];

const CORPORATE_OS: readonly (readonly [string, number])[] = [
  ['Windows 11 Pro 23H2', 40],
  ['Windows 11 Pro 24H2', 25],
  ['Windows 11 Enterprise 23H2', 20],
  ['Windows 10 Pro 22H2', 15],
];
const CONTRACTOR_OS: readonly (readonly [string, number])[] = [
  ['Windows 11 Pro 24H2', 45],
  ['Windows 11 Home 23H2', 30],
  ['Windows 10 Pro 22H2', 25],
];

// ---------------------------------------------------------------------------
// Calendar: days are indices from PERIOD.start (a Monday, so index % 7 === 0 is Monday)
// ---------------------------------------------------------------------------


class Calendar {
  readonly firstDayNumber = dayNumber(PERIOD.start);
  readonly days = dayNumber(PERIOD.end) - this.firstDayNumber + 1;
  private readonly isoDays: string[] = [];
  private readonly gap = { from: this.indexOf(TELEMETRY_GAP.start), to: this.indexOf(TELEMETRY_GAP.end) };

  constructor() {
    for (let d = 0; d < this.days; d++) this.isoDays.push(isoDay(this.firstDayNumber + d));
  }

  indexOf(isoDay: string): number {
    return dayNumber(isoDay) - this.firstDayNumber;
  }

  iso(day: number): string {
    return this.isoDays[day] ?? isoDay(this.firstDayNumber + day);
  }

  isWeekend(day: number): boolean {
    return day % 7 >= 5;
  }

  isInGap(day: number): boolean {
    return day >= this.gap.from && day <= this.gap.to;
  }

  get lastDay(): number {
    return this.days - 1;
  }
}

// ---------------------------------------------------------------------------
// The roster: who the people are and how they work
// ---------------------------------------------------------------------------

type Group = 'corporate' | 'contractor' | 'acquired';
type Profile = 'regular' | 'occasional' | 'lowFrequency' | 'dormant' | 'neverUsed';
type LicenceType = 'named_user' | 'flex' | 'network';

interface Device {
  name: string;
  id: string;
  os: string;
  ip: string;
}

interface Person {
  userId: string;
  email: string;
  name: string;
  group: Group;
  profile: Profile;
  discipline: Discipline;
  licenceType: LicenceType;
  networkDomain: string;
  /** The first device is the usual one; a second one is a laptop used now and then. */
  devices: Device[];
  weekdayRate: number;
  weekendRate: number;
  /** Usage may fall on firstDay..lastDay inclusive. */
  firstDay: number;
  lastDay: number;
  /** From this day the person mostly runs the 2026 release. */
  upgradeDay: number;
  /** Days on which the person certainly works and also opens the given product. */
  extraProductDays: Map<number, ProductCode>;
  /** The person's own random stream for their sessions. */
  random: Random;
}

/** Hands out unique display names, user ids, device numbers and addresses. */
class Identities {
  private readonly names = new Set<string>();
  private readonly userIds = new Set<string>();
  private readonly ips = new Set<string>();
  private readonly deviceNumbers = new Map<string, number>();

  constructor(private readonly random: Random) {}

  personName(): { name: string; localPart: string } {
    const first = this.random.pick(FIRST_NAMES);
    const last = this.random.pick(LAST_NAMES);
    const candidates: { name: string; localPart: string }[] = [{ name: `${first} ${last}`, localPart: `${first}.${last}` }];
    for (let attempt = 0; attempt < 6; attempt++) {
      const initial = this.random.chars(1, 'ABCDEFGHJKLMNPRSTVW');
      candidates.push({ name: `${first} ${initial}. ${last}`, localPart: `${first}.${initial}.${last}` });
    }
    for (let n = 2; ; n++) {
      const found = candidates.find((c) => !this.names.has(c.name));
      if (found) {
        this.names.add(found.name);
        return { name: found.name, localPart: found.localPart.toLowerCase() };
      }
      candidates.push({ name: `${first} ${last} ${n}`, localPart: `${first}.${last}${n}` });
    }
  }

  userId(): string {
    for (;;) {
      const id = this.random.chars(12, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
      if (!this.userIds.has(id)) {
        this.userIds.add(id);
        return id;
      }
    }
  }

  /** Sequential numbers per prefix, so device names read like an asset register. */
  deviceName(prefix: string, digits: number): string {
    const next = (this.deviceNumbers.get(prefix) ?? 0) + this.random.int(1, 3);
    this.deviceNumbers.set(prefix, next);
    return `${prefix}-${String(next).padStart(digits, '0')}`;
  }

  deviceId(): string {
    const hex = '0123456789abcdef';
    const part = (n: number) => this.random.chars(n, hex);
    return `${part(8)}-${part(4)}-${part(4)}-${part(4)}-${part(12)}`;
  }

  uniqueIp(make: () => string): string {
    for (;;) {
      const ip = make();
      if (!this.ips.has(ip)) {
        this.ips.add(ip);
        return ip;
      }
    }
  }
}

function corporateDevice(ids: Identities, random: Random, kind: 'WS' | 'LT'): Device {
  const ip = random.chance(0.04)
    ? ids.uniqueIp(() => `fd00:20::${random.int(0x100, 0xfff).toString(16)}`)
    : ids.uniqueIp(() => `10.20.${random.int(1, 40)}.${random.int(2, 254)}`);
  return { name: ids.deviceName(`NW-${kind}`, 4), id: ids.deviceId(), os: random.weighted(CORPORATE_OS), ip };
}

function acquiredDevice(ids: Identities, random: Random): Device {
  const ip = ids.uniqueIp(() => `10.40.${random.int(1, 6)}.${random.int(2, 254)}`);
  return { name: ids.deviceName('BLS-WS', 3), id: ids.deviceId(), os: random.weighted(CORPORATE_OS), ip };
}

function contractorDevice(ids: Identities, random: Random): Device {
  const ip = `${random.pick(CONTRACTOR_IP_PREFIXES)}${random.int(1, 254)}`;
  const name = `DESKTOP-${random.chars(7, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`;
  return { name, id: ids.deviceId(), os: random.weighted(CONTRACTOR_OS), ip };
}

/** Exactly `count` of each label, in shuffled order: shares come out exact, not approximate. */
function shuffledLabels<T>(random: Random, counts: readonly (readonly [T, number])[]): T[] {
  const labels: T[] = [];
  for (const [label, count] of counts) for (let i = 0; i < count; i++) labels.push(label);
  return random.shuffle(labels);
}

function weekdayRateFor(profile: Profile, random: Random): number {
  switch (profile) {
    case 'regular':
      return random.float(0.32, 0.6);
    case 'occasional':
      return random.float(0.12, 0.25);
    case 'lowFrequency':
      // 1-3 days a month, over about 21.7 working days
      return random.int(1, 3) / 21.7;
    case 'dormant':
      return random.chance(0.7) ? random.float(0.32, 0.6) : random.float(0.12, 0.25);
    case 'neverUsed':
      return 0;
  }
}

function weekendRateFor(profile: Profile): number {
  return profile === 'regular' || profile === 'dormant' ? 0.015 : profile === 'occasional' ? 0.005 : 0;
}

interface Roster {
  people: Person[];
  corporate: Person[];
}

function buildCorporate(random: Random, ids: Identities, calendar: Calendar): Person[] {
  const n = CORPORATE_HEADCOUNT;
  const dormantShare = Math.round(n * 0.18);
  const neverUsed = Math.round(dormantShare * 0.2);
  const regular = Math.round(n * 0.6);
  const lowFrequency = Math.round(n * 0.15);
  const profiles = shuffledLabels<Profile>(random, [
    ['regular', regular],
    ['lowFrequency', lowFrequency],
    ['dormant', dormantShare - neverUsed],
    ['neverUsed', neverUsed],
    ['occasional', n - regular - lowFrequency - dormantShare],
  ]);
  const autocadLt = Math.round(n * 0.14);
  const max3ds = Math.round(n * 0.1);
  const aec = n - autocadLt - max3ds;
  const families = shuffledLabels<Discipline>(random, [
    ['autocadLt', autocadLt],
    ['max3ds', max3ds],
    ['architecture', Math.round(aec * 0.6)],
    ['civil', Math.round(aec * 0.22)],
    ['drafting', aec - Math.round(aec * 0.6) - Math.round(aec * 0.22)],
  ]);

  const people = profiles.map((profile, i): Person => {
    const own = random.fork();
    const { name, localPart } = ids.personName();
    const devices = [corporateDevice(ids, own, 'WS')];
    if (own.chance(0.15)) devices.push(corporateDevice(ids, own, 'LT'));
    const stopsEarly = profile === 'dormant';
    // New starters join through the period; dormant people were there from the start.
    const joinsLater = !stopsEarly && profile !== 'neverUsed' && own.chance(0.06);
    return {
      userId: ids.userId(),
      email: `${localPart}@${ORGANISATION.domain}`,
      name,
      group: 'corporate',
      profile,
      discipline: families[i] as Discipline,
      licenceType: 'named_user',
      networkDomain: ORGANISATION.networkDomain,
      devices,
      weekdayRate: weekdayRateFor(profile, own),
      weekendRate: weekendRateFor(profile),
      firstDay: joinsLater ? own.int(30, calendar.lastDay - 120) : 0,
      lastDay: stopsEarly
        ? calendar.lastDay - own.int(DORMANT_STOP_DAYS_BEFORE_END.min, DORMANT_STOP_DAYS_BEFORE_END.max)
        : calendar.lastDay,
      upgradeDay: own.weighted([
        [0, 10],
        [own.int(20, 420), 75],
        [Number.POSITIVE_INFINITY, 15],
      ]),
      extraProductDays: new Map(),
      random: own,
    };
  });

  assignCoordinators(random, people);
  assignLicenceTypes(random, people);
  return people;
}

/** A steady core of Navisworks users: regular, present all period, so the product's weekly count is stable. */
function assignCoordinators(random: Random, people: Person[]): void {
  const eligible = people.filter(
    (p) => p.profile === 'regular' && p.firstDay === 0 && (p.discipline === 'architecture' || p.discipline === 'civil'),
  );
  for (const person of random.shuffle(eligible).slice(0, NAVISWORKS_COORDINATORS)) {
    person.discipline = 'coordination';
    person.weekdayRate = random.float(0.65, 0.85);
  }
}

/** Flex suits people who use products now and then; a small group stays on network licences. */
function assignLicenceTypes(random: Random, people: Person[]): void {
  const flexCandidates = people.filter((p) => p.profile === 'lowFrequency' || p.profile === 'occasional');
  for (const person of random.shuffle(flexCandidates).slice(0, FLEX_USERS)) person.licenceType = 'flex';
  const networkCandidates = people.filter(
    (p) => p.profile === 'regular' && p.licenceType === 'named_user' && p.discipline === 'civil',
  );
  for (const person of random.shuffle(networkCandidates).slice(0, NETWORK_USERS)) person.licenceType = 'network';
}

function buildContractors(random: Random, ids: Identities, calendar: Calendar): Person[] {
  const people: Person[] = [];
  for (let i = 0; i < CONTRACTORS.users; i++) {
    const own = random.fork();
    const { name, localPart } = ids.personName();
    const firstDay = own.int(0, calendar.lastDay - CONTRACTORS.minActiveDays);
    const activeDays = own.int(CONTRACTORS.minActiveDays, CONTRACTORS.maxActiveDays);
    people.push({
      userId: ids.userId(),
      email: `${localPart}@${CONTRACTORS.domain}`,
      name,
      group: 'contractor',
      profile: 'regular',
      discipline: own.weighted<Discipline>([
        ['architecture', 5],
        ['civil', 3],
        ['drafting', 2],
      ]),
      licenceType: 'named_user',
      networkDomain: '',
      devices: [contractorDevice(ids, own)],
      weekdayRate: own.float(0.5, 0.85),
      weekendRate: 0.02,
      firstDay,
      lastDay: Math.min(calendar.lastDay, firstDay + activeDays - 1),
      upgradeDay: own.chance(0.5) ? 0 : Number.POSITIVE_INFINITY,
      extraProductDays: new Map(),
      random: own,
    });
  }
  return people;
}

function buildAcquired(random: Random, ids: Identities, calendar: Calendar): Person[] {
  const acquisitionDay = calendar.indexOf(ACQUISITION.date);
  const disciplines = shuffledLabels<Discipline>(random, [
    ['architecture', 30],
    ['civil', 8],
    ['drafting', 10],
    ['autocadLt', 6],
    ['max3ds', ACQUISITION.users - 54],
  ]);
  return disciplines.map((discipline): Person => {
    const own = random.fork();
    const { name, localPart } = ids.personName();
    const profile: Profile = own.chance(0.8) ? 'regular' : 'lowFrequency';
    return {
      userId: ids.userId(),
      email: `${localPart}@${ACQUISITION.domain}`,
      name,
      group: 'acquired',
      profile,
      discipline,
      licenceType: 'named_user',
      networkDomain: ACQUISITION.networkDomain,
      devices: [acquiredDevice(ids, own)],
      weekdayRate: weekdayRateFor(profile, own),
      weekendRate: weekendRateFor(profile),
      firstDay: acquisitionDay + own.int(ACQUISITION.firstUseAfterDays.min, ACQUISITION.firstUseAfterDays.max),
      lastDay: calendar.lastDay,
      upgradeDay: 0,
      extraProductDays: new Map(),
      random: own,
    };
  });
}

/** The spike: a burst of coordination reviews pulls extra AEC users into Navisworks for one week. */
function plantSpike(random: Random, corporate: Person[], calendar: Calendar): void {
  const weekStart = calendar.indexOf(SPIKE.weekStart);
  const weekEnd = weekStart + 6;
  const eligible = corporate.filter(
    (p) =>
      p.profile === 'regular' &&
      (p.discipline === 'architecture' || p.discipline === 'civil' || p.discipline === 'drafting') &&
      p.firstDay <= weekStart &&
      p.lastDay >= weekEnd,
  );
  for (const person of random.shuffle(eligible).slice(0, SPIKE.addedUsers)) {
    const weekdays = random.shuffle([0, 1, 2, 3, 4]).slice(0, random.int(1, 2));
    for (const offset of weekdays) person.extraProductDays.set(weekStart + offset, SPIKE.productLineCode as ProductCode);
  }
}

function buildRoster(random: Random, calendar: Calendar): Roster {
  const ids = new Identities(random.fork());
  const corporate = buildCorporate(random.fork(), ids, calendar);
  const contractors = buildContractors(random.fork(), ids, calendar);
  const acquired = buildAcquired(random.fork(), ids, calendar);
  plantSpike(random.fork(), corporate, calendar);
  const people = [...corporate, ...contractors, ...acquired].sort((a, b) => (a.userId < b.userId ? -1 : 1));
  return { people, corporate };
}

// ---------------------------------------------------------------------------
// Sessions: one person's days, one day's sessions, one session's CSV row
// ---------------------------------------------------------------------------

function chooseProduct(person: Person, exclude?: ProductCode): ProductCode | null {
  const mix = MIX[person.discipline].filter(([code]) => code !== exclude);
  return mix.length > 0 ? person.random.weighted(mix) : null;
}

/** The products of one usage day, one entry per session, in the order they are used. */
function productsOfDay(person: Person, weekend: boolean, extra: ProductCode | undefined): ProductCode[] {
  const random = person.random;
  const primary = chooseProduct(person) as ProductCode;
  const count = weekend ? 1 : random.weighted([
    [1, 75],
    [2, 21],
    [3, 4],
  ]);
  const products: ProductCode[] = new Array<ProductCode>(count).fill(primary);
  if (extra !== undefined && extra !== primary) {
    products.push(extra);
  } else if (!weekend && random.chance(0.12)) {
    const second = chooseProduct(person, primary);
    if (second) products.push(second);
  }
  return products;
}

function versionOn(person: Person, day: number): string {
  const upgraded = day >= person.upgradeDay && !person.random.chance(0.08);
  return upgraded ? VERSIONS[1] : VERSIONS[0];
}

function clockTime(minuteOfDay: number): string {
  const hh = String(Math.floor(minuteOfDay / 60)).padStart(2, '0');
  const mm = String(minuteOfDay % 60).padStart(2, '0');
  return `${hh}:${mm}:00Z`;
}

function firstStartMinute(random: Random, weekend: boolean): number {
  if (weekend) return random.int(9 * 60, 13 * 60);
  return random.chance(0.1) ? random.int(10 * 60, 13 * 60) : random.int(7 * 60, 9 * 60 + 30);
}

/** CSV rows for one usage day; sessions run back to back with breaks and end by 19:00 UTC. */
function rowsOfDay(person: Person, day: number, calendar: Calendar, extra: ProductCode | undefined): string[] {
  const random = person.random;
  const weekend = calendar.isWeekend(day);
  const products = productsOfDay(person, weekend, extra);
  const device = person.devices.length > 1 && random.chance(0.2) ? person.devices[1] : person.devices[0];
  if (!device) throw new Error(`person ${person.userId} has no device`);
  const date = calendar.iso(day);
  const version = versionOn(person, day);
  const tokensCharged = new Set<ProductCode>();
  const share = products.length > 1 ? 0.7 : 1;

  const rows: string[] = [];
  let minute = firstStartMinute(random, weekend);
  for (const code of products) {
    const room = Math.min(MAX_SESSION_MINUTES, WORKDAY_END_MINUTE - minute);
    if (room < MIN_SESSION_MINUTES) break;
    const typical = PRODUCTS[code].typicalSessionMinutes * share;
    const duration = Math.min(room, Math.max(MIN_SESSION_MINUTES, Math.round(random.normal(typical, typical * 0.4))));
    let tokens = '';
    if (person.licenceType === 'flex') {
      tokens = tokensCharged.has(code) ? '0' : String(PRODUCTS[code].flexTokensPerDay);
      tokensCharged.add(code);
    }
    const start = `${date}T${clockTime(minute)}`;
    const end = `${date}T${clockTime(minute + duration)}`;
    rows.push(sessionRow(person, device, code, version, start, end, duration, tokens));
    minute += duration + random.int(10, 75);
  }
  return rows;
}

function sessionRow(
  person: Person,
  device: Device,
  code: ProductCode,
  version: string,
  start: string,
  end: string,
  duration: number,
  tokens: string,
): string {
  return [
    person.userId,
    person.email,
    person.name,
    PRODUCTS[code].name,
    code,
    version,
    `${code}_${version}`,
    device.name,
    device.id,
    device.os,
    device.ip,
    person.networkDomain,
    start,
    end,
    String(duration),
    person.licenceType,
    tokens,
    'demo',
  ].join(',');
}

/** The days a person works, in order. Anyone meant to appear gets at least one day. */
function usageDays(person: Person, calendar: Calendar): number[] {
  if (person.profile === 'neverUsed') return [];
  const days: number[] = [];
  for (let day = person.firstDay; day <= person.lastDay; day++) {
    // Draw for every day, so planted extra days do not shift the rest of the person's stream.
    const rate = calendar.isWeekend(day) ? person.weekendRate : person.weekdayRate;
    const works = person.random.chance(rate);
    if (calendar.isInGap(day)) continue;
    if (works || person.extraProductDays.has(day)) days.push(day);
  }
  if (days.length === 0) {
    const fallback = firstWorkingDay(person, calendar);
    if (fallback !== null) days.push(fallback);
  }
  return days;
}

function firstWorkingDay(person: Person, calendar: Calendar): number | null {
  for (let day = person.firstDay; day <= person.lastDay; day++) {
    if (!calendar.isWeekend(day) && !calendar.isInGap(day)) return day;
  }
  return null;
}

function rowsOfPerson(person: Person, calendar: Calendar): string[] {
  const rows: string[] = [];
  for (const day of usageDays(person, calendar)) {
    rows.push(...rowsOfDay(person, day, calendar, person.extraProductDays.get(day)));
  }
  return rows;
}

// ---------------------------------------------------------------------------
// The plan, described from the roster
// ---------------------------------------------------------------------------

function countBy<T extends string>(people: Person[], key: (p: Person) => T, labels: readonly T[]): Record<T, number> {
  const counts = Object.fromEntries(labels.map((l) => [l, 0])) as Record<T, number>;
  for (const person of people) counts[key(person)] += 1;
  return counts;
}

export const DEMO_FILES = {
  sessions: 'demo-estate.csv.gzip',
  usageReport: 'demo-usage-report.csv',
  subscriptions: 'demo-subscriptions.csv',
  seatUsage: 'demo-seat-usage.csv',
  settings: 'demo-settings.json',
} as const;

function describePlan(seed: number, roster: Roster, calendar: Calendar, planted: PlantedCases): DemoPlan {
  const corporate = roster.corporate;
  const profiles = countBy(corporate, (p) => p.profile, ['regular', 'occasional', 'lowFrequency', 'dormant', 'neverUsed']);
  const family = (p: Person) =>
    p.discipline === 'autocadLt' ? 'autocadLt' : p.discipline === 'max3ds' ? 'max3ds' : 'aecCollection';
  const acquisitionDay = calendar.indexOf(ACQUISITION.date);
  const spikeProduct = PRODUCTS[SPIKE.productLineCode as ProductCode];
  return {
    seed,
    source: 'demo',
    period: { ...PERIOD },
    products: Object.values(PRODUCTS).map((p) => ({
      name: p.name,
      productLineCode: p.code,
      versions: [...VERSIONS],
      flexTokensPerDay: p.flexTokensPerDay,
    })),
    organisation: {
      ...ORGANISATION,
      headcount: corporate.length,
      usersWithUsage: corporate.length - profiles.neverUsed,
      profiles,
      dormantStopDaysBeforeEnd: { ...DORMANT_STOP_DAYS_BEFORE_END },
      productFamilies: countBy(corporate, family, ['aecCollection', 'autocadLt', 'max3ds']),
      licenceTypes: countBy(corporate, (p) => p.licenceType, ['named_user', 'flex', 'network']),
    },
    contractors: {
      domain: CONTRACTORS.domain,
      users: CONTRACTORS.users,
      networkDomain: '',
      ipRanges: ['203.0.113.0/24', '198.51.100.0/24'],
      activeDays: { min: CONTRACTORS.minActiveDays, max: CONTRACTORS.maxActiveDays },
    },
    acquisition: {
      date: ACQUISITION.date,
      name: ACQUISITION.name,
      domain: ACQUISITION.domain,
      networkDomain: ACQUISITION.networkDomain,
      users: ACQUISITION.users,
      firstUseFrom: calendar.iso(acquisitionDay + ACQUISITION.firstUseAfterDays.min),
      firstUseTo: calendar.iso(acquisitionDay + ACQUISITION.firstUseAfterDays.max),
    },
    telemetryGap: { ...TELEMETRY_GAP },
    spike: {
      product: spikeProduct.name,
      productLineCode: spikeProduct.code,
      weekStart: SPIKE.weekStart,
      weekEnd: calendar.iso(calendar.indexOf(SPIKE.weekStart) + 6),
      addedUsers: SPIKE.addedUsers,
      baselineWeeks: SPIKE.baselineWeeks,
    },
    files: { ...DEMO_FILES },
    planted,
  };
}

// ---------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------

export function generateDemoEstate(seed = DEMO_SEED): { csv: string; plan: DemoPlan; exports: DemoExports } {
  const calendar = new Calendar();
  const roster = buildRoster(new Random(seed), calendar);
  const lines = [CSV_HEADER];
  const usage = new Map<string, PersonUsage>();
  for (const person of roster.people) {
    const own: PersonUsage = new Map();
    usage.set(person.email, own);
    for (const row of rowsOfPerson(person, calendar)) {
      lines.push(row);
      const fields = row.split(',');
      const code = fields[4] ?? '';
      let days = own.get(code);
      if (!days) own.set(code, (days = new Set()));
      days.add(calendar.indexOf((fields[12] ?? '').slice(0, 10)));
    }
  }
  const { exports, planted } = buildExports({
    seed,
    calendar,
    people: roster.people,
    usage,
    domain: ORGANISATION.domain,
    acquisition: { date: ACQUISITION.date, name: ACQUISITION.name, domain: ACQUISITION.domain },
  });
  return { csv: `${lines.join('\n')}\n`, plan: describePlan(seed, roster, calendar, planted), exports };
}
