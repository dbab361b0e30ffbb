import fc from 'fast-check';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GPUS, MODELS } from '../../src/catalog/catalog';
import { WEIGHT_FORMATS } from '../../src/core/formats/weight-formats';
import { RUNTIME_IDS } from '../../src/core/runtimes/registry';
import { parseShareLink } from '../../src/url/share-link';
import { buildScenario, estimateFor } from '../../src/view-models/scenario';
import { headroom } from '../cli-harness';
import { BAD_TEXT, checkProperty, fuzzParameters, testTimeout } from './fuzz-settings';
import { PAGE_KNOWN } from './link-arbitraries';

/**
 * Argument sets for the CLI, run in-process (test/cli-harness.ts): every run exits 0 with
 * finite numbers and no NaN/Infinity/exponent text, or 2 with one short line on stderr; never 1
 * (an internal error) or a stack trace. A successful estimate's closing link reopens, in the
 * page's own parser and estimator, exactly what the CLI estimated.
 */

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'configs');
let scratch = '';
const configPaths: string[] = [];

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'headroom-fuzz-'));
  const llama = JSON.parse(readFileSync(join(FIXTURES, 'llama-3-8b.json'), 'utf8')) as Record<string, unknown>;
  const hostile: Record<string, Record<string, unknown>> = {
    'inter-1e300': { intermediate_size: 1e300 },
    'hidden-1e200': { hidden_size: 1e200 },
    'layers-1e9': { num_hidden_layers: 1e9 },
    'layers-1e7': { num_hidden_layers: 1e7 },
    'positions-1e300': { max_position_embeddings: 1e300 },
    'vocab-1e15': { vocab_size: 1e15 },
    'heads-0': { num_attention_heads: 0 },
    'window-huge': { model_type: 'gemma2', sliding_window: 1e12 },
  };
  for (const [name, patch] of Object.entries(hostile)) {
    const path = join(scratch, `${name}.json`);
    writeFileSync(path, JSON.stringify({ ...llama, ...patch }));
    configPaths.push(path);
  }
  const big = join(scratch, 'two-megabytes.json');
  writeFileSync(big, `{"a": "${'x'.repeat(2 * 1024 * 1024)}"}`);
  configPaths.push(big, join(FIXTURES, 'llama-3-8b.json'), join(FIXTURES, 'mixtral-8x7b.json'), scratch);
  configPaths.push(join(FIXTURES, 'truncated.json'), join(scratch, 'missing.json'));
  if (existsSync('/dev/zero')) configPaths.push('/dev/zero');
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const MODEL_IDS = MODELS.map((m) => m.id);
const GPU_IDS = GPUS.map((g) => g.id);
const FORMAT_IDS = WEIGHT_FORMATS.map((f) => f.id);

const junk = fc.constantFrom(
  '',
  ' ',
  ',',
  '-5',
  '0',
  '1e40',
  '0.000000001',
  '9'.repeat(400),
  'NaN',
  'Infinity',
  '__proto__',
  'toString',
  'x'.repeat(10_240),
  '😀'.repeat(50),
  'a\nb',
);
const number = fc.oneof(
  fc.constantFrom('0.5', '1', '4', '8', '16', '24', '64', '80', '256', '1000', '4096', '65536', '100000', '2000000'),
  fc.double({ min: 0, max: 1e6, noNaN: true }).map((n) => String(n)),
  junk,
);

/** Values for each flag: mostly meaningful, sometimes hostile. */
const VALUES: Record<string, fc.Arbitrary<string>> = {
  model: fc.oneof(fc.constantFrom(...MODEL_IDS, 'llama', 'llama70b', 'llama-3-1-8c'), junk),
  config: fc.constant(''), // replaced by a path at run time (the files are made in beforeAll)
  params: fc.oneof(
    fc.constantFrom('7b', '70B', '7e9', '1m', '100t', '10t', '0.5b', '1.5t', '350m', '7123456789'),
    junk,
  ),
  precision: fc.oneof(fc.constantFrom(...FORMAT_IDS, 'awq', 'gptq', 'nf4', 'q4_k', 'bpw-3.5', 'exl2-4.65', 'q9'), junk),
  bpw: number,
  context: fc.oneof(fc.constantFrom('8k', '32k', '1', '131072', '2000000', '16777216', '10m'), number),
  batch: number,
  prompt: number,
  'kv-cache': fc.oneof(fc.constantFrom('f16', 'bf16', 'fp8', 'q8_0', 'q4_0', 'f32', 'fp16'), junk),
  runtime: fc.oneof(fc.constantFrom(...RUNTIME_IDS, 'llamacpp', 'hf'), junk),
  gpu: fc.oneof(fc.constantFrom(...GPU_IDS, '4090', '3090', 'a100', 'nvidia', 'h100 sxm', 'm4 max'), junk),
  gpus: number,
  vram: number,
  bandwidth: number,
  tflops: number,
  'gpu-vendor': fc.oneof(fc.constantFrom('nvidia', 'amd', 'apple', 'intel', 'cpu'), junk),
  ram: number,
  'ram-bandwidth': number,
  cpu: fc.oneof(fc.constantFrom('epyc-9654', 'epyc', 'xeon', 'ryzen'), junk),
  split: fc.oneof(fc.constantFrom('layer', 'tensor'), junk),
  'flash-attention': fc.oneof(fc.constantFrom('on', 'off', 'true'), junk),
  'baseline-gpu': fc.oneof(fc.constantFrom(...GPU_IDS.slice(0, 20), '3090'), junk),
  'link-base': fc.constantFrom('https://example.org/headroom/', 'http://localhost:5173/?x=1', ''),
  users: number,
  'min-tps': number,
  'min-bits': number,
  budget: number,
  power: number,
  hardware: fc.oneof(
    fc.constantFrom('consumer', 'consumer,apple', ',', 'cloud', 'consumer,cloud', 'datacenter,datacenter'),
    junk,
  ),
  prices: fc.oneof(fc.constantFrom('launch', 'new', 'used', 'cheapest', 'msrp', ''), junk),
  'hours-per-day': number,
  years: number,
  electricity: number,
  top: number,
  sort: fc.oneof(fc.constantFrom('size', 'speed', 'context', '__proto__', 'valueOf'), junk),
};

const ESTIMATE_FLAGS = Object.keys(VALUES).filter(
  (k) =>
    ![
      'users',
      'min-tps',
      'min-bits',
      'budget',
      'power',
      'hardware',
      'top',
      'sort',
      'prices',
      'hours-per-day',
      'years',
      'electricity',
    ].includes(k),
);
const PLAN_FLAGS = [
  'model',
  'precision',
  'context',
  'users',
  'min-tps',
  'min-bits',
  'budget',
  'power',
  'hardware',
  'prices',
  'hours-per-day',
  'years',
  'electricity',
];
const CAN_RUN_FLAGS = ['gpu', 'gpus', 'context', 'users', 'runtime', 'kv-cache', 'sort'];

type Flag = readonly [string, string];

const flagsFrom = (names: readonly string[], max: number): fc.Arbitrary<Flag[]> =>
  fc.array(
    fc.oneof(
      { weight: 10, arbitrary: fc.constantFrom(...names).chain((n) => fc.tuple(fc.constant(n), VALUES[n] ?? junk)) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom('frobnicate', 'gpu-count', '-', 'json=1'), junk) },
    ),
    { maxLength: max },
  );

/** A model and a GPU that resolve, so most argument sets get as far as an estimate. */
const validStart: fc.Arbitrary<Flag[]> = fc
  .tuple(
    fc.oneof(
      fc.constantFrom(...MODEL_IDS).map((m): Flag => ['model', m]),
      fc.constantFrom('7b', '13b', '70b', '0.5b').map((p): Flag => ['params', p]),
      fc.constant<Flag>(['config', '']),
    ),
    fc.array(fc.constantFrom(...GPU_IDS), { minLength: 1, maxLength: 3 }).map((gs) => gs.map((g): Flag => ['gpu', g])),
  )
  .map(([model, gpus]) => [model, ...gpus]);

const argSet = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .tuple(fc.option(validStart, { nil: [] }), flagsFrom(ESTIMATE_FLAGS, 4), fc.boolean(), fc.nat())
      .map(([start, flags, json, pick]) => ({ command: 'estimate', flags: [...start, ...flags], json, pick })),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(flagsFrom(PLAN_FLAGS, 4), fc.boolean(), fc.nat()).map(([flags, json, pick]) => ({
      command: 'plan',
      flags: [['model', 'llama-3-1-8b'] as Flag, ...flags],
      json,
      pick,
    })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(flagsFrom(CAN_RUN_FLAGS, 3), fc.boolean(), fc.nat())
      .map(([flags, json, pick]) => ({ command: 'can-run', flags: [['gpu', '4090'] as Flag, ...flags], json, pick })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom('gpus', 'models', 'formats', '__proto__', 'toString', 'hasOwnProperty', 'launch', ''),
        fc.boolean(),
      )
      .map(([command, json]) => ({ command, flags: [] as Flag[], json, pick: 0 })),
  },
);

/** Flags whose effect a link does not carry: the page estimates without them. */
const NOT_IN_LINK = new Set(['ram', 'ram-bandwidth', 'cpu', 'split', 'flash-attention', 'prompt']);

function argv(set: { command: string; flags: readonly Flag[]; json: boolean; pick: number }): string[] {
  const out = [set.command];
  set.flags.forEach(([name, value], i) => {
    const v = name === 'config' ? (configPaths[(set.pick + i) % configPaths.length] ?? '') : value;
    out.push(`--${name}`, v);
  });
  if (set.json) out.push('--json');
  return out;
}

function numbersFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (value === null || typeof value !== 'object') return true;
  return Object.values(value).every(numbersFinite);
}

describe('fuzz: CLI argument sets', () => {
  it(
    'exit 0 with finite numbers, or exit 2 with one short line; the link reopens the same estimate',
    () => {
      const counts = { ok: 0, refused: 0, linkChecked: 0 };
      checkProperty(
        'cli-args',
        fc.property(argSet, (set) => {
          const args = argv(set);
          const r = headroom(...args);
          const shown = JSON.stringify(args).slice(0, 300);
          expect([0, 2], `${shown} → ${r.stderr}`).toContain(r.code);
          if (r.code === 2) {
            counts.refused++;
            expect(r.stdout, shown).toBe('');
            expect(r.stderr, shown).toMatch(/^headroom: [^\n]{1,360}\n$/);
            return;
          }
          counts.ok++;
          expect(r.stderr, shown).toBe('');
          if (!set.json) {
            // The closing link is an address, whose encoded JSON may hold anything; the rest is prose.
            const prose = r.stdout
              .split('\n')
              .filter((l) => !l.startsWith('Open in the app: '))
              .join('\n');
            expect(prose, shown).not.toMatch(BAD_TEXT);
            return;
          }
          const out = JSON.parse(r.stdout) as unknown;
          expect(numbersFinite(out), shown).toBe(true);
          if (set.command !== 'estimate') return;
          const report = out as {
            link: string | null;
            memory: { totalBytes: number | null; deviceBytes: number | null };
            fit: { verdict: string };
            speed: { decodeTokensPerSecond: number | null };
            params: { total: number | null };
          };
          expect(typeof report.memory.totalBytes, shown).toBe('number');
          expect(typeof report.params.total, shown).toBe('number');
          expect(report.speed.decodeTokensPerSecond === null, shown).toBe(report.fit.verdict === 'no');
          if (report.link === null) return;
          const link = parseShareLink(new URL(report.link).search, PAGE_KNOWN);
          expect(link.notices, shown).toEqual([]);
          if (set.flags.some(([name]) => NOT_IN_LINK.has(name))) return;
          // The page's own estimate of the link's selection: the same numbers the CLI printed.
          const s = buildScenario(link.state);
          const format = s.formats[0];
          if (!format) throw new Error('no format');
          const page = estimateFor(s, s.selectedModel, s.selectedPool, format);
          if (!page.ok) throw new Error(page.error);
          expect(page.value.memory.totalBytes, shown).toBe(report.memory.totalBytes);
          expect(page.value.fit.verdict, shown).toBe(report.fit.verdict);
          if (report.speed.decodeTokensPerSecond !== null)
            expect(page.value.speed.decodeTokensPerSecond, shown).toBe(report.speed.decodeTokensPerSecond);
          counts.linkChecked++;
        }),
        fuzzParameters(1500, 6, 0.2),
        () => counts,
      );
      // A suite that only ever refused would prove little: both outcomes must be common.
      expect(counts.ok).toBeGreaterThan(100);
      expect(counts.refused).toBeGreaterThan(100);
      expect(counts.linkChecked).toBeGreaterThan(20);
    },
    testTimeout(60_000),
  );
});
