/**
 * Distinct users per product per ISO week (Monday first), for whole weeks inside the window, with
 * weeks of no use present as 0. Parameters: $window_start, $window_end (windowParams).
 */
export const WEEKLY_USERS_SQL = `
  WITH weeks AS (
    SELECT CAST(w AS DATE) AS week_start
    FROM generate_series(
      date_trunc('week', CAST($window_start AS DATE) + INTERVAL 6 DAY),
      CAST(CAST($window_end AS DATE) - INTERVAL 6 DAY AS TIMESTAMP),
      INTERVAL 7 DAY) AS t(w)
  ),
  products AS (SELECT DISTINCT product FROM usage_days WHERE day BETWEEN CAST($window_start AS DATE) AND CAST($window_end AS DATE)),
  counts AS (
    SELECT product, CAST(date_trunc('week', day) AS DATE) AS week_start, count(DISTINCT user_key) AS users
    FROM usage_days WHERE day BETWEEN CAST($window_start AS DATE) AND CAST($window_end AS DATE)
    GROUP BY ALL
  )
  SELECT p.product, w.week_start, coalesce(c.users, 0)::INTEGER AS users
  FROM products p CROSS JOIN weeks w LEFT JOIN counts c ON c.product = p.product AND c.week_start = w.week_start`;
