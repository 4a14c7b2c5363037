import type { Finding, RuleGroup, RuleId, RuleResult } from '../engine/api.ts';
import { formatUsd } from './format.ts';

/**
 * What each column of a rule's findings table means, one sentence per field, written from the rule's definition.
 * `{name}` is replaced by the setting of that name in force (RuleResult.settings), so the sentence states the
 * figure the engine used.
 */
const COMMON: Record<string, string> = {
  user_key: 'The user: the lower-case e-mail when the data has one, else the id the export gives. Click it for the timeline.',
  user_keys: 'Every user behind this finding, in key order.',
  offering: 'The offering (subscription) of the assignment.',
  seat_assignment: 'How the seat was assigned in Autodesk Account: direct, group or default.',
  removable_individually: 'Whether Autodesk Account can remove this seat on its own (group and default assignments cannot).',
  assigned_date: 'The day the seat was assigned.',
  unassigned_date: 'The day the seat was unassigned; empty while it is still held at the window end.',
  product: 'The product concerned.',
  products: 'The products used.',
  current_price: "The offering's current price per seat per year from the price book.",
  price_note: 'Why the money figure is missing, when it is.',
  usage_days: 'Usage days (one per user, product and day) counted in the window.',
  first_day: 'First usage day concerned in the window.',
  last_day: 'Last usage day concerned in the window.',
  kind: 'Which variant of the rule this finding is.',
  domain: "The user's e-mail domain.",
  users: 'Distinct users concerned.',
};

const BY_RULE: Partial<Record<RuleId, Record<string, string>>> = {
  dormant_user: {
    last_usage_day: 'Last day the user used any product this offering covers, up to the window end; empty when never used.',
    last_usage_product: 'The product used on that last usage day.',
    never_used: 'True when the user never used a covered product in the data.',
    days_inactive: 'Window end minus the last usage day, in days: dormant when it is at least {dormant_days}.',
    days_assigned: 'Window end minus the assigned date, in days: only seats held at least {dormant_days} days are judged.',
    saving_per_year: "Saving per year from reclaiming the seat: the offering's current price.",
  },
  low_frequency_user: {
    active_from: 'First judged day: the later of the assigned date and the window start; the judged part runs to the window end.',
    active_days: 'Length of the judged part in days; parts shorter than {dormant_days} days are not judged.',
    usage_days: 'Usage days of the covered products in the judged part.',
    days_per_month: 'Usage days per month of 30.44 days: low frequency when below {low_freq_days_per_month}.',
    usage_days_per_year: 'Usage days x 365 / active days.',
    flex_tokens_per_year: 'Flex tokens the same use would consume per year, at each product’s tokens per day.',
    flex_cost_per_year: 'Flex tokens per year x the token price (US$ {token_price}).',
    recommend_flex: 'Flex recommended: its cost is below the current price x (1 - {flex_margin}).',
    saving_per_year: 'Current price minus the Flex cost per year, when Flex is recommended.',
    tokens_per_usage_day: 'Flex tokens one usage day of the products used costs.',
    break_even_days_per_year: 'Usage days per year at which Flex costs as much as the seat: current price / (tokens per day x token price).',
  },
  single_product_collection: {
    offering: 'The Collection held.',
    product: 'The one product the Collection covers that the user used in the window.',
    usage_days: 'Usage days of that product in the window.',
    last_used: 'Last usage day of that product in the window.',
    collection_price: 'The Collection’s current price per seat per year.',
    standalone_price: 'Current price per seat per year of the standalone offering of the product.',
    standalone_sum: 'Sum of the standalone prices of the covered products used; keep the Collection only when it reaches the Collection price.',
    recommendation: 'standalone: the standalone product is cheaper; keep_collection: the sum reaches the Collection price.',
    saving: 'Per year: Collection price minus standalone price when the standalone is recommended.',
  },
  duplicate_access: {
    kind: 'collection_and_standalone, full_and_lt (an LT edition beside its full product) or named_and_flex (Flex use under an active seat).',
    offering: 'The assignment kept: the Collection, the full product, or the named-user seat.',
    redundant: 'What is redundant and cheaper to drop: the standalone, the LT offering, or Flex.',
    redundant_seat_assignment: 'direct / group / default of the redundant assignment.',
    product: 'The product whose access is duplicated.',
    overlap_start: 'First day in the window on which both were held.',
    overlap_end: 'Last day in the window on which both were held.',
    overlap_days: 'Days on which both were held (Flex: Flex usage days under the seat).',
    flex_tokens: 'For named_and_flex: tokens per day x overlap days.',
    saving: 'The redundant side’s current price per year, or the Flex tokens spent at US$ {token_price}.',
    saving_basis: 'per_year for a price per year; window for Flex tokens spent in the window.',
  },
  contractor_access: {
    severity: 'compliance: at least one usage day without an active assignment covering the product; advisory otherwise.',
    domain: 'The user’s e-mail domain; corporate domains in force: {corporate_domains}.',
    flagged_by: 'Why the user was flagged: a domain outside the corporate domains, IPs outside the corporate ranges, or both.',
    outside_ips: 'Session IP addresses outside every corporate range ({corporate_cidrs}).',
    usage_days: 'The user’s usage days in the window.',
    days_without_cover: 'Usage days without an active assignment covering the product (Flex and network days are covered).',
    first_day_without_cover: 'First usage day without cover.',
    last_day_without_cover: 'Last usage day without cover.',
    products: 'Products the user used in the window.',
    products_without_cover: 'Products used on days without cover.',
  },
  unlicensed_access: {
    first_day: 'First named-user usage day of the product without an assignment covering it, while the organisation held an entitlement.',
    last_day: 'Last such usage day.',
    days: 'Number of such usage days.',
    devices: 'Devices seen in the user’s sessions of the product on those days.',
    entitled_offerings: 'The offerings whose entitlements covered the product on those days.',
    users_in_gap: 'Distinct users with such days for this product (the gap quantity).',
  },
  out_of_scope: {
    reason: 'never_entitled: no entitlement ever covers the product; outside_term: one does, but not on these days.',
    users: 'Distinct users with named-user use not covered by any entitlement (the gap quantity).',
    usage_days: 'Usage days (user x day) without a covering entitlement.',
    days: 'Distinct calendar days those usage days fall on.',
    last_term_end: 'For outside_term: the last end of a covering entitlement before the last usage day.',
    assigned_usage_days: 'Of the usage days, those on which the user still held an assignment covering the product.',
  },
  over_count: {
    kind: 'named_user: distinct users per day against seats; network: concurrent checkouts against the licence count.',
    offerings: 'Offerings of the seat-counted entitlements covering the product in the window.',
    days_judged: 'Days of the window on which the seat count or the server data is known.',
    high_water_mark: 'The highest daily value in the window.',
    high_water_date: 'The first day the high-water mark was reached.',
    seats_at_high_water: 'Seats held on the high-water date.',
    seats_min: 'Fewest seats held on a judged day.',
    seats_max: 'Most seats held on a judged day.',
    p95: 'The 95th percentile of the daily values ({percentile}).',
    average_daily_peak: 'Mean of the daily values over the judged days.',
    max_excess: 'Largest daily value minus the seats held (negative when never over).',
    days_over: 'Days with a value above the seats held.',
    longest_run_days: 'Longest run of consecutive days over: sustained at {sustained_days} days.',
    longest_run_start: 'First day of the longest run.',
    longest_run_end: 'Last day of the longest run.',
    window_business_days: 'Business days in the window (for the share of days over: {sustained_share_of_business_days}).',
    sustained: 'Whether the over-count is sustained: a run of {sustained_days} days, or a share of business days.',
    sustained_by: 'What made it sustained: the run, the share, or both.',
    denials: 'Licence denials in the server logs.',
    denial_days: 'Days with at least one denial.',
    peak_denials: 'Most denials on one day.',
    peak_denials_day: 'The day with the most denials.',
  },
  new_domain: {
    domain: 'The e-mail domain that appeared.',
    first_seen: 'The domain’s first usage day.',
    days_after_data_start: 'Days between the first usage day in the data and the domain’s first; at least {new_domain_after_days}.',
    users: 'Distinct users of the domain with usage in the window; at least {new_domain_min_users}.',
    products: 'Products the domain’s users used in the window.',
    event_name: 'The nearest entered event within {event_match_days} days of the first use.',
    event_date: 'The date of that event.',
    days_from_event: 'First use minus the event date in days (negative: the event came after).',
  },
  usage_spike: {
    product: 'The product whose weekly users spiked.',
    week_start: 'Monday of the spike week.',
    week_end: 'Sunday of the spike week.',
    users: 'Distinct users of the product that week.',
    baseline_median: 'Median weekly users over the {spike_baseline_weeks} weeks before.',
    ratio: 'Users / baseline median: a spike at {spike_ratio} or more.',
    users_above_median: 'Users above the baseline median: at least {spike_min_users}.',
  },
  telemetry_gap: {
    kind: 'no_usage: business days without any usage; log_coverage: a licence-server log silent for too long.',
    start: 'First day (or time, for a log) of the gap.',
    end: 'Last day (or time) of the gap.',
    business_days: 'Business days in the gap.',
    hours: 'Hours a log was silent.',
    file: 'The log the coverage hole was found in.',
  },
  utilisation_depth: {
    assigned_users: 'Users with an active assignment at the window end whose offering covers the product.',
    regular: 'Users with at least 4 usage days per month of {month_days} days.',
    monthly: 'Users with 1 to 4 usage days per month.',
    occasional: 'Users with 1/3 to 1 usage day per month.',
    rare: 'Users with fewer than 4 usage days a year.',
    never: 'Users with no usage day of the product.',
    not_judged: 'Users assigned for fewer than {dormant_days} days of the window.',
    users: 'The user keys in each band.',
  },
  renewal: {
    seats: 'Seats of the seat-counted entitlements of the offering active at the window end; empty without a Subscriptions export.',
    assigned: 'Users holding a named-user seat of the offering at the window end.',
    active: 'Of them, users of a covered product in the last {dormant_days} days.',
    p95_daily_users: '95th percentile of the daily holders using a covered product, over the window.',
    last_quarter_users: 'Holders using a covered product in the last {quarter_days} days of the window.',
    previous_quarter_users: 'The same in the {quarter_days} days before; empty when the data does not reach back.',
    trend: 'Change from the previous quarter to the last, as a share of the previous.',
    recommendation: 'increase, reduce, restructure or keep: the first reason says why.',
    target_seats: 'The seat count the recommendation leads to; reductions keep {renewal_headroom} headroom above the seats needed.',
    reasons: 'Every reason with its figures.',
    flex_candidates: 'Low-frequency holders for whom Flex is cheaper (rule 2).',
    flex_saving: 'Their saving per year (counted under rule 2, not again here).',
    downgrade_candidates: 'Single-product Collection holders for whom the standalone product is cheaper (rule 3).',
    downgrade_saving: 'Their saving per year (counted under rule 3).',
    reduce_saving: 'Seats given up x the current price, per year.',
  },
};

/** The one-sentence explanation of a column of a rule's findings table, with the rule's settings filled in. */
export function columnNote(rule: RuleId, field: string, settings: Record<string, string | number | null> = {}): string {
  const sentence = BY_RULE[rule]?.[field] ?? COMMON[field] ?? `${field.replaceAll('_', ' ')} as the engine reports it.`;
  return sentence.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in settings)) return whole;
    const value = settings[name];
    return value === null || value === undefined ? 'none' : String(value);
  });
}

/** Fields whose values are user keys, which open the user timeline. */
export const USER_FIELDS = new Set(['user_key', 'user_keys', 'users']);

/** A field's value as a list when it is one (the engine returns lists as arrays); null otherwise. */
export function listValues(_field: string, value: unknown): string[] | null {
  return Array.isArray(value) ? value.map((v) => String(v)) : null;
}

/** The first few items of a list and how many are left out. */
export function listPreview(values: readonly string[], shown = 3): { shown: string[]; more: number } {
  return { shown: values.slice(0, shown), more: Math.max(0, values.length - shown) };
}

/** A list as a collapsed cell shows it: "a, b, c and 12 more". */
export function previewText(values: readonly string[], shown = 3): string {
  const p = listPreview(values, shown);
  return p.more > 0 ? `${p.shown.join(', ')} and ${p.more} more` : p.shown.join(', ');
}

/** Orders two cell values: nulls last, numbers as numbers, booleans false before true, else text (dates are ISO). */
export function compareValues(a: unknown, b: unknown): number {
  const aNull = a === null || a === undefined;
  const bNull = b === null || b === undefined;
  if (aNull || bNull) return aNull === bNull ? 0 : aNull ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length - b.length;
  return searchText(a).localeCompare(searchText(b), 'en', { numeric: true });
}

export type SortDirection = 'ascending' | 'descending';

/** A sorted copy; equal rows keep the engine's order. Nulls stay last either way. */
export function sortFindings<F extends Finding>(findings: readonly F[], column: string | null, direction: SortDirection): F[] {
  if (!column) return [...findings];
  const rows = findings.map((f, i) => ({ f, i, v: (f as unknown as Record<string, unknown>)[column] }));
  rows.sort((x, y) => {
    const xNull = x.v === null || x.v === undefined;
    const yNull = y.v === null || y.v === undefined;
    if (xNull !== yNull) return xNull ? 1 : -1;
    const c = compareValues(x.v, y.v);
    return (direction === 'ascending' ? c : -c) || x.i - y.i;
  });
  return rows.map((r) => r.f);
}

/** Every value of a finding as lower-case text, for the table's filter. */
export function searchText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(searchText).join(' ');
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k} ${searchText(v)}`).join(' ');
  return String(value).toLowerCase();
}

/** Whether a finding matches the filter text: every word appears in some value of the row. */
export function findingMatches(finding: Finding, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return true;
  const text = Object.entries(finding)
    .filter(([k]) => k !== 'rule')
    .map(([, v]) => searchText(v))
    .join(' ');
  return words.every((w) => text.includes(w));
}


/** Whether a money figure means anything: a rule with money, and at least one finding priced (or none at all). */
export function hasMoney(summary: { count: number; money: number | null; unpriced: number }): boolean {
  return summary.money !== null && (summary.unpriced < summary.count || summary.money !== 0);
}

/** A rule's summary in words: "3 findings · US$1,200 per year · 1 not priced". */
export function summaryText(summary: RuleResult['summary']): string {
  const parts = [summary.count === 1 ? '1 finding' : `${summary.count.toLocaleString('en-GB')} findings`];
  if (hasMoney(summary)) parts.push(`${formatUsd(summary.money ?? 0)} per year`);
  if (summary.unpriced > 0) parts.push(`${summary.unpriced.toLocaleString('en-GB')} not priced`);
  return parts.join(' · ');
}

export interface GroupTab {
  group: RuleGroup;
  label: string;
  rules: RuleResult[];
  count: number;
  /** Sum of the priced rules' money; null when no rule of the group has a money figure. */
  money: number | null;
  unpriced: number;
}

export const GROUP_LABELS: Record<RuleGroup, string> = {
  cost: 'Cost findings',
  compliance: 'Compliance gaps',
  usage: 'Usage and spikes',
  data_quality: 'Data quality',
};

/** The four tabs in order, each with its rules (in the engine's order) and their summed summary. */
export function groupTabs(rules: readonly RuleResult[]): GroupTab[] {
  return (Object.keys(GROUP_LABELS) as RuleGroup[]).map((group) => {
    const own = rules.filter((r) => r.group === group);
    const priced = own.filter((r) => r.summary.money !== null);
    return {
      group,
      label: GROUP_LABELS[group],
      rules: own,
      count: own.reduce((n, r) => n + r.summary.count, 0),
      money: priced.length > 0 ? priced.reduce((n, r) => n + (r.summary.money ?? 0), 0) : null,
      unpriced: own.reduce((n, r) => n + r.summary.unpriced, 0),
    };
  });
}
