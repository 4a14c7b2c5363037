import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from './harness.ts';

let harness: Harness;
let dir: string;
beforeAll(async () => {
  harness = await startHarness();
  dir = mkdtempSync(join(tmpdir(), 'lrt-deliverables-page-'));
}, 180_000);
afterAll(async () => {
  await harness?.close();
});

async function download(page: Page, testid: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="${testid}"]`)]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

/** The titles of a PDF's outline (bookmarks), as Chromium writes them for the headings when `outline` is on. */
function outlineTitles(pdf: Buffer): string[] {
  return [...pdf.toString('latin1').matchAll(/\/Title\s*\(((?:[^()\\]|\\.)*)\)/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1'));
}

describe('the deliverables in Chromium', () => {
  it('downloads the lists, redacts them on request, prints the brief to a PDF of its sections, and compares a snapshot', async () => {
    const page = await harness.newPage();
    await page.setViewportSize({ width: 1300, height: 900 });
    await page.click('[data-testid="load-demo"]');
    await page.waitForSelector('[data-testid="exposure-range"]');

    await page.click('[data-testid="prepare-deliverables"]');
    await page.waitForSelector('[data-testid="deliverable-files"]');
    const names = await page.locator('[data-testid="deliverable-files"] tbody th code').allTextContents();
    expect(names).toEqual(['reclamation-list.csv', 'gap-register.csv', 'renewal-brief.md', 'review.xlsx', 'self-report.csv', 'self-report-cover.md', 'review.json']);
    const plain = readFileSync(await download(page, 'download-gap-register.csv'), 'utf8');
    expect(plain.split('\r\n')[0]).toBe('gap_id,type,product,users_or_seats_short,first_day,last_day,evidence,exposure_current,exposure_list,remediation,owner,due_date');
    const emails = [...new Set(plain.match(/[a-z0-9.]+@[a-z0-9-]+\.example/g) ?? [])];
    expect(emails.length).toBeGreaterThan(10);

    // The redaction switch: the same register, with every e-mail replaced by its pseudonym.
    await page.check('[data-testid="redact"]');
    await page.click('[data-testid="prepare-deliverables"]');
    await page.waitForSelector('[data-testid="deliverables-summary"][data-redacted="true"]');
    const redacted = readFileSync(await download(page, 'download-gap-register.csv'), 'utf8');
    expect(redacted.split('\r\n')).toHaveLength(plain.split('\r\n').length);
    expect(emails.filter((e) => redacted.includes(e))).toEqual([]);
    expect(redacted).toMatch(/person-[0-9a-f]{8}@partner-contractors\.example/);

    // The print layout, printed by Chromium: one section a page, with the brief's headings and none of the page's.
    await page.click('[data-testid="print-layout"]');
    await page.waitForSelector('[data-testid="print-brief-layout"] canvas');
    const pdf = await page.pdf({ format: 'A4', printBackground: true, outline: true, tagged: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(5);
    expect(pages).toBeLessThanOrEqual(8);
    const titles = outlineTitles(pdf);
    for (const heading of ['Summary', 'Offerings', 'Exposure scenarios', 'Savings and compliance gaps', 'What the data cannot see']) expect(titles).toContain(heading);
    expect(titles.some((t) => t.startsWith('Renewal brief: '))).toBe(true);
    for (const chrome of ['Load exports', 'Review settings', 'Price book', 'Deliverables', 'Findings']) expect(titles).not.toContain(chrome);

    // A snapshot saved now and loaded back: nothing new, nothing closed.
    const snapshot = await download(page, 'snapshot-save');
    expect(JSON.parse(readFileSync(snapshot, 'utf8'))).toMatchObject({ format: 'lrt-review-snapshot', redacted: true });
    await page.setInputFiles('[data-testid="snapshot-file"]', snapshot);
    await page.waitForSelector('[data-testid="snapshot-comparison"]');
    const dormant = page.locator('[data-testid="snapshot-rule-dormant_user"]');
    expect([await dormant.getAttribute('data-new'), await dormant.getAttribute('data-closed'), Number(await dormant.getAttribute('data-persisting'))]).toEqual(['0', '0', 150]);

    expect(harness.outside).toEqual([]);
    expect(harness.errors).toEqual([]);
    await page.close();
  });
});
