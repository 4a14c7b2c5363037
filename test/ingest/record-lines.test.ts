import { describe, expect, it } from 'vitest';
import { RecordLines } from '../../src/ingest/record-lines.ts';

function scan(text: string, chunkSize = text.length, delimiter = ','): RecordLines {
  const lines = new RecordLines(delimiter.charCodeAt(0));
  for (let i = 0; i < text.length; i += Math.max(1, chunkSize)) lines.push(text.slice(i, i + chunkSize));
  return lines;
}

const starts = (lines: RecordLines) => Array.from({ length: lines.records }, (_, i) => lines.lineOf(i));

describe('the lines CSV records start on', () => {
  it('counts one record a line in a plain file, with LF, CRLF or CR line ends, and with or without a last line end', () => {
    for (const end of ['\n', '\r\n', '\r']) {
      const text = ['a,b', '1,2', '3,4'].join(end);
      for (const whole of [text, text + end]) {
        const lines = scan(whole);
        expect(starts(lines)).toEqual([1, 2, 3]);
        expect(lines.oneLineEach).toBe(true);
      }
    }
  });

  it('skips empty lines and keeps a quoted line break inside its field, across chunk boundaries', () => {
    // Line 1 header, 2 empty, 3 a record whose quoted field runs to line 5, 6 empty, 7 a record.
    const text = 'a,b\r\n\r\n1,"x\r\ny\r\nz"\r\n\r\n3,4\r\n';
    for (const size of [1, 2, 3, 7, text.length]) {
      const lines = scan(text, size);
      expect(starts(lines), `chunks of ${size}`).toEqual([1, 3, 7]);
      expect(lines.oneLineEach).toBe(false);
      expect(Array.from(lines.dataLines())).toEqual([3, 7]);
    }
  });

  it('counts a line of spaces or of empty fields as a record', () => {
    expect(starts(scan('a,b\n   \n,\n1,2\n'))).toEqual([1, 2, 3, 4]);
  });

  it('tells a file whose fields need no trimming and no restoring from one that does', () => {
    expect(scan('a,b\n1,"x y"\n,\n').plainFields).toBe(true);
    expect(scan('a\tb\n1\t\t2\n', 3, '\t').plainFields).toBe(true);
    for (const text of ['a,b\n 1,2\n', 'a,b\n1 ,2\n', 'a,b\n1,2 \n', 'a,b\n1,2 ', 'a,b\n1,"2 "\n', "a,b\n1,'=2\n", 'a,b\n1,\u00a02\n', 'a,b\n1,2\u3000\n']) {
      expect(scan(text, 2).plainFields, JSON.stringify(text)).toBe(false);
    }
  });
});
