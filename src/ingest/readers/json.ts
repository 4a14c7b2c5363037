import type { CsvRecord } from '../csv.ts';
import { UnreadableFileError } from '../decode.ts';
import { listOf, plainNumber } from './format.ts';
import type { TableSource } from './table-source.ts';

type JsonObject = Record<string, unknown>;
type Recognise = (header: string[]) => boolean;

/** How deep below the top-level object an array of records is looked for (`{ "a": { "b": { "c": [...] } } }` = 3). */
const MAX_DEPTH = 3;

/** An array of objects found in the document, `path` being its dotted property path ('' at the top level). */
interface RecordArray {
  path: string;
  items: JsonObject[];
}

/**
 * Reads records from a JSON export: a top-level array of objects, an object holding such an array
 * (up to three levels down), or JSON Lines. Nested objects become dotted columns (`user.email`).
 */
export function readJsonTable(text: string, fileName: string, recognise: Recognise, expected: string): TableSource {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new UnreadableFileError(`${fileName} is empty: expected ${expected}.`);
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch (error) {
    const lines = readJsonLines(body, fileName, expected);
    if (lines) return linesTable(lines, fileName, recognise, expected);
    throw new UnreadableFileError(`${fileName} is not valid JSON (${describeJsonError(body, error)}): expected ${expected}.`);
  }
  return documentTable(document, fileName, recognise, expected);
}

function documentTable(document: unknown, fileName: string, recognise: Recognise, expected: string): TableSource {
  if (!isObject(document) && !Array.isArray(document)) {
    throw new UnreadableFileError(`${fileName} holds a single JSON value, not a list of records: expected ${expected}.`);
  }
  const arrays = recordArrays(document);
  for (const { path, items } of arrays) {
    const header = headerOf(items);
    if (header.length > 0 && recognise(header)) {
      return { header, where: path === '' ? 'JSON top-level array' : `JSON array "${path}"`, records: arrayRecords(items, header) };
    }
  }
  // One JSON Lines record parses as a whole document: accept an object that is itself a record.
  if (isObject(document)) {
    const header = headerOf([document]);
    if (recognise(header)) return { header, where: 'JSON object', records: arrayRecords([document], header) };
  }
  if (arrays.length === 0) {
    throw new UnreadableFileError(`${fileName} contains no array of records (JSON objects) within ${MAX_DEPTH} levels: expected ${expected}.`);
  }
  throw new UnreadableFileError(`${fileName} has no array of records with recognisable fields (looked at ${describeArrays(arrays)}): expected ${expected}.`);
}

/** Arrays of objects, shallowest first, down to MAX_DEPTH properties below the top level. */
function recordArrays(document: unknown): RecordArray[] {
  const found: RecordArray[] = [];
  let level: { path: string; value: unknown }[] = [{ path: '', value: document }];
  for (let depth = 0; depth <= MAX_DEPTH && level.length > 0; depth++) {
    const next: typeof level = [];
    for (const { path, value } of level) {
      if (Array.isArray(value)) {
        if (value.every(isObject)) found.push({ path, items: value });
      } else if (isObject(value) && depth < MAX_DEPTH) {
        for (const [key, child] of Object.entries(value)) next.push({ path: path === '' ? key : `${path}.${key}`, value: child });
      }
    }
    level = next;
  }
  return found;
}

function describeArrays(arrays: RecordArray[]): string {
  const names = arrays.map(({ path, items }) => `${path === '' ? 'the top-level array' : `"${path}"`}${items.length === 0 ? ' (empty)' : ''}`);
  return listOf(names);
}

/** Physical line and object of each JSON Lines record; null when the text does not look like JSON Lines. */
function readJsonLines(body: string, fileName: string, expected: string): { line: number; item: JsonObject }[] | null {
  const lines = body.split(/\r\n|\n|\r/);
  const out: { line: number; item: JsonObject }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    if (text.trim() === '') continue;
    let item: unknown;
    try {
      item = JSON.parse(text);
    } catch (error) {
      if (out.length === 0) return null;
      throw new UnreadableFileError(`${fileName} is not valid JSON Lines (${describeJsonError(text, error, i)}): expected ${expected}.`);
    }
    if (!isObject(item)) {
      if (out.length === 0) return null;
      throw new UnreadableFileError(`${fileName} is not valid JSON Lines (line ${i + 1} is not a JSON object): expected ${expected}.`);
    }
    out.push({ line: i + 1, item });
  }
  // A lone line that parses is a plain JSON document, which JSON.parse would not have refused.
  return out.length > 1 ? out : null;
}

function linesTable(lines: { line: number; item: JsonObject }[], fileName: string, recognise: Recognise, expected: string): TableSource {
  const header = headerOf(lines.map(({ item }) => item));
  if (!recognise(header)) {
    throw new UnreadableFileError(`${fileName} is JSON Lines whose records have no recognisable fields: expected ${expected}.`);
  }
  return {
    header,
    where: 'JSON Lines',
    records: { [Symbol.iterator]: () => toRecords(lines, header) },
  };
}

function arrayRecords(items: JsonObject[], header: string[]): Iterable<CsvRecord> {
  return { [Symbol.iterator]: () => toRecords(items.map((item, i) => ({ line: i + 1, item })), header) };
}

function* toRecords(items: Iterable<{ line: number; item: JsonObject }>, header: string[]): Generator<CsvRecord> {
  const column = new Map(header.map((name, i) => [name, i]));
  for (const { line, item } of items) {
    const fields = header.map(() => '');
    for (const [name, value] of flatten(item)) fields[column.get(name)!] = value;
    yield { line, fields };
  }
}

/** Union of the flattened keys, in order of first appearance. */
function headerOf(items: JsonObject[]): string[] {
  const names = new Set<string>();
  for (const item of items) for (const [name] of flatten(item)) names.add(name);
  return [...names];
}

/** Column name and text of each value; nested objects give dotted names (`user.email`). */
function* flatten(object: JsonObject, prefix = ''): Generator<[string, string]> {
  for (const [key, value] of Object.entries(object)) {
    if (isObject(value)) yield* flatten(value, `${prefix}${key}.`);
    else yield [prefix + key, valueText(value)];
  }
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return plainNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) {
    return value
      .filter((item) => item !== null)
      .map((item) => (isObject(item) || Array.isArray(item) ? JSON.stringify(item) : valueText(item)))
      .join('; ');
  }
  return JSON.stringify(value);
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Where JSON.parse failed, as line and column when the engine tells the position, else its own message.
 * `lineOffset` is the number of lines before `text` in the file (for one line of JSON Lines).
 */
function describeJsonError(text: string, error: unknown, lineOffset = 0): string {
  const message = error instanceof Error ? error.message : String(error);
  const place = errorPlace(text, message);
  if (place) return `error at line ${place.line + lineOffset}, column ${place.column}`;
  if (/unexpected end|end of (json )?(input|data)/i.test(message)) return 'it ends in the middle of a value, as if cut off';
  return message.replace(/\.$/, '');
}

function errorPlace(text: string, message: string): { line: number; column: number } | null {
  const lineColumn = /line (\d+) column (\d+)/i.exec(message); // Firefox, newer V8
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /at position (\d+)/i.exec(message); // V8
  if (!position) return null;
  const lines = text.slice(0, Number(position[1])).split(/\r\n|\n|\r/);
  return { line: lines.length, column: lines.at(-1)!.length + 1 };
}
