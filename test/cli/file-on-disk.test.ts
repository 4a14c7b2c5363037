import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileOnDisk } from '../../src/cli/file-on-disk.ts';

const dir = mkdtempSync(join(tmpdir(), 'lrt-file-on-disk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Byte for byte (a deep equality over megabytes takes a minute). */
const same = (a: ArrayBuffer | Uint8Array, b: Uint8Array) => Buffer.from(a instanceof Uint8Array ? a : new Uint8Array(a)).equals(b);

describe('a file the twin reads from disk', () => {
  // 3 MB of bytes that differ with their place, so that a slice read from the wrong offset shows.
  const bytes = Uint8Array.from({ length: 3 * 1024 * 1024 + 7 }, (_, i) => (i * 7 + (i >> 8)) & 0xff);
  const path = join(dir, 'sessions.csv');
  writeFileSync(path, bytes);

  it('reads the same bytes as the file holds, whole, in slices and as a stream', async () => {
    const file = new FileOnDisk(path);
    expect(file.size).toBe(bytes.length);
    expect(same(await file.arrayBuffer(), bytes)).toBe(true);
    for (const [start, end] of [[0, 10], [5, 2_000_001], [bytes.length - 3, bytes.length + 100], [-20, -5], [10, 5]] as const) {
      expect(same(await file.slice(start, end).arrayBuffer(), bytes.slice(start, end)), `slice(${start}, ${end})`).toBe(true);
    }
    expect(new Uint8Array(await file.slice(100).slice(50, 60).arrayBuffer())).toEqual(bytes.slice(150, 160));
    expect((await file.slice(10, 5).arrayBuffer()).byteLength).toBe(0);
    const chunks: Uint8Array<ArrayBuffer>[] = [];
    const reader = file.slice(1, -1).stream().getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
    expect(chunks.length).toBeGreaterThan(1);
    expect(same(await new Blob(chunks).arrayBuffer(), bytes.slice(1, -1))).toBe(true);
  });

  it('reads text as UTF-8', async () => {
    const text = join(dir, 'names.csv');
    writeFileSync(text, 'user,name\nu1,René\n');
    expect(await new FileOnDisk(text).text()).toBe('user,name\nu1,René\n');
  });

  it('refuses a path that is not a file', () => {
    expect(() => new FileOnDisk(dir)).toThrow('is not a file');
    expect(() => new FileOnDisk(join(dir, 'missing.csv'))).toThrow();
  });
});
