import { cents, money, moneyRange } from '../lib/amounts.ts';
import { countOf } from '../lib/wording.ts';
import { findingsOf } from '../rules/findings.ts';
import { renewalRule, type RenewalFinding } from '../rules/renewal.ts';
import type { IngestReport } from '../ingest/ingest-report.ts';
import type { Review } from '../money/money-review.ts';
import { tokenCount as tokens, tokenPoolSentence } from '../review/flex-tokens.ts';
import type { ReviewWindow } from '../rules/rule.ts';
import type { ScenarioTotal } from '../money/exposure-review.ts';
import type { SavingsReview } from '../money/savings.ts';
import { DATA_LIMITS } from './data-limits.ts';
import { GAP_RULES, type GapRegisterRow } from './gap-register.ts';
import { engagementOf, fileHeading, preparedLine, type Engagement } from './engagement.ts';
import type { TableColumn } from './table-columns.ts';

/** The renewal intelligence brief as data: the page prints it, the Markdown file writes it, both from this. */
export interface RenewalBrief {
  window: ReviewWindow | null;
  engagement: Engagement;
  /** "Prepared for Northwind Design by A. Consultant, 2026-11-15" from the engagement settings; null when none is set. */
  prepared: string | null;
  /** The executive summary's figures: the same as the page's headline and review.json's. */
  headline: {
    exposure: { low: number; high: number } | null;
    savings_per_year: number | null;
    actions: number;
    gaps: number;
    seats_short: number;
    /** A year of the priced offerings today and after the recommendations. */
    spend_current: number | null;
    spend_after: number | null;
  };
  /** The opening paragraph: exposure range, savings and the recommendations in figures. */
  summary: string;
  /** The five seat actions that save most, and the five gaps that cost most (then the largest). */
  top_actions: { user: string; offering: string; action: string; saving_per_year: number | null }[];
  top_gaps: { gap_id: string; type: string; product: string; users_or_seats_short: number; exposure_current: number | null }[];
  offerings: RenewalFinding[];
  exposure: { typical: ScenarioTotal[]; evidence: ScenarioTotal[]; range: { low: number; high: number } | null; evidence_range: { low: number; high: number } | null; seats_short: number; unpriced_gaps: number };
  savings: SavingsReview;
  /** Gap register rows per type, with the rule's title for the reader. */
  gaps: { type: string; title: string; rows: number }[];
  /** What the data cannot see: the general limits, then what each loaded file could not provide. */
  limits: string[];
  /** The settings in one line each that change the figures most. */
  settings: string[];
  /** Flex tokens spent and their cost, per product, and the token pool's projection in words; null without tokens. */
  flex: { summary: string; products: { product: string; tokens: number; cost: number }[] } | null;
}


const RECOMMENDATION_WORDS: Record<RenewalFinding['recommendation'], string> = {
  increase: 'Increase',
  reduce: 'Reduce',
  restructure: 'Restructure',
  keep: 'Keep',
};

const TOP = 5;

export function renewalBrief(review: Review, ingest: readonly IngestReport[], gapRows: readonly GapRegisterRow[]): RenewalBrief {
  const offerings = findingsOf(review.rules, renewalRule);
  const { exposure, savings, roster } = review.money;
  const w = review.window;
  const engagement = engagementOf(review.settings, w);
  const inMoney = (amount: number) => money(amount, engagement.currency);
  const count = (k: RenewalFinding['recommendation']) => offerings.filter((o) => o.recommendation === k).map((o) => o.offering);
  const verdicts = (['increase', 'reduce', 'restructure', 'keep'] as const)
    .map((k) => [k, count(k)] as const)
    .filter(([, names]) => names.length > 0)
    .map(([k, names]) => `${RECOMMENDATION_WORDS[k].toLowerCase()} ${names.join(', ')}`);
  const priced = offerings.filter((o) => o.spend_current !== null);
  const spendCurrent = priced.length ? cents(priced.reduce((n, o) => n + o.spend_current!, 0)) : null;
  const spendAfter = priced.length ? cents(priced.reduce((n, o) => n + o.spend_after!, 0)) : null;

  const parts = [
    w ? `This review covers ${w.start} to ${w.end} (${w.months} months requested).` : 'No usage day lies in a review window yet.',
    `${countOf(roster.named_users, 'named user')} held a seat at the window end.`,
    exposure.gaps.length === 0
      ? 'No compliance gap was found.'
      : exposure.range
        ? `The compliance gaps (${countOf(exposure.seats_short, 'seat')} short over ${countOf(exposure.gaps.length, 'product')}) cost ${inMoney(exposure.range.low)} if this review closes them now, and up to ${inMoney(exposure.range.high)} if an audit finds them and the organisation does not cooperate${exposure.unpriced_gaps ? ` (${countOf(exposure.unpriced_gaps, 'gap')} not priced)` : ''}.`
        : `The compliance gaps (${countOf(exposure.seats_short, 'seat')} short) cannot be valued: the price book has no price for them.`,
    savings.total_per_year === null
      ? "Savings cannot be valued until the price book holds the contract's prices."
      : `Acting on the ${countOf(review.actions.length, 'seat action')} would save ${inMoney(savings.total_per_year)} a year: ${savings.lines.map((l) => `${l.label.toLowerCase()} ${l.per_year === null ? 'not priced' : inMoney(l.per_year)}`).join(', ')}.`,
    spendCurrent !== null && spendAfter !== null ? `The priced offerings cost ${inMoney(spendCurrent)} a year today and ${inMoney(spendAfter)} after the recommendations.` : '',
    verdicts.length ? `At renewal: ${verdicts.join('; ')}.` : '',
  ];

  const fileNotes = ingest.filter((r) => r.status === 'loaded').flatMap((r) => r.notes.map((n) => `${r.file}: ${n}`));
  const t = review.settings.thresholds;
  const byCost = [...gapRows].sort(
    (a, b) => (b.exposure_current ?? -1) - (a.exposure_current ?? -1) || b.users_or_seats_short - a.users_or_seats_short || a.gap_id.localeCompare(b.gap_id),
  );
  return {
    window: w,
    engagement,
    prepared: preparedLine(engagement),
    headline: {
      exposure: exposure.range,
      savings_per_year: savings.total_per_year,
      actions: review.actions.length,
      gaps: gapRows.length,
      seats_short: exposure.seats_short,
      spend_current: spendCurrent,
      spend_after: spendAfter,
    },
    summary: parts.filter((p) => p !== '').join(' '),
    top_actions: review.actions.slice(0, TOP).map(({ user, offering, action, saving_per_year }) => ({ user, offering, action, saving_per_year })),
    top_gaps: byCost.slice(0, TOP).map(({ gap_id, type, product, users_or_seats_short, exposure_current }) => ({ gap_id, type, product, users_or_seats_short, exposure_current })),
    offerings,
    exposure: { typical: exposure.typical, evidence: exposure.evidence, range: exposure.range, evidence_range: exposure.evidence_range, seats_short: exposure.seats_short, unpriced_gaps: exposure.unpriced_gaps },
    savings,
    gaps: GAP_RULES.map(({ id: type, title }) => ({ type, title, rows: gapRows.filter((g) => g.type === title).length })),
    flex: flexPart(review, engagement.currency),
    limits: [...DATA_LIMITS.map((l) => `${l.title}: ${l.text}`), ...fileNotes],
    settings: [
      `Dormant after ${t.dormant_days} days; low frequency below ${t.low_freq_days_per_month} usage days a month; renewal headroom ${Math.round(t.renewal_headroom * 100)}%.`,
      `Exposure factors: negotiated ${review.settings.exposure.negotiated_factor}, worst case ×${review.settings.exposure.worst_case_multiplier}, list / current ${review.settings.exposure.list_to_current}.`,
      `Prices in ${engagement.currency}: ${review.money.price_book.offerings_priced} offerings priced${review.money.price_book.indicative.length ? `; indicative: ${review.money.price_book.indicative.map((i) => i.item).join(', ')}` : ''}.`,
    ],
  };
}

/** One offering of the brief as a table row: words for the recommendation, the reasons in one text. */
export type BriefOfferingRow = Pick<
  RenewalFinding,
  'offering' | 'contracts' | 'terms' | 'renewal_date' | 'seats' | 'assigned' | 'active' | 'p95_daily_users' | 'trend' | 'target_seats' | 'spend_current' | 'spend_after'
> & { recommendation: string; reasons: string };

export const BRIEF_OFFERING_COLUMNS: readonly TableColumn<BriefOfferingRow>[] = [
  { key: 'offering', header: 'Offering' },
  { key: 'recommendation', header: 'Recommendation' },
  { key: 'target_seats', header: 'Target seats', format: 'count' },
  { key: 'spend_current', header: 'Spend a year today', format: 'money' },
  { key: 'spend_after', header: 'Spend a year after', format: 'money' },
  { key: 'seats', header: 'Seats', format: 'count' },
  { key: 'assigned', header: 'Assigned', format: 'count' },
  { key: 'active', header: 'Active', format: 'count' },
  { key: 'p95_daily_users', header: 'Daily users (95th percentile)', format: 'number' },
  { key: 'trend', header: 'Quarter trend', format: 'share' },
  { key: 'contracts', header: 'Contracts' },
  { key: 'terms', header: 'Term' },
  { key: 'renewal_date', header: 'Renews', format: 'date' },
  { key: 'reasons', header: 'Why' },
];

export function briefOfferingRows(brief: RenewalBrief): BriefOfferingRow[] {
  return brief.offerings.map((o) => ({
    offering: o.offering,
    contracts: o.contracts,
    terms: o.terms,
    renewal_date: o.renewal_date,
    seats: o.seats,
    assigned: o.assigned,
    active: o.active,
    p95_daily_users: o.p95_daily_users,
    trend: o.trend,
    recommendation: RECOMMENDATION_WORDS[o.recommendation],
    target_seats: o.target_seats,
    spend_current: o.spend_current,
    spend_after: o.spend_after,
    reasons: o.reasons.join('; '),
  }));
}

/** The recommendation in words: "Increase to 22 seats", "Reduce to 140 seats", "Restructure", "Keep". */
export function recommendationText(o: Pick<RenewalFinding, 'recommendation' | 'target_seats'>): string {
  const word = RECOMMENDATION_WORDS[o.recommendation];
  return o.target_seats !== null && (o.recommendation === 'increase' || o.recommendation === 'reduce') ? `${word} to ${o.target_seats} seats` : word;
}


/** The tokens and the pool in sentences, with the same figures as the page's Flex view and review.json's `flex`. */
function flexPart(review: Review, currency: string): RenewalBrief['flex'] {
  const { flex } = review;
  const spend = review.money.flex_spend;
  if (flex.total_tokens === 0) return null;
  const price = `${money(spend.total, currency)} at ${money(spend.token_price, currency)} a token${spend.indicative ? ' (the public rate, indicative)' : ''}`;
  const parts = [
    `${tokens(flex.total_tokens)} Flex tokens were spent from ${flex.first_day} to ${flex.last_day}: ${price}.`,
    flex.unattributed_tokens > 0 ? `${tokens(flex.unattributed_tokens)} of them are reported for the pool only, with no user named.` : '',
  ];
  if (flex.pool) parts.push(tokenPoolSentence(flex.pool));
  const cost = new Map(spend.by_product.map((c) => [c.product, c.cost]));
  return {
    summary: parts.filter((x) => x !== '').join(' '),
    products: flex.tokens_by_product.map((x) => ({ product: x.product, tokens: x.tokens, cost: cost.get(x.product) ?? 0 })),
  };
}

const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v)).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const row = (cells: unknown[]) => `| ${cells.map(cell).join(' | ')} |`;
const table = (header: string[], rows: unknown[][]) => [row(header), row(header.map(() => '---')), ...rows.map(row)].join('\n');

/** "+12%", "-5%", or empty without a previous quarter. */
export function trendText(t: number | null): string {
  return t === null ? '' : `${t > 0 ? '+' : ''}${Math.round(t * 100)}%`;
}

export function renewalBriefMarkdown(brief: RenewalBrief): string {
  const currency = brief.engagement.currency;
  const m = (amount: number | null) => (amount === null ? 'not priced' : money(amount, currency));
  const range = (r: { low: number; high: number } | null) => (r ? moneyRange(r.low, r.high, currency) : 'not valued');
  const h = brief.headline;
  const client = brief.engagement.client;
  const sections = [
    `# Renewal brief${client ? `: ${client}` : ''}\n\n${fileHeading('Renewal brief', brief.engagement)}.`,
    `## Executive summary\n\n${[
      `- **Exposure if the gaps are found:** ${range(h.exposure)}`,
      `- **Savings a year:** ${m(h.savings_per_year)} (${countOf(h.actions, 'seat action')})`,
      `- **Compliance gaps:** ${countOf(h.gaps, 'register row')}, ${countOf(h.seats_short, 'seat')} short`,
      `- **Spend a year on the priced offerings:** ${h.spend_current === null ? 'not priced' : `${m(h.spend_current)} today, ${m(h.spend_after)} after the recommendations`}`,
    ].join('\n')}\n\n${brief.summary}\n\n### The five largest actions\n\n${
      brief.top_actions.length
        ? table(['User', 'Offering', 'Action', 'Saving a year'], brief.top_actions.map((a) => [a.user, a.offering, a.action, m(a.saving_per_year)]))
        : 'No seat needs an action.'
    }\n\n### The five largest gaps\n\n${
      brief.top_gaps.length
        ? table(['Gap', 'Type', 'Product', 'Users or seats short', 'A year at the current price'], brief.top_gaps.map((g) => [g.gap_id, g.type, g.product, g.users_or_seats_short, m(g.exposure_current)]))
        : 'No compliance gap was found.'
    }`,
    `## Offerings\n\n${table(
      ['Offering', 'Contracts', 'Term', 'Renews', 'Seats', 'Assigned', 'Active', 'Daily users (p95)', 'Quarter trend', 'Recommendation', 'Spend a year today', 'After', 'Why'],
      brief.offerings.map((o) => [
        o.offering, o.contracts ?? '', o.terms ?? '', o.renewal_date ?? '', o.seats ?? '', o.assigned, o.active, o.p95_daily_users, trendText(o.trend),
        recommendationText(o), m(o.spend_current), m(o.spend_after), o.reasons.join('; '),
      ]),
    )}`,
    `## Exposure scenarios\n\n${table(
      ['Scenario', 'Found after', 'Licences', 'Back-period', 'Total'],
      brief.exposure.typical.map((s) => [s.label, `${s.months} months`, m(s.licences), s.back_period_high === 0 ? 'none' : moneyRange(s.back_period_low, s.back_period_high, currency), moneyRange(s.total_low, s.total_high, currency)]),
    )}\n\nAt the months the evidence shows: ${range(brief.exposure.evidence_range)}.`,
    `## Savings\n\n${table(
      ['Lever', 'Findings', 'With a saving', 'Not priced', 'Per year'],
      brief.savings.lines.map((l) => [l.label, l.findings, l.actionable, l.unpriced, m(l.per_year)]),
    )}\n\nEach seat takes one action (the one that saves most): the action list names every seat and adds up to the total.`,
    ...(brief.flex
      ? [`## Flex tokens\n\n${brief.flex.summary}\n\n${table(['Product', 'Tokens', 'Cost'], brief.flex.products.map((x) => [x.product, tokens(x.tokens), m(x.cost)]))}`]
      : []),
    `## Compliance gaps\n\n${table(['Gap', 'Register rows'], brief.gaps.map((g) => [g.title, g.rows]))}\n\nThe gap register lists each one with every user or device, its evidence, exposure and remediation.`,
    `## What the data cannot see\n\n${brief.limits.map((l) => `- ${l}`).join('\n')}`,
    `## Settings used\n\n${brief.settings.map((s) => `- ${s}`).join('\n')}`,
  ];
  return `${sections.join('\n\n')}\n`;
}
