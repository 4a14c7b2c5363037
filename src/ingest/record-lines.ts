import { JS_WHITESPACE } from '../db/sql-text.ts';

const LF = 10;
const CR = 13;

/** Whitespace as JavaScript's trim() and the SQL checks' trim know it. */
const SPACES: ReadonlySet<number> = new Set(JS_WHITESPACE);

/**
 * The physical line on which each CSV record starts, found the way DuckDB's CSV reader splits records: a line
 * break inside double quotes belongs to the field, an empty line is no record. DuckDB numbers the records it
 * returns, not lines; these numbers give every record its line again. Reads decoded text, chunk by chunk.
 */
export class RecordLines {
  private starts = new Int32Array(4096);
  private count = 0;
  private line = 1;
  private quoted = false;
  private inRecord = false;
  private afterCr = false;
  /** The last character seen (a line break before the first): the edge a chunk's first character follows. */
  private previous = LF;
  private plain = true;
  /** A field space before a field's edge, or an apostrophe or field space after one (edges: delimiter, quote, line break). */
  private readonly notPlain: RegExp;

  constructor(private readonly delimiter: number) {
    const spaces = [...SPACES].filter((c) => c !== LF && c !== CR && c !== delimiter);
    const space = `[${spaces.map((c) => `\\u${c.toString(16).padStart(4, '0')}`).join('')}]`;
    const edge = `[\\u${delimiter.toString(16).padStart(4, '0')}"\\r\\n]`;
    this.notPlain = new RegExp(`${space}${edge}|${edge}(?:'|${space})`);
  }

  /**
   * Reads the next chunk. Only line breaks and quotes change the state: the scan jumps from one to the next, and one
   * regular expression over the chunk (with the character before it) tells whether the fields are plain.
   */
  push(text: string): void {
    if (text.length === 0) return;
    if (this.plain && this.notPlain.test(String.fromCharCode(this.previous) + text)) this.plain = false;
    this.previous = text.charCodeAt(text.length - 1);
    // The next line feed, carriage return and quote at or after `from` (-1: none left), found without allocating.
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    let quote = text.indexOf('"');
    let from = 0;
    for (;;) {
      let at = text.length;
      if (lf >= 0 && lf < at) at = lf;
      if (cr >= 0 && cr < at) at = cr;
      if (quote >= 0 && quote < at) at = quote;
      if (at > from) {
        // Ordinary characters: a CR before them stood alone, and the first of them may start a record.
        this.afterCr = false;
        if (!this.inRecord) this.startRecord();
      }
      if (at === text.length) return;
      from = at + 1;
      const c = text.charCodeAt(at);
      if (c === LF) lf = text.indexOf('\n', from);
      else if (c === CR) cr = text.indexOf('\r', from);
      else quote = text.indexOf('"', from);
      if (this.afterCr) {
        this.afterCr = false;
        if (c === LF) continue; // CRLF is one line break, counted at its CR
      }
      if (c === LF || c === CR) {
        this.line++;
        this.afterCr = c === CR;
        if (!this.quoted) this.inRecord = false;
      } else {
        if (!this.inRecord) this.startRecord();
        this.quoted = !this.quoted;
      }
    }
  }

  private startRecord(): void {
    this.inRecord = true;
    if (this.count === this.starts.length) {
      const grown = new Int32Array(this.starts.length * 2);
      grown.set(this.starts);
      this.starts = grown;
    }
    this.starts[this.count++] = this.line;
  }

  /** True when no field starts or ends with whitespace and none starts with an apostrophe (the last field included). */
  get plainFields(): boolean {
    return this.plain && !this.isFieldSpace(this.previous);
  }

  /** Whitespace within a field: not a line break, not the delimiter (a tab). */
  private isFieldSpace(c: number): boolean {
    return c !== LF && c !== CR && c !== this.delimiter && SPACES.has(c);
  }

  /** Records found, the header included. */
  get records(): number {
    return this.count;
  }

  /** The line of record `index` (0: the header). */
  lineOf(index: number): number {
    return this.starts[index]!;
  }

  /** True when record n starts on line n + 1 for every record: no empty line and no line break inside a field. */
  get oneLineEach(): boolean {
    for (let i = 0; i < this.count; i++) if (this.starts[i] !== i + 1) return false;
    return true;
  }

  /** Data records' lines, the header left out: record n (from 1) at index n - 1. */
  dataLines(): Int32Array {
    return this.starts.subarray(1, this.count);
  }
}
