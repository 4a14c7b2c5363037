import type { Runner } from '../db/runner.ts';
import { dayNumber, isoDay } from '../lib/days.ts';
import type { ReviewSettings } from '../settings/schema.ts';

/** One product's Flex tokens over the token data. */
export interface FlexProductTokens {
  product: string;
  tokens: number;
  /** Users who spent tokens on it, where the data names them. */
  users: number;
  /** Tokens the data reports for the product's pool only, beyond what its users' rows account for. */
  unattributed_tokens: number;
}

/** One calendar month's tokens (YYYY-MM). */
export interface FlexMonthTokens {
  month: string;
  tokens: number;
}

/** One day's tokens over every product (YYYY-MM-DD): the series the pool's projection reads. */
export interface FlexDayTokens {
  day: string;
  tokens: number;
}

/** One user's tokens, where the data names the user. */
export interface FlexUserTokens {
  user_key: string;
  tokens: number;
  /** Days the user spent tokens on. */
  days: number;
  products: string[];
}

/**
 * The contract's token pool against its consumption: tokens used since the term began, the average a day over the
 * term so far, and the day the pool runs out at that rate.
 */
export interface TokenPoolProjection {
  tokens: number;
  /** The term: its start defaults to the first day of token data; without an end, no comparison with the term. */
  start: string;
  end: string | null;
  /** Tokens spent from the term's start to the last day of token data in the term. */
  used: number;
  remaining: number;
  /** used / days from the term's start to the last day of token data in it. */
  tokens_per_day: number;
  /** The last day of token data in the term: the projection starts from it. */
  as_of: string;
  /** The day the pool was spent (from the data) or will be at tokens_per_day; null when nothing is spent. */
  runs_out: string | null;
  /** True when the data shows the pool already spent. */
  spent: boolean;
  /** True when runs_out falls before the term's end. */
  before_end: boolean | null;
}

/** Flex tokens from every source that reports them, with or without users, and the pool's projection. */
export interface FlexTokens {
  first_day: string | null;
  last_day: string | null;
  total_tokens: number;
  unattributed_tokens: number;
  users: number;
  tokens_by_product: FlexProductTokens[];
  tokens_by_month: FlexMonthTokens[];
  tokens_by_user: FlexUserTokens[];
  tokens_by_day: FlexDayTokens[];
  /** The settings' token pool against tokens_by_day (withTokenPool); null without a pool. */
  pool: TokenPoolProjection | null;
}

export const NO_FLEX_TOKENS: FlexTokens = {
  first_day: null, last_day: null, total_tokens: 0, unattributed_tokens: 0, users: 0, tokens_by_product: [], tokens_by_month: [], tokens_by_user: [], tokens_by_day: [], pool: null,
};

/**
 * Tokens per user, product and day, and per product and day. The same consumption can reach the review through
 * several exports (a Token Usage export, an Enterprise Token Flex file with users, a session file with tokens, a
 * pool-level Token Flex file): it is counted once. Within one source (a fact table and its `source`), a day's rows
 * add up; across sources, a user's product-day counts the largest source's figure; and a product's day counts the
 * larger of its users' total and the pool-level rows' total, the difference being the pool's unattributed tokens.
 * Written once per review into two temp tables (users' days, products' days) that the figures below read.
 */
const TOKEN_DAYS_SQL = `
  CREATE OR REPLACE TEMP TABLE review_flex_user_days AS
  WITH by_source AS (
    SELECT user_key, catalogue_name(product, product_line_code) AS product, CAST(session_start AS DATE) AS day, 'sessions:' || coalesce(source, '') AS source, sum(tokens) AS tokens
    FROM sessions WHERE tokens IS NOT NULL GROUP BY ALL
    UNION ALL
    SELECT user_key, catalogue_name(product, product_line_code), day, 'days:' || coalesce(source, ''), sum(tokens)
    FROM usage_day_rows WHERE tokens IS NOT NULL GROUP BY ALL
  )
  SELECT user_key, product, day, max(tokens) AS tokens FROM by_source GROUP BY ALL;
  CREATE OR REPLACE TEMP TABLE review_flex_product_days AS
  WITH pool_days AS (
    SELECT catalogue_name(product, product_line_code) AS product, day, sum(tokens) AS tokens FROM token_consumption WHERE tokens IS NOT NULL GROUP BY ALL
  ),
  users_per_day AS (SELECT product, day, sum(tokens) AS tokens FROM review_flex_user_days GROUP BY ALL)
  SELECT coalesce(u.product, p.product) AS product, coalesce(u.day, p.day) AS day,
         greatest(coalesce(u.tokens, 0), coalesce(p.tokens, 0)) AS tokens,
         greatest(coalesce(p.tokens, 0) - coalesce(u.tokens, 0), 0) AS unattributed
  FROM users_per_day u FULL JOIN pool_days p ON p.product = u.product AND p.day = u.day;`;

/** Any token at all: most estates have none, and then the review asks nothing more. */
const ANY_TOKENS_SQL = `SELECT EXISTS (SELECT 1 FROM sessions WHERE tokens IS NOT NULL) OR EXISTS (SELECT 1 FROM usage_day_rows WHERE tokens IS NOT NULL)
  OR EXISTS (SELECT 1 FROM token_consumption WHERE tokens IS NOT NULL) AS "any"`;

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The tokens the data holds; the pool is left to withTokenPool, which needs no query. */
export async function flexTokens(runner: Runner): Promise<FlexTokens> {
  const [any] = await runner.query<{ any: boolean }>(ANY_TOKENS_SQL);
  if (!any?.any) return NO_FLEX_TOKENS;
  await runner.exec(TOKEN_DAYS_SQL);
  const [totals] = await runner.query<{ first_day: string | null; last_day: string | null; total: number | null; unattributed: number | null; users: number }>(
    `SELECT strftime(min(day), '%Y-%m-%d') AS first_day, strftime(max(day), '%Y-%m-%d') AS last_day, sum(tokens) AS total, sum(unattributed) AS unattributed,
            (SELECT count(DISTINCT user_key) FROM review_flex_user_days)::INTEGER AS users
     FROM review_flex_product_days`,
  );
  if (!totals || totals.first_day === null) return NO_FLEX_TOKENS;
  const byProduct = await runner.query<FlexProductTokens>(
    `SELECT d.product, sum(d.tokens) AS tokens, coalesce(any_value(u.users), 0)::INTEGER AS users, sum(d.unattributed) AS unattributed_tokens
     FROM review_flex_product_days d LEFT JOIN (SELECT product, count(DISTINCT user_key) AS users FROM review_flex_user_days GROUP BY product) u ON u.product = d.product
     GROUP BY d.product ORDER BY tokens DESC, d.product`,
  );
  const byMonth = await runner.query<FlexMonthTokens>(
    `SELECT strftime(day, '%Y-%m') AS month, sum(tokens) AS tokens FROM review_flex_product_days GROUP BY month ORDER BY month`,
  );
  const byUser = await runner.query<FlexUserTokens>(
    `SELECT user_key, sum(tokens) AS tokens, count(DISTINCT day)::INTEGER AS days, list(DISTINCT product ORDER BY product) AS products
     FROM review_flex_user_days GROUP BY user_key ORDER BY tokens DESC, user_key`,
  );
  const byDay = await runner.query<FlexDayTokens>(
    `SELECT strftime(day, '%Y-%m-%d') AS day, sum(tokens) AS tokens FROM review_flex_product_days GROUP BY day ORDER BY day`,
  );
  return {
    first_day: totals.first_day,
    last_day: totals.last_day,
    total_tokens: round2(totals.total ?? 0),
    unattributed_tokens: round2(totals.unattributed ?? 0),
    users: totals.users,
    tokens_by_product: byProduct.map((p) => ({ ...p, tokens: round2(p.tokens), unattributed_tokens: round2(p.unattributed_tokens) })),
    tokens_by_month: byMonth.map((m) => ({ ...m, tokens: round2(m.tokens) })),
    tokens_by_user: byUser.map((u) => ({ ...u, tokens: round2(u.tokens) })),
    tokens_by_day: byDay.map((d) => ({ ...d, tokens: round2(d.tokens) })),
    pool: null,
  };
}

/** The tokens with the settings' pool projected: the engine re-applies it on a pool edit without running the rules again. */
export function withTokenPool(flex: FlexTokens, pool: ReviewSettings['token_pool']): FlexTokens {
  return { ...flex, pool: tokenPool(flex.tokens_by_day, pool) };
}

/** The pool's projection from the tokens spent each day (ascending days); null without a pool in the settings. */
export function tokenPool(daily: readonly { day: string; tokens: number }[], pool: ReviewSettings['token_pool']): TokenPoolProjection | null {
  if (pool.tokens === null || daily.length === 0) return null;
  const start = pool.start ?? daily[0]!.day;
  const inTerm = daily.filter((d) => d.day >= start && (pool.end === null || d.day <= pool.end));
  const asOf = inTerm.at(-1)?.day ?? start;
  let used = 0;
  let spentOn: string | null = null;
  for (const d of inTerm) {
    used += d.tokens;
    if (spentOn === null && used >= pool.tokens && pool.tokens > 0) spentOn = d.day;
  }
  const elapsed = dayNumber(asOf) - dayNumber(start) + 1;
  const perDay = elapsed > 0 ? used / elapsed : 0;
  const remaining = pool.tokens - used;
  const runsOut = spentOn ?? (perDay > 0 ? isoDay(dayNumber(asOf) + Math.ceil(remaining / perDay)) : null);
  return {
    tokens: pool.tokens,
    start,
    end: pool.end,
    used: round2(used),
    remaining: round2(remaining),
    tokens_per_day: round2(perDay),
    as_of: asOf,
    runs_out: runsOut,
    spent: spentOn !== null,
    before_end: runsOut === null || pool.end === null ? null : runsOut < pool.end,
  };
}

/** A count of tokens in words' figures: 12,345.5. */
export const tokenCount = (n: number): string => n.toLocaleString('en-GB', { maximumFractionDigits: 1 });

/** The projection in one sentence, as the page and the renewal brief both say it. */
export function tokenPoolSentence(p: TokenPoolProjection): string {
  if (p.spent) return `The ${tokenCount(p.tokens)}-token pool was spent on ${p.runs_out}: ${tokenCount(p.used)} tokens used from ${p.start} to ${p.as_of}.`;
  if (p.runs_out === null) return `No token of the ${tokenCount(p.tokens)}-token pool is spent from ${p.start} to ${p.as_of}.`;
  const term = p.before_end === true ? `, before the term ends on ${p.end}` : p.before_end === false ? `, after the term ends on ${p.end}` : '';
  return `At ${tokenCount(p.tokens_per_day)} tokens a day (the average from ${p.start} to ${p.as_of}), the ${tokenCount(p.tokens)}-token pool runs out on ${p.runs_out}${term}; ${tokenCount(p.remaining)} tokens are left.`;
}
