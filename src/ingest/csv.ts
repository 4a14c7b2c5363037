/** A streaming RFC 4180 reader that remembers on which physical line each record starts. */

export interface CsvRecord {
  /** 1-based physical line on which the record starts (the header is usually line 1). */
  line: number;
  fields: string[];
}

export type Delimiter = ',' | ';' | '\t';

/** Picks the delimiter that splits the first line into the most fields (outside quotes). */
export function detectDelimiter(text: string): Delimiter {
  const end = text.search(/\r|\n/);
  const firstLine = end < 0 ? text : text.slice(0, end);
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  const best = (Object.keys(counts) as Delimiter[]).sort((a, b) => counts[b] - counts[a])[0]!;
  return counts[best] > 0 ? best : ',';
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Counts line breaks (LF, CRLF or a lone CR) in a field's raw text. */
function lineBreaks(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) n++;
  }
  return n;
}

export class CsvReader {
  /** Text from the start of a record that the last chunk did not complete. */
  private carry = '';
  /** Physical line on which `carry` starts. */
  private line = 1;
  private unterminated = false;
  private readonly delimiterCode: number;

  constructor(readonly delimiter: Delimiter) {
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  /** Feeds text; returns the records completed by it. */
  push(text: string): CsvRecord[] {
    return this.parse(this.carry + text, false);
  }

  /** Flushes the last record when the text does not end with a newline. */
  end(): CsvRecord[] {
    return this.parse(this.carry, true);
  }

  /** Whether the input ended inside a quoted field (an unbalanced quote). */
  get unterminatedQuote(): boolean {
    return this.unterminated;
  }

  private parse(buf: string, final: boolean): CsvRecord[] {
    const out: CsvRecord[] = [];
    let i = 0;
    while (i < buf.length) {
      const next = this.record(buf, i, final);
      if (next === null) break;
      const { end, fields, breaks } = next;
      const blank = fields.length === 1 && fields[0] === '' && buf.charCodeAt(i) !== QUOTE;
      if (!blank) out.push({ line: this.line, fields });
      this.line += breaks;
      i = end;
    }
    this.carry = buf.slice(i);
    return out;
  }

  /** Reads one record at `start`; null when the text ends before the record does (and more may come). */
  private record(buf: string, start: number, final: boolean): { end: number; fields: string[]; breaks: number } | null {
    const n = buf.length;
    const d = this.delimiterCode;
    const fields: string[] = [];
    let breaks = 0;
    let i = start;
    for (;;) {
      let value: string;
      if (i < n && buf.charCodeAt(i) === QUOTE) {
        value = '';
        let segment = i + 1;
        let j = segment;
        for (;;) {
          j = buf.indexOf('"', j);
          if (j < 0) {
            if (!final) return null;
            this.unterminated = true;
            value += buf.slice(segment);
            j = n;
            break;
          }
          if (j + 1 >= n && !final) return null; // cannot tell a closing quote from an escaped one yet
          if (buf.charCodeAt(j + 1) === QUOTE) {
            value += buf.slice(segment, j + 1);
            j += 2;
            segment = j;
            continue;
          }
          value += buf.slice(segment, j);
          j++;
          break;
        }
        breaks += lineBreaks(value);
        i = j;
        // Text between a closing quote and the next delimiter is kept, as spreadsheets do.
        const k = this.fieldEnd(buf, i);
        if (k >= n && !final) return null;
        value += buf.slice(i, k);
        i = k;
      } else {
        const k = this.fieldEnd(buf, i);
        if (k >= n && !final) return null;
        value = buf.slice(i, k);
        i = k;
      }
      fields.push(value);
      if (i >= n) return { end: n, fields, breaks };
      const c = buf.charCodeAt(i);
      if (c === d) {
        i++;
        continue;
      }
      if (c === CR) {
        if (i + 1 >= n && !final) return null;
        i += buf.charCodeAt(i + 1) === LF ? 2 : 1;
      } else {
        i++;
      }
      return { end: i, fields, breaks: breaks + 1 };
    }
  }

  /** Index of the first delimiter or line break at or after `from` (the text's length when none). */
  private fieldEnd(buf: string, from: number): number {
    const d = this.delimiterCode;
    let k = from;
    while (k < buf.length) {
      const c = buf.charCodeAt(k);
      if (c === d || c === LF || c === CR) return k;
      k++;
    }
    return k;
  }
}
