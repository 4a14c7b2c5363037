import type { Runner } from '../db/runner.ts';
import type { ReviewSettings } from '../settings/schema.ts';
import type { ReviewWindow, RuleDefinition, RuleSummary } from '../rules/rule.ts';
import { ALL_RULES, type AnyRuleResult, type Finding } from '../rules/registry.ts';
import { prepareReviewTables } from '../rules/review-tables.ts';
import { prepareSeatTables } from '../rules/sql/seats.ts';
import { prepareSeatCounts } from '../rules/sql/compliance.ts';
import { windowParams } from '../rules/sql/params.ts';
import { resolveWindow } from './window.ts';
import { overview, type Overview } from './overview.ts';
import { weeklyUsers, type WeeklyUsers } from './weekly-users.ts';
import { dailyUsers, type DailyUsersSeries } from './daily-users.ts';
import { chooseSeatActions, type ChosenAction } from './seat-actions.ts';
import { licenceServers, type LicenceServerView } from './licence-servers.ts';
import { licenceCounts } from './licence-counts.ts';
import { serverLogins } from './server-logins.ts';
import { flexTokens, withTokenPool, type FlexTokens } from './flex-tokens.ts';

/** What the rules find over the window, before money: the review the money view prices. */
export interface RulesReview {
  settings: ReviewSettings;
  window: ReviewWindow | null;
  overview: Overview;
  weekly_users: WeeklyUsers[];
  /** Named-user users per product per day against its seats, for the users-against-seats chart. */
  daily_users: DailyUsersSeries;
  /** Network licences from the licence-server logs: concurrent checkouts against the licences issued (none without logs). */
  licence_servers: LicenceServerView;
  /** Flex tokens over all the token data loaded (not only the window: a pool-level file may hold no usage day), and the pool's projection. */
  flex: FlexTokens;
  rules: AnyRuleResult[];
  /** One action per seat (rulebook 14), largest saving first: the action list. */
  actions: ChosenAction[];
}

/** Every rule in rulebook order (each sees the results before it), with the overview and the usage series. */
export async function runRules(runner: Runner, settings: ReviewSettings): Promise<RulesReview> {
  const window = await resolveWindow(runner, settings);
  await prepareReviewTables(runner, settings);
  if (window) {
    await prepareSeatTables(runner, windowParams(window, settings));
    await prepareSeatCounts(runner, windowParams(window, settings));
  }
  const rules: AnyRuleResult[] = [];
  let actions: ChosenAction[] | null = null;
  for (const rule of ALL_RULES) {
    // Once every rule that proposes seat actions has run, each seat takes one, before the rules that build on them.
    if (actions === null && !rule.action && ALL_RULES.filter((r) => r.action).every((r) => rules.some((done) => done.rule === r.id))) {
      actions = chooseSeatActions(rules);
    }
    const findings = window ? await rule.run(runner, { window, settings, earlier: rules }) : [];
    rules.push({
      rule: rule.id,
      title: rule.title,
      group: rule.group,
      summary: summarise(rule, findings),
      definition: rule.definition(settings),
      settings: rule.settings(settings),
      findings,
    });
  }
  return {
    settings,
    window,
    overview: await overview(runner),
    weekly_users: window ? await weeklyUsers(runner, window) : [],
    daily_users: window ? await dailyUsers(runner, window) : { days: [], stats: [] },
    licence_servers: {
      ...(window && (await hasLicenceServerData(runner)) ? await licenceServers(runner, window) : NO_LICENCE_SERVER_LOGS),
      ...(await licenceCounts(runner)),
      logins: await serverLogins(runner),
    },
    flex: withTokenPool(await flexTokens(runner), settings.token_pool),
    rules,
    actions: actions ?? chooseSeatActions(rules),
  };
}

const NO_LICENCE_SERVER_LOGS = { first_day: null, last_day: null, products: [], days: [], holes: [] };

async function hasLicenceServerData(runner: Runner): Promise<boolean> {
  const [row] = await runner.query<{ any: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM sessions WHERE licence_type = 'network') OR EXISTS (SELECT 1 FROM denials) AS "any"`,
  );
  return row?.any === true;
}

/** A rule's count and money: the sum of its findings' priced savings, and how many could not be priced. */
function summarise(rule: RuleDefinition<Finding>, findings: Finding[]): RuleSummary {
  if (!rule.money) return { count: findings.length, money: null, unpriced: 0 };
  let money = 0;
  let unpriced = 0;
  for (const f of findings) {
    const value = rule.money(f);
    if (value === null) unpriced++;
    else money += value;
  }
  // Nothing priced is no figure at all, not a saving of 0.
  if (findings.length > 0 && unpriced === findings.length) return { count: findings.length, money: null, unpriced };
  return { count: findings.length, money: Math.round(money * 100) / 100, unpriced };
}
