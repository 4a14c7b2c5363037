import { describe, expect, it } from 'vitest';
import { parseIsoTimestamp } from '../../src/ingest/timestamp.ts';
import { isIpAddress } from '../../src/lib/ip.ts';
import { normaliseHeader } from '../../src/ingest/header.ts';

describe('ISO 8601 timestamps', () => {
  it('reads no offset as UTC and converts offsets to UTC', () => {
    expect(parseIsoTimestamp('2026-03-02T08:00:00')).toBe(Date.UTC(2026, 2, 2, 8));
    expect(parseIsoTimestamp('2026-03-02T08:00:00Z')).toBe(Date.UTC(2026, 2, 2, 8));
    expect(parseIsoTimestamp('2026-03-02T08:00:00+01:00')).toBe(Date.UTC(2026, 2, 2, 7));
    expect(parseIsoTimestamp('2026-03-02T08:00:00-0530')).toBe(Date.UTC(2026, 2, 2, 13, 30));
    expect(parseIsoTimestamp('2026-03-02 08:00')).toBe(Date.UTC(2026, 2, 2, 8));
    expect(parseIsoTimestamp('2026-03-02')).toBe(Date.UTC(2026, 2, 2));
    expect(parseIsoTimestamp('2026-03-02T08:00:00.250Z')).toBe(Date.UTC(2026, 2, 2, 8, 0, 0, 250));
  });

  it('refuses impossible and non-ISO dates', () => {
    for (const bad of ['2026-02-29T00:00:00Z', '2026-13-01', '2026-04-31', '3/2/2026', '2026-03-02T24:00:00', 'yesterday', '']) {
      expect(parseIsoTimestamp(bad), bad).toBeNull();
    }
    expect(parseIsoTimestamp('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
  });
});

describe('IP addresses', () => {
  it('accepts IPv4 and IPv6 forms', () => {
    for (const ok of ['10.20.0.1', '255.255.255.255', '::1', 'fd00:20::7', '2001:db8:0:0:0:0:2:1', '::ffff:192.0.2.1', 'fe80::1%eth0']) expect(isIpAddress(ok), ok).toBe(true);
  });
  it('refuses malformed addresses', () => {
    for (const bad of ['10.20.0.256', '10.20.0', '1:2:3:4:5:6:7:8:9', '2001:db8::1::2', 'host.example', '12345::']) expect(isIpAddress(bad), bad).toBe(false);
  });
});

describe('header matching', () => {
  it('ignores case, spaces, underscores and punctuation', () => {
    expect(normaliseHeader('\uFEFFUser ID')).toBe('userid');
    expect(normaliseHeader('session_start')).toBe(normaliseHeader('Session-Start'));
  });
});
