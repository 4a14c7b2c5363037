/**
 * Redaction of personal data in deliverables: every e-mail address, person's name, user key and device name is
 * replaced by a stable pseudonym, so that a redacted deliverable still tells people apart (and keeps the e-mail
 * domain, which is the organisation's and which contractor analysis needs) without naming anyone.
 *
 * Pseudonyms (XXXXXXXX: 8 hex characters of a stable hash; YYYYYY: 6):
 * - an e-mail `local@domain.tld`           -> `person-XXXXXXXX@domain.tld` (hash of the whole address, lower-cased);
 * - a key `user@host`, no dot in the host  -> `person-XXXXXXXX@device-YYYYYY` (licence-server logs: user and host
 *   hashed apart, so one person on two machines is one person-, and the host is the same device- as on its own);
 * - any other user key (Autodesk id, ...) -> `person-XXXXXXXX`;
 * - a person's name                        -> `Person XXXXXXXX` (hash of the lower-cased name);
 * - a device name                          -> `device-YYYYYY`;
 * - an IP address                          -> an address in the IPv6 documentation range, `2001:db8:` and 64 bits of
 *   the hash (still an address, so a redacted session file loads again; it matches no corporate range).
 *
 * The hash is keyed: HMAC-SHA-256 (Web Crypto, the same in Node and in a Web Worker) of the lower-cased value under
 * the engagement's redaction key (settings, engagement.redaction_key), 64 bits of it. One key gives the same pseudonym
 * in every run and every quarter; another key gives unrelated ones; and without the key nobody can check a guessed
 * e-mail address against a pseudonym, which an unkeyed hash would allow to anyone holding the client's directory.
 * The key protects the link from a pseudonym back to a person; it does not hide what is kept in the clear (the
 * e-mail domain, products, dates, counts). When two listed values share the first 8 (or 6) hex characters, those
 * values, and only those, get longer ones.
 *
 * Pure, no Node-only module and no DOM: runs in Node and in a Web Worker.
 */

import { isIpAddress } from '../lib/ip.ts';

export interface PersonalData {
  emails: string[];
  names: string[];
  userKeys: string[];
  devices: string[];
}

export interface Redactor {
  /** The pseudonym of one personal value (stable: the same input always gives the same output, across runs and machines). */
  pseudonym(value: string): string;
  /** A text with every personal value in it replaced (longest first, case-insensitive for e-mails and keys), e.g. an evidence sentence or a whole CSV/Markdown document. */
  text(text: string): string;
  /** A deep copy of a JSON-like value (objects, arrays, strings, numbers, booleans, null) with every string passed through text(); object keys are left alone. */
  value<T>(value: T): T;
}

/** The redactor that changes nothing (value() still returns a deep copy). */
export const NO_REDACTION: Redactor = {
  pseudonym: (value) => value,
  text: (text) => text,
  value: <T>(value: T): T => deepMap(value, (s) => s) as T,
};

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const USER_AT_HOST = /^([^@\s]+)@([^@\s.]+)$/;
const PERSON_HEX = 8;
const DEVICE_HEX = 6;
/** Shorter values are replaced only when they are a whole value (a cell, a field), never inside a longer text. */
const MIN_IN_TEXT = 3;
/** What replaces a match whose value cannot be told (never expected: the regex runs on the folded text). */
const UNKNOWN = '[redacted]';

type Kind = 'email' | 'userAtHost' | 'key' | 'name' | 'device';

interface Needle {
  /** The value as listed (trimmed, inner white space as single spaces). */
  value: string;
  /** `fold(value)`: the key of every lookup. */
  folded: string;
  replacement: string;
  /** A name, a device or a part of a user@host key: replaced in a text only between word boundaries. */
  bounded: boolean;
}

/** 2001:db8::/32 is reserved for documentation (RFC 3849): a pseudonymous address can never be a real one. */
function documentationAddress(folded: string, hex: (id: string) => string): string {
  const h = hex(folded);
  return `2001:db8:${h.slice(0, 4)}:${h.slice(4, 8)}:${h.slice(8, 12)}:${h.slice(12, 16)}::`;
}

/**
 * The redactor of a review's personal data under the engagement's key: every value's keyed hash is computed first
 * (Web Crypto is asynchronous), then looked up. `extra`: values to be given pseudonyms that no list holds (e-mails
 * found in rejected rows).
 */
export async function keyedRedactor(personal: PersonalData, key: string, extra: readonly string[] = []): Promise<Redactor> {
  const ids = new Set<string>();
  for (const value of [...personal.emails, ...personal.userKeys, ...personal.names, ...personal.devices, ...extra]) {
    const f = fold(normalise(value));
    if (f === '') continue;
    ids.add(f);
    const parts = USER_AT_HOST.exec(f);
    if (parts) ids.add(parts[1]!).add(parts[2]!);
  }
  const hmac = await hmacKey(key);
  const list = [...ids];
  const signed = await Promise.all(list.map((id) => crypto.subtle.sign('HMAC', hmac, encoder.encode(id))));
  const hexes = new Map(list.map((id, i) => [id, hexOf(new Uint8Array(signed[i]!)).slice(0, 16)]));
  return makeRedactor(personal, (id) => {
    const h = hexes.get(id);
    if (h === undefined) throw new Error('a value to redact was not listed before its keyed pseudonym was computed');
    return h;
  });
}

/**
 * A fingerprint of a redaction key that does not reveal it: the keyed hash (16 hex characters) of a fixed text. Two
 * redacted snapshots with different checks were made under different keys.
 */
export async function redactionKeyCheck(key: string): Promise<string> {
  const hmac = await hmacKey(key);
  return hexOf(new Uint8Array(await crypto.subtle.sign('HMAC', hmac, encoder.encode('lrt-review redaction key check')))).slice(0, 16);
}

/** The engagement's redaction key as a Web Crypto HMAC-SHA-256 signing key. */
function hmacKey(key: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', bytesOfHex(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/** A new redaction key: 32 random bytes as 64 hex characters. */
export function newRedactionKey(): string {
  return hexOf(crypto.getRandomValues(new Uint8Array(32)));
}

function bytesOfHex(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

function hexOf(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The redactor over a hash of 16 hex characters per folded value: keyedRedactor's keyed one in the product; the
 * unkeyed `stableHex` by default, for tests of the replacing itself.
 */
export function makeRedactor(personal: PersonalData, hex: (id: string) => string = stableHex): Redactor {
  // Listed values by kind, in order of precedence when one value appears in two lists.
  const listed: { value: string; kind: Kind }[] = [];
  for (const v of clean(personal.emails)) listed.push({ value: v, kind: formKind(v) });
  for (const v of clean(personal.userKeys)) listed.push({ value: v, kind: formKind(v) });
  for (const v of clean(personal.names)) listed.push({ value: v, kind: 'name' });
  for (const v of clean(personal.devices)) listed.push({ value: v, kind: 'device' });

  // Every identity hashed, so that colliding hashes are lengthened for those identities only.
  const personIds = new Set<string>();
  const deviceIds = new Set<string>();
  for (const { value, kind } of listed) {
    const f = fold(value);
    if (kind === 'device') deviceIds.add(f);
    else if (kind === 'userAtHost') {
      const [, user, host] = USER_AT_HOST.exec(f)!;
      personIds.add(user!);
      deviceIds.add(host!);
    } else personIds.add(f);
  }
  const personHex = resolveHex(personIds, PERSON_HEX, hex);
  const deviceHex = resolveHex(deviceIds, DEVICE_HEX, hex);
  const person = (id: string) => personHex.get(id) ?? hex(id).slice(0, PERSON_HEX);
  const device = (id: string) => deviceHex.get(id) ?? hex(id).slice(0, DEVICE_HEX);

  const compute = (value: string, kind: Kind): string => {
    const f = fold(value);
    switch (kind) {
      case 'email':
        return `person-${person(f)}@${f.slice(f.lastIndexOf('@') + 1)}`;
      case 'userAtHost': {
        const [, user, host] = USER_AT_HOST.exec(f)!;
        return `person-${person(user!)}@device-${device(host!)}`;
      }
      case 'key':
        return `person-${person(f)}`;
      case 'name':
        return `Person ${person(f)}`;
      case 'device':
        return isIpAddress(value) ? documentationAddress(f, hex) : `device-${device(f)}`;
    }
  };

  // The values to find: listed ones first (the first list naming a value decides its pseudonym), then the user and
  // host of each user@host key on their own (as a user id and a device name appear in a session's other columns).
  const needles = new Map<string, Needle>();
  const addNeedle = (value: string, replacement: string, bounded: boolean) => {
    const folded = fold(value);
    if (!needles.has(folded)) needles.set(folded, { value, folded, replacement, bounded });
  };
  for (const { value, kind } of listed) addNeedle(value, compute(value, kind), kind === 'name' || kind === 'device');
  for (const { value, kind } of listed) {
    if (kind !== 'userAtHost') continue;
    const [, user, host] = USER_AT_HOST.exec(value)!;
    addNeedle(user!, compute(user!, 'key'), true);
    addNeedle(host!, compute(host!, 'device'), true);
  }

  const pattern = buildPattern([...needles.values()].filter((n) => codePoints(n.value) >= MIN_IN_TEXT));
  const cache = new Map<string, string>();

  const text = (input: string): string => {
    if (input === '') return input;
    const cacheable = input.length <= 256;
    if (cacheable) {
      const hit = cache.get(input);
      if (hit !== undefined) return hit;
    }
    let out: string;
    const whole = input.length <= 512 ? needles.get(fold(normalise(input))) : undefined;
    if (whole !== undefined) {
      // A whole value (even one too short to look for inside a text): keep the white space around it.
      const lead = /^\s*/.exec(input)![0];
      const trail = /\s*$/.exec(input)![0];
      out = lead + whole.replacement + trail;
    } else if (pattern === null) {
      out = input;
    } else {
      out = replaceAll(input, pattern, (match) => needles.get(match.replace(/\u00a0/g, ' '))?.replacement ?? UNKNOWN);
    }
    if (cacheable) {
      if (cache.size >= 100_000) cache.clear();
      cache.set(input, out);
    }
    return out;
  };

  return {
    pseudonym(value) {
      const v = normalise(value);
      if (v === '') return value;
      return needles.get(fold(v))?.replacement ?? compute(v, formKind(v));
    },
    text,
    value: <T>(value: T): T => deepMap(value, text) as T,
  };
}

/** `text` with every match of `pattern` in its lower-cased form replaced (the folded text has the same indices). */
function replaceAll(text: string, pattern: RegExp, replace: (folded: string) => string): string {
  const folded = fold(text);
  pattern.lastIndex = 0;
  let out = '';
  let at = 0;
  for (let m = pattern.exec(folded); m !== null; m = pattern.exec(folded)) {
    out += text.slice(at, m.index) + replace(m[0]);
    at = m.index + m[0].length;
  }
  return at === 0 ? text : out + text.slice(at);
}

/** Trimmed, inner white space as single spaces, empty and placeholder values (no letter or digit: ***, -) dropped. */
function clean(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of values ?? []) {
    if (typeof raw !== 'string') continue;
    const v = normalise(raw);
    if (/[\p{L}\p{N}]/u.test(v)) out.push(v);
  }
  return out;
}

function normalise(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

/** What an identifier is, from its form alone. */
function formKind(value: string): Kind {
  if (EMAIL.test(value)) return 'email';
  if (USER_AT_HOST.test(value)) return 'userAtHost';
  return 'key';
}

/** Lower case, code point by code point (a code point whose lower case is longer stays as it is), so lengths hold. */
function fold(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * Per identity its hex pseudonym: the first `base` characters of its hash, or, for identities that share those
 * with another one, the shortest longer prefix that tells all of them apart (the same for every order of the list).
 */
function resolveHex(ids: ReadonlySet<string>, base: number, hex: (id: string) => string): Map<string, string> {
  const groups = new Map<string, string[]>();
  const full = new Map<string, string>();
  for (const id of ids) {
    const h = hex(id);
    full.set(id, h);
    const key = h.slice(0, base);
    const group = groups.get(key);
    if (group) group.push(id);
    else groups.set(key, [id]);
  }
  const out = new Map<string, string>();
  for (const [key, group] of groups) {
    if (group.length === 1) {
      out.set(group[0]!, key);
      continue;
    }
    let length = base + 1;
    while (length < 16 && new Set(group.map((id) => full.get(id)!.slice(0, length))).size < group.length) length++;
    const sorted = [...group].sort();
    const counts = new Map<string, number>();
    for (const id of sorted) {
      const hex = full.get(id)!.slice(0, length);
      // 64 equal bits (never seen in practice): a counter, in sorted order, tells them apart.
      const seen = counts.get(hex) ?? 0;
      counts.set(hex, seen + 1);
      out.set(id, seen === 0 ? hex : `${hex}-${seen + 1}`);
    }
  }
  return out;
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const encoder = new TextEncoder();

/** 16 hex characters: FNV-1a 64 over the UTF-8 bytes, then the MurmurHash3 fmix64 finaliser. */
export function stableHex(text: string): string {
  let h = FNV_OFFSET;
  for (const byte of encoder.encode(text)) h = BigInt.asUintN(64, (h ^ BigInt(byte)) * FNV_PRIME);
  h ^= h >> 33n;
  h = BigInt.asUintN(64, h * 0xff51afd7ed558ccdn);
  h ^= h >> 33n;
  h = BigInt.asUintN(64, h * 0xc4ceb9fe1a85ec53n);
  h ^= h >> 33n;
  return h.toString(16).padStart(16, '0');
}

interface TrieNode {
  children: Map<string, TrieNode>;
  end: boolean;
}

/**
 * One regex for every needle, run over the lower-cased text (`fold` keeps every index): each kind of needle as a
 * trie (`a(?:nn lee|lice@x\.com)`), so that at each place in a text only the branch of the next character is tried,
 * and a longer value is tried before a shorter one it starts with. E-mails and keys come first and match anywhere;
 * names and devices match between word boundaries (no letter, digit or underscore just before or after; when the
 * longest one fails that test, backtracking tries the shorter ones).
 */
function buildPattern(needles: readonly Needle[]): RegExp | null {
  const anywhere = trie(needles.filter((n) => !n.bounded));
  const bounded = trie(needles.filter((n) => n.bounded));
  const w = wordClass();
  const parts = [anywhere, bounded === null ? null : `(?<!${w})(?:${bounded})(?!${w})`].filter((p): p is string => p !== null);
  return parts.length === 0 ? null : new RegExp(parts.join('|'), 'g');
}

function trie(needles: readonly Needle[]): string | null {
  if (needles.length === 0) return null;
  const root: TrieNode = { children: new Map(), end: false };
  for (const needle of needles) {
    let node = root;
    for (const ch of needle.folded) {
      let next = node.children.get(ch);
      if (!next) node.children.set(ch, (next = { children: new Map(), end: false }));
      node = next;
    }
    node.end = true;
  }
  return emit(root);
}

function emit(node: TrieNode): string {
  const branches: string[] = [];
  for (const [ch, child] of node.children) branches.push(charPattern(ch) + emit(child));
  if (node.end) branches.push(''); // last: the longer values first
  return branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
}

function charPattern(ch: string): string {
  if (ch === ' ') return '[ \\u00a0]';
  if (ch.length > 1) return `(?:${ch})`; // a surrogate pair: the regex has no u flag
  return /[\^$\\.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

let wordClassText: string | null = null;

/**
 * A letter, a digit or an underscore, as a character class for a regex without the u flag (whose \p{L} in every
 * lookaround would make a large pattern slow to compile). Surrogates count as letters (most astral characters in
 * names are letters). Built once, from the engine's own Unicode tables.
 */
function wordClass(): string {
  if (wordClassText !== null) return wordClassText;
  const isWord = /[\p{L}\p{N}_]/u;
  const hex = (c: number) => `\\u${c.toString(16).padStart(4, '0')}`;
  let out = '';
  let from = -1;
  for (let c = 0; c <= 0x10000; c++) {
    const inside = c <= 0xffff && ((c >= 0xd800 && c <= 0xdfff) || isWord.test(String.fromCharCode(c)));
    if (inside && from < 0) from = c;
    if (!inside && from >= 0) {
      out += from === c - 1 ? hex(from) : `${hex(from)}-${hex(c - 1)}`;
      from = -1;
    }
  }
  return (wordClassText = `[${out}]`);
}

/** A deep copy of a JSON-like value with `f` applied to every string (object keys are left alone). */
function deepMap(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => deepMap(v, f));
  if (value !== null && typeof value === 'object') {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value; // not JSON-like (Date, typed array...): as it is
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepMap(v, f)]));
  }
  return value;
}
