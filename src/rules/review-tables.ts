import type { Runner } from '../db/runner.ts';
import { insertRows } from '../db/insert-rows.ts';
import { inCidr, parseCidr } from '../lib/cidr.ts';
import type { ReviewSettings } from '../settings/schema.ts';

/**
 * What a review reads besides the loaded facts: the user's settings as small tables (so rules join them
 * instead of splicing values into SQL), and the facts with the catalogue's names applied. Rebuilt at the start
 * of every review; the engine runs one operation at a time, so one review never sees another's settings.
 */
export async function prepareReviewTables(runner: Runner, settings: ReviewSettings): Promise<void> {
  await runner.exec(`
    CREATE OR REPLACE TEMP TABLE review_members (offering VARCHAR, product VARCHAR);
    CREATE OR REPLACE TEMP TABLE review_corporate_domains (domain VARCHAR);
    CREATE OR REPLACE TEMP TABLE review_ip_outside (ip VARCHAR);
    CREATE OR REPLACE TEMP TABLE review_offering_prices (offering VARCHAR, current_price DOUBLE, list_price DOUBLE, indicative BOOLEAN);
    CREATE OR REPLACE TEMP TABLE review_product_tokens (product VARCHAR, tokens_per_day DOUBLE);
    CREATE OR REPLACE TEMP TABLE review_events (day DATE, name VARCHAR);
    INSERT INTO review_members SELECT offering, product FROM catalogue_members;`);
  // A Collection defined in the settings is what the client's contract says it holds: it replaces the catalogue's.
  for (const c of settings.collections) await runner.query('DELETE FROM review_members WHERE offering = catalogue_name(?, NULL)', [c.offering]);
  await insertRows(runner, 'review_members', '(catalogue_name(?, NULL), catalogue_name(?, NULL))', settings.collections.flatMap((c) => c.products.map((p) => [c.offering, p])));
  await insertRows(runner, 'review_corporate_domains', '(?)', settings.corporate.domains.map((d) => [d]));
  await insertRows(runner, 'review_offering_prices', '(catalogue_name(?, NULL), ?, ?, ?)', settings.prices.offerings.map((o) => [o.offering, o.current_price, o.list_price, o.indicative !== null]));
  await insertRows(runner, 'review_product_tokens', '(catalogue_name(?, NULL), ?)', settings.prices.products.map((p) => [p.product, p.tokens_per_day]));
  await insertRows(runner, 'review_events', '(CAST(? AS DATE), ?)', settings.events.map((e) => [e.date, e.name]));

  // CIDR matching is done here, on the distinct addresses only: DuckDB's wasm build has no inet extension.
  const ranges = settings.corporate.cidrs.map(parseCidr).filter((c) => c !== null);
  if (ranges.length > 0) {
    const ips = await runner.query<{ ip: string }>('SELECT DISTINCT ip_address AS ip FROM sessions WHERE ip_address IS NOT NULL');
    await insertRows(runner, 'review_ip_outside', '(?)', ips.filter(({ ip }) => !ranges.some((r) => inCidr(ip, r))).map(({ ip }) => [ip]));
  }

  // Tables, not views: every rule reads them, several times in one query; planning a view's whole definition at each
  // reading cost more than the rules' own work on small estates, and catalogue_name ran once per reading.
  await runner.exec(`
    CREATE OR REPLACE TEMP TABLE review_assignments AS
      SELECT file_id, line, user_key, user_email, user_name, catalogue_name(offering, NULL) AS offering, seat_assignment,
             assigned_date, unassigned_date, access_option, days_used, last_accessed
      FROM assignments;
    CREATE OR REPLACE TEMP TABLE review_entitlements AS
      -- A licence server's count (an lmstat snapshot) names its offering by product line code only, and stands only
      -- where no Subscriptions row names the same offering (the contract's count comes first).
      WITH named AS (
        SELECT file_id, line, subscription_id, contract_number, catalogue_name(offering, CASE WHEN status = 'licence server' THEN offering END) AS offering,
               seat_quantity, unlimited, start_date, end_date, autorenew_date, term, status
        FROM entitlements
      )
      SELECT * FROM named n
      WHERE coalesce(n.status, '') <> 'licence server'
         OR n.offering NOT IN (SELECT offering FROM named WHERE coalesce(status, '') <> 'licence server');
    CREATE OR REPLACE TEMP TABLE review_covers AS
      SELECT DISTINCT offering, product FROM (
        SELECT offering, product FROM review_members
        UNION ALL SELECT product, product FROM catalogue_products
        UNION ALL SELECT DISTINCT product, product FROM usage_days
        UNION ALL SELECT DISTINCT offering, offering FROM review_assignments
        UNION ALL SELECT DISTINCT offering, offering FROM review_entitlements);`);
}
