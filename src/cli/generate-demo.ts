/**
 * Writes the shipped demo estate: public/demo/demo-estate.csv.gzip and public/demo/demo-plan.json.
 * Run with `npm run demo:generate`. The test suite checks the shipped files match the generator.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { generateDemoEstate } from '../demo/estate.ts';

const outDir = fileURLToPath(new URL('../../public/demo/', import.meta.url));
const csvPath = `${outDir}demo-estate.csv.gzip`;
const planPath = `${outDir}demo-plan.json`;

const { csv, plan } = generateDemoEstate();
const csvBytes = Buffer.from(csv, 'utf8');
const gz = gzipSync(csvBytes, { level: 9 });
const rows = csv.split('\n').filter((line) => line.length > 0).length - 1;

mkdirSync(outDir, { recursive: true });
writeFileSync(csvPath, gz);
writeFileSync(planPath, `${JSON.stringify(plan, null, 2)}\n`);

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(2)} MiB`;
console.log(`seed ${plan.seed}: ${rows} rows, CSV ${mb(csvBytes.length)}, gzip ${mb(gz.length)} (${gz.length} bytes)`);
console.log(`wrote ${csvPath}`);
console.log(`wrote ${planPath}`);
