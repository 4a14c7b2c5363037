import type { Runner } from '../db/runner.ts';
import type { RulesReview } from '../review/run-review.ts';
import { benchmarks, rosterCounts, type Benchmark, type RosterCounts } from './benchmarks.ts';
import { collectionHolders, type CollectionHolder } from './collection-holders.ts';
import { flexSpend, type FlexSpend } from './flex-spend.ts';
import { exposureReview, type ExposureReview } from './exposure-review.ts';
import { gapMeasures } from './gaps.ts';
import { gapPrices } from './gap-prices.ts';
import { priceBookStatus, type PriceBookStatus } from './price-book-status.ts';
import { savingsByType, type SavingsReview } from './savings.ts';

/** The money view of one review: what the gaps could cost, what the findings save, and the figures behind both. */
export interface MoneyReview {
  price_book: PriceBookStatus;
  exposure: ExposureReview;
  savings: SavingsReview;
  collection_holders: CollectionHolder[];
  roster: RosterCounts;
  benchmarks: Benchmark[];
  /** The Flex tokens' cost at the token price. */
  flex_spend: FlexSpend;
}

/** A review with its money view: what the page shows, the files say and review.json holds. */
export interface Review extends RulesReview {
  /** Exposure scenarios, savings by type, Collection break-even and the seed's benchmarks. */
  money: MoneyReview;
}

/** Prices a review: runs after the rules, on their findings, with the review tables of the same settings still in place. */
export async function priceReview(runner: Runner, review: RulesReview): Promise<Review> {
  return { ...review, money: await moneyReview(runner, review) };
}

async function moneyReview(runner: Runner, { settings, window, rules: results, actions, flex }: RulesReview): Promise<MoneyReview> {
  const measures = window ? gapMeasures(results, window.end) : [];
  const prices = await gapPrices(runner, measures.map((m) => m.product));
  const roster = window ? await rosterCounts(runner, window, settings.thresholds.dormant_days) : { named_users: 0, collection_holders: 0 };
  return {
    price_book: priceBookStatus(settings),
    exposure: exposureReview(measures, prices, settings),
    savings: savingsByType(results, actions),
    collection_holders: window ? await collectionHolders(runner, { window, settings }) : [],
    roster,
    benchmarks: benchmarks(results, roster, settings.corporate.domains.length + settings.corporate.cidrs.length > 0),
    flex_spend: flexSpend(flex, settings),
  };
}
