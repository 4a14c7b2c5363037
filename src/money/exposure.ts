/**
 * The four exposure scenarios of the rulebook (and the seed's cost table): what a compliance gap of N seats
 * costs when the customer finds it first versus when an audit does. Pure arithmetic; every factor is an input.
 */

import { cents } from '../lib/amounts.ts';

export interface GapInputs {
  /** Seats short: the larger of (distinct users with unlicensed or out-of-scope use) and (over-count high-water mark - S); never their sum. */
  seats: number;
  /** What this customer pays per seat per year. */
  current_price: number;
  /** List price per seat per year. */
  list_price: number;
}

export interface ScenarioFactors {
  /** Share of the back-period a negotiated annual self-review settles at (seed: about 45K of 97K). */
  negotiated_factor: number;
  /** How much worse than the negotiated range an audit without cooperation is. */
  worst_case_multiplier: number;
}

export const DEFAULT_FACTORS: ScenarioFactors = { negotiated_factor: 0.46, worst_case_multiplier: 2 };

export type ScenarioId = 'quarterly_self_review' | 'annual_self_review' | 'audit_negotiated' | 'audit_no_cooperation';

export interface Scenario {
  id: ScenarioId;
  label: string;
  /** How long the gap ran before it was found. */
  months: number;
  licences: number;
  /** Back-period payment as a range (equal ends when it is a single figure). */
  back_period_low: number;
  back_period_high: number;
  total_low: number;
  total_high: number;
  /** The arithmetic in words, with the inputs written in, for the page to show beside the figure. */
  formula: string;
}

export const SCENARIO_LABELS: Record<ScenarioId, string> = {
  quarterly_self_review: 'Proactive quarterly self-review',
  annual_self_review: 'Proactive annual self-review',
  audit_negotiated: 'Audit, negotiated settlement',
  audit_no_cooperation: 'Audit, no cooperation',
};

/** The seed's fixed timings: a gap found after 3, 12, 18 and 18 months. */
export const TYPICAL_MONTHS: Record<ScenarioId, number> = {
  quarterly_self_review: 3,
  annual_self_review: 12,
  audit_negotiated: 18,
  audit_no_cooperation: 18,
};

/**
 * The four scenarios for one gap. `months` overrides the seed's timings (for example the months the evidence
 * shows, first gap day to window end): pass a number to apply it to every scenario.
 */
export function exposureScenarios(gap: GapInputs, factors: ScenarioFactors = DEFAULT_FACTORS, months: Partial<Record<ScenarioId, number>> | number = {}): Scenario[] {
  const at = (id: ScenarioId) => (typeof months === 'number' ? months : months[id] ?? TYPICAL_MONTHS[id]);
  const { seats: n, current_price: current, list_price: list } = gap;
  const atCurrent = n * current;
  const atList = n * list;

  const quarterly = at('quarterly_self_review');
  const annual = at('annual_self_review');
  const negotiated = at('audit_negotiated');
  const worst = at('audit_no_cooperation');

  const annualBack = atCurrent * (annual / 12) * factors.negotiated_factor;
  const negotiatedLow = atCurrent * (negotiated / 12);
  const negotiatedHigh = atList * (negotiated / 12);
  const worstLow = atCurrent * (worst / 12) * factors.worst_case_multiplier;
  const worstHigh = atList * (worst / 12) * factors.worst_case_multiplier;

  return [
    scenario('quarterly_self_review', quarterly, atCurrent, 0, 0, `${n} seats x ${current} current price; no back-period`),
    scenario('annual_self_review', annual, atCurrent, annualBack, annualBack, `${n} x ${current} licences; back-period ${n} x ${current} x ${annual}/12 x ${factors.negotiated_factor} negotiated factor`),
    scenario('audit_negotiated', negotiated, atCurrent, negotiatedLow, negotiatedHigh, `${n} x ${current} licences; back-period from ${n} x ${current} x ${negotiated}/12 to ${n} x ${list} list price x ${negotiated}/12`),
    scenario('audit_no_cooperation', worst, atList, worstLow, worstHigh, `${n} x ${list} list-price licences; back-period ${factors.worst_case_multiplier} x the negotiated range over ${worst} months`),
  ];
}

function scenario(id: ScenarioId, months: number, licences: number, low: number, high: number, formula: string): Scenario {
  return {
    id, label: SCENARIO_LABELS[id], months,
    licences: cents(licences),
    back_period_low: cents(low),
    back_period_high: cents(high),
    total_low: cents(licences + low),
    total_high: cents(licences + high),
    formula,
  };
}
