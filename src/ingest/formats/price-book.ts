import { numberValue } from '../adapters/values.ts';
import { CsvReader, detectDelimiter, type CsvRecord } from '../csv.ts';
import { parseDay } from '../dates.ts';
import { decodeText } from '../decode.ts';
import { unneutralise } from '../../lib/csv-write.ts';
import { isCurrencyCode } from '../../lib/amounts.ts';
import type { IndicativeLabel, ReviewSettings, ReviewSettingsInput } from '../../settings/schema.ts';

/**
 * The price book as one CSV file, one row per figure:
 *
 *   type,name,current_price,list_price,tokens_per_day,members,indicative_as_of,indicative_source
 *   currency,GBP,,,,,,
 *   token,token,3,,,,2023-05-17,Autodesk's public Flex rates ...
 *   offering,AEC Collection,1940,3200,,,,
 *   product,AutoCAD,,,7,,2023-05-17,Autodesk's public Flex rates ...
 *   collection,AEC Collection,,,,Revit;AutoCAD;Civil 3D,,
 *
 * Reading is forgiving where spreadsheets differ and strict where a mistake would change a figure:
 * - the header's columns may come in any order and in any case; `type` and `name` are required, any other column
 *   only once a row needs it; an unknown column is refused (a misspelt `indicative_source` would otherwise turn a
 *   shipped figure into "your contract's" silently);
 * - the currency row names the ISO 4217 code every price is in (GBP); without one the currency in force stays;
 * - numbers are amounts in that currency with a decimal point and optional thousands separators (1940, 1,940.50, $1,940.50, US$ 1940, £1,940);
 *   in a file whose columns are separated by semicolons (a comma-decimal spreadsheet) the decimal mark is the
 *   comma and the thousands separator the point or a space (1.940,50), as the data exports are read;
 * - an empty list_price is null (current price x the exposure's list/current factor);
 * - members are separated by ";" (so a member name cannot hold one);
 * - indicative_as_of and indicative_source are both set (a labelled indicative figure) or both empty (the user's
 *   own figure); the date may be any unambiguous date a spreadsheet writes back, and is kept as YYYY-MM-DD;
 * - a field that does not belong to the row's type must be empty, and a name may appear once per type;
 * - the CSV is the whole price book: its offering, product and collection rows replace the current lists. Only the
 *   token row may be left out, which keeps the token price in force.
 *
 * The page hands the file to the engine (`EngineApi.readPriceBook`), which reads it here; the export is written by
 * src/deliverables/price-book-csv.ts with the same columns.
 */

export const PRICE_BOOK_COLUMNS = ['type', 'name', 'current_price', 'list_price', 'tokens_per_day', 'members', 'indicative_as_of', 'indicative_source'] as const;
export type PriceBookColumn = (typeof PRICE_BOOK_COLUMNS)[number];
type Column = PriceBookColumn;

const TYPES = ['currency', 'token', 'offering', 'product', 'collection'] as const;
type RowType = (typeof TYPES)[number];

/** Per type: the fields a row of it needs, and those it may hold. */
const FIELDS: Record<RowType, { required: Column[]; optional: Column[] }> = {
  currency: { required: [], optional: [] },
  token: { required: ['current_price'], optional: ['indicative_as_of', 'indicative_source'] },
  offering: { required: ['current_price'], optional: ['list_price', 'indicative_as_of', 'indicative_source'] },
  product: { required: ['tokens_per_day'], optional: ['indicative_as_of', 'indicative_source'] },
  collection: { required: [], optional: ['members'] },
};

/** What a required field holds, for the message when it is empty. */
const NEEDS: Record<RowType, string> = {
  currency: 'an ISO 4217 code such as USD, GBP or EUR',
  token: 'the price of one Flex token',
  offering: 'the price per seat per year',
  product: 'the Flex tokens a usage day of the product costs',
  collection: 'its member products',
};

export const MEMBER_SEPARATOR = ';';

/** What a price book CSV says: the parts of a settings document it replaces (see `withPriceBook`). */
export interface PriceBookRead {
  prices: {
    /** Absent when the file has no currency row: the currency in force stays. */
    currency?: string;
    /** Absent when the file has no token row: the token price in force stays. */
    token_price?: number;
    token_price_indicative?: IndicativeLabel;
    offerings: ReviewSettings['prices']['offerings'];
    products: ReviewSettings['prices']['products'];
  };
  collections: ReviewSettings['collections'];
}

/** The settings document with a read price book in place of the current one; the engine validates the result. */
export function withPriceBook(settings: ReviewSettings, read: PriceBookRead): ReviewSettingsInput {
  return { ...settings, prices: { ...settings.prices, ...read.prices }, collections: read.collections };
}

/** A problem in a price book file; its message is one sentence naming the file and the line. */
export class PriceBookCsvError extends Error {
  override name = 'PriceBookCsvError';
}

const HEADER_TEXT = PRICE_BOOK_COLUMNS.join(',');

/**
 * Reads a price book file the user picked (`fileName` is its name as the user sees it). Its bytes are decoded as the
 * data exports are (a BOM, UTF-16 and a spreadsheet's Windows-1252 are recognised, gzip is unpacked; a workbook or
 * other binary file is refused with an `UnreadableFileError`), then read as CSV.
 */
export async function readPriceBookFile(blob: Blob, fileName: string): Promise<PriceBookRead> {
  const decoded = await decodeText(blob, fileName, `a price book CSV with the header ${HEADER_TEXT}`, undefined, 'a price book CSV');
  let text = '';
  for await (const chunk of decoded.chunks) text += chunk;
  return readPriceBookCsv(text, fileName);
}

/** Reads a price book CSV (as `priceBookCsv` writes it, or as a user types it in a spreadsheet). Throws a `PriceBookCsvError`. */
export function readPriceBookCsv(text: string, fileName: string): PriceBookRead {
  const fail = (line: number | null, message: string): never => {
    throw new PriceBookCsvError(line === null ? `${fileName} ${message}` : `${fileName} line ${line}: ${message}`);
  };
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') fail(null, `is empty: expected a header line ${HEADER_TEXT} and one row per price.`);

  const reader = new CsvReader(detectDelimiter(body));
  const records = [...reader.push(body), ...reader.end()].filter((r) => r.fields.some((f) => f.trim() !== ''));
  if (reader.unterminatedQuote) fail(records.at(-1)?.line ?? 1, 'a quoted field is never closed: expected a closing double quote (").');
  const decimalComma = reader.delimiter === ';';

  const [headerRecord, ...rows] = records;
  if (!headerRecord) return fail(null, `is empty: expected a header line ${HEADER_TEXT} and one row per price.`);
  const columns = readHeader(headerRecord, fail);
  const has = (column: Column) => columns.has(column);

  const token: Partial<PriceBookRead['prices']> = {};
  let tokenLine: number | null = null;
  const offerings: PriceBookRead['prices']['offerings'] = [];
  const products: PriceBookRead['prices']['products'] = [];
  const collections: PriceBookRead['collections'] = [];
  let currency: string | undefined;
  const seen: Record<RowType, Map<string, number>> = { currency: new Map(), token: new Map(), offering: new Map(), product: new Map(), collection: new Map() };

  for (const record of rows) {
    const { line, fields } = record;
    const width = headerRecord.fields.length;
    if (fields.length > width && fields.slice(width).some((f) => f.trim() !== '')) {
      fail(line, `the row has ${fields.length} fields where the header has ${width}: expected one value per header column (quote a value holding a comma).`);
    }
    const get = (column: Column): string => {
      const index = columns.get(column);
      // The export neutralises text a spreadsheet would run as a formula ('=...): read it back as written.
      return index === undefined ? '' : unneutralise((fields[index] ?? '').trim());
    };

    const typeText = get('type');
    const type = TYPES.find((t) => t === typeText.toLowerCase());
    if (!type) {
      return fail(line, typeText === '' ? `the type is empty: expected one of ${TYPES.join(', ')}.` : `type "${typeText}" is not one of ${TYPES.join(', ')}.`);
    }
    const name = get('name');
    if (name === '') fail(line, `the name is empty: expected ${type === 'token' ? 'token' : `the ${type}'s name`}.`);
    if (type === 'token' && name.toLowerCase() !== 'token') fail(line, `a token row's name is "${name}": expected token.`);
    if (type === 'currency' && seen.currency.size > 0) fail(line, `a second currency row ("${name}"): expected one, the currency of every price.`);
    if (type === 'currency' && !isCurrencyCode(name.toUpperCase())) fail(line, `currency "${name}" is not an ISO 4217 code: expected one such as USD, GBP or EUR.`);

    const { required, optional } = FIELDS[type];
    for (const column of required) {
      if (!has(column)) fail(headerRecord.line, `the header has no ${column} column, which the ${type} row on line ${line} needs: expected the header ${HEADER_TEXT}.`);
      if (get(column) === '') fail(line, `${column} is empty: expected ${NEEDS[type]}.`);
    }
    for (const column of PRICE_BOOK_COLUMNS) {
      if (column === 'type' || column === 'name' || required.includes(column) || optional.includes(column)) continue;
      if (get(column) !== '') fail(line, `${article(type)} ${type} row takes no ${column} ("${get(column)}"): expected it empty (${column} belongs on ${rowsHolding(column)}).`);
    }

    const key = name.toLowerCase();
    const first = seen[type].get(key);
    if (first !== undefined) fail(line, `${type} "${name}" is already on line ${first}: expected one row per ${type}.`);
    seen[type].set(key, line);

    const amount = (column: Column): number => {
      const raw = get(column);
      const n = numberValue(column, raw.replace(/^([A-Z]{0,3}\s?)?[$£€¥]\s*/i, ''), decimalComma);
      if (typeof n === 'number') return n;
      if (n !== null && n.reason.startsWith('negative')) return fail(line, `${column} "${raw}" is below 0: expected 0 or more.`);
      const example = decimalComma ? '1940 or 1.940,50' : '1940 or 1,940.50';
      return fail(line, `${column} "${raw}" is not a number: expected a number such as ${example}.`);
    };
    const label = (): IndicativeLabel => {
      const asOf = get('indicative_as_of');
      const source = get('indicative_source');
      if (asOf === '' && source === '') return null;
      if (asOf === '' || source === '') {
        const [set, empty] = asOf === '' ? ['indicative_source', 'indicative_as_of'] : ['indicative_as_of', 'indicative_source'];
        return fail(line, `${set} is set but ${empty} is empty: expected both (a labelled indicative figure) or neither (your contract's figure).`);
      }
      const day = parseDay(asOf, null);
      if (day === null) return fail(line, `indicative_as_of "${asOf}" is not a date: expected YYYY-MM-DD, such as 2023-05-17.`);
      return { as_of: day, source };
    };

    switch (type) {
      case 'currency':
        currency = name.toUpperCase();
        break;
      case 'token':
        tokenLine = line;
        token.token_price = amount('current_price');
        token.token_price_indicative = label();
        break;
      case 'offering':
        offerings.push({ offering: name, current_price: amount('current_price'), list_price: get('list_price') === '' ? null : amount('list_price'), indicative: label() });
        break;
      case 'product':
        products.push({ product: name, tokens_per_day: amount('tokens_per_day'), indicative: label() });
        break;
      case 'collection':
        collections.push({ offering: name, products: members(get('members')) });
        break;
    }
  }
  const prices: PriceBookRead['prices'] = { ...(currency ? { currency } : {}), ...(tokenLine === null ? {} : token), offerings, products };
  return { prices, collections };
}

function readHeader(record: CsvRecord, fail: (line: number, message: string) => never): Map<Column, number> {
  const columns = new Map<Column, number>();
  record.fields.forEach((field, index) => {
    const name = field.trim().toLowerCase();
    if (name === '') return; // spreadsheets pad the header with empty cells
    const column = PRICE_BOOK_COLUMNS.find((c) => c === name);
    if (!column) fail(record.line, `unknown column "${field.trim()}": expected the header ${HEADER_TEXT}.`);
    else if (columns.has(column)) fail(record.line, `column ${column} appears twice: expected each column once.`);
    else columns.set(column, index);
  });
  for (const column of ['type', 'name'] as const) {
    if (!columns.has(column)) fail(record.line, `the header has no ${column} column: expected the header ${HEADER_TEXT}.`);
  }
  return columns;
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');

function rowsHolding(column: Column): string {
  const types = TYPES.filter((t) => FIELDS[t].required.includes(column) || FIELDS[t].optional.includes(column));
  const last = types.pop();
  return `${types.length ? `${types.join(', ')} and ` : ''}${last} rows`;
}

/** `Revit; AutoCAD;;` -> ['Revit', 'AutoCAD']: trimmed, blanks and repeats dropped. */
function members(text: string): string[] {
  return [...new Set(text.split(MEMBER_SEPARATOR).map((m) => m.trim()).filter((m) => m !== ''))];
}
