import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatDecimal, formatRange, formatRatio, weekday } from '../../src/ui/format.ts';

describe('format', () => {
  it('groups thousands', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatDecimal(1234.56)).toBe('1,234.6');
    expect(formatDecimal(12)).toBe('12');
  });

  it('writes ratios, sizes and ranges', () => {
    expect(formatRatio(2.456)).toBe('2.46 ×');
    expect(formatRatio(null)).toBe('—');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2_709_884)).toBe('2.6 MB');
    expect(formatRange('2026-03-02', '2026-03-05')).toBe('2026-03-02 – 2026-03-05');
    expect(formatRange(null, null)).toBe('—');
  });

  it('reads weekdays in UTC', () => {
    expect(weekday('2026-03-02')).toBe('Mon');
    expect(weekday('2026-03-08')).toBe('Sun');
  });
});
