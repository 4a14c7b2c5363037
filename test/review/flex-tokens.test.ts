import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import { renewalBrief, renewalBriefMarkdown } from '../../src/deliverables/renewal-brief.ts';
import { tokenPool } from '../../src/review/flex-tokens.ts';
import { DEFAULT_SETTINGS } from '../../src/settings/schema.ts';
import { file, newEngine, sessionsCsv } from '../helpers/engine.ts';

/*
 * Worked by hand from test/fixtures/exports/token-flex-pool.csv (pool level, no user) and two per-user sources:
 *   pool:  5 Jan Revit 100, AutoCAD 70; 20 Jan Revit 50; 2 Feb FormIt 14.5; 10 Feb AutoCAD 35; 2 Mar Revit 80.
 *   Token Usage export: 5 Jan Revit ann 10, bob 10; 9 Mar Revit carl 10.
 *   a session file: ann's Revit session of 5 Jan with 10 tokens, the same consumption as her Token Usage row.
 * Counted once: ann's 5 Jan Revit is 10 (the larger source, not 10 + 10); Revit on 5 Jan is the pool's 100, of which
 * ann and bob account for 20 (80 unattributed); 9 Mar has no pool row, so carl's 10 adds to it.
 *   Revit 100 + 50 + 80 + 10 = 240 (unattributed 80 + 50 + 80 = 210, users ann, bob, carl: 3);
 *   AutoCAD 70 + 35 = 105 (all unattributed); FormIt 14.5 (unattributed). Total 359.5, unattributed 329.5.
 *   Months: January 100 + 70 + 50 = 220, February 14.5 + 35 = 49.5, March 80 + 10 = 90.
 * A pool of 1,000 tokens for 2026: 359.5 used by 9 March, 68 days into the term (31 + 28 + 9): 5.2868 a day
 * (5.29); 640.5 left: 640.5 / 5.2868 = 121.2, so 122 days after 9 March: 9 July 2026, before the term ends.
 */
const POOL = readFileSync(new URL('../fixtures/exports/token-flex-pool.csv', import.meta.url));
const TOKEN_USAGE = [
  'Day used,Email,First name,Last name,Feature,Product,Team,Tokens used',
  '2026-01-05,ann.lee@corp.example,Ann,Lee,Desktop,Revit,Design,10',
  '2026-01-05,bob.roe@corp.example,Bob,Roe,Desktop,Revit,Design,10',
  '2026-03-09,carl.fry@corp.example,Carl,Fry,Desktop,Revit,Design,10',
].join('\n');
const SESSION = sessionsCsv([
  { user_id: 'ann', user_email: 'ann.lee@corp.example', product: 'Revit', session_start: '2026-01-05T09:00:00Z', session_end: '2026-01-05T12:00:00Z', licence_type: 'flex', tokens: '10' },
]);

let engine: Engine;
beforeAll(async () => {
  engine = newEngine();
  const reports = await engine.load([file('pool.csv', POOL), file('token-usage.csv', TOKEN_USAGE), file('sessions.csv', SESSION)]);
  expect(reports.map((r) => [r.kind, r.status, r.rows_loaded, r.rows_rejected])).toEqual([
    ['token_flex', 'loaded', 6, 0],
    ['token_usage', 'loaded', 3, 0],
    ['lrt_sessions', 'loaded', 1, 0],
  ]);
});
afterAll(async () => {
  await engine.close();
});

describe('the Flex view', () => {
  it('counts each consumption once across a pool-level file, a Token Usage export and sessions with tokens', async () => {
    const { flex } = await engine.review({ prices: { token_price: 2 } });
    expect([flex.first_day, flex.last_day, flex.total_tokens, flex.unattributed_tokens, flex.users]).toEqual(['2026-01-05', '2026-03-09', 359.5, 329.5, 3]);
    expect(flex.tokens_by_product.map((p) => [p.product, p.tokens, p.users, p.unattributed_tokens])).toEqual([
      ['Revit', 240, 3, 210],
      ['AutoCAD', 105, 0, 105],
      [flex.tokens_by_product[2]!.product, 14.5, 0, 14.5],
    ]);
    expect(flex.tokens_by_product[2]!.product).toMatch(/^FormIt/);
    expect(flex.tokens_by_month).toEqual([
      { month: '2026-01', tokens: 220 },
      { month: '2026-02', tokens: 49.5 },
      { month: '2026-03', tokens: 90 },
    ]);
    expect(flex.tokens_by_user).toEqual([
      { user_key: 'ann.lee@corp.example', tokens: 10, days: 1, products: ['Revit'] },
      { user_key: 'bob.roe@corp.example', tokens: 10, days: 1, products: ['Revit'] },
      { user_key: 'carl.fry@corp.example', tokens: 10, days: 1, products: ['Revit'] },
    ]);
    expect(flex.pool).toBeNull();
  });

  it('prices the tokens at the token price, in the money view', async () => {
    const { money } = await engine.review({ prices: { token_price: 2 } });
    expect(money.flex_spend).toMatchObject({ token_price: 2, indicative: false, total: 719, pool_value: null });
    expect(money.flex_spend.by_product.map((p) => p.cost)).toEqual([480, 210, 29]);
  });

  it("projects the day the contract's pool runs out at the term's average so far", async () => {
    const { flex, money } = await engine.review({ prices: { token_price: 2 }, token_pool: { tokens: 1000, start: '2026-01-01', end: '2026-12-31' } });
    expect(flex.pool).toEqual({
      tokens: 1000, start: '2026-01-01', end: '2026-12-31', used: 359.5, remaining: 640.5, tokens_per_day: 5.29, as_of: '2026-03-09',
      runs_out: '2026-07-09', spent: false, before_end: true,
    });
    expect([money.flex_spend.pool_value, money.flex_spend.remaining_value]).toEqual([2000, 1281]);
  });

  it('gives the renewal brief the same figures, in words and per product', async () => {
    const review = await engine.review({ prices: { token_price: 2 }, token_pool: { tokens: 1000, start: '2026-01-01', end: '2026-12-31' } });
    const brief = renewalBriefMarkdown(renewalBrief(review, [], []));
    const section = brief.slice(brief.indexOf('## Flex tokens'), brief.indexOf('## Compliance gaps'));
    expect(section).toContain('359.5 Flex tokens were spent from 2026-01-05 to 2026-03-09: US$719 at US$2 a token.');
    expect(section).toContain('329.5 of them are reported for the pool only, with no user named.');
    expect(section).toContain('At 5.3 tokens a day (the average from 2026-01-01 to 2026-03-09), the 1,000-token pool runs out on 2026-07-09, before the term ends on 2026-12-31; 640.5 tokens are left.');
    expect(section).toContain('| Revit | 240 | US$480 |');
  });

  it('names the day a pool was spent, from the data', async () => {
    // Cumulative: 5 Jan 170, 20 Jan 220, 2 Feb 234.5, 10 Feb 269.5, 2 Mar 349.5: 300 tokens were spent on 2 March.
    const { flex } = await engine.review({ token_pool: { tokens: 300, start: null, end: '2026-06-30' } });
    expect(flex.pool).toMatchObject({ start: '2026-01-05', used: 359.5, remaining: -59.5, runs_out: '2026-03-02', spent: true, before_end: true });
  });
});

describe('the pool projection', () => {
  it('needs the tokens bought; without an end it says nothing of the term', () => {
    const daily = [{ day: '2026-01-01', tokens: 10 }, { day: '2026-01-10', tokens: 10 }];
    expect(tokenPool(daily, DEFAULT_SETTINGS.token_pool)).toBeNull();
    // 20 tokens over 10 days: 2 a day; 80 left, 40 days after 10 January.
    expect(tokenPool(daily, { tokens: 100, start: null, end: null })).toMatchObject({ tokens_per_day: 2, runs_out: '2026-02-19', before_end: null });
  });
});
