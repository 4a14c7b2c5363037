/** Turns a file's bytes into text chunks: gzip, BOMs, UTF-16 and Windows-1252 handled, binary refused. */
import { fileSlices } from '../lib/file-slices.ts';

export class UnreadableFileError extends Error {}

export interface DecodedText {
  encoding: string;
  compressed: boolean;
  chunks: AsyncIterable<string>;
}

const SNIFF_BYTES = 64 * 1024;
/** The most bytes decoded into one piece of text. */
const TEXT_PIECE_BYTES = 1024 * 1024;

/**
 * A file read as UTF-8 holds bytes that are not UTF-8 past the sample its encoding was judged on. `mixed` when text
 * before them is UTF-8 beyond ASCII (no other reading of the whole file is right); else the file is read again as
 * Windows-1252, which every byte is.
 */
export class NotUtf8Error extends UnreadableFileError {
  constructor(
    readonly fileName: string,
    /** The physical line of the first bad byte (null in a gzip file, whose text lines are not counted). */
    readonly line: number | null,
    readonly mixed: boolean,
  ) {
    super(
      mixed
        ? `${fileName} mixes two encodings: its text is UTF-8, but ${line === null ? 'a later line' : `line ${line}`} holds bytes that are not (Windows-1252 or similar): save the file again as UTF-8 and drop it again.`
        : `${fileName} is not UTF-8 past its first ${SNIFF_BYTES / 1024} KB (line ${line ?? '?'}): save it again as UTF-8.`,
    );
  }
}

/** What the data files are, in the sentence that refuses a file that is none of them. */
export const DATA_FILE_NOUN = 'a usage export or licence-server log';

/**
 * Reads `blob` as text. `onBytes` receives the count of file bytes consumed so far (for progress). A binary file is
 * refused in one sentence saying what it appears to be and, where there is one, what to do: "logo.csv is a PNG
 * picture, not a usage export or licence-server log." `noun` names what was expected in that sentence.
 */
export async function decodeText(
  blob: Blob,
  fileName: string,
  expected: string,
  onBytes: (done: number) => void = () => {},
  noun = DATA_FILE_NOUN,
  /** The encoding to read the text in, when an earlier reading showed the sniffed one wrong. */
  forced?: string,
): Promise<DecodedText> {
  const head = new Uint8Array(await blob.slice(0, SNIFF_BYTES).arrayBuffer());
  if (head.length === 0) throw new UnreadableFileError(`${fileName} is empty: expected ${expected}.`);
  if (isCompoundFile(head)) throw refused(fileName, await compoundFileKind(blob), noun);

  const compressed = head[0] === 0x1f && head[1] === 0x8b;
  const raw = countBytes(blob.stream(), onBytes);
  if (compressed) {
    const inflated = raw.pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
    const reader = inflated.getReader();
    const first = await readAtLeast(reader, SNIFF_BYTES, fileName);
    const encoding = forced ?? sniffEncoding(first, fileName, expected, noun);
    return { encoding, compressed, chunks: decodeChunks(prepend(first, reader), encoding, null, fileName) };
  }
  const encoding = forced ?? sniffEncoding(head, fileName, expected, noun);
  return { encoding, compressed, chunks: decodeChunks(iterate(raw.getReader()), encoding, blob, fileName) };
}

function sniffEncoding(head: Uint8Array, fileName: string, expected: string, noun: string): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const kind = binaryKind(head);
  if (kind) throw refused(fileName, kind, noun);
  if (head.length === 0) throw new UnreadableFileError(`${fileName} is empty: expected ${expected}.`);
  return isUtf8(head) ? 'utf-8' : 'windows-1252';
}

/**
 * A file's bytes, inflated when it is gzip, in slices, for the scans that need no text (read-csv-in-duckdb.ts).
 * `onBytes` gets the file's bytes read so far.
 */
export function fileBytes(blob: Blob, compressed: boolean, onBytes: (done: number) => void): AsyncIterable<Uint8Array> {
  if (!compressed) return fileSlices(blob, onBytes);
  const inflated = countBytes(blob.stream(), onBytes).pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
  return iterate(inflated.getReader());
}

export function isZip(head: Uint8Array): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

/** What a binary file appears to be, and what would make it readable (empty when nothing would). */
interface BinaryKind {
  what: string;
  advice: string;
}

function refused(fileName: string, kind: BinaryKind, noun: string): UnreadableFileError {
  return new UnreadableFileError(`${fileName} is ${kind.what}, not ${noun}${kind.advice ? `: ${kind.advice}` : ''}.`);
}

/** An OLE2 compound file: old binary Office documents, and password-protected new ones. */
export function isCompoundFile(head: Uint8Array): boolean {
  return head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0;
}

/** Largest compound file searched for the stream a password-protected workbook keeps its content in. */
const COMPOUND_SEARCH_BYTES = 64 * 1024 * 1024;
const ENCRYPTED_PACKAGE = new Uint8Array([...'EncryptedPackage'].flatMap((c) => [c.charCodeAt(0), 0]));

/**
 * A password-protected .xlsx is a compound file holding an "EncryptedPackage" stream (its directory names it, in
 * UTF-16); any other compound file is an old binary Office document, such as an .xls workbook.
 */
async function compoundFileKind(blob: Blob): Promise<BinaryKind> {
  const bytes = new Uint8Array(await blob.slice(0, COMPOUND_SEARCH_BYTES).arrayBuffer());
  if (indexOf(bytes, ENCRYPTED_PACKAGE) >= 0) {
    return { what: 'a password-protected workbook', advice: 'open it in Excel, remove the password (File, Info, Protect Workbook) and save it again' };
  }
  return { what: 'an old binary Excel (.xls) or other Office file', advice: 'open it in Excel and save it as .xlsx or CSV' };
}

function indexOf(bytes: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = bytes.indexOf(needle[0]!); i >= 0 && i <= bytes.length - needle.length; i = bytes.indexOf(needle[0]!, i + 1)) {
    for (let k = 1; k < needle.length; k++) if (bytes[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

function binaryKind(head: Uint8Array): BinaryKind | null {
  const starts = (...sig: number[]) => sig.every((b, i) => head[i] === b);
  const plain = (what: string, advice = ''): BinaryKind => ({ what, advice });
  if (starts(0x50, 0x4b, 0x03, 0x04)) return plain('a ZIP archive (an Excel workbook is one)');
  if (starts(0x25, 0x50, 0x44, 0x46)) return plain('a PDF document', 'export the report as CSV or XLSX instead');
  if (starts(0x89, 0x50, 0x4e, 0x47)) return plain('a PNG picture');
  if (starts(0xff, 0xd8, 0xff)) return plain('a JPEG picture');
  if (starts(0x47, 0x49, 0x46, 0x38)) return plain('a GIF picture');
  if (starts(0x50, 0x41, 0x52, 0x31)) return plain('a Parquet file', 'export it as CSV');
  if (starts(0x37, 0x7a, 0xbc, 0xaf)) return plain('a 7-Zip archive', 'unpack it first');
  if (starts(0x52, 0x61, 0x72, 0x21)) return plain('a RAR archive', 'unpack it first');
  let control = 0;
  for (const b of head) {
    if (b === 0) return plain('a binary file (it contains NUL bytes)');
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control > head.length / 100 ? plain('a binary file (mostly control characters)') : null;
}

/** True when `bytes` is valid UTF-8, allowing a sequence cut off at the end of the sample. */
function isUtf8(bytes: Uint8Array): boolean {
  return utf8Prefix(bytes) === bytes.length;
}

function countBytes(stream: ReadableStream<Uint8Array>, onBytes: (done: number) => void): ReadableStream<Uint8Array> {
  let done = 0;
  return stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        done += chunk.byteLength;
        onBytes(done);
        controller.enqueue(chunk);
      },
    }),
  );
}

async function readAtLeast(reader: ReadableStreamDefaultReader<Uint8Array>, n: number, fileName: string): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < n) {
      const { value, done } = await reader.read();
      if (done) break;
      parts.push(value);
      size += value.byteLength;
    }
  } catch {
    throw new UnreadableFileError(`${fileName} looks like gzip but could not be decompressed: expected a complete .gz file.`);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

async function* iterate(reader: ReadableStreamDefaultReader<Uint8Array>): AsyncIterable<Uint8Array> {
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    yield value;
  }
}

async function* prepend(first: Uint8Array, reader: ReadableStreamDefaultReader<Uint8Array>): AsyncIterable<Uint8Array> {
  yield first;
  yield* iterate(reader);
}

/**
 * UTF-8 is decoded strictly: a byte that is not UTF-8 stops the reading with a NotUtf8Error, never a silent U+FFFD.
 * `blob` (the file's own bytes, when they are the text's) finds that byte's line and what came before it, only then.
 */
async function* decodeChunks(bytes: AsyncIterable<Uint8Array>, encoding: string, blob: Blob | null, fileName: string): AsyncIterable<string> {
  // ignoreBOM false (the default) drops a leading BOM of the chosen encoding.
  const strict = encoding === 'utf-8';
  const decoder = new TextDecoder(encoding, { fatal: strict });
  let offset = 0;
  for await (const whole of bytes) {
    // Node streams an in-memory Blob as one chunk of its whole size: text is handed on in pieces of at most 1 MB.
    for (let from = 0; from < whole.byteLength; from += TEXT_PIECE_BYTES) {
      const chunk = whole.subarray(from, from + TEXT_PIECE_BYTES);
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch (error) {
        if (!strict) throw error;
        throw await notUtf8(fileName, blob, offset + utf8Prefix(chunk));
      }
      offset += chunk.byteLength;
      if (text) yield text;
    }
  }
  let tail: string;
  try {
    tail = decoder.decode();
  } catch (error) {
    if (!strict) throw error;
    throw await notUtf8(fileName, blob, offset);
  }
  if (tail) yield tail;
}

/** Where the first bad byte is, and whether UTF-8 beyond ASCII came before it (read from the file again, only now). */
async function notUtf8(fileName: string, blob: Blob | null, at: number): Promise<NotUtf8Error> {
  if (!blob) return new NotUtf8Error(fileName, null, true);
  const before = new Uint8Array(await blob.slice(0, at).arrayBuffer());
  let line = 1;
  let mixed = false;
  for (let i = 0; i < before.length; i++) {
    const b = before[i]!;
    if (b === 10) line++;
    else if (b === 13 && before[i + 1] !== 10) line++;
    // A byte-order mark counts too: the file declared itself UTF-8.
    else if (b >= 0x80) mixed = true;
  }
  return new NotUtf8Error(fileName, line, mixed);
}

/**
 * The length of the longest prefix of `bytes` that is UTF-8, a sequence cut off at the end counted as UTF-8 (it may
 * go on in the next chunk): the index of the first bad byte, 0 when a sequence begun in an earlier chunk is the fault.
 */
function utf8Prefix(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const extra = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (extra < 0) return i;
    for (let k = 1; k <= extra; k++) {
      if (i + k >= bytes.length) return bytes.length;
      if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    }
    i += extra + 1;
  }
  return bytes.length;
}
