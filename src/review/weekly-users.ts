import type { Runner } from '../db/runner.ts';
import type { ReviewWindow } from '../rules/rule.ts';
import { WEEKLY_USERS_SQL } from '../rules/sql/weekly-users.ts';

export interface WeeklyUsers {
  product: string;
  week_start: string;
  users: number;
}

export async function weeklyUsers(runner: Runner, window: ReviewWindow): Promise<WeeklyUsers[]> {
  return runner.query<WeeklyUsers>(
    `SELECT product, strftime(week_start, '%Y-%m-%d') AS week_start, users FROM (${WEEKLY_USERS_SQL}) ORDER BY product, week_start`,
    { window_start: window.start, window_end: window.end },
  );
}
