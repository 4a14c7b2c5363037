import { describe, expect, it } from 'vitest';
import { bindNamed } from '../../src/db/params.ts';

describe('named SQL parameters', () => {
  it('numbers each name once, in order of first use, and lists its value once', () => {
    const bound = bindNamed('SELECT $b, $a, $b + 1', { a: 1, b: 'x' });
    expect(bound).toEqual({ sql: 'SELECT $1, $2, $1 + 1', values: ['x', 1] });
  });

  it('leaves quoted text, quoted identifiers and comments alone', () => {
    const sql = `SELECT '$a' AS "$a", regexp_extract(x, '@([^@]+)$', 1) -- the day's $a\n /* it's $a */ , $a`;
    expect(bindNamed(sql, { a: 7 })).toEqual({ sql: sql.slice(0, sql.lastIndexOf('$a')) + '$1', values: [7] });
  });

  it('refuses a name without a value and ignores values the SQL does not use', () => {
    expect(() => bindNamed('SELECT $window_end', { window_start: '2026-01-01' })).toThrow('SQL parameter $window_end has no value.');
    expect(bindNamed('SELECT 1', { unused: 1 })).toEqual({ sql: 'SELECT 1', values: [] });
  });
});
