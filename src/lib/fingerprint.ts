import { fileSlices } from './file-slices.ts';

/**
 * An incremental 64-bit fingerprint of a file's raw bytes, used to recognise a file dropped twice before any of it
 * is parsed. Not cryptographic: it only has to tell a client's exports apart. Two multiply-xor lanes over 32-bit
 * words (four bytes a step, a quarter of the work of a byte-wise hash); bytes that do not fill a word wait for the
 * next chunk, so the digest does not depend on where the chunks break.
 */
export class Fingerprint {
  private a = 0x811c9dc5;
  private b = 0x050c5d1f;
  private length = 0;
  /** Bytes of the last chunk that did not fill a word, little-endian, and how many. */
  private pending = 0;
  private pendingBytes = 0;

  update(bytes: Uint8Array): void {
    this.length += bytes.length;
    let i = 0;
    // First complete the word the previous chunk began.
    while (this.pendingBytes > 0 && this.pendingBytes < 4 && i < bytes.length) {
      this.pending |= bytes[i++]! << (8 * this.pendingBytes++);
    }
    if (this.pendingBytes === 4) {
      this.mix(this.pending);
      this.pending = this.pendingBytes = 0;
    }
    const words = Math.floor((bytes.length - i) / 4);
    let a = this.a, b = this.b;
    if (words > 0) {
      const aligned = (bytes.byteOffset + i) % 4 === 0;
      const view = aligned ? new Uint32Array(bytes.buffer, bytes.byteOffset + i, words) : null;
      const data = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let w = 0; w < words; w++) {
        // Typed arrays use the platform's byte order: every platform JavaScript runs on here is little-endian.
        const word = view ? view[w]! : data.getUint32(i + 4 * w, true);
        a = Math.imul(a ^ word, 0x01000193);
        b = Math.imul(b ^ word, 0x5bd1e995) ^ (b >>> 15);
      }
      i += 4 * words;
    }
    this.a = a;
    this.b = b;
    while (i < bytes.length) this.pending |= bytes[i++]! << (8 * this.pendingBytes++);
  }

  private mix(word: number): void {
    this.a = Math.imul(this.a ^ word, 0x01000193);
    this.b = Math.imul(this.b ^ word, 0x5bd1e995) ^ (this.b >>> 15);
  }

  digest(): string {
    let a = this.a, b = this.b;
    if (this.pendingBytes > 0) {
      a = Math.imul(a ^ this.pending ^ (this.pendingBytes << 29), 0x01000193);
      b = Math.imul(b ^ this.pending, 0x5bd1e995) ^ (b >>> 15);
    }
    const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
    return `${hex(a)}${hex(b)}-${this.length}`;
  }
}

/** The fingerprint of a whole file, read in slices. */
export async function fingerprintOf(blob: Blob, onBytes?: (done: number) => void): Promise<string> {
  const fingerprint = new Fingerprint();
  for await (const slice of fileSlices(blob, onBytes)) fingerprint.update(slice);
  return fingerprint.digest();
}
