import { ruleOf } from './registry.ts';

/**
 * What each column of a rule's findings table means, one sentence per field: the rule's own notes (its file, `columns`),
 * else the notes below that several rules share. `{name}` is replaced by the setting of that name in force
 * (RuleResult.settings), so the sentence states the figure the engine used.
 */
const COMMON: Record<string, string> = {
  user_key: 'The user: the lower-case e-mail when the data has one, else the id the export gives. Click it for the timeline.',
  user_keys: 'Every user behind this finding, in key order.',
  offering: 'The offering (subscription) of the assignment.',
  seat_assignment: 'How the seat was assigned in Autodesk Account: direct, group or default.',
  removable_individually: 'Whether Autodesk Account can remove this seat on its own (group and default assignments cannot).',
  assigned_date: 'The day the seat was assigned.',
  unassigned_date: 'The day the seat was unassigned; empty while it is still held at the window end.',
  product: 'The product concerned.',
  products: 'The products used.',
  current_price: "The offering's current price per seat per year from the price book.",
  price_note: 'Why the money figure is missing, when it is.',
  usage_days: 'Usage days (one per user, product and day) counted in the window.',
  first_day: 'First usage day concerned in the window.',
  last_day: 'Last usage day concerned in the window.',
  kind: 'Which variant of the rule this finding is.',
  domain: "The user's e-mail domain.",
  users: 'Distinct users concerned.',
  saving_per_year: 'What the action saves a year, at the price book\'s current price (net of Flex tokens for a move to Flex).',
  action: 'What to do with the seat: the one action chosen for it, the one that saves most a year (rulebook 14).',
  last_use: 'The last usage day of a product the seat covers, "never", or "in use".',
  assignment: 'How the seat was assigned in Autodesk Account: direct, group or default; empty when the export does not say.',
  finding: 'The finding that proposes the action, by its rule\'s title.',
  reason: 'Why, in one sentence, with the figures.',
  superseded_by:
    "Another finding's action, chosen for this seat because it saves more (one action per seat): this finding stays listed and adds nothing to any total. Empty when this finding's own action stands.",
};

/** The one-sentence explanation of a column of a rule's findings table, with the rule's settings filled in. */
export function columnNote(rule: string, field: string, settings: Record<string, string | number | null> = {}): string {
  const own = ruleOf(rule)?.columns as Record<string, string | undefined> | undefined;
  const sentence = own?.[field] ?? COMMON[field] ?? `${field.replaceAll('_', ' ')} as the engine reports it.`;
  return sentence.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in settings)) return whole;
    const value = settings[name];
    return value === null || value === undefined ? 'none' : String(value);
  });
}
