/** `npm run review -- --demo`: loads every shipped demo file and, without --config, the shipped demo settings. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DemoPlan } from '../../src/demo/estate.ts';
import { demoTwinOutput } from '../helpers/demo.ts';

const plan = JSON.parse(readFileSync(new URL('../../public/demo/demo-plan.json', import.meta.url), 'utf8')) as DemoPlan;

describe('review --demo', () => {
  it('loads every shipped demo file with demo-settings.json', async () => {
    // runReview(['--demo', '--out', dir]), run once per vitest run for every file that reads it.
    const { dir, exitCode } = await demoTwinOutput();
    expect(exitCode).toBe(0);
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
  });
});
