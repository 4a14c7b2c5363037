/**
 * Concurrent use of network licences, from the licence-server sessions and denials: what rule 8 judges for
 * network licences and what the licence-server view draws, written once so that the two always agree.
 *
 * CTEs to follow `days` (WINDOW_DAYS_CTE or SEAT_COUNT_CTES) in a WITH; parameters $window_start, $window_end:
 * - `net (product, t0, t1, user_id, device_name, feature, product_version, open_ended, open_at, checkin_reason)`: network sessions with the product as
 *   the catalogue names it. A session without an end (still open when the log ended or the server restarted)
 *   counts until the end of its start day, as usage_days places it on that day only.
 * - `den (product, day, denied_at, user_key, device_name, feature, reason)`: licence-server DENIED lines.
 * - `net_days (day)`: the window's days the licence-server data spans (first to last day with a checkout,
 *   check-in or denial).
 * - `net_products (product)`: products with a network session or a denial in the window.
 * - `levels (product, t, level)`: the number of checkouts held just after each event.
 * - `net_peaks (product, day, value)`: the day's peak of concurrent checkouts.
 */
export const NETWORK_PEAK_CTES = `
  net_names AS (
    SELECT DISTINCT product, product_line_code, catalogue_name(product, product_line_code) AS resolved FROM sessions WHERE licence_type = 'network'
  ),
  net AS (
    SELECT n.resolved AS product, s.session_start AS t0,
           coalesce(s.session_end, s.session_start + to_seconds(CAST(s.duration_minutes * 60 AS BIGINT)), date_trunc('day', s.session_start) + INTERVAL 1 DAY) AS t1,
           s.user_id, s.device_name, s.feature, s.product_version, s.session_end IS NULL AS open_ended, s.open_at, s.checkin_reason
    FROM sessions s JOIN net_names n ON n.product = s.product AND n.product_line_code IS NOT DISTINCT FROM s.product_line_code
    WHERE s.licence_type = 'network'
  ),
  den_names AS (SELECT DISTINCT product, product_line_code, catalogue_name(product, product_line_code) AS resolved FROM denials),
  den AS (
    SELECT n.resolved AS product, d.day, d.denied_at, d.user_key, d.device_name, d.feature, d.reason
    FROM denials d JOIN den_names n ON n.product = d.product AND n.product_line_code IS NOT DISTINCT FROM d.product_line_code
    WHERE d.kind = 'denied'
  ),
  net_days AS (
    SELECT dd.day FROM days dd, (
      SELECT min(first_day) AS first_day, max(last_day) AS last_day FROM (
        SELECT CAST(t0 AS DATE) AS first_day, CAST(greatest(t0, t1 - INTERVAL 1 MICROSECOND) AS DATE) AS last_day FROM net
        UNION ALL SELECT day, day FROM den)) span
    WHERE dd.day BETWEEN span.first_day AND span.last_day
  ),
  net_products AS (
    SELECT DISTINCT product FROM net WHERE t0 < CAST($window_end AS DATE) + INTERVAL 1 DAY AND t1 > CAST($window_start AS DATE)
    UNION SELECT DISTINCT product FROM den WHERE day BETWEEN CAST($window_start AS DATE) AND CAST($window_end AS DATE)
  ),
  -- Sweep: +1 at a checkout, -1 at its check-in, and a 0 marker at each judged midnight (the level carried into
  -- the day). At one instant check-ins go first, then the marker, then checkouts: a session ending when another
  -- starts does not overlap it. The day's peak is the highest level reached at any event of that day.
  events AS (
    SELECT product, t0 AS t, 1 AS delta FROM net
    UNION ALL SELECT product, t1, -1 FROM net
    UNION ALL SELECT p.product, CAST(nd.day AS TIMESTAMP), 0 FROM net_products p CROSS JOIN net_days nd
  ),
  levels AS (
    SELECT product, t, sum(delta) OVER (PARTITION BY product ORDER BY t, delta ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS level
    FROM events
  ),
  net_peaks AS (
    SELECT product, CAST(t AS DATE) AS day, max(level)::INTEGER AS value FROM levels GROUP BY product, CAST(t AS DATE)
  )`;
