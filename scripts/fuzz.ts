/**
 * The fuzz suite at length, for nightly runs: every class of test/fuzz/ and the browser links
 * (test/e2e/fuzz-links.e2e.test.ts, after `npm run build`) with many more cases than `npm test`
 * gives them and no time budget. Counts and timings go to test-results/fuzz/.
 * Usage: npm run fuzz -- --runs 100000 [--seed 7] [--no-browser]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumAvailable } from '../test/e2e/browser';

const args = process.argv.slice(2);
const value = (flag: string) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = value('--runs') ?? '100000';
const seed = value('--seed') ?? String(Date.now() % 1_000_000);
if (!/^\d{1,9}$/.test(runs) || Number(runs) < 1) throw new Error(`--runs must be a whole number ≥ 1; got '${runs}'`);
if (!/^\d{1,9}$/.test(seed)) throw new Error(`--seed must be a whole number; got '${seed}'`);

const root = join(import.meta.dirname, '..');
const env = { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed };
console.log(`fuzz: ${runs} runs per class, seed ${seed} (rerun a failure with --seed ${seed})`);

const vitest = (extra: string[]) =>
  spawnSync('npx', ['vitest', 'run', ...extra], { cwd: root, env, stdio: 'inherit' }).status ?? 1;

const results = join(root, 'test-results', 'fuzz');
rmSync(results, { recursive: true, force: true });
let status = vitest(['test/fuzz']);
const browser = !args.includes('--no-browser');
if (browser && chromiumAvailable() && existsSync(join(root, 'dist', 'index.html'))) {
  const browserStatus = vitest(['-c', 'vitest.e2e.config.ts', 'test/e2e/fuzz-links.e2e.test.ts']);
  status = status || browserStatus;
} else if (browser) {
  console.log('fuzz: browser links skipped (needs /usr/bin/chromium and a build: npm run build)');
}

if (existsSync(results)) {
  for (const file of readdirSync(results).sort()) {
    console.log(
      `${file.replace(/\.json$/, '').padEnd(28)} ${readFileSync(join(results, file), 'utf8').replace(/\s+/g, ' ')}`,
    );
  }
}
process.exitCode = status;
