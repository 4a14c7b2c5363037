import { describe, expect, it } from 'vitest';
import { listOf, plainNumber } from '../../../src/ingest/readers/format.ts';

describe('plainNumber', () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [41, '41'],
    [-42.25, '-42.25'],
    [1e21, '1000000000000000000000'],
    [1.25e22, '12500000000000000000000'],
    [-1e21, '-1000000000000000000000'],
    [1.5e-7, '0.00000015'],
    [-2e-10, '-0.0000000002'],
    [123456.789, '123456.789'],
  ])('writes %s as %s', (n, text) => {
    expect(plainNumber(n)).toBe(text);
  });
});

describe('listOf', () => {
  it('joins with commas and a final "and"', () => {
    expect(listOf([])).toBe('');
    expect(listOf(['a'])).toBe('a');
    expect(listOf(['a', 'b'])).toBe('a and b');
    expect(listOf(['a', 'b', 'c'])).toBe('a, b and c');
  });
});
