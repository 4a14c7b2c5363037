import { windowParams } from './sql/params.ts';
import type { Runner } from '../db/runner.ts';
import type { ReviewSettings } from '../settings/schema.ts';
import type { ReviewWindow, RuleDefinition } from './rule.ts';
import { REMOVABLE_SQL, SEAT_CTES } from './sql/seats.ts';

export interface DormantUserFinding {
  rule: 'dormant_user';
  /** The action chosen for this finding's seat when it is another finding's (rulebook 14); null when it is this one's. */
  superseded_by?: string | null;
  user_key: string;
  offering: string;
  /** How the seat was assigned, as the Usage Report says: direct, group, default (null when it does not say). */
  seat_assignment: string | null;
  /** False for group and default assignments: Autodesk Account cannot remove them one by one. Null when unknown. */
  removable_individually: boolean | null;
  assigned_date: string;
  /** Empty, or a date after the window end (the seat is still held at the end). */
  unassigned_date: string | null;
  /** Last usage day of any product the offering covers, at any time up to the window end; null = never used. */
  last_usage_day: string | null;
  /** The product used on that day (the first by name when several were). */
  last_usage_product: string | null;
  never_used: boolean;
  /** window_end - last_usage_day in days; null when never used. */
  days_inactive: number | null;
  /** window_end - assigned_date in days. */
  days_assigned: number;
  /** The offering's current_price per seat per year from the price book; null when it has none. */
  current_price: number | null;
  /** Saving per year from reclaiming the seat: the current_price; null when not priced. */
  saving_per_year: number | null;
  /** Why money is missing, when it is. */
  price_note: string | null;
}

/**
 * Rulebook 1: an assignment active at window_end, assigned at least dormant_days before it, whose user has no
 * usage day d of any covered product with window_end - dormant_days < d <= window_end (a last use exactly
 * dormant_days before the end is dormant). Shared decisions (Flex rows, undated rows, data coverage): seat-activity.ts.
 */
export async function dormantUsers(runner: Runner, args: { window: ReviewWindow; settings: ReviewSettings }): Promise<DormantUserFinding[]> {
  return runner.query<DormantUserFinding>(
    `WITH ${SEAT_CTES},
     prices AS (SELECT offering, min(current_price) AS current_price FROM review_offering_prices GROUP BY offering)
     SELECT 'dormant_user' AS rule, s.user_key, s.offering, s.seat_assignment, ${REMOVABLE_SQL} AS removable_individually,
            strftime(s.assigned_date, '%Y-%m-%d') AS assigned_date, strftime(s.unassigned_date, '%Y-%m-%d') AS unassigned_date,
            strftime(s.last_day, '%Y-%m-%d') AS last_usage_day, s.last_product AS last_usage_product,
            s.last_day IS NULL AS never_used,
            (CAST($window_end AS DATE) - s.last_day)::INTEGER AS days_inactive,
            (CAST($window_end AS DATE) - s.assigned_date)::INTEGER AS days_assigned,
            p.current_price::DOUBLE AS current_price,
            round(p.current_price, 2)::DOUBLE AS saving_per_year,
            CASE WHEN p.current_price IS NULL THEN 'No current_price for ' || s.offering || ' in the price book: the saving is not computed.' END AS price_note
     FROM seats s LEFT JOIN prices p ON p.offering = s.offering
     WHERE s.dormant
     ORDER BY s.offering, s.user_key, s.assigned_date`,
    windowParams(args.window, args.settings),
  );
}

export const dormantUserRule: RuleDefinition<DormantUserFinding> = {
  id: 'dormant_user',
  title: 'Dormant named user',
  group: 'cost',
  money: (f) => f.saving_per_year,
  definition: (s) => {
    const d = s.thresholds.dormant_days;
    return `A named-user assignment active at the window end and assigned at least ${d} days before it, whose user used no product the offering covers in the last ${d} days of the window (a last use exactly ${d} days before the end is dormant). Usage by any licence type counts; Flex rows and assignments without an assigned date are not seats; nothing is judged when the data does not cover all of those ${d} days. Saving: the offering's current price per year.`;
  },
  settings: (s) => ({ dormant_days: s.thresholds.dormant_days }),
  run: dormantUsers,
  identity: { fields: ['user_key', 'offering'] },
  columns: {
    last_usage_day: 'Last day the user used any product this offering covers, up to the window end; empty when never used.',
    last_usage_product: 'The product used on that last usage day.',
    never_used: 'True when the user never used a covered product in the data.',
    days_inactive: 'Window end minus the last usage day, in days: dormant when it is at least {dormant_days}.',
    days_assigned: 'Window end minus the assigned date, in days: only seats held at least {dormant_days} days are judged.',
    saving_per_year: "Saving per year from reclaiming the seat: the offering's current price.",
  },
  saving: { type: 'dormant_reclaim', label: 'Dormant reclaim', typical_per_user: null },
  action: (f) => ({
    kind: 'reclaim',
    user: f.user_key,
    offering: f.offering,
    action: 'reclaim the seat',
    assigned_date: f.assigned_date,
    last_use: f.last_usage_day ?? 'never',
    days_inactive: f.days_inactive,
    seat_assignment: f.seat_assignment,
    saving_per_year: f.saving_per_year,
    reason: f.never_used
      ? `never used a product ${f.offering} covers in ${f.days_assigned} days held`
      : `no use of a product ${f.offering} covers since ${f.last_usage_day} (${f.last_usage_product})`,
  }),
  benchmark: { id: 'dormant', label: 'Dormant named users', low: 0.15, high: 0.22, of: 'named users', base: 'named_users' },
};
