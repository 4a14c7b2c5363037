import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTwinOutput } from '../helpers/demo.ts';
import { startHarness, type Harness } from './harness.ts';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
}, 180_000);
afterAll(async () => {
  await harness?.close();
});

describe('the page and the headless twin on the demo estate', () => {
  it('give the same findings, rule by rule, with the same money', async () => {
    // runReview(['--demo', '--out', out]), run once per vitest run for every file that reads it.
    const { dir: out, exitCode } = await demoTwinOutput();
    expect(exitCode).toBe(0);
    const downloads = mkdtempSync(join(tmpdir(), 'lrt-parity-'));
    const twin = JSON.parse(readFileSync(join(out, 'review.json'), 'utf8')) as {
      rules: { rule: string; count: number; money: number | null; unpriced: number }[];
      money: { exposure: { range: { low: number; high: number } | null; seed: { id: string; total_low: number; total_high: number }[] }; savings: { total_per_year: number | null; lines: { type: string; per_year: number | null }[] } };
    };
    expect(twin.rules).toHaveLength(13);
    // Every rule of the rulebook finds something on the demo estate.
    expect(twin.rules.filter((r) => r.count === 0).map((r) => r.rule)).toEqual([]);

    const page = await harness.newPage();
    await page.click('[data-testid="load-demo"]');
    await page.waitForSelector('[data-testid="overview-users"][data-value="1083"]');
    const shown = await page.$$eval('article[data-testid^="rule-"] [data-testid="rule-count"]', (badges) =>
      badges.map((b) => {
        const section = b.closest('article[data-testid^="rule-"]')!;
        const money = b.getAttribute('data-money');
        return {
          rule: section.getAttribute('data-testid')!.slice('rule-'.length),
          count: Number(b.getAttribute('data-value')),
          money: money === null || money === '' ? null : Number(money),
          unpriced: Number(b.getAttribute('data-unpriced')),
        };
      }),
    );
    const byRule = (rows: { rule: string }[]) => [...rows].sort((a, b) => a.rule.localeCompare(b.rule));
    expect(byRule(shown)).toEqual(byRule(twin.rules.map(({ rule, count, money, unpriced }) => ({ rule, count, money, unpriced }))));

    // The money view: the exposure range, each scenario's total and each saving are the twin's figures.
    const range = page.locator('[data-testid="exposure-range"]');
    expect(twin.money.exposure.range).not.toBeNull();
    expect([Number(await range.getAttribute('data-low')), Number(await range.getAttribute('data-high'))]).toEqual([twin.money.exposure.range!.low, twin.money.exposure.range!.high]);
    for (const t of twin.money.exposure.seed) {
      const cell = page.locator(`[data-testid="scenario-total-${t.id}"]`);
      expect([Number(await cell.getAttribute('data-low')), Number(await cell.getAttribute('data-high'))]).toEqual([t.total_low, t.total_high]);
    }
    expect(Number(await page.getAttribute('[data-testid="savings-total"]', 'data-value'))).toBe(twin.money.savings.total_per_year);
    for (const line of twin.money.savings.lines) {
      expect(Number(await page.getAttribute(`[data-testid="saving-${line.type}"]`, 'data-value'))).toBe(line.per_year);
    }

    // The deliverables: the page's files are the twin's, byte for byte (the workbook is compared by its sheets).
    await page.click('[data-testid="prepare-deliverables"]');
    await page.waitForSelector('[data-testid="deliverable-files"]');
    for (const name of ['reclamation-list.csv', 'gap-register.csv', 'renewal-brief.md', 'self-report.csv', 'self-report-cover.md']) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="download-${name}"]`)]);
      const saved = join(downloads, `page-${name}`);
      await download.saveAs(saved);
      expect({ name, text: readFileSync(saved, 'utf8') }).toEqual({ name, text: readFileSync(join(out, name), 'utf8') });
    }

    expect(harness.outside).toEqual([]);
    expect(harness.errors).toEqual([]);
    await page.close();
  });
});
