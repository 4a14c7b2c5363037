import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runReview } from '../../src/cli/review.ts';

const TINY = new URL('../fixtures/tiny-sessions.csv', import.meta.url).pathname;

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'lrt-twin-'));
}

describe('the headless twin (npm run review)', () => {
  it('writes review.json with ingest, window and findings', async () => {
    const out = tmp();
    const result = await runReview(['--out', out, TINY]);
    expect(result.exitCode).toBe(0);
    const review = JSON.parse(readFileSync(join(out, 'review.json'), 'utf8'));
    expect(review.ingest).toEqual([
      {
        file: 'tiny-sessions.csv', kind: 'lrt_sessions', status: 'loaded', message: null, rows_read: 7, rows_loaded: 4, rows_rejected: 3, rows_new: 4,
        where: null, date_order: null, time_zone: null, notes: [], first_day: '2026-03-02', last_day: '2026-03-04',
      },
    ]);
    expect(review.window).toMatchObject({ start: '2026-03-02', end: '2026-03-04', months: 12, data_start: '2026-03-02' });
    // Every rulebook rule, in rulebook order (1-12).
    expect(review.rules.map((r: { rule: string }) => r.rule)).toEqual([
      'dormant_user', 'low_frequency_user', 'single_product_collection', 'duplicate_access', 'contractor_access', 'unlicensed_access',
      'out_of_scope', 'over_count', 'usage_spike', 'new_domain', 'telemetry_gap', 'utilisation_depth', 'renewal',
    ]);
    expect(review.findings).toEqual([]);
  });

  it('exports every loaded session in the canonical format, which loads back to the same review', async () => {
    const out = tmp();
    const exported = join(out, 'sessions.csv');
    expect((await runReview(['--out', out, '--export-sessions', exported, TINY])).exitCode).toBe(0);
    const text = readFileSync(exported, 'utf8');
    expect(text.split('\r\n')[0]).toBe('user_id,user_email,user_name,product,product_line_code,product_version,feature,device_name,device_id,os,ip_address,network_domain,session_start,session_end,duration_minutes,licence_type,tokens,source');
    expect(text.trim().split('\r\n')).toHaveLength(5);
    const first = JSON.parse(readFileSync(join(out, 'review.json'), 'utf8'));
    const again = tmp();
    expect((await runReview(['--out', again, exported])).exitCode).toBe(0);
    const second = JSON.parse(readFileSync(join(again, 'review.json'), 'utf8'));
    expect(second.overview).toEqual(first.overview);
    expect(second.ingest[0]).toMatchObject({ rows_read: 4, rows_loaded: 4, rows_rejected: 0 });
  });

  it('applies a settings file and refuses a bad one with the field named', async () => {
    const dir = tmp();
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ window: { end: '2026-03-31', months: 3 } }));
    expect((await runReview(['--out', dir, '--config', good, TINY])).exitCode).toBe(0);
    const review = JSON.parse(readFileSync(join(dir, 'review.json'), 'utf8'));
    expect(review.window).toMatchObject({ end: '2026-03-31', months: 3, start: '2026-03-02' });
    // 3 April is past the data but inside the window: the business days after the last use are a gap.
    expect(review.findings).toEqual([{ rule: 'telemetry_gap', kind: 'no_usage', start: '2026-03-05', end: '2026-03-31', business_days: 19, hours: null, file: null }]);

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ window: { months: 48 } }));
    const refused = await runReview(['--out', dir, '--config', bad, TINY]);
    expect(refused.exitCode).toBe(2);
    expect(refused.lines.join('\n')).toMatch(/bad\.json: invalid review settings: window\.months/);
  });

  it('exits non-zero with the page\'s sentence for a file it cannot read', async () => {
    const dir = tmp();
    const other = join(dir, 'other.csv');
    writeFileSync(other, 'name,amount\nx,1\n');
    const result = await runReview(['--out', dir, other, TINY]);
    expect(result.exitCode).toBe(1);
    expect(result.lines[0]).toBe('other.csv has no header this review recognises (first line found: name, amount): it is not one of the exports or logs that can be loaded.');
    const review = JSON.parse(readFileSync(join(dir, 'review.json'), 'utf8'));
    expect(review.ingest.map((i: { status: string }) => i.status)).toEqual(['failed', 'loaded']);
  });

  it('refuses to run without input', async () => {
    expect((await runReview([])).exitCode).toBe(2);
  });
});

describe('the headless twin on the real exports', () => {
  it('converts a licence-server log to canonical sessions, one per version checkout', async () => {
    const log = new URL('../fixtures/flexlm/adskflex_2016_sample.log', import.meta.url).pathname;
    const text = readFileSync(log, 'utf8');
    // Independent count: each checkout writes a version-feature OUT line (5 digits, PLC, _YYYY_0F).
    const checkouts = (text.match(/\(adskflex\) OUT: "\d{5}[A-Z0-9]+_\d{4}_0F"/g) ?? []).length;
    const out = tmp();
    const exported = join(out, 'sessions.csv');
    expect((await runReview(['--out', out, '--export-sessions', exported, log])).exitCode).toBe(0);
    const review = JSON.parse(readFileSync(join(out, 'review.json'), 'utf8'));
    expect(review.ingest[0]).toMatchObject({ kind: 'flexnet_log', status: 'loaded', rows_rejected: 0, rows_new: checkouts });
    const lines = readFileSync(exported, 'utf8').trim().split('\r\n');
    expect(lines).toHaveLength(checkouts + 1);
    expect(lines.slice(1).every((l) => l.includes(',network,'))).toBe(true);
  });

  it("reads a log on its server's clock with --time-zone, for every log or for one by name, and refuses an unknown zone", async () => {
    const dir = tmp();
    const log = join(dir, 'srv.log');
    // 9:00 to 10:30 in January on a server in New York (UTC-5): 14:00 to 15:30 UTC.
    writeFileSync(log, [
      ' 8:00:00 (lmgrd) FlexNet Licensing (v11.18.0.0 build 1 x64_n6) started on SERVER01 (IBM PC) (1/12/2026)',
      ' 9:00:00 (adskflex) OUT: "87545ACD_2022_0F" anna@ws1',
      '10:30:00 (adskflex) IN: "87545ACD_2022_0F" anna@ws1',
    ].join('\n'));
    for (const zone of ['America/New_York', 'srv.log=America/New_York']) {
      const out = tmp();
      const exported = join(out, 'sessions.csv');
      expect((await runReview(['--out', out, '--time-zone', zone, '--export-sessions', exported, log])).exitCode).toBe(0);
      expect(JSON.parse(readFileSync(join(out, 'review.json'), 'utf8')).ingest[0]).toMatchObject({ status: 'loaded', time_zone: 'America/New_York' });
      expect(readFileSync(exported, 'utf8')).toContain(',2026-01-12T09:00:00-05:00,2026-01-12T10:30:00-05:00,90,network,');
    }
    const wrong = await runReview(['--out', tmp(), '--time-zone', 'Mars/Olympus', log]);
    expect([wrong.exitCode, wrong.lines[0]]).toEqual([2, '--time-zone Mars/Olympus: "Mars/Olympus" is not a time zone name, such as Europe/Berlin or America/New_York.']);
    const unnamed = await runReview(['--out', tmp(), '--time-zone', 'other.log=UTC', log]);
    expect([unnamed.exitCode, unnamed.lines[0]]).toEqual([2, '--time-zone other.log=UTC: no input file is named other.log.']);
  });
});
