import { cents } from '../money/amounts.ts';
import { countOf } from './wording.ts';
import { findingsOf } from '../engine/findings.ts';
import type { Review } from '../engine/api.ts';
import type { GapExposure } from '../money/exposure-review.ts';
import type { UnlicensedAccessFinding } from '../rules/unlicensed-access.ts';

/** One compliance gap to close: the compliance gap register. */
export interface GapRegisterRow {
  gap_id: string;
  type: 'unlicensed_access' | 'out_of_scope' | 'over_count' | 'contractor_access';
  product: string;
  /** Distinct users (rules 6, 7 and 5) or seats above the count (rule 8). */
  users_or_seats_short: number;
  first_day: string;
  last_day: string;
  evidence: string;
  /** A year of licences for the gap at the current price and at the list price (the seat price of the exposure scenarios); null when not priced or counted in another row. */
  exposure_current: number | null;
  exposure_list: number | null;
  remediation: string;
  /** Left blank for the client. */
  owner: string;
  due_date: string;
}

export const GAP_REGISTER_COLUMNS = [
  'gap_id', 'type', 'product', 'users_or_seats_short', 'first_day', 'last_day', 'evidence', 'exposure_current', 'exposure_list', 'remediation', 'owner', 'due_date',
] as const satisfies readonly (keyof GapRegisterRow)[];

const list = (items: readonly string[], most = 10) => (items.length <= most ? items.join(', ') : `${items.slice(0, most).join(', ')} and ${items.length - most} more`);

/**
 * One row per unlicensed product (rule 6), out-of-scope product (rule 7), product over its seat count (rule 8) and
 * contractor without an assignment (rule 5, compliance severity). A product's shortfall is priced once, on the side
 * that gave its exposure N (the users of rules 6 and 7, or the over-count of rule 8; the users when equal): the other
 * side's rows measure the same seats and carry no money. A contractor's use is priced in the product's own rows.
 */
export function gapRegister(review: Review): GapRegisterRow[] {
  const pricing = new Map(review.money.exposure.gaps.map((g) => [g.product, g]));
  /** A row is priced when its side (users or over-count) gave the product's N: the two sides are one shortfall. */
  const priced = (product: string, n: number, side: 'users' | 'over_count') => {
    const gap: GapExposure | undefined = pricing.get(product);
    if (!gap?.pricing || (gap.seats_from !== 'both' && gap.seats_from !== side) || (gap.seats_from === 'both' && side === 'over_count')) {
      return { exposure_current: null, exposure_list: null };
    }
    return { exposure_current: cents(n * gap.pricing.current_price), exposure_list: cents(n * gap.pricing.list_price) };
  };
  const blank = { owner: '', due_date: '' };
  const rows: Omit<GapRegisterRow, 'gap_id'>[] = [];

  const unlicensed = new Map<string, UnlicensedAccessFinding[]>();
  for (const f of findingsOf(review.rules, 'unlicensed_access')) unlicensed.set(f.product, [...(unlicensed.get(f.product) ?? []), f]);
  for (const [product, findings] of unlicensed) {
    const users = findings.map((f) => f.user_key).sort();
    const days = findings.reduce((n, f) => n + f.days, 0);
    const devices = [...new Set(findings.flatMap((f) => f.devices ?? []))].sort();
    const entitled = [...new Set(findings.flatMap((f) => f.entitled_offerings))].sort();
    rows.push({
      type: 'unlicensed_access', product, users_or_seats_short: users.length,
      first_day: findings.map((f) => f.first_day).sort()[0]!, last_day: findings.map((f) => f.last_day).sort().at(-1)!,
      evidence: `${countOf(users.length, 'user')} on ${countOf(days, 'usage day')} without an assignment while ${entitled.join(', ')} covered ${product}: ${list(users)}${devices.length ? `; devices ${list(devices)}` : ''}`,
      ...priced(product, users.length, 'users'),
      remediation: `Assign a seat of ${entitled[0] ?? product} to each user who needs ${product} (or remove it from their machines), and keep the assignment dates as evidence.`,
      ...blank,
    });
  }

  for (const f of findingsOf(review.rules, 'out_of_scope')) {
    rows.push({
      type: 'out_of_scope', product: f.product, users_or_seats_short: f.users, first_day: f.first_day, last_day: f.last_day,
      evidence: `${countOf(f.users, 'user')} on ${countOf(f.usage_days, 'usage day')} (${countOf(f.days, 'day')}) with no entitlement covering ${f.product}${f.reason === 'outside_term' && f.last_term_end ? `; the last term ended ${f.last_term_end}` : ''}: ${list(f.user_keys)}`,
      ...priced(f.product, f.users, 'users'),
      remediation: f.reason === 'outside_term'
        ? `Renew the subscription covering ${f.product} for the users who still need it, or remove it; unassign seats left over from the ended term.`
        : `Buy a subscription covering ${f.product} for the users who need it, or uninstall it.`,
      ...blank,
    });
  }

  for (const f of findingsOf(review.rules, 'over_count')) {
    if (f.max_excess === null || f.max_excess <= 0 || f.first_day_over === null || f.last_day_over === null) continue;
    rows.push({
      type: 'over_count', product: f.product, users_or_seats_short: f.max_excess, first_day: f.first_day_over, last_day: f.last_day_over,
      evidence: `${f.kind === 'network' ? 'concurrent checkouts' : 'named users a day'} reached ${f.high_water_mark} on ${f.high_water_date} against ${f.seats_at_high_water ?? '?'} seats; over on ${countOf(f.days_over ?? 0, 'day')}, longest run ${f.longest_run_days ?? 0}${f.sustained ? ' (sustained)' : ''}; p95 ${f.p95}${f.denials ? `; ${f.denials} licence-server denials` : ''}`,
      ...priced(f.product, f.max_excess, 'over_count'),
      remediation: f.kind === 'network'
        ? `Add ${countOf(f.max_excess, 'seat')} to the network licence of ${f.product} or cap concurrent use; the denials show when it saturated.`
        : `True up ${countOf(f.max_excess, 'seat')} of ${f.product} or reduce the users; check which users hold no seat.`,
      ...blank,
    });
  }

  for (const f of findingsOf(review.rules, 'contractor_access')) {
    if (f.severity !== 'compliance') continue;
    rows.push({
      type: 'contractor_access', product: f.products_without_cover.join(', '), users_or_seats_short: 1,
      first_day: f.first_day_without_cover ?? f.first_day, last_day: f.last_day_without_cover ?? f.last_day,
      evidence: `${f.user_key} (${f.flagged_by.join(' and ')} outside the organisation${f.domain ? `: ${f.domain}` : ''}${f.outside_ips.length ? `; IPs ${list(f.outside_ips, 5)}` : ''}) used ${countOf(f.days_without_cover, 'usage day')} without an assignment; priced in the product's own rows`,
      exposure_current: null,
      exposure_list: null,
      remediation: 'Formalise the access (assign a seat under the contract that allows third-party use) or terminate it.',
      ...blank,
    });
  }

  const order = ['unlicensed_access', 'out_of_scope', 'over_count', 'contractor_access'];
  return rows
    .sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type) || a.product.localeCompare(b.product) || a.evidence.localeCompare(b.evidence))
    .map((r, i) => ({ gap_id: `G${String(i + 1).padStart(3, '0')}`, ...r }));
}
