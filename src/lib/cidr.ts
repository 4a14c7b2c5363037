import { isIpAddress } from './ip.ts';

/** An IPv4 or IPv6 address as a 128-bit number (IPv4 mapped into ::ffff:0:0/96), or null. */
export function ipToBigInt(text: string): bigint | null {
  const address = text.trim().replace(/%[\w.-]+$/, '');
  if (!isIpAddress(address)) return null;
  if (!address.includes(':')) return 0xffff00000000n | ipv4(address);
  const [head = '', tail = ''] = address.includes('::') ? address.split('::') : [address, ''];
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const expand = (parts: string[]) =>
    parts.flatMap((g) => (g.includes('.') ? [Number((ipv4(g) >> 16n) & 0xffffn), Number(ipv4(g) & 0xffffn)] : [parseInt(g, 16)]));
  const left = expand(groups(head));
  const right = expand(groups(tail));
  const all = [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  return all.reduce((n, g) => (n << 16n) | BigInt(g), 0n);
}

function ipv4(text: string): bigint {
  return text.split('.').reduce((n, octet) => (n << 8n) | BigInt(Number(octet)), 0n);
}

export interface Cidr {
  text: string;
  base: bigint;
  /** Prefix length on the 128-bit scale. */
  bits: number;
}

/** Parses `10.20.0.0/16` or `fd00:20::/32` (a bare address is a /32 or /128); null when malformed. */
export function parseCidr(text: string): Cidr | null {
  const [address = '', prefix, ...rest] = text.trim().split('/');
  if (rest.length > 0) return null;
  const base = ipToBigInt(address);
  if (base === null) return null;
  const v4 = !address.includes(':');
  const max = v4 ? 32 : 128;
  const length = prefix === undefined ? max : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
  if (!(length >= 0 && length <= max)) return null;
  const bits = v4 ? 96 + length : length;
  return { text, base: mask(base, bits), bits };
}

function mask(n: bigint, bits: number): bigint {
  const hostBits = BigInt(128 - bits);
  return (n >> hostBits) << hostBits;
}

export function inCidr(ip: string, cidr: Cidr): boolean {
  const n = ipToBigInt(ip);
  return n !== null && mask(n, cidr.bits) === cidr.base;
}
