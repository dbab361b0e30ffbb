import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

/**
 * How long and how hard the fuzz suite runs. In `npm test` each class runs a fixed, seeded
 * number of cases inside a time budget, so CI is reproducible and bounded; `npm run fuzz --
 * --runs 100000 [--seed 7]` (scripts/fuzz.ts) sets FUZZ_RUNS and FUZZ_SEED for a long run.
 */
const envRuns = Number(process.env['FUZZ_RUNS']);
const envSeed = Number(process.env['FUZZ_SEED']);

/** A long run: the counts come from FUZZ_RUNS and the time budgets are lifted. */
export const LONG_RUN = Number.isInteger(envRuns) && envRuns > 0;

export const SEED = Number.isInteger(envSeed) ? envSeed : 16;

/** Cases for a class: its CI count, or FUZZ_RUNS × its share of the long run. */
export function runs(ciRuns: number, longShare = 1): number {
  return LONG_RUN ? Math.max(1, Math.round(envRuns * longShare)) : ciRuns;
}

/** A test's time limit: `ms` in CI, a day in a long run. */
export function testTimeout(ms: number): number {
  return LONG_RUN ? 86_400_000 : ms;
}

/** fast-check options for one class: seeded, counted, and interrupted after `seconds` in CI. */
export function fuzzParameters<T>(ciRuns: number, seconds: number, longShare = 1): fc.Parameters<T> {
  return {
    seed: SEED,
    numRuns: runs(ciRuns, longShare),
    ...(LONG_RUN ? {} : { plugins: [fc.interruptAfterTimeLimit(seconds * 1000)] }),
  };
}

const RESULTS = join(import.meta.dirname, '..', '..', 'test-results', 'fuzz');

/**
 * Runs a property and records how many cases it tried (test-results/fuzz/<name>.json), failing
 * with fast-check's report, seed and shrunk counterexample when one case fails.
 */
export function checkProperty<Ts extends [unknown, ...unknown[]]>(
  name: string,
  property: fc.IPropertyWithHooks<Ts>,
  parameters: fc.Parameters<Ts>,
  extra: () => Record<string, unknown> = () => ({}),
): number {
  const started = performance.now();
  const details = fc.check(property, parameters);
  if (details.failed) throw new Error(fc.defaultReportMessage(details) ?? `${name} failed`);
  const seconds = Math.round((performance.now() - started) / 10) / 100;
  record(name, { cases: details.numRuns, seed: SEED, seconds, ...extra() });
  return details.numRuns;
}

export function record(name: string, figures: Record<string, unknown>): void {
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, `${name}.json`), `${JSON.stringify(figures, null, 2)}\n`);
}

/** Text a user must never see: exponent notation, NaN, Infinity, undefined or a stack frame. */
export const BAD_TEXT = /NaN|Infinity|undefined|\[object |\de[+-]\d|\bat \S+:\d+:\d+/;

/** Every string and number in a value, with its path. */
export function leaves(
  value: unknown,
  path = '$',
  out: [string, unknown][] = [],
  seen = new Set<object>(),
): [string, unknown][] {
  if (typeof value === 'string' || typeof value === 'number') out.push([path, value]);
  else if (value !== null && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    for (const [k, v] of Object.entries(value)) leaves(v, `${path}.${k}`, out, seen);
  }
  return out;
}

/** The first leaf that is a non-finite number or a string with bad text, or null. */
export function badLeaf(value: unknown): string | null {
  for (const [path, leaf] of leaves(value)) {
    if (typeof leaf === 'number' && !Number.isFinite(leaf)) return `${path} = ${String(leaf)}`;
    // Source addresses may hold commit hashes ("4e7a…"), which are not numbers.
    if (typeof leaf === 'string' && !/^https?:/.test(leaf) && BAD_TEXT.test(leaf))
      return `${path} = ${JSON.stringify(leaf.slice(0, 200))}`;
  }
  return null;
}
