import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CPUS, GPUS, MODELS } from '../../src/catalog/catalog';
import { LINK_CATALOGUE } from '../../src/view-models/link-catalogue';
import { WEIGHT_FORMATS, weightFormatById } from '../../src/core/formats/weight-formats';
import { wellFormed } from '../../src/core/input-text';
import { RUNTIME_IDS, RUNTIMES } from '../../src/core/runtimes/registry';
import { FABRICS } from '../../src/catalog/systems';
import { MAX_NODES, MAX_SERVING_USERS, type ServingState } from '../../src/url/serving-state';
import { TASK_IDS } from '../../src/url/task-state';
import { trainingArb } from './training-arbitrary';
import { priceNeedsArb } from './price-arbitrary';
import { nearestLoadable } from '../../src/core/runtimes/rules';
import { compactHfConfig } from '../../src/importers/hf-config';
import { LINK_KEYS, LINK_KEY_PREFIXES } from '../../src/url/link-keys';
import {
  MAX_BATCH,
  MAX_CONTEXT,
  MAX_DECODE_FILTER,
  MAX_POOL_GPUS,
  MAX_TABLE_TEXT,
  PLAN_LIMITS,
  bareSizeToken,
} from '../../src/url/link-limits';
import type { KnownIds } from '../../src/url/share-link';
import { HARDWARE_CLASS_IDS, VIEW_IDS, poolKey, type GpuPool, type ShareState } from '../../src/url/share-state';
import { TABLE_COLUMN_IDS, TEXT_FILTER_COLUMNS, type TableState } from '../../src/url/table-state';

/**
 * Generators for the fuzz suite: hostile links built from the link vocabulary and the values
 * that broke it (issue 16), and every state the page can reach, for round trips.
 */

/** What the page accepts (src/app/use-share-state.ts builds the same from the same modules). */
export const PAGE_KNOWN: KnownIds = LINK_CATALOGUE;

const MODEL_IDS = MODELS.map((m) => m.id);
const GPU_IDS = GPUS.map((g) => g.id);
const FORMAT_IDS = WEIGHT_FORMATS.map((f) => f.id);

const LLAMA = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'configs', 'llama-3-8b.json'), 'utf8'),
) as Record<string, unknown>;

/** The numbers that broke parsers and formatters: huge, tiny, negative, non-integer, exponent. */
const NASTY_NUMBERS = [0, -1, 1, 0.5, 1e-7, 1e6, 1e7, 1e9, 1e15, 1e21, 1e300, 100_000, 2 ** 53, -1e300];

/** A llama config.json with one field set to a hostile value, as text. */
export const hostileConfig: fc.Arbitrary<string> = fc
  .record({
    key: fc.constantFrom(
      'num_hidden_layers',
      'hidden_size',
      'intermediate_size',
      'num_attention_heads',
      'num_key_value_heads',
      'vocab_size',
      'max_position_embeddings',
      'head_dim',
      'sliding_window',
      'num_local_experts',
      'num_experts_per_tok',
      'model_type',
      'quantization_config',
    ),
    value: fc.oneof(
      fc.constantFrom<unknown>(...NASTY_NUMBERS, null, 'x', true, [], {}, 'gemma2'),
      fc.integer({ min: 1, max: 4096 }),
    ),
  })
  .map(({ key, value }) => {
    const text = JSON.stringify({ ...LLAMA, [key]: value });
    // A link carries the compact form the page writes, when the config is usable at all.
    return compactHfConfig(text).json ?? text;
  });

/** Values a hostile link puts anywhere: the cases of issue 16 and their neighbours. */
const nastyValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...MODEL_IDS, ...GPU_IDS, ...FORMAT_IDS, ...VIEW_IDS, ...RUNTIME_IDS) },
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      ',',
      ',,,',
      '_',
      '*',
      '~',
      '__proto__',
      'constructor',
      'toString',
      'valueOf',
      '0b',
      '5m',
      '100t',
      '0.5b',
      '7b',
      '10t',
      '10.5t',
      '99m',
      'config',
      'Q4_K_M,q4_k_m',
      'bpw-0.5',
      'bpw-32',
      'bpw-33',
      'exl2-4.65',
      'rtx-4090*99',
      'rtx-4090*0',
      'rtx-4090*64_rtx-3090',
      'rtx-4090_rtx-3090_rtx-4090',
      'rtx-4090*2,rtx-4090*2',
      'llama-3-1-8b~rtx-4090',
      '1e-7',
      '1e+21',
      '9'.repeat(400),
      '-5',
      '0',
      '4096',
      '16777216',
      '16777217',
      '1048577',
      '257',
      '0x10',
      'NaN',
      'Infinity',
      '１２',
      `a${'😀'.repeat(60)}`,
      '😀'.repeat(120),
      '\uD83D',
      '\u0000\n\t',
      '<img src=x onerror=alert(1)>',
      'x'.repeat(10_240),
      Array.from({ length: 80 }, (_, i) => MODEL_IDS[i % MODEL_IDS.length] ?? '').join(','),
      Array.from({ length: 70 }, (_, i) => GPU_IDS[i % GPU_IDS.length] ?? '').join(','),
    ),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 30, unit: 'grapheme' }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12, unit: 'binary' }) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY_NUMBERS).map(String) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.constantFrom(...MODEL_IDS, ...GPU_IDS, ...FORMAT_IDS, 'zzz', '7b'), { maxLength: 6 })
      .map((a) => a.join(',')),
  },
);

const knownKey = fc.constantFrom(...Object.keys(LINK_KEYS));
const anyKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: knownKey },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...Object.keys(LINK_KEY_PREFIXES)), fc.constantFrom(...TABLE_COLUMN_IDS, 'x', ''))
      .map(([p, c]) => `${p}${c}`),
  },
  { weight: 1, arbitrary: fc.constantFrom('gpu', 'model', 'M', 'CTX', 'zz', '', '__proto__', 'v ', 'hf') },
);

/** One part of a hostile link: a key and a value (a hostile config for cfg). */
const linkPart: fc.Arbitrary<[string, string]> = anyKey.chain((key) =>
  fc.tuple(fc.constant(key), key === 'cfg' ? fc.oneof(hostileConfig, nastyValue) : nastyValue),
);

/** A whole hostile query string, percent-encoded as a browser would send it. */
export const hostileLink: fc.Arbitrary<string> = fc
  .tuple(fc.array(linkPart, { minLength: 1, maxLength: 8 }), fc.constantFrom('', 'v=1&', 'v=2&', 'v=99&', 'v=abc&'))
  .map(([parts, version]) => {
    const encode = (t: string) => encodeURIComponent(wellFormed(t));
    const query = parts.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
    return `?${version}${query}`;
  });

// ---------------------------------------------------------------------------------------------
// Every state the page can reach: what its controls can write, within the link's limits.

const codePoints = (max: number) => fc.string({ maxLength: max, unit: 'grapheme' });

const tableArb: fc.Arbitrary<TableState> = fc.record({
  sort: fc.uniqueArray(fc.record({ id: fc.constantFrom(...TABLE_COLUMN_IDS), desc: fc.boolean() }), {
    maxLength: 3,
    selector: (s) => s.id,
  }),
  search: codePoints(MAX_TABLE_TEXT).filter((t) => Array.from(t).length <= MAX_TABLE_TEXT),
  filters: fc
    .tuple(
      fc.uniqueArray(
        fc.record({
          id: fc.constantFrom(...TEXT_FILTER_COLUMNS),
          value: codePoints(MAX_TABLE_TEXT).filter((t) => t !== '' && Array.from(t).length <= MAX_TABLE_TEXT),
        }),
        { maxLength: 3, selector: (f) => f.id },
      ),
      fc.option(
        fc
          .oneof(
            fc.double({ min: 0, max: MAX_DECODE_FILTER, noNaN: true }),
            fc.constantFrom(1e-7, 1e-300, 5e-324, 0.1, MAX_DECODE_FILTER),
          )
          .map((value) => ({ id: 'decode' as const, value: Object.is(value, -0) ? 0 : value })),
        { nil: null },
      ),
    )
    .map(([text, min]) => (min ? [...text, min] : text)),
  hidden: fc.uniqueArray(fc.constantFrom(...TABLE_COLUMN_IDS), { maxLength: 4 }),
});

const poolArb: fc.Arbitrary<GpuPool> = fc
  .array(fc.record({ id: fc.constantFrom(...GPU_IDS), count: fc.integer({ min: 1, max: 8 }) }), {
    minLength: 1,
    maxLength: 4,
  })
  // Neighbours of one GPU merge, as the pickers and the CLI write them; the pool fits the limit.
  .map((parts) => {
    const merged: { id: string; count: number }[] = [];
    for (const p of parts) {
      const last = merged[merged.length - 1];
      if (last?.id === p.id) last.count += p.count;
      else merged.push({ ...p });
    }
    return { parts: merged };
  })
  .filter((p) => p.parts.reduce((n, x) => n + x.count, 0) <= MAX_POOL_GPUS);

const bareSizeArb = fc
  .oneof(fc.double({ min: 1e8, max: 1e13, noNaN: true }), fc.constantFrom(1e8, 7e9, 1e13, 1.5e12, 3.5e8))
  .map(bareSizeToken);

const usableConfig = fc
  .record({
    layers: fc.integer({ min: 1, max: 1024 }),
    hidden: fc.integer({ min: 1, max: 64 }).map((h) => h * 128),
    vocab: fc.integer({ min: 1000, max: 4_194_304 }),
  })
  .map(({ layers, hidden, vocab }) => {
    const text = JSON.stringify({
      ...LLAMA,
      num_hidden_layers: layers,
      hidden_size: hidden,
      num_attention_heads: hidden / 128,
      num_key_value_heads: hidden / 128,
      vocab_size: vocab,
    });
    const json = compactHfConfig(text).json;
    if (json === undefined) throw new Error('the generated config must be usable');
    return json;
  });

const optionalWhole = (max: number) => fc.option(fc.integer({ min: 1, max }), { nil: null });

/** The Serve task's settings as the page can set them (url/serving-state.ts). */
export const servingArb: fc.Arbitrary<ServingState> = fc.record({
  users: fc.option(fc.integer({ min: 1, max: MAX_SERVING_USERS }), { nil: null }),
  output: fc.integer({ min: 1, max: 100_000 }),
  minTps: fc.integer({ min: 1, max: 1000 }),
  nodes: fc.integer({ min: 1, max: MAX_NODES }),
  tensor: optionalWhole(64),
  pipeline: optionalWhole(16),
  expert: optionalWhole(64),
  memoryFraction: fc.option(
    fc.integer({ min: 5, max: 100 }).map((n) => n / 100),
    { nil: null },
  ),
  batchedTokens: optionalWhole(65536),
  network: fc.constantFrom(...FABRICS.map((f) => f.id)),
});

/** System RAM and experts kept there as the page sets them (url/host-state.ts). */
export const hostArb: fc.Arbitrary<ShareState['host']> = fc
  .record({
    ramGb: fc.option(fc.integer({ min: 1, max: 4096 }), { nil: null }),
    bandwidthGbps: fc.option(
      fc.integer({ min: 1, max: 9000 }).map((n) => n / 10),
      { nil: null },
    ),
    cpu: fc.option(fc.constantFrom(...CPUS.map((c) => c.id)), { nil: null }),
    cpuMoe: fc.option(fc.oneof(fc.constant('all' as const), fc.integer({ min: 1, max: 128 })), { nil: null }),
  })
  // A CPU sets the bandwidth: the link keeps one or the other.
  .map((h) => (h.cpu === null ? h : { ...h, bandwidthGbps: null }));

export const reachableState: fc.Arbitrary<ShareState> = fc
  .record({
    view: fc.constantFrom(...VIEW_IDS),
    models: fc.uniqueArray(fc.oneof(fc.constantFrom(...MODEL_IDS), bareSizeArb), { minLength: 1, maxLength: 8 }),
    config: fc.option(usableConfig, { nil: null }),
    formats: fc.uniqueArray(
      fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...FORMAT_IDS) },
        { weight: 1, arbitrary: fc.double({ min: 1, max: 32, noNaN: true }).map((b) => `bpw-${b}`) },
        { weight: 1, arbitrary: fc.double({ min: 1, max: 32, noNaN: true }).map((b) => `exl2-${b}`) },
      ),
      { minLength: 1, maxLength: 6, selector: (id) => weightFormatById(id)?.id ?? id },
    ),
    context: fc.integer({ min: 1, max: MAX_CONTEXT }),
    batch: fc.integer({ min: 1, max: MAX_BATCH }),
    runtime: fc.constantFrom(...RUNTIME_IDS),
    pools: fc.uniqueArray(poolArb, { minLength: 1, maxLength: 6, selector: poolKey }),
    baselinePool: fc.option(poolArb, { nil: null }),
    plan: fc
      .tuple(
        fc.record({
          minTps: fc.integer({ min: 1, max: PLAN_LIMITS.minTps }),
          budget: fc.option(fc.integer({ min: 1, max: PLAN_LIMITS.budget }), { nil: null }),
          power: fc.option(fc.integer({ min: 1, max: PLAN_LIMITS.power }), { nil: null }),
          hardware: fc.uniqueArray(fc.constantFrom(...HARDWARE_CLASS_IDS), { minLength: 1 }),
          formats: fc.constantFrom('best' as const, 'chosen' as const, 'quality' as const),
          maxLoss: fc.integer({ min: 1, max: 10_000 }).map((n) => n / 10_000),
        }),
        priceNeedsArb,
      )
      .map(([needs, prices]) => ({ ...needs, ...prices })),
    table: tableArb,
    task: fc.constantFrom(...TASK_IDS),
    serving: servingArb,
    training: trainingArb,
    host: hostArb,
  })
  .chain((s) =>
    fc
      .record({
        selected: fc.option(
          fc.record({ model: fc.constantFrom(...s.models), pool: fc.constantFrom(...s.pools.map(poolKey)) }),
          { nil: null },
        ),
        kv: fc.constantFrom(...RUNTIMES[s.runtime].kvCacheTypes),
      })
      .map(({ selected, kv }): ShareState => {
        const { baselinePool, ...rest } = s;
        // The pasted config is a model only with its text; formats are kept by canonical id, and
        // only those the runtime loads are reachable (switching runtime replaces the others).
        const models = rest.config ? [...rest.models, 'config'] : rest.models;
        const formats: string[] = [];
        for (const id of rest.formats) {
          const f = weightFormatById(id);
          const kept = f ? nearestLoadable(RUNTIMES[rest.runtime], f).id : id;
          if (!formats.includes(kept)) formats.push(kept);
        }
        return {
          ...rest,
          models,
          formats,
          selected,
          kv,
          baseline: baselinePool ? poolKey(baselinePool) : null,
        };
      }),
  );
