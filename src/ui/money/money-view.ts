import type { CollectionHolder } from '../../money/collection-holders.ts';
import type { ExposureReview, GapExposure, ScenarioTotal } from '../../money/exposure-review.ts';
import type { Scenario } from '../../money/exposure.ts';
import type { ReviewSettings } from '../../settings/schema.ts';

/** Which timings the scenarios are shown at: the seed's fixed 3/12/18/18 months, or the months each gap has run. */
export type Timing = 'typical' | 'evidence';

export const TIMING_LABELS: Record<Timing, string> = {
  typical: 'The typical timings licence-audit advisers describe: found after 3, 12, 18 and 18 months',
  evidence: 'The evidence: each gap found after the months it has run so far',
};

export function scenarioTotals(exposure: ExposureReview, timing: Timing): ScenarioTotal[] {
  return timing === 'typical' ? exposure.typical : exposure.evidence;
}

/** One gap's scenarios at the chosen timing. */
export function gapScenarios(gap: GapExposure, timing: Timing): Scenario[] {
  return timing === 'typical' ? gap.typical : gap.evidence;
}

/** The factors the page edits beside the scenarios, with what each one does. */
export const FACTORS = [
  { key: 'negotiated_factor', label: 'Negotiated factor', hint: 'Share of the back-period an annual self-review settles at (typical, as licence-audit advisers report it: 0.46)', min: 0, max: 10, step: 0.01 },
  { key: 'worst_case_multiplier', label: 'Worst-case multiplier', hint: 'An audit without cooperation costs this many times the negotiated range (typically 2)', min: 1, max: 20, step: 0.1 },
  { key: 'list_to_current', label: 'List / current', hint: 'List price as a multiple of the current price, where the price book has no list price (typically 3,200 / 1,940 = 1.65)', min: 1, max: 20, step: 0.01 },
] as const satisfies readonly { key: keyof ReviewSettings['exposure']; label: string; hint: string; min: number; max: number; step: number }[];

export interface CollectionSummary {
  offering: string;
  holders: number;
  keep: number;
  standalone_cheaper: number;
  none_used: number;
  /** Holders whose verdict the price book cannot give. */
  unpriced: number;
  /** Sum of the positive differences: what buying the used products alone would save per year. */
  saving: number;
}

/** Per Collection: how its holders' use compares with its price. */
export function collectionSummaries(holders: readonly CollectionHolder[]): CollectionSummary[] {
  const by = new Map<string, CollectionSummary>();
  for (const h of holders) {
    let s = by.get(h.offering);
    if (!s) {
      s = { offering: h.offering, holders: 0, keep: 0, standalone_cheaper: 0, none_used: 0, unpriced: 0, saving: 0 };
      by.set(h.offering, s);
    }
    s.holders++;
    if (h.verdict === null) s.unpriced++;
    else s[h.verdict]++;
    if (h.verdict === 'standalone_cheaper' && h.difference !== null) s.saving = Math.round((s.saving + h.difference) * 100) / 100;
  }
  return [...by.values()].sort((a, b) => a.offering.localeCompare(b.offering, 'en'));
}
