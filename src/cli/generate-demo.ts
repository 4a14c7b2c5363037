/**
 * Writes the shipped demo estate to public/demo/: the session CSV (gzip), the Autodesk Account exports of the
 * same organisation (Usage Report, Subscriptions, Seat Usage), the review settings and the plan of planted cases.
 * Run with `npm run demo:generate`. The test suite checks the shipped files match the generator.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { DEMO_FILES, generateDemoEstate } from '../demo/estate.ts';

const outDir = fileURLToPath(new URL('../../public/demo/', import.meta.url));
const planPath = `${outDir}demo-plan.json`;

const { csv, plan, exports } = generateDemoEstate();
const csvBytes = Buffer.from(csv, 'utf8');
const gz = gzipSync(csvBytes, { level: 9 });
const rows = csv.split('\n').filter((line) => line.length > 0).length - 1;

mkdirSync(outDir, { recursive: true });
const written: [string, Buffer | string][] = [
  [DEMO_FILES.sessions, gz],
  [DEMO_FILES.usageReport, exports.usageReport],
  [DEMO_FILES.subscriptions, exports.subscriptions],
  [DEMO_FILES.seatUsage, exports.seatUsage],
  [DEMO_FILES.settings, exports.settings],
];
for (const [name, content] of written) writeFileSync(`${outDir}${name}`, content);
writeFileSync(planPath, `${JSON.stringify(plan, null, 2)}\n`);

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(2)} MiB`;
console.log(`seed ${plan.seed}: ${rows} rows, CSV ${mb(csvBytes.length)}, gzip ${mb(gz.length)} (${gz.length} bytes)`);
for (const [name, content] of written) console.log(`wrote ${outDir}${name} (${Buffer.byteLength(content)} bytes)`);
console.log(`wrote ${planPath}`);
