import { cents } from '../lib/amounts.ts';
import type { ReviewSettings } from '../settings/schema.ts';
import { exposureScenarios, SCENARIO_LABELS, TYPICAL_MONTHS, type Scenario, type ScenarioId } from './exposure.ts';
import type { GapMeasure } from './gaps.ts';
import type { GapPrice } from './gap-prices.ts';

/** The price a gap's seats are valued at, with where each figure came from. */
export interface GapPricing {
  offering: string;
  basis: GapPrice['basis'];
  current_price: number;
  list_price: number;
  /** price_book: the price book's list price; list_to_current: current_price x the list_to_current factor. */
  list_price_from: 'price_book' | 'list_to_current';
  indicative: boolean;
}

export interface GapExposure extends GapMeasure {
  /** Null when no offering covering the product is priced: the gap is counted, not valued. */
  pricing: GapPricing | null;
  price_note: string | null;
  /** The four scenarios at the seed's fixed timings (3, 12, 18, 18 months); empty when unpriced. */
  typical: Scenario[];
  /** The four scenarios with every timing set to the months the evidence shows; empty when unpriced. */
  evidence: Scenario[];
}

/** One scenario summed over the priced gaps. */
export interface ScenarioTotal {
  id: ScenarioId;
  label: string;
  /** The seed's months, or for evidence totals null (each gap has its own). */
  months: number | null;
  licences: number;
  back_period_low: number;
  back_period_high: number;
  total_low: number;
  total_high: number;
}

export interface ExposureReview {
  factors: ReviewSettings['exposure'];
  gaps: GapExposure[];
  /** Seats short over every gap, priced or not. */
  seats_short: number;
  priced_gaps: number;
  unpriced_gaps: number;
  /** Scenario totals over the priced gaps, at the seed's timings and at the evidence's. */
  typical: ScenarioTotal[];
  evidence: ScenarioTotal[];
  /** The headline: cooperative (quarterly self-review, licences only) to worst case (audit without cooperation, high end), seed timings. Null without a priced gap. */
  range: { low: number; high: number } | null;
  /** The same range at the evidence's months. */
  evidence_range: { low: number; high: number } | null;
}


/** The four scenarios for every gap and their totals: the rulebook's cost comparison for this review. */
export function exposureReview(measures: readonly GapMeasure[], prices: ReadonlyMap<string, GapPrice>, settings: ReviewSettings): ExposureReview {
  const factors = settings.exposure;
  const gaps = measures.map((m): GapExposure => {
    const price = prices.get(m.product);
    if (!price) {
      return { ...m, pricing: null, price_note: `No offering covering ${m.product} has a current price in the price book: the gap is counted but not valued.`, typical: [], evidence: [] };
    }
    const pricing: GapPricing = {
      offering: price.offering,
      basis: price.basis,
      current_price: price.current_price,
      list_price: price.list_price ?? cents(price.current_price * factors.list_to_current),
      list_price_from: price.list_price === null ? 'list_to_current' : 'price_book',
      indicative: price.indicative,
    };
    const inputs = { seats: m.seats, current_price: pricing.current_price, list_price: pricing.list_price };
    return {
      ...m,
      pricing,
      price_note: pricing.indicative ? `${pricing.offering}'s price is indicative: edit it to your contract.` : null,
      typical: exposureScenarios(inputs, factors),
      evidence: exposureScenarios(inputs, factors, m.months),
    };
  });
  const priced = gaps.filter((g) => g.pricing !== null);
  const typical = totals(priced.map((g) => g.typical), true);
  const evidence = totals(priced.map((g) => g.evidence), false);
  return {
    factors,
    gaps,
    seats_short: gaps.reduce((n, g) => n + g.seats, 0),
    priced_gaps: priced.length,
    unpriced_gaps: gaps.length - priced.length,
    typical,
    evidence,
    range: range(typical, priced.length),
    evidence_range: range(evidence, priced.length),
  };
}

function totals(perGap: Scenario[][], typicalTimings: boolean): ScenarioTotal[] {
  const ids = Object.keys(TYPICAL_MONTHS) as ScenarioId[];
  return ids.map((id) => {
    const rows = perGap.map((scenarios) => scenarios.find((s) => s.id === id)).filter((s) => s !== undefined);
    const sum = (pick: (s: Scenario) => number) => cents(rows.reduce((n, s) => n + pick(s), 0));
    return {
      id,
      label: SCENARIO_LABELS[id],
      months: typicalTimings ? TYPICAL_MONTHS[id] : null,
      licences: sum((s) => s.licences),
      back_period_low: sum((s) => s.back_period_low),
      back_period_high: sum((s) => s.back_period_high),
      total_low: sum((s) => s.total_low),
      total_high: sum((s) => s.total_high),
    };
  });
}

function range(totals: ScenarioTotal[], priced: number): { low: number; high: number } | null {
  if (priced === 0) return null;
  const low = totals.find((t) => t.id === 'quarterly_self_review')!.total_low;
  const high = totals.find((t) => t.id === 'audit_no_cooperation')!.total_high;
  return { low, high };
}
