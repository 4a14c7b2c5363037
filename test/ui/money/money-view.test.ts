import { describe, expect, it } from 'vitest';
import type { CollectionHolder } from '../../../src/money/collection-holders.ts';
import { collectionSummaries } from '../../../src/ui/money/money-view.ts';

const holder = (user_key: string, offering: string, verdict: CollectionHolder['verdict'], difference: number | null): CollectionHolder => ({
  user_key, offering, assigned_date: '2026-01-01', products_used: [], usage_days: 0,
  collection_price: 3400, standalone_sum: null, unpriced_products: [], verdict, difference,
});

describe('money view helpers', () => {
  it('sums each Collection\'s holders by verdict, and the saving only where buying alone is cheaper', () => {
    expect(collectionSummaries([
      holder('b', 'PDM Collection', 'keep', -200),
      holder('a', 'AEC Collection', 'standalone_cheaper', 415),
      holder('c', 'AEC Collection', 'standalone_cheaper', 1000.5),
      holder('d', 'AEC Collection', 'none_used', 3400),
      holder('e', 'AEC Collection', null, null),
      holder('f', 'AEC Collection', 'keep', -6620),
    ])).toEqual([
      // none_used is the dormant rule's saving, not a downgrade: it is not added here.
      { offering: 'AEC Collection', holders: 5, keep: 1, standalone_cheaper: 2, none_used: 1, unpriced: 1, saving: 1415.5 },
      { offering: 'PDM Collection', holders: 1, keep: 1, standalone_cheaper: 0, none_used: 0, unpriced: 0, saving: 0 },
    ]);
  });

});
