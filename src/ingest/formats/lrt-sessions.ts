/** The canonical LRT session format: the project's own public file format, one row per product session. */
export const LRT_SESSION_COLUMNS = [
  'user_id',
  'user_email',
  'user_name',
  'product',
  'product_line_code',
  'product_version',
  'feature',
  'device_name',
  'device_id',
  'os',
  'ip_address',
  'network_domain',
  'session_start',
  'session_end',
  'duration_minutes',
  'licence_type',
  'tokens',
  'source',
] as const;

export type LrtSessionColumn = (typeof LRT_SESSION_COLUMNS)[number];

export const LRT_REQUIRED: readonly LrtSessionColumn[] = ['user_id', 'product', 'session_start'];

/** Other spellings accepted for a column (on top of case, space, underscore and punctuation folding). */
export const LRT_ALIASES: Partial<Record<LrtSessionColumn, readonly string[]>> = {
  licence_type: ['license_type'],
  user_email: ['email'],
  duration_minutes: ['duration_min'],
};

export { LICENCE_TYPES } from '../../db/tables.ts';
