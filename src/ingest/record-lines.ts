import { JS_WHITESPACE } from '../db/sql-text.ts';

const QUOTE = 34;
const APOSTROPHE = 39;
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
  /** Whether the previous character was a delimiter, a quote or a line break: a field's edge. */
  private atEdge = true;
  private previous = LF;
  private plain = true;

  constructor(private readonly delimiter: number) {}

  push(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // A space beside a field's edge, or an apostrophe just after one, may need trimming or restoring
      // (a text the session export neutralised): the file is not plain. Inside quotes too, to stay simple.
      const edge = c === this.delimiter || c === QUOTE || c === LF || c === CR;
      if (this.plain && ((edge && this.isFieldSpace(this.previous)) || (this.atEdge && (c === APOSTROPHE || this.isFieldSpace(c))))) this.plain = false;
      this.atEdge = edge;
      this.previous = c;
      if (this.afterCr) {
        this.afterCr = false;
        if (c === LF) continue; // CRLF is one line break, counted at its CR
      }
      if (c === LF || c === CR) {
        this.line++;
        this.afterCr = c === CR;
        if (!this.quoted) this.inRecord = false;
        continue;
      }
      if (!this.inRecord) {
        this.inRecord = true;
        if (this.count === this.starts.length) {
          const grown = new Int32Array(this.starts.length * 2);
          grown.set(this.starts);
          this.starts = grown;
        }
        this.starts[this.count++] = this.line;
      }
      if (c === QUOTE) this.quoted = !this.quoted;
    }
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
