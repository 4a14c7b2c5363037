import { money } from '../lib/amounts.ts';
import type { IndicativeLabel, ReviewSettings } from '../settings/schema.ts';

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;
const basis = (label: IndicativeLabel) => (label ? ` (indicative, ${label.as_of}: ${label.source})` : '');
const listed = (items: readonly string[]) => (items.length ? items.join(', ') : 'none set');

/**
 * The settings a review used, one readable row each, for the workbook's settings sheet: what a reader needs to
 * re-run or question a figure, in words. The redaction key is never among them.
 */
export function settingsRows(s: ReviewSettings): { setting: string; value: string | number }[] {
  const t = s.thresholds;
  const price = (amount: number) => `${money(amount, s.prices.currency)}${Number.isInteger(amount) ? '' : ` (${amount} ${s.prices.currency})`}`;
  const e = s.engagement;
  return [
    { setting: 'Client', value: e.client ?? 'not set' },
    { setting: 'Prepared by', value: e.prepared_by ?? 'not set' },
    { setting: 'Review date', value: e.review_date ?? 'not set' },
    { setting: 'Review window', value: `${s.window.months} months ending ${s.window.end ?? 'on the last usage day in the data'}` },
    { setting: 'Dormant after (days without use)', value: t.dormant_days },
    { setting: 'Low frequency: fewer usage days a month than', value: t.low_freq_days_per_month },
    { setting: 'Flex recommended when cheaper by at least', value: percent(t.flex_margin) },
    { setting: 'Over the licence count is sustained after (days)', value: t.sustained_days },
    { setting: 'New domain: at least this many users', value: t.new_domain_min_users },
    { setting: 'New domain: first use at least this many days after the data starts', value: t.new_domain_after_days },
    { setting: 'Event matched within (days)', value: t.event_match_days },
    { setting: 'Usage spike: weekly users above the baseline by a factor of', value: t.spike_ratio },
    { setting: 'Usage spike: at least this many users', value: t.spike_min_users },
    { setting: 'Usage spike: baseline (weeks)', value: t.spike_baseline_weeks },
    { setting: 'Renewal headroom above the seats needed', value: percent(t.renewal_headroom) },
    { setting: 'Corporate e-mail domains', value: listed(s.corporate.domains) },
    { setting: 'Corporate address ranges', value: listed(s.corporate.cidrs) },
    { setting: 'Currency', value: s.prices.currency },
    { setting: 'Flex token price', value: `${price(s.prices.token_price)}${basis(s.prices.token_price_indicative)}` },
    ...s.prices.offerings.map((o) => ({
      setting: `Price of ${o.offering} (a seat a year)`,
      value: `${price(o.current_price)} current, ${o.list_price === null ? `list = current × ${s.exposure.list_to_current}` : `${price(o.list_price)} list`}${basis(o.indicative)}`,
    })),
    ...s.prices.products.map((p) => ({ setting: `Flex tokens a usage day of ${p.product}`, value: `${p.tokens_per_day}${basis(p.indicative)}` })),
    { setting: 'Exposure: share of the back-period a negotiated review settles at', value: s.exposure.negotiated_factor },
    { setting: 'Exposure: worst case (audit without cooperation) multiplier', value: s.exposure.worst_case_multiplier },
    { setting: 'Exposure: list price as a multiple of the current price', value: s.exposure.list_to_current },
    ...s.collections.map((c) => ({ setting: `Collection ${c.offering} holds`, value: listed(c.products) })),
    ...s.events.map((ev) => ({ setting: `Event on ${ev.date}`, value: ev.name })),
  ];
}
