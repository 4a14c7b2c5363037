import { windowParams } from './sql/params.ts';
import type { Runner } from '../db/runner.ts';
import type { ReviewSettings } from '../settings/schema.ts';
import type { ReviewWindow, RuleDefinition } from './rule.ts';
import { MONTH_DAYS, SEAT_CTES, depthBandSql } from './sql/seats.ts';

export const DEPTH_BANDS = ['regular', 'monthly', 'occasional', 'rare', 'never'] as const;
export type DepthBand = (typeof DEPTH_BANDS)[number];

export interface UtilisationDepthFinding {
  rule: 'utilisation_depth';
  product: string;
  /** Users with an active assignment at the window end whose offering covers the product: the sum of the counts below. */
  assigned_users: number;
  /** m >= 4 usage days of the product per month (30.44 days). */
  regular: number;
  /** 1 <= m < 4. */
  monthly: number;
  /** 1/3 <= m < 1. */
  occasional: number;
  /** 0 < m < 1/3 (fewer than 4 days a year). */
  rare: number;
  /** m = 0. */
  never: number;
  /** Assigned for fewer than dormant_days days of the window: too recent to be banded (as rule 2 does not judge them). */
  not_judged: number;
  /** The user keys in each band, sorted. */
  users: Record<DepthBand | 'not_judged', string[]>;
}

interface DepthRow {
  product: string;
  user_key: string;
  band: DepthBand | 'not_judged';
}

/**
 * Rulebook 12: per product, the users holding an active assignment at window_end whose offering covers it, in bands
 * by m = usage days of that product per month of 30.44 days over the part of the window in which they held it
 * (from the later of their earliest such assigned_date and the window start, to the window end), as in rule 2.
 * A user assigned for fewer than dormant_days days of the window is counted as not_judged, not banded (rule 2
 * does not judge them either). Collections are not products: their members are.
 */
export async function utilisationDepth(runner: Runner, args: { window: ReviewWindow; settings: ReviewSettings }): Promise<UtilisationDepthFinding[]> {
  const rows = await runner.query<DepthRow>(
    `WITH ${SEAT_CTES},
     assigned AS (
       SELECT s.user_key, c.product, min(s.active_from) AS active_from
       FROM seats s JOIN review_covers c ON c.offering = s.offering
       WHERE NOT EXISTS (SELECT 1 FROM review_members m WHERE m.offering = c.product)
       GROUP BY s.user_key, c.product
     ),
     measured AS (
       SELECT a.product, a.user_key, (CAST($window_end AS DATE) - a.active_from + 1)::INTEGER AS active_days,
              (SELECT count(*) FROM usage_days u
               WHERE u.user_key = a.user_key AND u.product = a.product AND u.day BETWEEN a.active_from AND CAST($window_end AS DATE))::INTEGER AS usage_days
       FROM assigned a
     )
     SELECT product, user_key,
            CASE WHEN active_days < CAST($dormant_days AS INTEGER) THEN 'not_judged' ELSE ${depthBandSql('usage_days', 'active_days')} END AS band
     FROM measured
     ORDER BY product, user_key`,
    windowParams(args.window, args.settings),
  );
  const byProduct = new Map<string, UtilisationDepthFinding>();
  for (const row of rows) {
    let finding = byProduct.get(row.product);
    if (!finding) {
      finding = {
        rule: 'utilisation_depth', product: row.product, assigned_users: 0,
        regular: 0, monthly: 0, occasional: 0, rare: 0, never: 0, not_judged: 0,
        users: { regular: [], monthly: [], occasional: [], rare: [], never: [], not_judged: [] },
      };
      byProduct.set(row.product, finding);
    }
    finding.assigned_users++;
    finding[row.band]++;
    finding.users[row.band].push(row.user_key);
  }
  return [...byProduct.values()];
}

export const utilisationDepthRule: RuleDefinition<UtilisationDepthFinding> = {
  id: 'utilisation_depth',
  title: 'Utilisation depth',
  group: 'usage',
  definition: (s) =>
    `Per product, the users with an active assignment at the window end whose offering covers it, in bands by m = usage days of the product per month (${MONTH_DAYS} days) over the part of the window in which they held it: regular m >= 4, monthly 1 <= m < 4, occasional 1/3 <= m < 1, rare 0 < m < 1/3 (fewer than 4 days a year), never m = 0. Users assigned for fewer than ${s.thresholds.dormant_days} days of the window are counted apart as not judged.`,
  settings: (s) => ({ month_days: MONTH_DAYS, dormant_days: s.thresholds.dormant_days, regular_min: 4, monthly_min: 1, occasional_min: '1/3' }),
  run: utilisationDepth,
  // One finding per product.
  identity: { fields: ['product'] },
  columns: {
    assigned_users: 'Users with an active assignment at the window end whose offering covers the product.',
    regular: 'Users with at least 4 usage days per month of {month_days} days.',
    monthly: 'Users with 1 to 4 usage days per month.',
    occasional: 'Users with 1/3 to 1 usage day per month.',
    rare: 'Users with fewer than 4 usage days a year.',
    never: 'Users with no usage day of the product.',
    not_judged: 'Users assigned for fewer than {dormant_days} days of the window.',
    users: 'The user keys in each band.',
  },
};
