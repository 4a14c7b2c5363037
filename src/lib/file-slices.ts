/** Bytes read from a file at a time: enough for the hash and the scans to run at memory speed, little held at once. */
export const FILE_SLICE_BYTES = 8 * 1024 * 1024;

/** A file's bytes in slices, without holding the whole file; `onBytes` gets the bytes read so far after each. */
export async function* fileSlices(blob: Blob, onBytes: (done: number) => void = () => {}): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < blob.size; at += FILE_SLICE_BYTES) {
    const slice = new Uint8Array(await blob.slice(at, at + FILE_SLICE_BYTES).arrayBuffer());
    onBytes(at + slice.length);
    yield slice;
  }
}
