import { usd, usdRange } from '../lib/amounts.ts';
import { countOf } from '../lib/wording.ts';
import { findingsOf } from '../rules/findings.ts';
import { renewalRule, type RenewalFinding } from '../rules/renewal.ts';
import type { IngestReport } from '../ingest/ingest-report.ts';
import type { Review } from '../money/money-review.ts';
import type { ReviewWindow } from '../rules/rule.ts';
import type { ScenarioTotal } from '../money/exposure-review.ts';
import type { SavingsReview } from '../money/savings.ts';
import { DATA_LIMITS } from './data-limits.ts';
import { GAP_RULES, type GapRegisterRow } from './gap-register.ts';

/** The renewal intelligence brief as data: the page prints it, the Markdown file writes it, both from this. */
export interface RenewalBrief {
  window: ReviewWindow | null;
  /** "Prepared for Northwind Design by A. Consultant, 2026-11-15" from the engagement settings; null when none is set. */
  prepared: string | null;
  /** The opening paragraph: exposure range, savings and the recommendations in figures. */
  summary: string;
  offerings: RenewalFinding[];
  exposure: { seed: ScenarioTotal[]; evidence: ScenarioTotal[]; range: { low: number; high: number } | null; evidence_range: { low: number; high: number } | null; seats_short: number; unpriced_gaps: number };
  savings: SavingsReview;
  /** Gap register rows per type, with the rule's title for the reader. */
  gaps: { type: GapRegisterRow['type']; title: string; rows: number }[];
  /** What the data cannot see: the general limits, then what each loaded file could not provide. */
  limits: string[];
  /** The settings in one line each that change the figures most. */
  settings: string[];
}


export function renewalBrief(review: Review, ingest: readonly IngestReport[], gapRows: readonly GapRegisterRow[]): RenewalBrief {
  const offerings = findingsOf(review.rules, renewalRule);
  const { exposure, savings, roster } = review.money;
  const w = review.window;
  const count = (k: RenewalFinding['recommendation']) => offerings.filter((o) => o.recommendation === k).map((o) => o.offering);
  const verdicts = (['increase', 'reduce', 'restructure', 'keep'] as const)
    .map((k) => [k, count(k)] as const)
    .filter(([, names]) => names.length > 0)
    .map(([k, names]) => `${k} ${names.join(', ')}`);

  const parts = [
    w ? `This review covers ${w.start} to ${w.end} (${w.months} months requested).` : 'No usage day lies in a review window yet.',
    `${countOf(roster.named_users, 'named user')} held a seat at the window end.`,
    exposure.gaps.length === 0
      ? 'No compliance gap was found.'
      : exposure.range
        ? `The compliance gaps (${countOf(exposure.seats_short, 'seat')} short over ${countOf(exposure.gaps.length, 'product')}) cost ${usd(exposure.range.low)} if this review closes them now, and up to ${usd(exposure.range.high)} if an audit finds them and the organisation does not cooperate${exposure.unpriced_gaps ? ` (${countOf(exposure.unpriced_gaps, 'gap')} not priced)` : ''}.`
        : `The compliance gaps (${countOf(exposure.seats_short, 'seat')} short) cannot be valued: the price book has no price for them.`,
    savings.total_per_year === null
      ? 'Savings cannot be valued until the price book holds the contract\'s prices.'
      : `Acting on the cost findings would save ${usd(savings.total_per_year)} a year: ${savings.lines.map((l) => `${l.label.toLowerCase()} ${l.per_year === null ? 'not priced' : usd(l.per_year)}`).join(', ')}.`,
    verdicts.length ? `At renewal: ${verdicts.join('; ')}.` : '',
  ];

  const fileNotes = ingest.filter((r) => r.status === 'loaded').flatMap((r) => r.notes.map((n) => `${r.file}: ${n}`));
  const t = review.settings.thresholds;
  const e = review.settings.engagement;
  const prepared = e.client || e.prepared_by || e.review_date
    ? ['Prepared', e.client ? `for ${e.client}` : '', e.prepared_by ? `by ${e.prepared_by}` : ''].filter((p) => p !== '').join(' ') + (e.review_date ? `, ${e.review_date}` : '')
    : null;
  return {
    window: w,
    prepared,
    summary: parts.filter((p) => p !== '').join(' '),
    offerings,
    exposure: { seed: exposure.seed, evidence: exposure.evidence, range: exposure.range, evidence_range: exposure.evidence_range, seats_short: exposure.seats_short, unpriced_gaps: exposure.unpriced_gaps },
    savings,
    gaps: GAP_RULES.map(({ id: type, title }) => ({ type, title, rows: gapRows.filter((g) => g.type === type).length })),
    limits: [...DATA_LIMITS.map((l) => `${l.title}: ${l.text}`), ...fileNotes],
    settings: [
      `Dormant after ${t.dormant_days} days; low frequency below ${t.low_freq_days_per_month} usage days a month; renewal headroom ${Math.round(t.renewal_headroom * 100)}%.`,
      `Exposure factors: negotiated ${review.settings.exposure.negotiated_factor}, worst case x${review.settings.exposure.worst_case_multiplier}, list / current ${review.settings.exposure.list_to_current}.`,
      `Prices: ${review.money.price_book.offerings_priced} offerings priced${review.money.price_book.indicative.length ? `; indicative: ${review.money.price_book.indicative.map((i) => i.item).join(', ')}` : ''}.`,
    ],
  };
}

const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v)).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const row = (cells: unknown[]) => `| ${cells.map(cell).join(' | ')} |`;
const table = (header: string[], rows: unknown[][]) => [row(header), row(header.map(() => '---')), ...rows.map(row)].join('\n');

export function renewalBriefMarkdown(brief: RenewalBrief): string {
  const w = brief.window;
  const trend = (t: number | null) => (t === null ? '' : `${t > 0 ? '+' : ''}${Math.round(t * 100)}%`);
  const sections = [
    `# Renewal brief${w ? `: ${w.start} to ${w.end}` : ''}${brief.prepared ? `\n\n${brief.prepared}.` : ''}`,
    `## Summary\n\n${brief.summary}`,
    `## Offerings\n\n${table(
      ['Offering', 'Seats', 'Assigned', 'Active', 'p95 daily users', 'Quarter trend', 'Recommendation', 'Target seats', 'Why'],
      brief.offerings.map((o) => [o.offering, o.seats ?? '', o.assigned, o.active, o.p95_daily_users, trend(o.trend), o.recommendation, o.target_seats ?? '', o.reasons.join('; ')]),
    )}`,
    `## Exposure scenarios\n\n${table(
      ['Scenario', 'Found after', 'Licences', 'Back-period', 'Total'],
      brief.exposure.seed.map((s) => [s.label, `${s.months} months`, usd(s.licences), s.back_period_high === 0 ? 'none' : usdRange(s.back_period_low, s.back_period_high), usdRange(s.total_low, s.total_high)]),
    )}\n\nAt the months the evidence shows: ${brief.exposure.evidence_range ? usdRange(brief.exposure.evidence_range.low, brief.exposure.evidence_range.high) : 'not valued'}.`,
    `## Savings\n\n${table(
      ['Lever', 'Findings', 'With a saving', 'Not priced', 'Per year'],
      brief.savings.lines.map((l) => [l.label, l.findings, l.actionable, l.unpriced, l.per_year === null ? 'not priced' : usd(l.per_year)]),
    )}`,
    `## Compliance gaps\n\n${table(['Gap', 'Register rows'], brief.gaps.map((g) => [g.title, g.rows]))}\n\nThe gap register lists each one with its evidence, exposure and remediation.`,
    `## What the data cannot see\n\n${brief.limits.map((l) => `- ${l}`).join('\n')}`,
    `## Settings used\n\n${brief.settings.map((s) => `- ${s}`).join('\n')}`,
  ];
  return `${sections.join('\n\n')}\n`;
}
