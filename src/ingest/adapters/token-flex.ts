import type { RowProblem } from './adapter.ts';
import { columnAdapter } from './columns.ts';
import { realEmail } from './people.ts';
import { dayValue, firstProblem, numberValue } from './values.ts';
import { KIND_LABELS } from '../kinds.ts';

const COLUMNS = [
  'contractYear', 'tokenPool', 'usageCategory', 'usageDate', 'productLineCode', 'productName', 'tokensConsumed', 'userName',
  'machineName', 'usageMonth', 'usageType', 'chargeCategory', 'sessionStartDate',
] as const;

/**
 * Enterprise Token Flex usage CSV (EBA and consumption contracts): `YYYY-MM-DD HH:MM:SS` dates and a trailing
 * comma on every line (an empty last column, ignored). A row naming a user is one Flex usage day of that
 * user; a row naming none is pool-level consumption, kept per product and day.
 */
export const tokenFlexAdapter = columnAdapter({
  kind: 'token_flex',
  label: KIND_LABELS.token_flex,
  expects: 'an Enterprise Token Flex usage CSV (usageDate, productLineCode, productName, tokensConsumed...)',
  primary: 'usage_day_rows',
  alsoPrimary: ['token_consumption'],
  columns: COLUMNS,
  aliases: {},
  required: ['usageDate', 'tokensConsumed'],
  anyOf: [['productLineCode', 'productName']],
  distinctive: ['tokensConsumed', 'tokenPool', 'contractYear', 'usageCategory'],
  dateColumns: ['usageDate'],
  start(context) {
    let attributed = 0;
    let pooled = 0;
    return {
      map(get, line, sink): RowProblem | null {
        const plc = get('productLineCode').toUpperCase() || null;
        const product = get('productName') || plc;
        if (!product) return { column: 'productName', value: null, reason: 'missing product: productName and productLineCode are empty' };
        const day = dayValue('usageDate', get('usageDate'), context.dateOrder);
        const tokens = numberValue('tokensConsumed', get('tokensConsumed'), context.decimalComma);
        const problem = firstProblem(day, tokens);
        if (problem) return problem;
        if (day === null) return { column: 'usageDate', value: null, reason: 'missing date: usageDate is empty' };
        const user = get('userName');
        if (user) {
          attributed++;
          sink.add('usage_day_rows', line, {
            user_key: realEmail(user) ?? user.toLowerCase(), user_id: user, user_email: realEmail(user), user_name: null, product,
            product_line_code: plc, day: day as string, licence_type: 'flex', tokens: tokens as number | null, feature: get('usageType') || null,
            device_name: get('machineName') || null, team: null, source: 'token_flex',
          });
        } else {
          pooled++;
          sink.add('token_consumption', line, {
            day: day as string, product, product_line_code: plc, tokens: tokens as number | null, token_pool: get('tokenPool') || null,
            usage_category: get('usageCategory') || null, usage_type: get('usageType') || null, charge_category: get('chargeCategory') || null,
            machine_name: get('machineName') || null, contract_year: get('contractYear') || null,
          });
        }
        return null;
      },
      notes() {
        const notes: string[] = [];
        if (pooled > 0) {
          notes.push(`${pooled} row(s) name no user: kept as token consumption per product and day; they count in no per-user analysis.`);
        }
        if (attributed > 0) {
          notes.push('For machine-metered products (Arnold, RenderNode, VRED) Autodesk swaps user and machine: their "users" are machines.');
        }
        return notes;
      },
    };
  },
});
