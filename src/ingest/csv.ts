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

export class CsvReader {
  private field = '';
  private fields: string[] = [];
  private quoted = false;
  /** The last character was a quote inside a quoted field: either an escaped quote or the closing one. */
  private quotePending = false;
  private afterCR = false;
  private line = 1;
  private recordLine = 1;
  private fieldStarted = false;

  constructor(readonly delimiter: Delimiter) {}

  /** Feeds text; returns the records completed by it. */
  push(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    const d = this.delimiter;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (this.afterCR) {
        this.afterCR = false;
        if (ch === '\n') continue;
      }
      if (this.quoted) {
        if (this.quotePending) {
          this.quotePending = false;
          if (ch === '"') {
            this.field += '"';
            continue;
          }
          this.quoted = false; // the pending quote closed the field; fall through to unquoted handling
        } else if (ch === '"') {
          this.quotePending = true;
          continue;
        } else {
          if (ch === '\n' || ch === '\r') {
            this.line++;
            if (ch === '\r') this.afterCR = true;
          }
          this.field += ch;
          continue;
        }
      }
      if (ch === d) {
        this.fields.push(this.field);
        this.field = '';
        this.fieldStarted = true;
      } else if (ch === '\n' || ch === '\r') {
        if (ch === '\r') this.afterCR = true;
        this.endRecord(out);
        this.line++;
        this.recordLine = this.line;
      } else if (ch === '"' && this.field === '') {
        this.quoted = true;
        this.fieldStarted = true;
      } else {
        this.field += ch;
        this.fieldStarted = true;
      }
    }
    return out;
  }

  /** Flushes the last record when the text does not end with a newline. */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (this.quotePending) {
      this.quotePending = false;
      this.quoted = false;
    }
    this.endRecord(out);
    return out;
  }

  /** Whether the input ended inside a quoted field (an unbalanced quote). */
  get unterminatedQuote(): boolean {
    return this.quoted;
  }

  private endRecord(out: CsvRecord[]): void {
    if (this.fieldStarted || this.field !== '' || this.fields.length > 0) {
      this.fields.push(this.field);
      out.push({ line: this.recordLine, fields: this.fields });
    }
    this.fields = [];
    this.field = '';
    this.fieldStarted = false;
  }
}
