import { money } from '../lib/amounts.ts';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Engine } from '../engine/engine.ts';
import { openNodeRunner } from '../db/open-node.ts';
import { openNativeRunner } from '../db/open-native.ts';
import type { SourceFile } from '../ingest/ingest-report.ts';
import { FileOnDisk } from './file-on-disk.ts';
import { parseSettings, type ReviewSettings } from '../settings/schema.ts';
import { newRedactionKey } from '../deliverables/redact.ts';
import { timeZoneName } from '../lib/time-zone.ts';
import type { MoneyReview } from '../money/money-review.ts';
import { compareSnapshots } from '../deliverables/snapshot-compare.ts';
import { readSnapshot, snapshotText, type ReviewSnapshot } from '../deliverables/snapshot.ts';

const USAGE =
  'usage: npm run review -- [--engine native|wasm] [--config FILE] [--out DIR] [--redact] [--snapshot FILE [--include-usage]] [--compare FILE] [--export-sessions FILE] [--time-zone [FILE=]ZONE]... [--demo] FILE...';
/** The engines the twin runs on: native DuckDB (every core, spills to disk) or the page's own wasm. */
const ENGINES = { native: openNativeRunner, wasm: openNodeRunner } as const;
const DEMO_DIR = fileURLToPath(new URL('../../public/demo/', import.meta.url));
/** Every shipped demo file the engine loads: the session CSV and the Autodesk Account exports of the same estate. */
const DEMO_FILES = ['demo-estate.csv.gzip', 'demo-usage-report.csv', 'demo-subscriptions.csv', 'demo-seat-usage.csv'].map((name) => join(DEMO_DIR, name));
/** The demo's review settings, used with --demo when no --config is given. */
const DEMO_SETTINGS = join(DEMO_DIR, 'demo-settings.json');

export interface TwinResult {
  exitCode: number;
  /** What was written, for the caller to print. */
  lines: string[];
}

/**
 * The headless twin: the page's engine, in Node, on the same wasm. Writes review.json and the deliverables into DIR
 * (redacted with --redact), a snapshot with --snapshot, a comparison with last quarter's with --compare; exits
 * non-zero with the page's own sentence when an input cannot be read.
 */
export async function runReview(argv: string[]): Promise<TwinResult> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: 'string' },
        out: { type: 'string', default: 'review-out' },
        'export-sessions': { type: 'string' },
        redact: { type: 'boolean', default: false },
        snapshot: { type: 'string' },
        'include-usage': { type: 'boolean', default: false },
        compare: { type: 'string' },
        demo: { type: 'boolean', default: false },
        engine: { type: 'string', default: 'native' },
        'time-zone': { type: 'string', multiple: true, default: [] },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    return { exitCode: 2, lines: [String(error instanceof Error ? error.message : error), USAGE] };
  }
  const { values, positionals } = args;
  if (values.help) return { exitCode: 0, lines: [USAGE] };
  const engineName = values.engine;
  if (!Object.hasOwn(ENGINES, engineName)) return { exitCode: 2, lines: [`--engine ${engineName} is not an engine: expected native or wasm.`, USAGE] };
  const paths = [...(values.demo ? DEMO_FILES : []), ...positionals];
  const config = values.config ?? (values.demo && existsSync(DEMO_SETTINGS) ? DEMO_SETTINGS : undefined);
  if (paths.length === 0) return { exitCode: 2, lines: ['no input: name at least one file or pass --demo.', USAGE] };

  let settings: ReviewSettings;
  try {
    settings = parseSettings(config ? JSON.parse(await readFile(config, 'utf8')) : {}, config ?? 'settings');
  } catch (error) {
    const message = error instanceof SyntaxError ? `${config} is not valid JSON: ${error.message}` : String(error instanceof Error ? error.message : error);
    return { exitCode: 2, lines: [message] };
  }

  const zones = serverTimeZones(values['time-zone'], paths.map((p) => basename(p)));
  if (typeof zones === 'string') return { exitCode: 2, lines: [zones, USAGE] };

  const engine = new Engine(ENGINES[engineName as keyof typeof ENGINES]);
  try {
    const sources: SourceFile[] = [];
    for (const path of paths) {
      try {
        const name = basename(path);
        const time_zone = zones.get(name) ?? zones.get('');
        sources.push({ name, blob: new FileOnDisk(path), path, ...(time_zone ? { time_zone } : {}) });
      } catch {
        return { exitCode: 2, lines: [`${path} cannot be opened: expected a readable file.`] };
      }
    }
    const reports = await engine.load(sources);
    const failures = reports.filter((r) => r.status === 'failed').map((r) => r.message ?? `${r.file} could not be loaded.`);

    let previous: ReviewSnapshot | null = null;
    if (values.compare) {
      try {
        previous = readSnapshot(await readFile(values.compare, 'utf8'), basename(values.compare));
      } catch (error) {
        return { exitCode: 2, lines: [error instanceof Error ? error.message : String(error)] };
      }
    }

    const redact = values.redact;
    // Pseudonyms are keyed: the first redacted review of an engagement makes its key, which must be kept for the next.
    const newKey = redact && !settings.engagement.redaction_key;
    if (newKey) settings = { ...settings, engagement: { ...settings.engagement, redaction_key: newRedactionKey() } };
    const { deliverables, files } = await engine.deliverables(settings, { redact });
    const outDir = resolve(values.out);
    await mkdir(outDir, { recursive: true });
    for (const f of files) await writeFile(join(outDir, f.name), f.content);
    const review = deliverables.review;
    const lines = [
      ...failures,
      `wrote ${files.map((f) => f.name).join(', ')} to ${outDir}${redact ? ' (redacted)' : ''}: ${review.findings.length} findings over ${review.window?.start ?? '-'} .. ${review.window?.end ?? '-'}`,
      moneyLine(review.money, settings.prices.currency),
    ];
    if (newKey) {
      await writeFile(join(outDir, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
      lines.push(`made a redaction key and wrote the settings with it to ${join(outDir, 'settings.json')}: keep that file private and pass it with --config next quarter, so that the pseudonyms stay the same`);
    }
    if (values.snapshot || previous) {
      const snapshot = await engine.snapshot(settings, { includeUsage: values['include-usage'], redact });
      if (values.snapshot) {
        const target = resolve(values.snapshot);
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, snapshotText(snapshot));
        lines.push(`wrote ${target}: the snapshot for next quarter's comparison`);
      }
      if (previous) {
        const comparison = compareSnapshots(previous, snapshot);
        await writeFile(join(outDir, 'comparison.json'), `${JSON.stringify(comparison, null, 2)}\n`);
        lines.push(`compared with ${basename(values.compare!)}: ${comparison.headline} Wrote comparison.json`);
      }
    }
    if (values['export-sessions']) {
      const target = resolve(values['export-sessions']);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, await engine.exportSessionsCsv({ redact, key: settings.engagement.redaction_key }));
      lines.push(`wrote ${target}: ${review.overview.sessions} sessions in the LRT session format`);
    }
    return { exitCode: failures.length > 0 ? 1 : 0, lines };
  } finally {
    await engine.close();
  }
}

/**
 * The licence servers' clocks from --time-zone: `ZONE` for every log and lmstat file (key ''), `FILE=ZONE` for the file
 * of that name; or the sentence saying which one is wrong.
 */
function serverTimeZones(options: string[], names: string[]): Map<string, string> | string {
  const zones = new Map<string, string>();
  for (const option of options) {
    const at = option.lastIndexOf('=');
    const file = at < 0 ? '' : option.slice(0, at);
    const zone = timeZoneName(option.slice(at + 1));
    if (zone === null) return `--time-zone ${option}: "${option.slice(at + 1)}" is not a time zone name, such as Europe/Berlin or America/New_York.`;
    if (file !== '' && !names.includes(file)) return `--time-zone ${option}: no input file is named ${file}.`;
    zones.set(file, zone);
  }
  return zones;
}

/** The money view in one line: the exposure range and the savings, as the page's headline tiles show them. */
function moneyLine(review: MoneyReview, currency: string): string {
  const inCurrency = (amount: number) => money(amount, currency);
  const { range, seats_short, unpriced_gaps } = review.exposure;
  const exposure = range ? `exposure ${inCurrency(range.low)} to ${inCurrency(range.high)} (${seats_short} seats short${unpriced_gaps ? `, ${unpriced_gaps} gaps not priced` : ''})` : `exposure not valued (${seats_short} seats short)`;
  const total = review.savings.total_per_year;
  return `${exposure}; savings ${total === null ? 'not priced' : `${inCurrency(total)} a year`}`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { exitCode, lines } = await runReview(process.argv.slice(2));
  for (const line of lines) (exitCode === 0 ? console.log : console.error)(line);
  process.exitCode = exitCode;
}
