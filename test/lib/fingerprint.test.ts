import { describe, expect, it } from 'vitest';
import { Fingerprint, fingerprintOf } from '../../src/lib/fingerprint.ts';

const digestOf = (bytes: Uint8Array, cut: number) => {
  const f = new Fingerprint();
  for (let at = 0; at < bytes.length; at += cut) f.update(bytes.subarray(at, at + cut));
  return f.digest();
};

describe("a file's fingerprint", () => {
  const bytes = new TextEncoder().encode('user_id,product,session_start\nU1,Revit,2026-03-02T08:00:00Z\nU2,AutoCAD,2026-03-03T09:00:00Z\n');

  it('is the same however the bytes are sliced, and from a Blob read in slices', async () => {
    const whole = digestOf(bytes, bytes.length);
    for (const cut of [1, 2, 3, 5, 7, 64]) expect(digestOf(bytes, cut), `slices of ${cut}`).toBe(whole);
    expect(await fingerprintOf(new Blob([bytes]))).toBe(whole);
    expect(whole).toMatch(new RegExp(`^[0-9a-f]{16}-${bytes.length}$`));
  });

  it('changes with any byte, with the bytes of an unfinished word, and with the length', () => {
    const whole = digestOf(bytes, bytes.length);
    const seen = new Set([whole]);
    for (const at of [0, 1, 2, 3, 40, bytes.length - 1]) {
      const changed = bytes.slice();
      changed[at] = changed[at]! ^ 0x20;
      seen.add(digestOf(changed, 3));
    }
    seen.add(digestOf(bytes.subarray(0, bytes.length - 1), 4));
    seen.add(digestOf(new Uint8Array([...bytes, 0]), 4));
    expect(seen.size).toBe(9);
  });
});
