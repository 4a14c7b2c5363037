import { describe, expect, it } from 'vitest';
import { DEFAULT_FACTORS, exposureScenarios } from '../../src/money/exposure.ts';
import { flexBreakEvenDays, flexCostPerYear } from '../../src/lib/flex-cost.ts';

describe('exposure scenarios', () => {
  it("reproduce the seed's table from the seed's inputs (N = 50, current 1,940, list 3,200)", () => {
    const [quarterly, annual, negotiated, worst] = exposureScenarios({ seats: 50, current_price: 1940, list_price: 3200 });
    // Seed: $97,000 of licences in every cooperative case, none back for the quarterly review.
    expect(quarterly).toMatchObject({ months: 3, licences: 97_000, back_period_low: 0, back_period_high: 0 });
    // Seed: about $45K back-period for the annual review (97,000 x 12/12 x 0.46 = 44,620).
    expect(annual).toMatchObject({ months: 12, licences: 97_000, back_period_low: 44_620, back_period_high: 44_620 });
    // Seed: $145-240K for the negotiated audit (97,000 x 18/12 = 145,500; 160,000 x 18/12 = 240,000).
    expect(negotiated).toMatchObject({ months: 18, licences: 97_000, back_period_low: 145_500, back_period_high: 240_000 });
    // Seed: $290-480K without cooperation (twice the negotiated range), licences at list price (50 x 3,200).
    expect(worst).toMatchObject({ months: 18, licences: 160_000, back_period_low: 291_000, back_period_high: 480_000 });
  });

  it('use the months the evidence shows when given, and every factor as set', () => {
    const [, annual, negotiated, worst] = exposureScenarios({ seats: 10, current_price: 1000, list_price: 2000 }, { negotiated_factor: 0.5, worst_case_multiplier: 3 }, 6);
    expect(annual).toMatchObject({ months: 6, back_period_low: 10 * 1000 * (6 / 12) * 0.5 });
    expect(negotiated).toMatchObject({ back_period_low: 5000, back_period_high: 10_000, total_low: 15_000, total_high: 20_000 });
    expect(worst).toMatchObject({ licences: 20_000, back_period_low: 15_000, back_period_high: 30_000 });
    expect(DEFAULT_FACTORS).toEqual({ negotiated_factor: 0.46, worst_case_multiplier: 2 });
  });

  it('write the arithmetic with its inputs beside each figure', () => {
    const [, annual] = exposureScenarios({ seats: 50, current_price: 1940, list_price: 3200 });
    expect(annual!.formula).toBe('50 x 1940 licences; back-period 50 x 1940 x 12/12 x 0.46 negotiated factor');
  });
});

describe('Flex break-even', () => {
  it('Revit at 2,985 a year, 10 tokens a day, US$3 a token: 99.5 days a year', () => {
    expect(flexBreakEvenDays(2985, 10, 3)).toBe(99.5);
    expect(flexCostPerYear(99.5, 10, 3)).toBe(2985);
    expect(flexBreakEvenDays(2985, 0, 3)).toBeNull();
  });
});
