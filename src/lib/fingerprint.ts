import { FILE_SLICE_BYTES, fileSlices } from './file-slices.ts';

/** The hash of one block of bytes, and of the blocks' hashes put end to end. */
type BlockHash = (bytes: Uint8Array) => Promise<Uint8Array>;

/** SHA-256 by the host's WebCrypto: native code, off the caller's thread, so hashing runs while the caller scans. */
const sha256 = (subtle: SubtleCrypto): BlockHash => async (bytes) => new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));

/**
 * A fingerprint of a file's raw bytes, used to recognise a file dropped twice before any of it is parsed: the hash
 * of the hashes of its blocks of `blockBytes` (the slices the readers read, so that no byte is copied), by SHA-256.
 * A page served without HTTPS from another host than this one has no WebCrypto: it uses a 64-bit hash in JavaScript
 * (not cryptographic: it only has to tell a client's exports apart; a fingerprint is only compared within one engine).
 * Bytes that do not fill a block wait for the next ones, so the digest does not depend on how the bytes are cut.
 */
export class Fingerprint {
  private readonly hashes: Promise<Uint8Array>[] = [];
  private readonly hash: BlockHash;
  private block: Uint8Array | null = null;
  private filled = 0;
  private length = 0;

  constructor(
    private readonly blockBytes = FILE_SLICE_BYTES,
    subtle: SubtleCrypto | undefined = globalThis.crypto?.subtle,
  ) {
    this.hash = subtle ? sha256(subtle) : lanesHash;
  }

  update(bytes: Uint8Array): void {
    this.length += bytes.length;
    let at = 0;
    while (at < bytes.length) {
      if (this.filled === 0 && bytes.length - at >= this.blockBytes) {
        this.hashes.push(this.hash(bytes.subarray(at, at + this.blockBytes)));
        at += this.blockBytes;
        continue;
      }
      this.block ??= new Uint8Array(this.blockBytes);
      const taken = Math.min(this.blockBytes - this.filled, bytes.length - at);
      this.block.set(bytes.subarray(at, at + taken), this.filled);
      this.filled += taken;
      at += taken;
      if (this.filled === this.blockBytes) {
        this.hashes.push(this.hash(this.block));
        this.block = null;
        this.filled = 0;
      }
    }
  }

  async digest(): Promise<string> {
    if (this.filled > 0) this.hashes.push(this.hash(this.block!.subarray(0, this.filled)));
    this.block = null;
    this.filled = 0;
    const hashes = await Promise.all(this.hashes);
    const joined = new Uint8Array(hashes.reduce((n, h) => n + h.length, 0));
    hashes.reduce((at, h) => (joined.set(h, at), at + h.length), 0);
    const whole = await this.hash(joined);
    return `${Array.from(whole.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('')}-${this.length}`;
  }
}

/**
 * Two multiply-xor lanes over the block's 32-bit words (little-endian), the last bytes padded with their count: 8
 * bytes. Copies a block that does not start on a word boundary.
 */
async function lanesHash(bytes: Uint8Array): Promise<Uint8Array> {
  const words = Math.floor(bytes.length / 4);
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const view = new Uint32Array(aligned.buffer, aligned.byteOffset, words);
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let w = 0; w < words; w++) {
    const word = view[w]!;
    a = Math.imul(a ^ word, 0x01000193);
    b = Math.imul(b ^ word, 0x5bd1e995) ^ (b >>> 15);
  }
  const rest = bytes.length - 4 * words;
  for (let i = 4 * words; i < bytes.length; i++) a = Math.imul(a ^ bytes[i]!, 0x01000193);
  a = Math.imul(a ^ (rest << 29), 0x01000193);
  b = Math.imul(b ^ rest, 0x5bd1e995) ^ (b >>> 15);
  const out = new Uint8Array(8);
  new DataView(out.buffer).setUint32(0, a >>> 0);
  new DataView(out.buffer).setUint32(4, b >>> 0);
  return out;
}

/** The fingerprint of a whole file, read in slices. */
export async function fingerprintOf(blob: Blob, onBytes?: (done: number) => void): Promise<string> {
  const fingerprint = new Fingerprint();
  for await (const slice of fileSlices(blob, onBytes)) fingerprint.update(slice);
  return fingerprint.digest();
}
