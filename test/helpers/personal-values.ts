/**
 * Looks many personal values up in large texts in one pass over each text's words, instead of one
 * `text.includes(value)` per value (thousands of values over tens of MB took minutes).
 *
 * A word is a run of letters and digits (any script). A value is found where the text holds it exactly,
 * from the start of a word to the end of a word: "ben abbott" is found in "**Ben Abbott**" or "Ben Abbott,",
 * "ben.abbott" in "ben.abbott@corp.example", "10.20.14.61" in ",10.20.14.61,", but "10.20.14.61" is not in
 * "110.20.14.61" nor in "10,20,14,61". Texts and values are compared as given: lower-case both first.
 *
 * The values are indexed by their own words (a trie of words); each word of a text is looked up once,
 * and only where a value's words follow one another is the value compared in place, separators included.
 */

const WORDS = /[\p{L}\p{N}]+/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;

function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  return WORD_CHAR.test(text[i]!);
}

/** The first word character at or after i (text.length if none). */
function wordStart(text: string, i: number): number {
  while (i < text.length && !isWordChar(text, i)) i++;
  return i;
}

/** The end of the word starting at i. */
function wordEnd(text: string, i: number): number {
  while (i < text.length && isWordChar(text, i)) i++;
  return i;
}

interface WordNode {
  next: Map<string, WordNode>;
  /** Values whose words end here, each from its first word character to its last. */
  values: string[];
}

export class PersonalValues {
  private readonly root: WordNode = { next: new Map(), values: [] };
  /** Each value as given, by the part that is looked for (from its first word character to its last). */
  private readonly original = new Map<string, string[]>();

  constructor(values: Iterable<string>) {
    for (const value of values) {
      const words = value.match(WORDS);
      if (!words) throw new Error(`"${value}" has no letter or digit to look for`);
      const core = value.slice(value.search(WORD_CHAR), value.lastIndexOf(words.at(-1)!) + words.at(-1)!.length);
      let node = this.root;
      for (const word of words) {
        let child = node.next.get(word);
        if (!child) node.next.set(word, (child = { next: new Map(), values: [] }));
        node = child;
      }
      if (!node.values.includes(core)) node.values.push(core);
      this.original.set(core, [...(this.original.get(core) ?? []), value]);
    }
  }

  /** The values (as given) that the text holds, added to `found`. */
  foundIn(text: string, found = new Set<string>()): Set<string> {
    for (let i = wordStart(text, 0); i < text.length; i = wordStart(text, wordEnd(text, i))) {
      let node: WordNode | undefined = this.root;
      let at = i;
      while (node && at < text.length) {
        const end = wordEnd(text, at);
        node = node.next.get(text.slice(at, end));
        if (!node) break;
        for (const core of node.values) {
          const after = i + core.length;
          if (text.startsWith(core, i) && (after >= text.length || !isWordChar(text, after))) for (const v of this.original.get(core)!) found.add(v);
        }
        if (node.next.size === 0) break;
        at = wordStart(text, end);
      }
    }
    return found;
  }
}
