/** Turns a file's bytes into text chunks: gzip, BOMs, UTF-16 and Windows-1252 handled, binary refused. */

export class UnreadableFileError extends Error {}

export interface DecodedText {
  encoding: string;
  compressed: boolean;
  chunks: AsyncIterable<string>;
}

const SNIFF_BYTES = 64 * 1024;

/** Reads `blob` as text. `onBytes` receives the count of file bytes consumed so far (for progress). */
export async function decodeText(blob: Blob, fileName: string, expected: string, onBytes: (done: number) => void = () => {}): Promise<DecodedText> {
  const head = new Uint8Array(await blob.slice(0, SNIFF_BYTES).arrayBuffer());
  if (head.length === 0) throw new UnreadableFileError(`${fileName} is empty: expected ${expected}.`);

  const compressed = head[0] === 0x1f && head[1] === 0x8b;
  const raw = countBytes(blob.stream(), onBytes);
  if (compressed) {
    const inflated = raw.pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
    const reader = inflated.getReader();
    const first = await readAtLeast(reader, SNIFF_BYTES, fileName);
    const encoding = sniffEncoding(first, fileName, expected);
    return { encoding, compressed, chunks: decodeChunks(prepend(first, reader), encoding) };
  }
  const encoding = sniffEncoding(head, fileName, expected);
  return { encoding, compressed, chunks: decodeChunks(iterate(raw.getReader()), encoding) };
}

function sniffEncoding(head: Uint8Array, fileName: string, expected: string): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const kind = binarySignature(head);
  if (kind) throw new UnreadableFileError(`${fileName} is a binary file (${kind}), not text: expected ${expected}.`);
  if (head.length === 0) throw new UnreadableFileError(`${fileName} is empty: expected ${expected}.`);
  return isUtf8(head) ? 'utf-8' : 'windows-1252';
}

export function isZip(head: Uint8Array): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

function binarySignature(head: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => head[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'a ZIP archive, such as an XLSX workbook';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'a PDF document';
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'an old Office document';
  if (starts(0x50, 0x41, 0x52, 0x31)) return 'a Parquet file';
  let control = 0;
  for (const b of head) {
    if (b === 0) return 'it contains NUL bytes';
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control > head.length / 100 ? 'it is mostly control characters' : null;
}

/** True when `bytes` is valid UTF-8, allowing a sequence cut off at the end of the sample. */
function isUtf8(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const extra = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (extra < 0) return false;
    for (let k = 1; k <= extra; k++) {
      if (i + k >= bytes.length) return true;
      if ((bytes[i + k]! & 0xc0) !== 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
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

async function* decodeChunks(bytes: AsyncIterable<Uint8Array>, encoding: string): AsyncIterable<string> {
  // ignoreBOM false (the default) drops a leading BOM of the chosen encoding.
  const decoder = new TextDecoder(encoding);
  for await (const chunk of bytes) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}
