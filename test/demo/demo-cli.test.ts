/** `npm run review -- --demo`: loads every shipped demo file and, without --config, the shipped demo settings. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runReview } from '../../src/cli/review.ts';
import type { DemoPlan } from '../../src/demo/estate.ts';

const plan = JSON.parse(readFileSync(new URL('../../public/demo/demo-plan.json', import.meta.url), 'utf8')) as DemoPlan;
const dir = mkdtempSync(join(tmpdir(), 'lrt-demo-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('review --demo', () => {
  it('loads every shipped demo file with demo-settings.json', async () => {
    const result = await runReview(['--demo', '--out', dir]);
    expect(result.exitCode).toBe(0);
    const doc = JSON.parse(readFileSync(join(dir, 'review.json'), 'utf8')) as {
      ingest: { file: string; status: string }[];
      settings: { corporate: { domains: string[] }; events: { date: string; name: string }[] };
      findings: { rule: string }[];
    };
    expect(doc.ingest.map((r) => r.file)).toEqual([plan.files.sessions, plan.files.usageReport, plan.files.subscriptions, plan.files.seatUsage]);
    expect(doc.ingest.every((r) => r.status === 'loaded')).toBe(true);
    expect(doc.settings.corporate.domains).toContain(plan.organisation.domain);
    expect(doc.settings.events).toEqual([{ date: plan.acquisition.date, name: plan.acquisition.name }]);
    expect(new Set(doc.findings.map((f) => f.rule)).size).toBe(13);
  }, 120_000);
});
