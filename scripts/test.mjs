// npm test: the checks (svelte-check, the layer rules) and the test suite side by side, not one after the other: the
// suite spends its first seconds building the page and starting Chromium, when the checks can use the CPU. The checks'
// output is printed whole when they end; the run fails when either fails.
import { spawn } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function run(command, args, { quiet }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    if (quiet) {
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
    }
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

const check = run(npm, ['run', '--silent', 'check'], { quiet: true }).then((result) => {
  process.stdout.write(`\n── npm run check (${result.code === 0 ? 'passed' : 'FAILED'}) ──\n${result.output}\n`);
  return result.code;
});
const suite = run(npx, ['vitest', 'run', ...process.argv.slice(2)], { quiet: false }).then((r) => r.code);
const [checkCode, suiteCode] = await Promise.all([check, suite]);
process.exit(checkCode !== 0 ? checkCode : suiteCode);
