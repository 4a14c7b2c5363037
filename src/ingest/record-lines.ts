import { JS_WHITESPACE } from '../db/sql-text.ts';

const LF = 10;
const CR = 13;
const QUOTE = 34;
const APOSTROPHE = 39;

/** Whitespace as JavaScript's trim() and the SQL checks' trim know it. */
const SPACES: ReadonlySet<number> = new Set(JS_WHITESPACE);
/** What the code point readers give for a character the bytes at hand cut (or bytes that are not UTF-8). */
const CUT = -1;

/**
 * Per byte, for the plain-fields check: it may end a space (bit 0), it is a field edge (bit 1), it may start a space
 * or an apostrophe (bit 2); for the line scan: it is a line break or a quote (bit 3).
 */
const MAY_END_SPACE = 1;
const EDGE = 2;
const MAY_START = 4;
const LINE = 8;
/** A byte whose flags, shifted once, share one of these with the next byte's makes that byte a candidate. */
const CANDIDATE = EDGE | MAY_START;

/**
 * The physical line on which each CSV record starts, found the way DuckDB's CSV reader splits records: a line
 * break inside double quotes belongs to the field, an empty line is no record. DuckDB numbers the records it
 * returns, not lines; these numbers give every record its line again. Reads the file's raw UTF-8 bytes, slice by
 * slice, and tells whether the fields are plain (see plainFields); the text is never decoded here.
 */
export class RecordLines {
  private starts = new Int32Array(4096);
  private count = 0;
  private line = 1;
  private quoted = false;
  private inRecord = false;
  private afterCr = false;
  private plain = true;
  /** The flags of the last byte read (the file's start is an edge), for the first byte of the next slice and the end. */
  private previous = EDGE;
  /** The last four bytes read, and the bytes so far of a character after an edge that a slice's end cut. */
  private tail = new Uint8Array(0);
  private pendingStart: Uint8Array | null = null;
  private first = true;
  private readonly flags = new Uint8Array(256);

  constructor(delimiter: number) {
    for (const c of SPACES) if (c < 128) this.flags[c] = MAY_END_SPACE | MAY_START;
    for (let b = 0x80; b < 0x100; b++) this.flags[b] = MAY_END_SPACE | (b >= 0xc0 ? MAY_START : 0);
    this.flags[APOSTROPHE] = MAY_START;
    this.flags[delimiter] = EDGE;
    for (const line of [LF, CR, QUOTE]) this.flags[line] = EDGE | LINE;
  }

  /** Reads the next slice of the file's bytes. */
  push(bytes: Uint8Array): void {
    let from = 0;
    // A UTF-8 byte-order mark is not text: DuckDB skips it too.
    if (this.first && bytes.length > 0) {
      this.first = false;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) from = 3;
    }
    if (from >= bytes.length) return;
    if (this.plain) this.scanPlain(bytes, from);
    else this.scanLines(bytes, from);
  }

  /**
   * The line scan and the plain-fields check in one pass of a table lookup and a bit test per byte. A byte that may
   * end a space followed by an edge, or an edge followed by a byte that may start a space or an apostrophe, is a
   * candidate; only candidates are looked at closely (a byte beyond ASCII is one only when its whole character is one
   * of JavaScript's spaces). Line breaks and quotes go to the line rules (lineByte). Once a field is not plain, the
   * rest is scanned for lines only (scanLines). Characters cut by a slice's edge are read whole: the bytes before a
   * slice are kept in `tail`, a character begun after an edge in `pendingStart`.
   */
  private scanPlain(bytes: Uint8Array, from: number): void {
    if (this.pendingStart) {
      const joined = concat(this.pendingStart, bytes.subarray(from, from + 3));
      const cp = codePointFrom(joined, 0);
      if (cp !== CUT && SPACES.has(cp)) {
        this.plain = false;
        this.scanLines(bytes, from);
        return;
      }
      this.pendingStart = cp === CUT ? joined : null;
    }
    const flags = this.flags;
    const n = bytes.length;
    // The first byte not yet given to the line rules.
    let ordinary = from;
    for (let i = nextEvent(bytes, from, this.previous, flags); i < n; i = nextEvent(bytes, i + 1, flags[bytes[i]!]!, flags)) {
      const before = i > from ? flags[bytes[i - 1]!]! : this.previous;
      const f = flags[bytes[i]!]!;
      if (((before << 1) & f & CANDIDATE) !== 0 && this.isSpaceOrApostrophe(bytes, i, before)) {
        this.plain = false;
        this.scanLines(bytes, ordinary);
        return;
      }
      if ((f & LINE) !== 0) {
        this.lineByte(bytes, ordinary, i);
        ordinary = i + 1;
      }
    }
    this.ordinaryBytes(ordinary, n);
    this.previous = flags[bytes[n - 1]!]!;
    this.tail = concat(this.tail, bytes.subarray(Math.max(from, n - 4))).slice(-4);
  }

  /** At candidate `i`: the character before the edge at i is a space, or the character at i after an edge is one or an apostrophe. */
  private isSpaceOrApostrophe(bytes: Uint8Array, i: number, previous: number): boolean {
    if ((previous & EDGE) !== 0) {
      if (bytes[i]! < 0x80) return true;
      const cp = codePointFrom(bytes, i);
      if (cp === CUT) this.pendingStart = bytes.slice(i);
      return SPACES.has(cp);
    }
    const before = i >= 4 ? bytes.subarray(i - 4, i) : concat(this.tail, bytes.subarray(0, i));
    return before[before.length - 1]! < 0x80 || SPACES.has(codePointBefore(before, before.length));
  }

  /** Jumps from one line break or quote to the next: only they change where records start. */
  private scanLines(text: Uint8Array, start: number): void {
    let lf = text.indexOf(LF, start);
    let cr = text.indexOf(CR, start);
    let quote = text.indexOf(QUOTE, start);
    let from = start;
    for (;;) {
      let at = text.length;
      if (lf >= 0 && lf < at) at = lf;
      if (cr >= 0 && cr < at) at = cr;
      if (quote >= 0 && quote < at) at = quote;
      if (at === text.length) break;
      this.lineByte(text, from, at);
      from = at + 1;
      const c = text[at]!;
      if (c === LF) lf = text.indexOf(LF, from);
      else if (c === CR) cr = text.indexOf(CR, from);
      else quote = text.indexOf(QUOTE, from);
    }
    this.ordinaryBytes(from, text.length);
  }

  /** Bytes `from` to `to` hold no line break and no quote: a CR before them stood alone, and the first of them may start a record. */
  private ordinaryBytes(from: number, to: number): void {
    if (to <= from) return;
    this.afterCr = false;
    if (!this.inRecord) this.startRecord();
  }

  /** The line break or quote at `at`, after the ordinary bytes from `from`. */
  private lineByte(bytes: Uint8Array, from: number, at: number): void {
    this.ordinaryBytes(from, at);
    const c = bytes[at]!;
    if (this.afterCr) {
      this.afterCr = false;
      if (c === LF) return; // CRLF is one line break, counted at its CR
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
    if (!this.plain || this.pendingStart) return false;
    const last = this.tail;
    if (last.length === 0 || (this.previous & MAY_END_SPACE) === 0) return true;
    return !(last[last.length - 1]! < 0x80 || SPACES.has(codePointBefore(last, last.length)));
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

/**
 * The first byte from `from` that is a line break, a quote or a candidate (RecordLines.scanPlain), given the flags of
 * the byte before it (`previous` for the first); the slice's length when there is none. A function of its own, with
 * nothing but the loop: V8 ran the same loop more than twice as slowly inside a method that may call another.
 */
function nextEvent(bytes: Uint8Array, from: number, previous: number, flags: Uint8Array): number {
  const n = bytes.length;
  for (let i = from; i < n; i++) {
    const f = flags[bytes[i]!]!;
    if ((f & LINE) !== 0 || ((previous << 1) & f & CANDIDATE) !== 0) return i;
    previous = f;
  }
  return n;
}

/** The code point of the UTF-8 character starting at `i`; CUT when the bytes end before it does. */
function codePointFrom(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  const extra = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : 1;
  if (i + extra >= bytes.length) return CUT;
  let cp = b & (0x3f >> extra);
  for (let k = 1; k <= extra; k++) cp = (cp << 6) | (bytes[i + k]! & 0x3f);
  return cp;
}

/** The code point of the UTF-8 character ending just before `end`; CUT when its first byte is not among the bytes. */
function codePointBefore(bytes: Uint8Array, end: number): number {
  let i = end - 1;
  while (i > 0 && end - i < 4 && (bytes[i]! & 0xc0) === 0x80) i--;
  if ((bytes[i]! & 0xc0) === 0x80) return CUT;
  return codePointFrom(bytes, i);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
