import { describe, expect, it } from 'vitest';
import { RecordLines } from '../../src/ingest/record-lines.ts';

/** Scans `text` as its UTF-8 bytes, cut into slices of `chunkSize` bytes (which may split a character). */
function scan(text: string, chunkSize = Infinity, delimiter = ','): RecordLines {
  const bytes = new TextEncoder().encode(text);
  const lines = new RecordLines(delimiter.charCodeAt(0));
  const size = Math.max(1, Math.min(chunkSize, bytes.length));
  for (let i = 0; i < bytes.length; i += size) lines.push(bytes.subarray(i, i + size));
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
    for (const size of [1, 2, 3, 7, Infinity]) {
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
      for (const size of [1, 2, Infinity]) expect(scan(text, size).plainFields, JSON.stringify(text)).toBe(false);
    }
    // Characters beyond ASCII that are not spaces keep a field plain, however the slices cut them.
    for (const size of [1, 2, Infinity]) expect(scan('a,b\nRené,Zoë\n"🙂",x\n', size).plainFields).toBe(true);
  });

  it("skips a UTF-8 byte-order mark, as DuckDB does: it is no space before the header's first field", () => {
    const lines = new RecordLines(','.charCodeAt(0));
    lines.push(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('a,b\n1,2\n')]));
    expect([lines.records, lines.plainFields]).toEqual([2, true]);
  });

  it('agrees with a character-by-character reading on random texts cut into random chunks', () => {
    // The reference: every character in turn, as the rules above say (a record starts at the first character of a
    // line outside quotes; CRLF is one break; a field is not plain when it starts or ends with a space, or starts
    // with an apostrophe).
    function reference(text: string, delimiter: string) {
      const starts: number[] = [];
      let line = 1, quoted = false, inRecord = false, afterCr = false, atEdge = true, previous = '\n', plain = true;
      const space = (c: string) => c !== '\n' && c !== '\r' && c !== delimiter && c.trim() === '' && c !== '';
      for (const c of text) {
        const edge = c === delimiter || c === '"' || c === '\n' || c === '\r';
        if ((edge && space(previous)) || (atEdge && (c === "'" || space(c)))) plain = false;
        atEdge = edge;
        previous = c;
        if (afterCr) {
          afterCr = false;
          if (c === '\n') continue;
        }
        if (c === '\n' || c === '\r') {
          line++;
          afterCr = c === '\r';
          if (!quoted) inRecord = false;
          continue;
        }
        if (!inRecord) {
          inRecord = true;
          starts.push(line);
        }
        if (c === '"') quoted = !quoted;
      }
      return { starts, plain: plain && !space(previous) };
    }
    // A fixed seed: the same texts every run.
    let seed = 20261207;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = ['a', 'b', ',', ';', '"', '\n', '\r', ' ', "'", '\t', '\u00a0', '\u3000', '\u2009', 'é', '🙂'];
    for (let n = 0; n < 500; n++) {
      const delimiter = n % 2 === 0 ? ',' : ';';
      const text = Array.from({ length: Math.floor(random() * 40) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      const bytes = new TextEncoder().encode(text);
      const lines = new RecordLines(delimiter.charCodeAt(0));
      for (let at = 0; at < bytes.length; ) {
        const size = 1 + Math.floor(random() * 6);
        lines.push(bytes.subarray(at, at + size));
        at += size;
      }
      const expected = reference(text, delimiter);
      expect({ starts: starts(lines), plain: lines.plainFields }, JSON.stringify(text)).toEqual(expected);
    }
  });
});
