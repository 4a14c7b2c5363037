/**
 * The engine's fact tables, described once. Each spec gives the columns an adapter fills (in JavaScript
 * terms), the identity of a row (a row with the same key from another file is the same fact and is not
 * added twice), and from it come the DDL, the staging tables and the merge.
 */
export type ColumnType = 'text' | 'number' | 'int' | 'timestamp' | 'day' | 'bool';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  /** Not null in the table. */
  required?: boolean;
}

export interface TableSpec {
  name: TableName;
  columns: readonly ColumnSpec[];
  /** Columns that identify one fact across files. */
  key: readonly string[];
  /** The column whose range is reported as the file's date range. */
  range?: string;
}

export type TableName =
  | 'sessions' | 'usage_day_rows' | 'token_consumption' | 'assignments' | 'entitlements' | 'directory_users' | 'identities' | 'denials' | 'log_holes'
  | 'licence_snapshots' | 'licence_holders' | 'login_links';

/** The licence types a session or day-level row holds (licence_type): the canonical format's, which every adapter maps to. */
export const LICENCE_TYPES = ['named_user', 'flex', 'network', 'serial', 'unknown'] as const;

/** A row as an adapter produces it: text and days as strings, timestamps as epoch ms, numbers as numbers. */
export type FactRow = Record<string, string | number | boolean | null>;

const text = (name: string, required = false): ColumnSpec => ({ name, type: 'text', required });
const num = (name: string): ColumnSpec => ({ name, type: 'number' });
const int = (name: string): ColumnSpec => ({ name, type: 'int' });
const ts = (name: string, required = false): ColumnSpec => ({ name, type: 'timestamp', required });
const day = (name: string, required = false): ColumnSpec => ({ name, type: 'day', required });
const bool = (name: string): ColumnSpec => ({ name, type: 'bool' });

export const TABLES: Record<TableName, TableSpec> = {
  /** One row per product session (canonical CSV, licence-server logs). */
  sessions: {
    name: 'sessions',
    columns: [
      text('user_key', true), text('user_id', true), text('user_email'), text('user_name'), text('product', true),
      text('product_line_code'), text('product_version'), text('feature'), text('device_name'), text('device_id'), text('os'),
      text('ip_address'), text('network_domain'), ts('session_start', true), ts('session_end'), num('duration_minutes'),
      text('licence_type', true), num('tokens'), text('source'),
      // Licence-server logs: the package consumed, and why a session has no check-in.
      text('package_feature'), text('package_plc'), text('open_at'), text('checkin_reason'),
      // Minutes east of UTC of the clock that wrote each time (a licence server's), for the export; null: written as UTC.
      int('start_offset'), int('end_offset'),
    ],
    // session_end too: a licence server can log two checkouts of one feature by one user@host in the same second.
    key: ['user_key', 'product', 'session_start', 'session_end', 'device_name', 'feature', 'product_version'],
    range: 'session_start',
  },
  /** One row per user x product x day from day-level exports (Seat Usage, Token Usage, Token Flex). */
  usage_day_rows: {
    name: 'usage_day_rows',
    columns: [
      text('user_key', true), text('user_id'), text('user_email'), text('user_name'), text('product', true), text('product_line_code'),
      day('day', true), text('licence_type', true), num('tokens'), text('feature'), text('device_name'), text('team'), text('source'),
    ],
    key: ['user_key', 'product', 'day', 'licence_type', 'feature', 'device_name'],
    range: 'day',
  },
  /** Enterprise Token Flex consumption that names no user (pool-level rows): tokens per product and day. */
  token_consumption: {
    name: 'token_consumption',
    columns: [
      day('day', true), text('product', true), text('product_line_code'), num('tokens'), text('token_pool'), text('usage_category'),
      text('usage_type'), text('charge_category'), text('machine_name'), text('contract_year'),
    ],
    key: ['day', 'product', 'product_line_code', 'token_pool', 'usage_category', 'usage_type', 'charge_category', 'machine_name', 'tokens'],
    range: 'day',
  },
  /** Seat assignments and per-user usage summaries (Usage Report). */
  assignments: {
    name: 'assignments',
    columns: [
      text('user_key', true), text('autodesk_id'), text('hashed_id'), text('user_email'), text('user_name'), text('offering', true),
      text('version'), text('seat_assignment'), text('team'), text('group_name'), day('assigned_date'), day('unassigned_date'),
      text('user_activity'), int('days_inactive'), text('access_option'), int('days_used'), num('monthly_average'), num('tokens_used'),
      day('last_accessed'), text('account_status'),
    ],
    key: ['user_key', 'offering', 'assigned_date', 'access_option'],
    range: 'assigned_date',
  },
  /** Subscriptions: an offering with a seat quantity (null and unlimited for Flex) and a term. */
  entitlements: {
    name: 'entitlements',
    columns: [
      text('subscription_id'), text('contract_number'), text('offering', true), int('seat_quantity'), bool('unlimited'),
      day('start_date'), day('end_date'), day('autorenew_date'), text('term'), text('status'), text('reseller_name'), text('team'),
    ],
    key: ['subscription_id', 'offering', 'start_date', 'end_date'],
    range: 'start_date',
  },
  /** The Users export: who is on the team and which offering or product they are given. */
  directory_users: {
    name: 'directory_users',
    columns: [
      text('user_key', true), text('autodesk_id'), text('user_email'), text('user_name'), text('offering'), text('product'),
      text('role'), text('team'), text('account_status'),
    ],
    key: ['user_key', 'offering', 'product', 'team'],
  },
  /** Ids known to belong to one person: links rows that carry only a hashed id or an Autodesk ID to the e-mail key. */
  identities: {
    name: 'identities',
    columns: [text('user_email'), text('autodesk_id'), text('hashed_id')],
    key: ['user_email', 'autodesk_id', 'hashed_id'],
  },
  /** Logins of licence-server logs and the people they are (a login list the user supplies): on one host, or on any. */
  login_links: {
    name: 'login_links',
    columns: [text('login', true), text('user_email', true), text('host')],
    key: ['login', 'user_email', 'host'],
  },
  /** Licence-server DENIED and UNSUPPORTED requests. */
  denials: {
    name: 'denials',
    columns: [
      text('kind', true), ts('denied_at', true), day('day', true), text('product', true), text('product_line_code'), text('feature'),
      text('user_key', true), text('device_name'), text('reason'),
    ],
    key: ['kind', 'denied_at', 'feature', 'user_key', 'device_name'],
    range: 'day',
  },
  /** Licence-server log coverage holes: no line at all for longer than the threshold. */
  log_holes: {
    name: 'log_holes',
    columns: [ts('hole_start', true), ts('hole_end', true), num('hours')],
    key: ['hole_start', 'hole_end'],
    range: 'hole_start',
  },
  /** lmstat snapshots: per server and feature, the licences issued and in use at the snapshot's time (UTC). */
  licence_snapshots: {
    name: 'licence_snapshots',
    columns: [
      text('server'), text('feature', true), text('product_line_code', true), int('issued'), int('in_use'), ts('snapshot_at'), day('expiry'),
    ],
    key: ['server', 'feature', 'snapshot_at'],
    range: 'snapshot_at',
  },
  /** lmstat snapshots: who holds each licence in use, on which host, since when. */
  licence_holders: {
    name: 'licence_holders',
    columns: [
      text('server'), text('feature', true), text('product_line_code', true), ts('snapshot_at'), text('login', true), text('host'),
      text('display'), ts('since'), int('licences'),
    ],
    key: ['server', 'feature', 'snapshot_at', 'login', 'host', 'display', 'since'],
    range: 'snapshot_at',
  },
};

/** How each column type is stored. */
const SQL_TYPES: Record<ColumnType, string> = { text: 'VARCHAR', number: 'DOUBLE', int: 'INTEGER', timestamp: 'TIMESTAMP', day: 'DATE', bool: 'BOOLEAN' };

/** A column of a fact table as the table is made: its SQL type, whether it takes no null, its default. */
export interface TableColumn {
  name: string;
  type: string;
  notNull: boolean;
  default?: string;
  /** The spec's column, for a column of the spec (not file_id, line or occurrence). */
  spec?: ColumnSpec;
}

/** Every column of a fact table, in order: the file and line it came from, the spec's columns, its occurrence. */
export function tableColumns(spec: TableSpec): TableColumn[] {
  return [
    { name: 'file_id', type: 'INTEGER', notNull: true },
    { name: 'line', type: 'INTEGER', notNull: true },
    ...spec.columns.map((c) => ({ name: c.name, type: SQL_TYPES[c.type], notNull: c.required === true, spec: c })),
    // The fact's place among identical facts of its file (1, 2, ... by line): part of its identity (see the merge).
    { name: 'occurrence', type: 'INTEGER', notNull: true, default: '1' },
  ];
}

export function createTableSql(spec: TableSpec): string {
  const columns = tableColumns(spec).map((c) => `${c.name} ${c.type}${c.notNull ? ' NOT NULL' : ''}${c.default === undefined ? '' : ` DEFAULT ${c.default}`}`);
  return `CREATE TABLE IF NOT EXISTS ${spec.name} (${columns.join(', ')})`;
}
