import { describe, expect, it } from 'vitest';
import { CsvReader, detectDelimiter } from '../../src/ingest/csv.ts';

function readAll(text: string, chunk = text.length) {
  const reader = new CsvReader(detectDelimiter(text));
  const out = [];
  for (let i = 0; i < text.length; i += chunk) out.push(...reader.push(text.slice(i, i + chunk)));
  out.push(...reader.end());
  return out;
}

describe('CsvReader', () => {
  it('reads quoted fields, doubled quotes and line breaks inside quotes, keeping physical line numbers', () => {
    const text = 'a,b\r\n"x, y","say ""hi"""\r\n"two\nlines",z\r\nlast,row';
    for (const chunk of [1, 2, 3, 7, text.length]) {
      expect(readAll(text, chunk)).toEqual([
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['x, y', 'say "hi"'] },
        { line: 3, fields: ['two\nlines', 'z'] },
        { line: 5, fields: ['last', 'row'] },
      ]);
    }
  });

  it('skips blank lines but counts them in line numbers', () => {
    expect(readAll('h\n\n\nv\n')).toEqual([
      { line: 1, fields: ['h'] },
      { line: 4, fields: ['v'] },
    ]);
  });

  it('detects semicolon and tab delimiters from the header line', () => {
    expect(detectDelimiter('a;b;c\n1,5;2;3')).toBe(';');
    expect(detectDelimiter('a\tb\tc\n')).toBe('\t');
    expect(detectDelimiter('"x;y",b,c\n')).toBe(',');
  });

  it('keeps empty trailing fields', () => {
    expect(readAll('a,b,c\n1,,\n')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '', ''] },
    ]);
  });
});
