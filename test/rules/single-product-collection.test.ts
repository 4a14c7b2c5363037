import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import type { SingleProductCollectionFinding } from '../../src/rules/single-product-collection.ts';
import { file, newEngine, sessionsCsv, useOn } from '../helpers/engine.ts';

/**
 * Window: 2026-03-31 to 2026-06-30 (end 2026-06-30, 3 months; data start 2026-01-02 is earlier, so no clamping).
 * Rule 1's dormant line with the default 90 days: a last use on 2026-04-01 (exactly 90 days before the end) is dormant.
 */
const END = '2026-06-30';

const ASSIGNMENTS = [
  'email,offering_name,seat_assignment,assigned_date,unassigned_date',
  // Used Revit only, three days: a finding.
  'single@corp.com,AEC Collection,Direct,2025-01-01,',
  // Used Revit and AutoCAD: not single-product.
  'two@corp.com,AEC Collection,Direct,2025-01-01,',
  // Used nothing: dormant, not here.
  'none@corp.com,AEC Collection,Direct,2025-01-01,',
  // Revit before the window, AutoCAD inside it: one product in the window (AutoCAD).
  'early@corp.com,AEC Collection,Group,2025-01-01,',
  // Maya (not in the AEC Collection) and Civil 3D (unpriced): single product Civil 3D, no standalone price.
  'maya@corp.com,Architecture Engineering & Construction Collection,Direct,2025-01-01,',
  // Last (only) use exactly 90 days before the end: dormant by rule 1, left to it.
  'dormant@corp.com,AEC Collection,Direct,2025-01-01,',
  // Last use 89 days before the end: not dormant, a finding.
  'justin@corp.com,AEC Collection,Direct,2025-01-01,',
  // Building Design Suite priced exactly as standalone Revit: the sum reaches the Collection price, keep it.
  'bds@corp.com,Building Design Suite Advanced,Direct,2025-01-01,',
  // Unassigned on the window end itself: not active at the end.
  'gone@corp.com,AEC Collection,Direct,2025-01-01,2026-06-30',
  // A standalone product is no Collection.
  'standalone@corp.com,Revit,Direct,2025-01-01,',
].join('\n');

const SESSIONS = sessionsCsv([
  useOn('filler@corp.com', 'Maya', '2026-01-02'),
  useOn('single@corp.com', 'Revit', '2026-05-04'),
  useOn('single@corp.com', 'Revit', '2026-05-05'),
  useOn('single@corp.com', 'Revit', '2026-06-10'),
  useOn('two@corp.com', 'Revit', '2026-05-04'),
  useOn('two@corp.com', 'AutoCAD', '2026-06-01'),
  useOn('early@corp.com', 'Revit', '2026-02-01'),
  useOn('early@corp.com', 'AutoCAD', '2026-06-01'),
  useOn('maya@corp.com', 'Maya', '2026-06-02'),
  useOn('maya@corp.com', 'Civil 3D', '2026-06-03'),
  useOn('dormant@corp.com', 'Revit', '2026-04-01'),
  useOn('justin@corp.com', 'Revit', '2026-04-02'),
  useOn('bds@corp.com', 'Revit', '2026-06-15'),
  useOn('gone@corp.com', 'Revit', '2026-06-15'),
  useOn('standalone@corp.com', 'Revit', '2026-06-15'),
]);

const PRICES = {
  offerings: [
    { offering: 'AEC Collection', current_price: 3000, list_price: 3600 },
    { offering: 'Revit', current_price: 2500, list_price: 2900 },
    { offering: 'AutoCAD', current_price: 2000.004, list_price: 2300 },
    { offering: 'Building Design Suite Advanced', current_price: 2500, list_price: 3000 },
  ],
};

let engine: Engine;
beforeAll(async () => {
  engine = newEngine();
  await engine.load([file('usage-report.csv', ASSIGNMENTS), file('usage.csv', SESSIONS)]);
});
afterAll(async () => {
  await engine.close();
});

async function findings(settings: Parameters<Engine['review']>[0] = {}): Promise<SingleProductCollectionFinding[]> {
  const review = await engine.review({ window: { end: END, months: 3 }, ...settings });
  expect(review.window!.start).toBe('2026-03-31');
  return review.rules.find((r) => r.rule === 'single_product_collection')!.findings as SingleProductCollectionFinding[];
}

const base = { rule: 'single_product_collection', seat_assignment: 'direct', assigned_date: '2025-01-01', superseded_by: null } as const;

/**
 * One to three usage days a year cost far less on Flex than the Collection: moving such a seat to Flex saves more than
 * the downgrade, so the review takes that action for it and marks the downgrade superseded (rulebook 14).
 */
const TO_FLEX = 'move to Flex (Low-frequency user (Flex candidate))';

describe('single_product_collection', () => {
  it('flags Collection users with exactly one covered product used in the window, with the standalone recommendation', async () => {
    expect(await findings({ prices: PRICES })).toEqual([
      {
        ...base, user_key: 'early@corp.com', offering: 'AEC Collection', seat_assignment: 'group', product: 'AutoCAD', usage_days: 1, last_used: '2026-06-01',
        collection_price: 3000, standalone_price: 2000, standalone_sum: 2000, recommendation: 'standalone', saving: 1000, price_note: null, superseded_by: TO_FLEX,
      },
      {
        ...base, user_key: 'maya@corp.com', offering: 'AEC Collection', product: 'Civil 3D', usage_days: 1, last_used: '2026-06-03',
        collection_price: 3000, standalone_price: null, standalone_sum: null, recommendation: null, saving: null,
        price_note: 'no current_price set for Civil 3D (standalone)',
      },
      {
        ...base, user_key: 'justin@corp.com', offering: 'AEC Collection', product: 'Revit', usage_days: 1, last_used: '2026-04-02',
        collection_price: 3000, standalone_price: 2500, standalone_sum: 2500, recommendation: 'standalone', saving: 500, price_note: null, superseded_by: TO_FLEX,
      },
      {
        ...base, user_key: 'single@corp.com', offering: 'AEC Collection', product: 'Revit', usage_days: 3, last_used: '2026-06-10',
        collection_price: 3000, standalone_price: 2500, standalone_sum: 2500, recommendation: 'standalone', saving: 500, price_note: null, superseded_by: TO_FLEX,
      },
      {
        ...base, user_key: 'bds@corp.com', offering: 'Building Design Suite Advanced', product: 'Revit', usage_days: 1, last_used: '2026-06-15',
        collection_price: 2500, standalone_price: 2500, standalone_sum: 2500, recommendation: 'keep_collection', saving: 0, price_note: null,
      },
    ]);
  });

  it('leaves out users who used none, two covered products, a dormant seat, an ended assignment and standalone products', async () => {
    const users = (await findings({ prices: PRICES })).map((f) => f.user_key);
    for (const u of ['none@corp.com', 'two@corp.com', 'dormant@corp.com', 'gone@corp.com', 'standalone@corp.com']) expect(users).not.toContain(u);
  });

  it('follows dormant_days: with 60 days the last use 89 days before the end is dormant too', async () => {
    const users = (await findings({ prices: PRICES, thresholds: { dormant_days: 60 } })).map((f) => f.user_key);
    expect(users).toEqual(['early@corp.com', 'maya@corp.com', 'single@corp.com', 'bds@corp.com']);
  });

  it('writes no money without a price book, and says which price is missing', async () => {
    const single = (await findings()).find((f) => f.user_key === 'single@corp.com')!;
    expect(single).toMatchObject({
      collection_price: null, standalone_price: null, standalone_sum: null, recommendation: null, saving: null,
      price_note: 'no current_price set for AEC Collection nor for Revit',
    });
  });

  it('reads a Collection defined in the settings in place of the catalogue\'s membership', async () => {
    // This client's AEC Collection holds Revit, Civil 3D and Maya: maya@corp.com now used two covered products.
    const withMaya = (await findings({ prices: PRICES, collections: [{ offering: 'AEC Collection', products: ['Revit', 'Civil 3D', 'Maya'] }] })).map((f) => f.user_key);
    expect(withMaya).not.toContain('maya@corp.com');
    expect(withMaya).toContain('single@corp.com');
    // Without Revit in it, single@corp.com's Revit use is no use of the Collection at all: not a single-product user.
    const withoutRevit = (await findings({ prices: PRICES, collections: [{ offering: 'AEC Collection', products: ['Civil 3D', 'Maya'] }] })).map((f) => f.user_key);
    expect(withoutRevit).not.toContain('single@corp.com');
  });
});
