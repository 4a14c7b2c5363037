import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import { runReview } from '../../src/cli/review.ts';
import { stableHex } from '../../src/deliverables/redact.ts';
import { compareSnapshots } from '../../src/deliverables/snapshot-compare.ts';
import { file, newEngine, sessionsCsv, useOn } from '../helpers/engine.ts';

/*
 * Keyed pseudonyms: the redacted files' pseudonyms are HMAC-SHA-256 of each value under the engagement's key. One key
 * gives the same files every time; two keys give pseudonyms that share nothing; and the unkeyed hash of an address
 * (what anyone holding the client's directory could compute) is not its pseudonym.
 */
const KEY_A = 'a1'.repeat(32);
const KEY_B = '0f'.repeat(32);
const PEOPLE = ['ann.lee', 'bob.ray', 'cy.ng', 'di.fox', 'ed.moss'].map((p) => `${p}@northwind.example`);

const ASSIGNMENTS = ['email,offering_name,seat_assignment,assigned_date,unassigned_date', ...PEOPLE.map((p) => `${p},Revit,Direct,2025-01-01,`)].join('\n');
const SESSIONS = sessionsCsv([...PEOPLE.slice(0, 2).map((p) => useOn(p, 'Revit', '2026-06-01')), useOn('filler@northwind.example', 'Maya', '2025-07-01')]);

let engine: Engine;
beforeAll(async () => {
  engine = newEngine();
  await engine.load([file('usage-report.csv', ASSIGNMENTS), file('sessions.csv', SESSIONS)]);
});
afterAll(async () => {
  await engine.close();
});

async function redactedFiles(key: string | null): Promise<Map<string, string>> {
  const { files } = await engine.deliverables({ window: { end: '2026-06-30', months: 12 }, engagement: { redaction_key: key } }, { redact: true });
  return new Map(files.filter((f) => typeof f.content === 'string').map((f) => [f.name, f.content as string]));
}

const pseudonyms = (files: Map<string, string>) => new Set([...files.values()].flatMap((text) => text.match(/person-[0-9a-f]{8,}/g) ?? []));

describe('keyed pseudonyms', () => {
  it('gives the same files under one key, and disjoint pseudonyms under two', async () => {
    const a1 = await redactedFiles(KEY_A);
    const a2 = await redactedFiles(KEY_A);
    const b = await redactedFiles(KEY_B);
    expect([...a1.keys()].sort()).toEqual([...a2.keys()].sort());
    for (const [name, text] of a1) expect({ name, text }).toEqual({ name, text: a2.get(name) });
    const underA = pseudonyms(a1);
    const underB = pseudonyms(b);
    // Five dormant seats name five people (and the filler), under each key.
    expect(underA.size).toBeGreaterThanOrEqual(PEOPLE.length);
    expect(underB.size).toBe(underA.size);
    expect([...underA].filter((p) => underB.has(p))).toEqual([]);
    // Nobody's unkeyed hash is their pseudonym: a guessed address cannot be checked without the key.
    for (const person of PEOPLE) expect(underA.has(`person-${stableHex(person).slice(0, 8)}`)).toBe(false);
    for (const text of a1.values()) for (const person of PEOPLE) expect(text).not.toContain(person);
  });

  it('tells two redacted snapshots made under different keys apart, without saving either key', async () => {
    const settings = (key: string) => ({ window: { end: '2026-06-30', months: 12 }, engagement: { redaction_key: key } });
    const underA = await engine.snapshot(settings(KEY_A), { includeUsage: false, redact: true });
    const underB = await engine.snapshot(settings(KEY_B), { includeUsage: false, redact: true });
    for (const snapshot of [underA, underB]) {
      expect(JSON.stringify(snapshot)).not.toContain(KEY_A);
      expect(JSON.stringify(snapshot)).not.toContain(KEY_B);
    }
    expect(underA.key_check).toMatch(/^[0-9a-f]{16}$/);
    expect(underA.key_check).not.toBe(underB.key_check);
    const differentKeys = compareSnapshots(underA, underB);
    expect(differentKeys.notes.some((n) => n.includes('different redaction keys'))).toBe(true);
    // The people of the five dormant seats cannot match across keys: they show as closed and new.
    expect(differentKeys.rules.find((r) => r.rule === 'dormant_user')).toMatchObject({ new: 3, closed: 3, persisting: 0 });
    const sameKey = compareSnapshots(underA, await engine.snapshot(settings(KEY_A), { includeUsage: false, redact: true }));
    expect(sameKey.notes.some((n) => n.includes('redaction key'))).toBe(false);
    expect(sameKey.rules.find((r) => r.rule === 'dormant_user')).toMatchObject({ new: 0, closed: 0, persisting: 3 });
  });

  it('refuses to redact without a key, in one sentence naming the setting', async () => {
    await expect(redactedFiles(null)).rejects.toThrow(/engagement\.redaction_key/);
  });

  it('has the twin make a key on first use, keep it in the settings it writes, and reuse it next time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lrt-key-'));
    writeFileSync(join(dir, 'usage-report.csv'), ASSIGNMENTS);
    writeFileSync(join(dir, 'sessions.csv'), SESSIONS);
    const first = await runReview(['--redact', '--out', join(dir, 'q1'), join(dir, 'usage-report.csv'), join(dir, 'sessions.csv')]);
    expect(first.exitCode).toBe(0);
    expect(first.lines.join('\n')).toMatch(/made a redaction key .*settings\.json/);
    const settings = JSON.parse(readFileSync(join(dir, 'q1', 'settings.json'), 'utf8')) as { engagement: { redaction_key: string } };
    expect(settings.engagement.redaction_key).toMatch(/^[0-9a-f]{64}$/);

    const again = await runReview(['--redact', '--config', join(dir, 'q1', 'settings.json'), '--out', join(dir, 'q2'), join(dir, 'usage-report.csv'), join(dir, 'sessions.csv')]);
    expect(again.exitCode).toBe(0);
    expect(readdirSync(join(dir, 'q2'))).not.toContain('settings.json');
    for (const name of ['reclamation-list.csv', 'gap-register.csv', 'renewal-brief.md']) {
      expect({ name, text: readFileSync(join(dir, 'q2', name), 'utf8') }).toEqual({ name, text: readFileSync(join(dir, 'q1', name), 'utf8') });
    }
  });
});
