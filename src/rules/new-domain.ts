import { windowParams } from './sql/params.ts';
import type { Runner } from '../db/runner.ts';
import type { ReviewSettings } from '../settings/schema.ts';
import type { ReviewWindow, RuleDefinition } from './rule.ts';

/** An e-mail domain that starts using the software late in the data, with the entered event nearest to it. */
export interface NewDomainFinding {
  rule: 'new_domain';
  domain: string;
  /** The domain's first usage day (YYYY-MM-DD), and how many days after the first usage day in the data it lies. */
  first_seen: string;
  days_after_data_start: number;
  /** Distinct users of the domain with usage in the window, and their keys (comma-separated). */
  users: number;
  user_keys: string[];
  /** Products the domain's users used in the window (comma-separated). */
  products: string[];
  /** The nearest entered event within event_match_days of first_seen (null when none), and first_seen minus its date in days (negative: the event came after). */
  event_name: string | null;
  event_date: string | null;
  days_from_event: number | null;
}

/**
 * Rulebook 10. A user's e-mail is known when some row of the data carries it (sessions, day rows, assignments,
 * Users export, identities: user_email, whose lower case is the user key); users without one are not judged
 * (licence-server keys are user@host, not e-mails). A domain is reported when its first usage day lies in the
 * window and at least new_domain_after_days after the first usage day in the data, and at least
 * new_domain_min_users of its users used a product in the window. The nearest event is the one with the
 * smallest distance in days, before or after; on a tie the earlier event, then the name in alphabetical order.
 * Parameters: $window_start, $window_end, $data_start (the first usage day), $new_domain_after_days, $new_domain_min_users, $event_match_days.
 */
export async function newDomains(runner: Runner, args: { window: ReviewWindow; settings: ReviewSettings }): Promise<NewDomainFinding[]> {
  const t = args.settings.thresholds;
  // Each address once before it is lowered and its domain read: a large estate has millions of rows and few addresses.
  return runner.query<NewDomainFinding>(
    `WITH addresses AS (
       SELECT user_email FROM sessions UNION SELECT user_email FROM usage_day_rows
       UNION SELECT user_email FROM assignments UNION SELECT user_email FROM directory_users
       UNION SELECT user_email FROM identities
     ),
     emails AS (
       SELECT user_key, regexp_extract(user_key, '@([^@]+)$', 1) AS domain
       FROM (SELECT DISTINCT lower(user_email) AS user_key FROM addresses WHERE user_email LIKE '%_@_%')
     ),
     domain_days AS (
       SELECT e.domain, u.user_key, u.product, u.day
       FROM usage_days u JOIN emails e ON e.user_key = u.user_key
     ),
     firsts AS (SELECT domain, min(day) AS first_seen FROM domain_days GROUP BY domain),
     candidates AS (
       SELECT f.domain, f.first_seen, (f.first_seen - CAST($data_start AS DATE))::INTEGER AS days_after_data_start,
              count(DISTINCT d.user_key)::INTEGER AS users,
              list(DISTINCT d.user_key ORDER BY d.user_key) AS user_keys,
              list(DISTINCT d.product ORDER BY d.product) AS products
       FROM firsts f JOIN domain_days d ON d.domain = f.domain AND d.day BETWEEN CAST($window_start AS DATE) AND CAST($window_end AS DATE)
       WHERE f.first_seen BETWEEN CAST($window_start AS DATE) AND CAST($window_end AS DATE)
         AND f.first_seen >= CAST($data_start AS DATE) + CAST($new_domain_after_days AS INTEGER)
       GROUP BY f.domain, f.first_seen
       HAVING count(DISTINCT d.user_key) >= $new_domain_min_users
     ),
     nearest AS (
       SELECT c.domain, ev.name, ev.day, (c.first_seen - ev.day)::INTEGER AS days_from_event
       FROM candidates c JOIN review_events ev ON abs(c.first_seen - ev.day) <= CAST($event_match_days AS INTEGER)
       QUALIFY row_number() OVER (PARTITION BY c.domain ORDER BY abs(c.first_seen - ev.day), ev.day, ev.name) = 1
     )
     SELECT 'new_domain' AS rule, c.domain, strftime(c.first_seen, '%Y-%m-%d') AS first_seen, c.days_after_data_start,
            c.users, c.user_keys, c.products,
            n.name AS event_name, strftime(n.day, '%Y-%m-%d') AS event_date, n.days_from_event
     FROM candidates c LEFT JOIN nearest n ON n.domain = c.domain
     ORDER BY c.first_seen, c.domain`,
    { ...windowParams(args.window, args.settings), data_start: args.window.data_start, new_domain_after_days: t.new_domain_after_days, new_domain_min_users: t.new_domain_min_users, event_match_days: t.event_match_days },
  );
}

export const newDomainRule: RuleDefinition<NewDomainFinding> = {
  id: 'new_domain',
  title: 'Entity event correlation',
  group: 'usage',
  definition: (s) =>
    `E-mail domains whose first usage day lies in the window and at least ${s.thresholds.new_domain_after_days} days after the first usage day in the data, used in the window by at least ${s.thresholds.new_domain_min_users} distinct users, each with its first-seen date, users, products and the nearest entered event (acquisition, merger, restructuring) within ${s.thresholds.event_match_days} days before or after (on a tie, the earlier event). Users whose e-mail is unknown (hashed ids, licence-server user@host) are not judged.`,
  settings: (s) => ({
    new_domain_after_days: s.thresholds.new_domain_after_days,
    new_domain_min_users: s.thresholds.new_domain_min_users,
    event_match_days: s.thresholds.event_match_days,
    events: s.events.length,
  }),
  run: newDomains,
  identity: { fields: ['domain'] },
  columns: {
    domain: 'The e-mail domain that appeared.',
    first_seen: 'The domain’s first usage day.',
    days_after_data_start: 'Days between the first usage day in the data and the domain’s first; at least {new_domain_after_days}.',
    users: 'Distinct users of the domain with usage in the window; at least {new_domain_min_users}.',
    products: 'Products the domain’s users used in the window.',
    event_name: 'The nearest entered event within {event_match_days} days of the first use.',
    event_date: 'The date of that event.',
    days_from_event: 'First use minus the event date in days (negative: the event came after).',
  },
};
