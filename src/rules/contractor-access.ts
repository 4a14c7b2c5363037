import { countOf, listOf } from '../lib/wording.ts';
import { windowParams } from './sql/params.ts';
import { ASSIGNMENT_ACTIVE, NAMED_USE } from './sql/compliance.ts';
import type { Runner } from '../db/runner.ts';
import type { ReviewSettings } from '../settings/schema.ts';
import type { ReviewWindow, RuleDefinition } from './rule.ts';

export interface ContractorAccessFinding {
  rule: 'contractor_access';
  /** compliance: at least one usage day in the window without an active assignment covering the product; advisory otherwise. */
  severity: 'compliance' | 'advisory';
  user_key: string;
  /** The user's e-mail domain; null for users without an e-mail (hashed ids, user@host of licence-server logs). */
  domain: string | null;
  /** Why the user was flagged: an e-mail domain outside the corporate domains, session IPs outside the corporate ranges, or both. */
  flagged_by: ('domain' | 'ip')[];
  /** Session IP addresses in the window outside every corporate CIDR range. */
  outside_ips: string[];
  /** The user's usage days (user x product x day) in the window, and the first and last day. */
  usage_days: number;
  first_day: string;
  last_day: string;
  /** Usage days without an active assignment covering the product (days licensed only by Flex or a network licence are covered). */
  days_without_cover: number;
  first_day_without_cover: string | null;
  last_day_without_cover: string | null;
  products: string[];
  products_without_cover: string[];
}

export interface DomainSuggestion {
  domain: string;
  /** Distinct assigned users with an e-mail in this domain. */
  users: number;
  /** Their share of all assigned users with an e-mail (0 to 1, two decimals). */
  share: number;
}

/** Keys that are e-mail addresses: some loaded row carries that e-mail (a user@host of a log or an Autodesk ID is not one). */
const EMAIL_KEYS_SQL = `
  SELECT lower(user_email) AS user_key FROM sessions WHERE user_email IS NOT NULL
  UNION SELECT lower(user_email) FROM usage_day_rows WHERE user_email IS NOT NULL
  UNION SELECT lower(user_email) FROM assignments WHERE user_email IS NOT NULL
  UNION SELECT lower(user_email) FROM directory_users WHERE user_email IS NOT NULL
  UNION SELECT lower(user_email) FROM identities WHERE user_email IS NOT NULL`;

/**
 * Rulebook 5. A user is flagged when (a) corporate domains are set, the user has an e-mail, and its domain is neither a
 * corporate domain nor a subdomain of one; or (b) corporate CIDR ranges are set and one of the user's sessions in the
 * window came from an IP outside all of them (review_ip_outside). Users without an e-mail are judged by IP only.
 * With no corporate domain and no CIDR the rule cannot run and finds nothing: nothing is assumed corporate.
 * Every usage day of a flagged user in the window is judged: it has cover when an assignment of the user (any access
 * option) covering the product was active that day (an assignment without assigned_date counts as assigned before
 * the data), or when the day was licensed only by Flex or a network licence (as rule 6 reads them). One finding per user.
 */
export async function contractorAccess(runner: Runner, args: { window: ReviewWindow; settings: ReviewSettings }): Promise<ContractorAccessFinding[]> {
  if (args.settings.corporate.domains.length === 0 && args.settings.corporate.cidrs.length === 0) return [];
  const rows = await runner.query<Omit<ContractorAccessFinding, 'flagged_by' | 'outside_ips' | 'products' | 'products_without_cover'> & {
    by_domain: boolean;
    outside_ips: unknown;
    products: unknown;
    products_without_cover: unknown;
  }>(
    `WITH used AS (
       SELECT user_key, product, day, licence_types FROM usage_days WHERE day BETWEEN CAST($window_start AS DATE) AND CAST($window_end AS DATE)
     ),
     email_keys AS (${EMAIL_KEYS_SQL}),
     with_domain AS (
       SELECT DISTINCT u.user_key, regexp_extract(u.user_key, '@([^@]+)$', 1) AS domain
       FROM used u WHERE u.user_key IN (SELECT user_key FROM email_keys)
     ),
     by_domain AS (
       SELECT user_key, domain FROM with_domain d
       WHERE EXISTS (SELECT 1 FROM review_corporate_domains)
         AND NOT EXISTS (SELECT 1 FROM review_corporate_domains c WHERE d.domain = c.domain OR d.domain LIKE '%.' || c.domain)
     ),
     by_ip AS (
       SELECT user_key, list_sort(list(DISTINCT ip_address)) AS outside_ips
       FROM sessions
       WHERE ip_address IN (SELECT ip FROM review_ip_outside)
         AND session_start < CAST($window_end AS DATE) + INTERVAL 1 DAY
         AND coalesce(session_end, session_start) >= CAST($window_start AS DATE)
       GROUP BY user_key
     ),
     flagged AS (
       SELECT user_key, (SELECT domain FROM with_domain w WHERE w.user_key = k.user_key) AS domain,
              user_key IN (SELECT user_key FROM by_domain) AS by_domain,
              coalesce((SELECT outside_ips FROM by_ip i WHERE i.user_key = k.user_key), []::VARCHAR[]) AS outside_ips
       FROM (SELECT user_key FROM by_domain UNION SELECT user_key FROM by_ip) k
     ),
     judged AS (
       SELECT f.user_key, u.product, u.day,
              ${NAMED_USE('u')}
              AND NOT EXISTS (
                SELECT 1 FROM review_assignments a JOIN review_covers c ON c.offering = a.offering AND c.product = u.product
                WHERE a.user_key = u.user_key AND ${ASSIGNMENT_ACTIVE('a', 'u.day')}) AS uncovered
       FROM flagged f JOIN used u ON u.user_key = f.user_key
     ),
     per_user AS (
       SELECT user_key, count(*)::INTEGER AS usage_days, min(day) AS first_day, max(day) AS last_day,
              count(*) FILTER (WHERE uncovered)::INTEGER AS days_without_cover,
              min(day) FILTER (WHERE uncovered) AS first_uncovered, max(day) FILTER (WHERE uncovered) AS last_uncovered,
              list_sort(list(DISTINCT product)) AS products,
              coalesce(list_sort(list(DISTINCT product) FILTER (WHERE uncovered)), []::VARCHAR[]) AS products_without_cover
       FROM judged GROUP BY user_key
     )
     SELECT 'contractor_access' AS rule, CASE WHEN p.days_without_cover > 0 THEN 'compliance' ELSE 'advisory' END AS severity,
            p.user_key, f.domain, f.by_domain, f.outside_ips, p.usage_days,
            strftime(p.first_day, '%Y-%m-%d') AS first_day, strftime(p.last_day, '%Y-%m-%d') AS last_day,
            p.days_without_cover,
            strftime(p.first_uncovered, '%Y-%m-%d') AS first_day_without_cover, strftime(p.last_uncovered, '%Y-%m-%d') AS last_day_without_cover,
            p.products, p.products_without_cover
     FROM per_user p JOIN flagged f USING (user_key)
     ORDER BY (p.days_without_cover = 0), p.user_key`,
    windowParams(args.window, args.settings),
  );
  return rows.map(({ by_domain, outside_ips, products, products_without_cover, ...r }) => {
    const ips = list(outside_ips);
    return {
      rule: r.rule,
      severity: r.severity,
      user_key: r.user_key,
      domain: r.domain,
      flagged_by: [...(by_domain ? (['domain'] as const) : []), ...(ips.length > 0 ? (['ip'] as const) : [])],
      outside_ips: ips,
      usage_days: r.usage_days,
      first_day: r.first_day,
      last_day: r.last_day,
      days_without_cover: r.days_without_cover,
      first_day_without_cover: r.first_day_without_cover,
      last_day_without_cover: r.last_day_without_cover,
      products: list(products),
      products_without_cover: list(products_without_cover),
    };
  });
}

/** A DuckDB list as it comes back (an Arrow vector) as a plain array that can cross to the page. */
function list(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  return Array.from(value as Iterable<string>);
}

/**
 * The e-mail domains of assigned users (Usage Report rows with an e-mail), most users first: the page offers the
 * dominant ones as corporate domains, and uses them only once the user confirms (rulebook 5).
 */
export async function suggestCorporateDomains(runner: Runner): Promise<DomainSuggestion[]> {
  return runner.query<DomainSuggestion>(
    `WITH assigned AS (
       SELECT DISTINCT lower(user_email) AS email FROM assignments WHERE user_email IS NOT NULL AND user_email LIKE '%@%'
     )
     SELECT regexp_extract(email, '@([^@]+)$', 1) AS domain, count(*)::INTEGER AS users,
            round(count(*) / (SELECT count(*) FROM assigned), 2)::DOUBLE AS share
     FROM assigned GROUP BY 1 ORDER BY users DESC, domain`,
  );
}

export const contractorAccessRule: RuleDefinition<ContractorAccessFinding> = {
  id: 'contractor_access',
  title: 'Contractor access without formal assignment',
  group: 'compliance',
  definition: (s) => {
    const { domains, cidrs } = s.corporate;
    if (domains.length === 0 && cidrs.length === 0) {
      return (
        'Cannot run: no corporate e-mail domain and no corporate IP range is set, and none is assumed. ' +
        'Set the corporate domains (and CIDR ranges, where sessions carry IP addresses); the e-mail domains most common among assigned users are offered as a suggestion to confirm before use.'
      );
    }
    const tests = [
      ...(domains.length > 0 ? [`an e-mail domain that is not ${domains.join(', ')} nor a subdomain of one`] : []),
      ...(cidrs.length > 0 ? [`a session IP in the window outside ${cidrs.join(', ')}`] : []),
    ];
    const notes = [
      domains.length > 0
        ? 'Users without an e-mail (hashed ids, user@host of licence-server logs) are not judged by domain.'
        : 'No corporate domain is set: e-mail domains are not judged.',
      ...(cidrs.length === 0 ? ['No corporate IP range is set: IP addresses are not judged.'] : []),
    ];
    return (
      `Users with usage in the window and ${tests.join(' or ')}. One finding per user: compliance when at least one of the user's usage days in the window ` +
      `has no active assignment covering the product (days licensed only by Flex or a network licence are covered), advisory otherwise. ${notes.join(' ')}`
    );
  },
  settings: (s) => ({
    corporate_domains: s.corporate.domains.length > 0 ? s.corporate.domains.join(', ') : null,
    corporate_cidrs: s.corporate.cidrs.length > 0 ? s.corporate.cidrs.join(', ') : null,
  }),
  run: contractorAccess,
  // The person: their severity, domain, IPs and products may change from quarter to quarter.
  identity: { fields: ['user_key'] },
  columns: {
    severity: 'compliance: at least one usage day without an active assignment covering the product; advisory otherwise.',
    domain: 'The user’s e-mail domain; corporate domains in force: {corporate_domains}.',
    flagged_by: 'Why the user was flagged: a domain outside the corporate domains, IPs outside the corporate ranges, or both.',
    outside_ips: 'Session IP addresses outside every corporate range ({corporate_cidrs}).',
    usage_days: 'The user’s usage days in the window.',
    days_without_cover: 'Usage days without an active assignment covering the product (Flex and network days are covered).',
    first_day_without_cover: 'First usage day without cover.',
    last_day_without_cover: 'Last usage day without cover.',
    products: 'Products the user used in the window.',
    products_without_cover: 'Products used on days without cover.',
  },
  benchmark: { id: 'contractor', label: 'Contractor access', low: 0.08, high: 0.15, of: 'enterprise deployments', base: 'deployments' },
  // A contractor's use is priced in the product's own rows (rules 6 to 8); advisory findings are not gaps.
  gap: {
    side: 'unpriced',
    entries: (findings) =>
      findings
        .filter((f) => f.severity === 'compliance')
        .map((f) => ({
          product: f.products_without_cover.join(', '),
          users_or_seats_short: 1,
          first_day: f.first_day_without_cover ?? f.first_day,
          last_day: f.last_day_without_cover ?? f.last_day,
          evidence: `${f.user_key} (${f.flagged_by.join(' and ')} outside the organisation${f.domain ? `: ${f.domain}` : ''}${f.outside_ips.length ? `; IPs ${listOf(f.outside_ips, Infinity)}` : ''}) used ${countOf(f.days_without_cover, 'usage day')} without an assignment; priced in the product's own rows`,
          remediation: 'Formalise the access (assign a seat under the contract that allows third-party use) or terminate it.',
        })),
  },
};
