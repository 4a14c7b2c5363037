import { statSync } from 'node:fs';
import { open } from 'node:fs/promises';

const STREAM_CHUNK_BYTES = 1024 * 1024;

/**
 * A file on disk as a Blob whose slices are positioned reads of the file. Node's own file Blob (fs.openAsBlob) pipes
 * every slice through a stream reader: reading a 258 MB file in slices took 0.53 s with it and 0.16 s this way.
 */
export class FileOnDisk extends Blob {
  readonly #path: string;
  readonly #start: number;
  readonly #end: number;

  /** Throws when `path` is not a file that can be read. */
  constructor(path: string, start = 0, end = sizeOf(path)) {
    super();
    this.#path = path;
    this.#start = start;
    this.#end = end;
  }

  override get size(): number {
    return this.#end - this.#start;
  }

  override get type(): string {
    return '';
  }

  /** As Blob.slice: offsets from this blob's start, negative ones from its end, clamped to its bytes. */
  override slice(start = 0, end = this.size): FileOnDisk {
    const at = (offset: number) => Math.min(this.size, Math.max(0, offset < 0 ? this.size + offset : offset));
    const from = at(start);
    return new FileOnDisk(this.#path, this.#start + from, this.#start + Math.max(from, at(end)));
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = new Uint8Array(this.size);
    const file = await open(this.#path);
    try {
      let done = 0;
      while (done < bytes.length) {
        const { bytesRead } = await file.read(bytes, done, bytes.length - done, this.#start + done);
        if (bytesRead === 0) throw new Error(`${this.#path} ended before its last ${bytes.length - done} bytes could be read: it changed while it was read.`);
        done += bytesRead;
      }
    } finally {
      await file.close();
    }
    return bytes.buffer;
  }

  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    let at = 0;
    return new ReadableStream<Uint8Array<ArrayBuffer>>({
      pull: async (controller) => {
        if (at >= this.size) return controller.close();
        const chunk = new Uint8Array(await this.slice(at, at + STREAM_CHUNK_BYTES).arrayBuffer());
        at += chunk.length;
        controller.enqueue(chunk);
      },
    });
  }

  override async text(): Promise<string> {
    return new TextDecoder().decode(await this.arrayBuffer());
  }
}

function sizeOf(path: string): number {
  const stat = statSync(path);
  if (!stat.isFile()) throw new Error(`${path} is not a file.`);
  return stat.size;
}
