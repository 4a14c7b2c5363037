import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Fingerprint, fingerprintOf } from '../../src/lib/fingerprint.ts';
import { FILE_SLICE_BYTES } from '../../src/lib/file-slices.ts';

const BLOCK = 16;
const bytes = new TextEncoder().encode('user_id,product,session_start\nU1,Revit,2026-03-02T08:00:00Z\nU2,AutoCAD,2026-03-03T09:00:00Z\n');

/** The digest of `data` cut into pieces of `cut` bytes, in blocks of BLOCK bytes, by WebCrypto or (no WebCrypto) JavaScript. */
const digestOf = (data: Uint8Array, cut: number, subtle: SubtleCrypto | undefined = globalThis.crypto.subtle) => {
  const f = new Fingerprint(BLOCK, subtle);
  for (let at = 0; at < data.length; at += cut) f.update(data.subarray(at, at + cut));
  return f.digest();
};

/** SHA-256 of the SHA-256 of each block, by node:crypto, written as the fingerprint writes it. */
function expected(data: Uint8Array, block: number): string {
  const hashes: Buffer[] = [];
  for (let at = 0; at < data.length; at += block) hashes.push(createHash('sha256').update(data.subarray(at, at + block)).digest());
  return `${createHash('sha256').update(Buffer.concat(hashes)).digest('hex').slice(0, 32)}-${data.length}`;
}

describe("a file's fingerprint", () => {
  it('is SHA-256 over the SHA-256 of each block, however the bytes are cut, and from a Blob read in slices', async () => {
    const whole = await digestOf(bytes, bytes.length);
    expect(whole).toBe(expected(bytes, BLOCK));
    for (const cut of [1, 2, 3, 5, 7, 16, 17, 64]) expect(await digestOf(bytes, cut), `pieces of ${cut}`).toBe(whole);
    // A file of several slices, read as the readers read it.
    const big = Uint8Array.from({ length: 2 * FILE_SLICE_BYTES + 1234 }, (_, i) => (i * 31) & 0xff);
    expect(await fingerprintOf(new Blob([big]))).toBe(expected(big, FILE_SLICE_BYTES));
  });

  for (const [name, subtle] of [['WebCrypto', globalThis.crypto.subtle], ['JavaScript, without WebCrypto', undefined]] as const) {
    it(`changes with any byte and with the length (${name})`, async () => {
      const seen = new Set([await digestOf(bytes, bytes.length, subtle)]);
      for (const at of [0, 1, 2, 3, 15, 16, 40, bytes.length - 1]) {
        const changed = bytes.slice();
        changed[at] = changed[at]! ^ 0x20;
        seen.add(await digestOf(changed, 3, subtle));
      }
      seen.add(await digestOf(bytes.subarray(0, bytes.length - 1), 4, subtle));
      seen.add(await digestOf(new Uint8Array([...bytes, 0]), 4, subtle));
      expect(seen.size).toBe(11);
      for (const cut of [1, 5, 16]) expect(await digestOf(bytes, cut, subtle)).toBe(await digestOf(bytes, bytes.length, subtle));
    });
  }
});
