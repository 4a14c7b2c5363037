import { describe, expect, it } from 'vitest';
import { numberValue, wholeValue } from '../../../src/ingest/adapters/values.ts';

describe('numbers as exports write them', () => {
  it('a comma- or tab-delimited file: 1,234.5 has a thousands comma', () => {
    expect(numberValue('n', '1,234.5')).toBe(1234.5);
    expect(numberValue('n', '1,250')).toBe(1250);
    expect(numberValue('n', '3.3')).toBe(3.3);
    expect(numberValue('n', '3,3')).toMatchObject({ reason: /^bad number/ });
  });

  it('a semicolon file saved by a European Excel: 1.234,5 has a decimal comma', () => {
    expect(numberValue('n', '3,3', true)).toBe(3.3);
    expect(numberValue('n', '0,25', true)).toBe(0.25);
    expect(numberValue('n', '1.234,5', true)).toBe(1234.5);
    expect(numberValue('n', '1 234,5', true)).toBe(1234.5);
    expect(numberValue('n', '1,250', true)).toBe(1.25);
    expect(numberValue('n', '3.3', true)).toBe(3.3); // a decimal point is still read
    expect(numberValue('n', '-2,5', true)).toMatchObject({ reason: /^negative number/ });
    expect(wholeValue('n', '1.200', true)).toBe(1200);
    expect(wholeValue('n', '2,5', true)).toMatchObject({ reason: 'bad number: expected a whole number' });
  });
});
