import { describe, expect, it } from 'vitest';
import { inCidr, parseCidr } from '../../src/lib/cidr.ts';

describe('CIDR ranges', () => {
  it('matches IPv4 addresses inside and outside a range, at its edges', () => {
    const range = parseCidr('10.20.0.0/16')!;
    expect(inCidr('10.20.0.0', range)).toBe(true);
    expect(inCidr('10.20.255.255', range)).toBe(true);
    expect(inCidr('10.21.0.0', range)).toBe(false);
    expect(inCidr('10.19.255.255', range)).toBe(false);
    expect(inCidr('203.0.113.7', range)).toBe(false);
  });

  it('matches IPv6 addresses, compressed or not, and IPv4-mapped ones against IPv4 ranges', () => {
    const range = parseCidr('fd00:20::/32')!;
    expect(inCidr('fd00:20::7', range)).toBe(true);
    expect(inCidr('fd00:0020:ffff:0:0:0:0:1', range)).toBe(true);
    expect(inCidr('fd00:21::1', range)).toBe(false);
    expect(inCidr('::ffff:10.20.1.2', parseCidr('10.20.0.0/16')!)).toBe(true);
    expect(inCidr('10.20.1.2', range)).toBe(false);
  });

  it('reads a bare address as a single host and refuses malformed ranges', () => {
    expect(inCidr('192.0.2.1', parseCidr('192.0.2.1')!)).toBe(true);
    expect(inCidr('192.0.2.2', parseCidr('192.0.2.1')!)).toBe(false);
    for (const bad of ['10.0.0.0/33', 'fd00::/129', '10.0.0/8', '10.0.0.0/8/1', 'x/8', '10.0.0.0/']) expect(parseCidr(bad), bad).toBeNull();
    expect(parseCidr('0.0.0.0/0')).not.toBeNull();
  });
});
