import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import { snapshotText } from '../../src/deliverables/snapshot.ts';
import { PRICE_BOOK_COLUMNS } from '../../src/ingest/formats/price-book.ts';
import { DEFAULT_SETTINGS, parseSettings } from '../../src/settings/schema.ts';
import { file, newEngine, sessionsCsv, useOn } from '../helpers/engine.ts';

/** The files the page hands the engine besides the data: a price book CSV and last quarter's snapshot. */
let engine: Engine;
beforeAll(() => {
  engine = newEngine();
});
afterAll(async () => {
  await engine.close();
});

const HEADER = PRICE_BOOK_COLUMNS.join(',');

describe('a price book file read by the engine', () => {
  it('answers the settings with the file price book in place, and what the file said', async () => {
    const answer = await engine.readPriceBook(file('prices.csv', `${HEADER}\noffering,AutoCAD,900,,,,,\ncollection,AEC,,,,Revit;AutoCAD,,\n`), DEFAULT_SETTINGS);
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(answer.read.prices.offerings).toEqual([{ offering: 'AutoCAD', current_price: 900, list_price: null, indicative: null }]);
    const settings = parseSettings(answer.settings);
    expect(settings.prices.token_price).toBe(DEFAULT_SETTINGS.prices.token_price);
    expect(settings.prices.offerings).toEqual(answer.read.prices.offerings);
    expect(settings.collections).toEqual([{ offering: 'AEC', products: ['Revit', 'AutoCAD'] }]);
  });

  it('answers one sentence naming the file for a file it cannot read', async () => {
    expect(await engine.readPriceBook(file('prices.csv', 'type,name,price\n'), DEFAULT_SETTINGS)).toEqual({
      ok: false,
      problem: `prices.csv line 1: unknown column "price": expected the header ${HEADER}.`,
    });
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]);
    const answer = await engine.readPriceBook(file('prices.xlsx', zip), DEFAULT_SETTINGS);
    expect(answer.ok ? '' : answer.problem).toBe('prices.xlsx is a ZIP archive (an Excel workbook is one), not a price book CSV.');
  });

  it('writes the price book in force, which reads back as the same settings', async () => {
    const text = await engine.priceBookCsv(DEFAULT_SETTINGS);
    expect(text.split(/\r?\n/)[0]).toBe(HEADER);
    const answer = await engine.readPriceBook(file('price-book.csv', text), DEFAULT_SETTINGS);
    expect(answer.ok && parseSettings(answer.settings)).toEqual(DEFAULT_SETTINGS);
  });
});

describe('a snapshot compared by the engine', () => {
  it('compares a saved snapshot with the review, with the redaction it was saved with', async () => {
    // A Revit seat last used in October: dormant at the end of June.
    await engine.load([
      file('usage-report.csv', 'email,offering_name,seat_assignment,assigned_date,unassigned_date\ndor@corp.example,Revit,Direct,2025-01-15,\n'),
      file('sessions.csv', sessionsCsv([useOn('dor@corp.example', 'Revit', '2025-10-01'), useOn('filler@corp.example', 'Maya', '2026-06-30')])),
    ]);
    // The engagement's key, the same both quarters: the redacted snapshot's pseudonyms match this review's.
    const settings = { engagement: { redaction_key: '5e'.repeat(32) } };
    for (const redact of [false, true]) {
      const saved = snapshotText(await engine.snapshot(settings, { includeUsage: false, redact }));
      const comparison = await engine.compareWithSnapshot(file('q1.json', saved), settings);
      expect(comparison.rules.find((r) => r.rule === 'dormant_user')).toMatchObject({ previous: 1, current: 1, new: 0, closed: 0, persisting: 1 });
      expect(comparison.rules.every((r) => r.new === 0 && r.closed === 0)).toBe(true);
    }
  });

  it('throws one sentence naming a file that is not a snapshot', async () => {
    await expect(engine.compareWithSnapshot(file('q1.json', '{"format":"other"}'), {})).rejects.toThrow('q1.json is not an LRT Review snapshot: expected "format": "lrt-review-snapshot".');
  });
});
