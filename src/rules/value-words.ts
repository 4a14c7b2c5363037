import { ruleOf } from './registry.ts';

/**
 * The values findings carry as codes (kinds, reasons, recommendations, licence types), in the words the page shows.
 * Only exact codes are replaced: a user key or a product name is never rewritten.
 */
const WORDS: Record<string, string> = {
  collection_and_standalone: 'standalone beside its Collection',
  full_and_lt: 'LT edition beside its full product',
  named_and_flex: 'Flex use under a named-user seat',
  named_user: 'named user',
  named_users: 'named users',
  collection_holders: 'Collection holders',
  never_entitled: 'never entitled',
  outside_term: 'outside the term',
  keep_collection: 'keep the Collection',
  standalone: 'the standalone product',
  no_usage: 'no usage at all',
  log_coverage: 'a licence-server log stops',
  not_judged: 'not judged',
  data_quality: 'data quality',
};

/** A finding's code in words: a known code, or a rule id as its rule's title; anything else as it is. */
export function valueWords(value: string): string {
  return WORDS[value] ?? ruleOf(value)?.title ?? value;
}

/** Column names the page shows in words where the field's name is not one. */
const COLUMN_WORDS: Record<string, string> = {
  user_key: 'user',
  user_keys: 'users',
  p95_daily_users: 'daily users (95th percentile)',
  p95: 'daily peak (95th percentile)',
  superseded_by: 'superseded by',
};

/** A finding field's column heading: "user" for user_key, otherwise its name with spaces. */
export function columnWords(field: string): string {
  return COLUMN_WORDS[field] ?? field.replaceAll('_', ' ');
}
