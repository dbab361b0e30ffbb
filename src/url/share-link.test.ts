import fc from 'fast-check';
import { priceNeedsArb } from '../../test/fuzz/price-arbitrary';
import { describe, expect, it } from 'vitest';
import { parseShareLink, serializeShareLink, type KnownIds } from './share-link';
import { DEFAULT_STATE, HARDWARE_CLASS_IDS, SHARE_VERSION, VIEW_IDS, poolKey, type ShareState } from './share-state';
import { TABLE_COLUMN_IDS, TEXT_FILTER_COLUMNS, type TableState } from './table-state';
import { weightFormatById } from '../core/formats/weight-formats';
import { servingArb } from '../../test/fuzz/link-arbitraries';
import { TASK_IDS } from './task-state';
import { RUNTIME_IDS, RUNTIME_PROFILES, RUNTIMES } from '../core/runtimes/registry';
import { loadsFormat } from '../core/runtimes/rules';
import { trainingArb } from '../../test/fuzz/training-arbitrary';

const MODELS = ['llama-3-1-8b', 'llama-3-1-70b', 'mixtral-8x7b'];
const GPUS = ['rtx-4090', 'rtx-3090', 'mi300x'];
// A few formats, plus every runtime's default (what a state falls back to when none loads).
const FORMATS = [
  ...new Set([
    'Q4_K_M',
    'Q8_0',
    'f16',
    'exl2-4.65',
    'awq-4bit-g128',
    ...RUNTIME_PROFILES.map((p) => p.defaults.format),
  ]),
];

const known: KnownIds = {
  isModel: (id) => MODELS.includes(id),
  isGpu: (id) => GPUS.includes(id),
  isFormat: (id) => FORMATS.includes(id),
  configProblem: (json) => (json.startsWith('{') ? null : 'not JSON'),
  isCpu: (id) => id === 'epyc-9654',
};

const hostArb: fc.Arbitrary<ShareState['host']> = fc
  .record({
    ramGb: fc.option(fc.integer({ min: 1, max: 4096 }), { nil: null }),
    bandwidthGbps: fc.option(
      fc.integer({ min: 1, max: 9000 }).map((n) => n / 10),
      { nil: null },
    ),
    cpu: fc.option(fc.constant('epyc-9654'), { nil: null }),
    cpuMoe: fc.option(fc.oneof(fc.constant('all' as const), fc.integer({ min: 1, max: 128 })), { nil: null }),
  })
  // A CPU sets the bandwidth: the link keeps one or the other.
  .map((h) => (h.cpu === null ? h : { ...h, bandwidthGbps: null }));

const tableArb: fc.Arbitrary<TableState> = fc.record({
  sort: fc.uniqueArray(fc.record({ id: fc.constantFrom(...TABLE_COLUMN_IDS), desc: fc.boolean() }), {
    maxLength: 3,
    selector: (s) => s.id,
  }),
  search: fc.string({ maxLength: 30 }),
  filters: fc
    .tuple(
      fc.uniqueArray(
        fc.record({ id: fc.constantFrom(...TEXT_FILTER_COLUMNS), value: fc.string({ minLength: 1, maxLength: 20 }) }),
        { maxLength: 3, selector: (f) => f.id },
      ),
      fc.option(
        fc.integer({ min: 0, max: 50000 }).map((n) => ({ id: 'decode' as const, value: n / 10 })),
        { nil: null },
      ),
    )
    .map(([text, min]) => (min ? [...text, min] : text)),
  hidden: fc.uniqueArray(fc.constantFrom(...TABLE_COLUMN_IDS), { maxLength: 4 }),
});

const stateArb: fc.Arbitrary<ShareState> = fc
  .record({
    view: fc.constantFrom(...VIEW_IDS),
    models: fc.uniqueArray(fc.constantFrom(...MODELS, '7b', '70b'), { minLength: 1, maxLength: 5 }),
    formats: fc.uniqueArray(fc.constantFrom(...FORMATS), { minLength: 1, maxLength: 4 }),
    context: fc.integer({ min: 1, max: 1_048_576 }),
    batch: fc.integer({ min: 1, max: 256 }),
    runtime: fc.constantFrom(...RUNTIME_IDS),
    pools: fc.uniqueArray(
      fc
        .uniqueArray(fc.record({ id: fc.constantFrom(...GPUS), count: fc.integer({ min: 1, max: 8 }) }), {
          minLength: 1,
          maxLength: 2,
          selector: (p) => p.id,
        })
        .map((parts) => ({ parts })),
      { minLength: 1, maxLength: 4, selector: poolKey },
    ),
    baseline: fc.option(fc.constantFrom('rtx-3090', 'rtx-4090*2'), { nil: null }),
    plan: fc
      .tuple(
        fc.record({
          minTps: fc.integer({ min: 1, max: 500 }),
          budget: fc.option(fc.integer({ min: 1, max: 100000 }), { nil: null }),
          power: fc.option(fc.integer({ min: 1, max: 10000 }), { nil: null }),
          hardware: fc.uniqueArray(fc.constantFrom(...HARDWARE_CLASS_IDS), {
            minLength: 1,
            maxLength: 4,
          }),
          formats: fc.constantFrom('best', 'chosen', 'quality'),
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
        // Only the cache types the runtime offers can be chosen in the page.
        kv: fc.constantFrom(...RUNTIMES[s.runtime].kvCacheTypes),
      })
      .map(({ selected, kv }) => {
        // …and only formats it loads (switching runtime replaces the others).
        const loadable = s.formats.filter((id) => {
          const f = weightFormatById(id);
          return f !== null && loadsFormat(RUNTIMES[s.runtime], f);
        });
        const formats = loadable.length > 0 ? loadable : [RUNTIMES[s.runtime].defaults.format];
        return { ...s, formats, selected, kv, config: null };
      }),
  );

describe('share links', () => {
  it('keep the Serve task’s settings under sv- keys and name bad ones', () => {
    const { state, notices } = parseShareLink(
      '?task=serve&sv-u=max&sv-out=256&sv-tps=25&sv-n=2&sv-tp=8&sv-pp=2&sv-mem=0.92&sv-net=ethernet-400g&sv-ep=x&sv-bt=-1',
      { ...known, isFabric: (id) => id === 'ethernet-400g' || id === 'infiniband-ndr' },
    );
    expect(state.task).toBe('serve');
    expect(state.serving).toEqual({
      users: null,
      output: 256,
      minTps: 25,
      nodes: 2,
      tensor: 8,
      pipeline: 2,
      expert: null,
      memoryFraction: 0.92,
      batchedTokens: null,
      network: 'ethernet-400g',
    });
    expect(notices).toEqual([
      "Ignored EP 'x': it must be a whole number from 1 to 4,096 or auto.",
      "Ignored tokens per step '-1': it must be a whole number from 1 to 1,048,576 or auto.",
    ]);
    const bad = parseShareLink('?task=cook&sv-mem=1.5&sv-net=smoke-signals&sv-u=0', {
      ...known,
      isFabric: () => false,
    });
    expect(bad.state.task).toBe('run');
    expect(bad.notices).toEqual([
      "Ignored unknown task 'cook': use run, serve, train.",
      "Ignored users '0': it must be a whole number from 1 to 100,000 or max.",
      "Ignored memory fraction '1.5': it must be a number from 0.05 to 1, such as 0.9.",
      "Ignored unknown network 'smoke-signals'.",
    ]);
  });

  it('restore exactly the state they were made from', () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        const parsed = parseShareLink(serializeShareLink(state), known);
        expect(parsed.notices).toEqual([]);
        expect(parsed.state).toEqual(state);
      }),
    );
  });

  it('are short for small changes: only what differs from the defaults', () => {
    expect(serializeShareLink(DEFAULT_STATE)).toBe(`?v=${SHARE_VERSION}`);
    expect(serializeShareLink({ ...DEFAULT_STATE, context: 32768, formats: ['Q4_K_M', 'Q8_0'] })).toBe(
      `?v=${SHARE_VERSION}&f=Q4_K_M,Q8_0&ctx=32768`,
    );
  });

  it('keep every valid part of a bad link and name what was ignored', () => {
    const { state, notices } = parseShareLink(
      '?v=1&m=llama-3-1-8b,llama-9000&f=f16,Q9&ctx=abc&b=-2&kv=f16&rt=vllm&g=rtx-4090*2,titan-z&view=table',
      known,
    );
    expect(state.models).toEqual(['llama-3-1-8b']);
    expect(state.formats).toEqual(['f16']);
    expect(state.context).toBe(DEFAULT_STATE.context);
    expect(state.batch).toBe(DEFAULT_STATE.batch);
    expect(state.runtime).toBe('vllm');
    expect(state.view).toBe('table');
    expect(state.pools.map(poolKey)).toEqual(['rtx-4090*2']);
    expect(notices).toEqual([
      "Ignored unknown model 'llama-9000'.",
      "Ignored unknown format 'Q9'.",
      "Ignored context 'abc': it must be a whole number from 1 to 16,777,216.",
      "Ignored batch '-2': it must be a whole number from 1 to 256.",
      "Ignored unknown GPU 'titan-z'.",
    ]);
  });

  it('keeps the valid parts of the table state in a bad link', () => {
    const { state, notices } = parseShareLink(
      `?v=${SHARE_VERSION}&view=table&ts=decode.d,size.a,model.x&tq=70b&tf-model=llama&tf-decode=abc&tf-colour=red&th=prefill,zzz`,
      known,
    );
    expect(state.table).toEqual({
      sort: [{ id: 'decode', desc: true }],
      search: '70b',
      filters: [{ id: 'model', value: 'llama' }],
      hidden: ['prefill'],
    });
    expect(notices).toEqual([
      "Ignored table sort 'size.a': use a column name and .a or .d, each column once.",
      "Ignored table sort 'model.x': use a column name and .a or .d, each column once.",
      "Ignored table filter 'tf-decode=abc': the minimum must be a number from 0 to 1,000,000 tok/s.",
      "Ignored table filter 'tf-colour=red': there is no filter for that column.",
      "Ignored unknown table column 'zzz'.",
    ]);
    expect(serializeShareLink(state)).toBe(
      `?v=${SHARE_VERSION}&view=table&ts=decode.d&tq=70b&tf-model=llama&th=prefill`,
    );
  });

  it('opens a version-1 link as it meant then: the buying guide without the later unified class', () => {
    const { state, notices } = parseShareLink('?v=1&view=plan&ctx=4096', known);
    expect(notices).toEqual([]);
    expect(state.plan.hardware).toEqual(['consumer', 'workstation', 'datacenter', 'apple']);
    expect(state.context).toBe(4096);
    expect(parseShareLink(`?v=${SHARE_VERSION}&view=plan`, known).state.plan.hardware).toContain('unified');
  });

  it('replaces a format the runtime cannot load by its nearest one and says so', () => {
    const { state, notices } = parseShareLink('?v=2&rt=vllm&f=Q4_K_M,Q8_0,f16', known);
    expect(state.formats).toEqual(['awq-4bit-g128', 'fp8', 'f16']);
    expect(notices).toEqual([
      "Ignored format 'Q4_K_M': vLLM does not load it; using AWQ 4-bit g128.",
      "Ignored format 'Q8_0': vLLM does not load it; using FP8.",
    ]);
  });

  it('refuses a KV cache type the runtime does not offer, as the CLI does', () => {
    const { state, notices } = parseShareLink('?v=1&rt=vllm&f=f16&kv=q4_0', known);
    expect(state.runtime).toBe('vllm');
    expect(state.kv).toBe('f16');
    expect(notices).toEqual(["Ignored KV cache type 'q4_0': vLLM supports f16, bf16, fp8; using f16."]);
  });

  it('reads an unknown version as far as it can and says so', () => {
    const { state, notices } = parseShareLink('?v=7&ctx=4096&wat=1', known);
    expect(state.context).toBe(4096);
    expect(notices[0]).toMatch(/version '7'/);
  });

  it('falls back to defaults when nothing valid is left, and never yields NaN', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom('v', 'view', 'm', 'f', 'ctx', 'b', 'kv', 'rt', 'g', 'sel', 'base', 'cfg'),
          fc.string(),
        ),
        (dict) => {
          const { state } = parseShareLink(`?${new URLSearchParams(dict).toString()}`, known);
          expect(Number.isInteger(state.context) && state.context >= 1).toBe(true);
          expect(Number.isInteger(state.batch) && state.batch >= 1).toBe(true);
          expect(state.models.length).toBeGreaterThan(0);
          expect(state.pools.length).toBeGreaterThan(0);
        },
      ),
    );
  });

  it('keeps system RAM and experts in RAM, and names what it ignored', () => {
    const ok = parseShareLink('?v=2&ram=128&cpu=epyc-9654&moe=24', known);
    expect(ok.state.host).toEqual({ ramGb: 128, bandwidthGbps: null, cpu: 'epyc-9654', cpuMoe: 24 });
    expect(ok.notices).toEqual([]);
    expect(parseShareLink('?v=2&rbw=89.6&moe=all', known).state.host).toMatchObject({
      bandwidthGbps: 89.6,
      cpuMoe: 'all',
    });
    const bad = parseShareLink('?v=2&ram=lots&cpu=epyc-1&rbw=-3&moe=0', known);
    expect(bad.state.host).toEqual({ ramGb: null, bandwidthGbps: null, cpu: null, cpuMoe: null });
    expect(bad.notices).toEqual([
      "Ignored system RAM 'lots': it must be a number of GB from 1 to 65,536.",
      "Ignored unknown CPU 'epyc-1'.",
      "Ignored RAM bandwidth '-3': it must be a number of GB/s from 1 to 20,000.",
      "Ignored experts in RAM '0': use 'all' or a number of layers from 1 to 1,024.",
    ]);
    expect(parseShareLink('?v=2&cpu=epyc-9654&rbw=100', known).notices).toEqual([
      "Ignored RAM bandwidth '100': the chosen CPU sets it.",
    ]);
  });
});
