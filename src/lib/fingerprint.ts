/**
 * An incremental 64-bit content fingerprint (two FNV-1a lanes over UTF-16 code units) used to recognise
 * a file dropped twice. Not cryptographic: it only has to tell a client's exports apart.
 */
export class Fingerprint {
  private a = 0x811c9dc5;
  private b = 0x050c5d1f;
  private length = 0;

  update(text: string): void {
    let a = this.a, b = this.b;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
    }
    this.a = a;
    this.b = b;
    this.length += text.length;
  }

  updateBytes(bytes: Uint8Array): void {
    let a = this.a, b = this.b;
    for (let i = 0; i < bytes.length; i++) {
      const c = bytes[i]!;
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
    }
    this.a = a;
    this.b = b;
    this.length += bytes.length;
  }

  digest(): string {
    const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
    return `${hex(this.a)}${hex(this.b)}-${this.length}`;
  }
}
