import type { Runner } from '../db/runner.ts';

export interface Overview {
  users: number;
  products: number;
  sessions: number;
  usage_days: number;
  hours: number;
  first_day: string | null;
  last_day: string | null;
}

/** Headline counts over everything loaded: users and products with at least one usage day; hours of sessions whose duration or end is known. */
export async function overview(runner: Runner): Promise<Overview> {
  const [row] = await runner.query<Overview>(`
    SELECT (SELECT count(DISTINCT user_key) FROM usage_days) AS users,
           (SELECT count(DISTINCT product) FROM usage_days) AS products,
           (SELECT count(*) FROM sessions) AS sessions,
           (SELECT count(*) FROM usage_days) AS usage_days,
           (SELECT coalesce(round(sum(duration_minutes) / 60, 1), 0)::DOUBLE FROM sessions) AS hours,
           (SELECT strftime(min(day), '%Y-%m-%d') FROM usage_days) AS first_day,
           (SELECT strftime(max(day), '%Y-%m-%d') FROM usage_days) AS last_day`);
  return row!;
}
