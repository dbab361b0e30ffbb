import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { estimate, type EstimateInput } from '../core/estimate';
import { weightFormatById } from '../core/formats/weight-formats';
import { DEFAULT_STATE, poolKey, type ShareState } from '../url/share-state';
import { formatQualityWords } from './fit-quality';
import { applyFitChange, fitSuggestionRows } from './fit-suggestion-rows';
import { CONTEXT_STEP, fitSuggestions, type FitSuggestion } from './fit-suggestions';
import { buildScenario, estimateInput, type Scenario } from './scenario';

function scenario(model: string, pool: string, extra: Partial<ShareState> = {}): Scenario {
  const [id = '', count = '1'] = pool.split('*');
  return buildScenario({
    ...DEFAULT_STATE,
    models: [model],
    pools: [{ parts: [{ id, count: Number(count) }] }],
    selected: { model, pool },
    ...extra,
  });
}

function inputOf(s: Scenario): EstimateInput {
  const f = s.formats[0];
  if (!f) throw new Error('no format');
  return estimateInput(s, s.selectedModel, s.selectedPool, f);
}

function estimated(input: EstimateInput) {
  const r = estimate(input);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** The suggestion's numbers are the estimator's for the changed run. */
function expectNumbersOf(s: FitSuggestion, changed: EstimateInput) {
  const e = estimated(changed);
  expect(s.verdict).toBe(e.fit.verdict);
  expect(s.deviceBytes).toBe(e.memory.deviceBytes);
  expect(s.usableBytes).toBe(e.fit.usableBytes);
  expect(s.spareBytes).toBe(e.fit.spareBytes);
  expect(s.decodeTokensPerSecond).toBe(e.speed.decodeTokensPerSecond);
}

const kinds = (rows: readonly { suggestion: FitSuggestion }[]) => rows.map((r) => r.suggestion.change.kind);

describe('fitSuggestions', () => {
  it('gives nothing for a pair that fits', () => {
    const s = scenario('llama-3-1-8b', 'rtx-4090');
    expect(estimated(inputOf(s)).fit.verdict).toBe('fits');
    expect(fitSuggestionRows(s)).toEqual([]);
  });

  it('puts a 70B Q4_K_M from one 24 GB card on two: no cache, context or smaller common format gets ~40 GiB of weights into 24 GiB', () => {
    const s = scenario('llama-3-1-70b', 'rtx-4090');
    const input = inputOf(s);
    expect(estimated(input).fit.verdict).toBe('offload');
    // Q3_K_M, the smallest format llama.cpp's list offers, still needs more than the card holds.
    expect(estimated({ ...input, format: { ...input.format, id: 'Q3_K_M', bits: 3.91 } }).fit.ratio).toBeGreaterThan(1);
    const rows = fitSuggestionRows(s);
    expect(kinds(rows)).toEqual(['gpus']);
    const [two] = rows;
    expect(two?.suggestion.change).toEqual({ kind: 'gpus', gpu: 'rtx-4090', count: 2 });
    expect(two?.suggestion.title).toBe('Use 2 × RTX 4090 24 GB');
    if (two) expectNumbersOf(two.suggestion, { ...input, devices: [...input.devices, ...input.devices] });
    expect(two?.suggestion.usableBytes).toBe(2 * estimated(input).fit.usableBytes);
  });

  it('shrinks the KV cache and the context of an 8B at 128K on a 12 GB card, to the longest whole-K context that fits', () => {
    const s = scenario('llama-3-1-8b', 'rtx-3060-12gb', { context: 131072 });
    const input = inputOf(s);
    const rows = fitSuggestionRows(s);
    expect(kinds(rows)).toEqual(['kv-cache', 'context', 'gpus']);
    const [kv, context] = rows.map((r) => r.suggestion);
    // q8_0 (8.5 bits per value) leaves ~8.5 GiB of cache beside 4.6 GiB of weights: too much; q4_0 fits.
    expect(estimated({ ...input, kvCacheType: 'q8_0' }).fit.verdict).not.toBe('fits');
    expect(kv?.change).toEqual({ kind: 'kv-cache', kv: 'q4_0' });
    if (kv) expectNumbersOf(kv, { ...input, kvCacheType: 'q4_0' });
    if (context?.change.kind !== 'context') throw new Error('expected a context');
    const tokens = context.change.tokens;
    expect(tokens % CONTEXT_STEP).toBe(0);
    expectNumbersOf(context, { ...input, contextTokens: tokens });
    expect(context.verdict).toBe('fits');
    expect(estimated({ ...input, contextTokens: tokens + CONTEXT_STEP }).fit.verdict).not.toBe('fits');
    expect(context.title).toBe(`Shorten the context to ${tokens / 1024}K`);
  });

  it('keeps the fewest expert layers in RAM that let an MoE fit', () => {
    const s = scenario('qwen3-30b-a3b', 'rtx-4060-ti-16gb');
    const input = inputOf(s);
    const rows = fitSuggestionRows(s);
    const experts = rows.find((r) => r.suggestion.change.kind === 'experts-in-ram')?.suggestion;
    if (experts?.change.kind !== 'experts-in-ram') throw new Error('expected experts in RAM');
    const n = experts.change.layers;
    expectNumbersOf(experts, { ...input, cpuMoeLayers: n });
    expect(experts.verdict).toBe('fits');
    expect(estimated({ ...input, cpuMoeLayers: n - 1 }).fit.verdict).not.toBe('fits');
    expect(experts.cost).toContain(`--n-cpu-moe ${n}:`);
  });

  it('suggests a smaller weight format with its published quality cost', () => {
    const s = scenario('gemma-3-27b', 'rtx-4090', { formats: ['Q8_0'] });
    const input = inputOf(s);
    const row = fitSuggestionRows(s).find((r) => r.suggestion.change.kind === 'format');
    const format = row?.suggestion;
    // Q6_K is the largest common format under Q8_0's 8.5 bits; 27B × 6.56 bits ≈ 20.6 GiB fits 24 GiB.
    expect(format?.change).toEqual({ kind: 'format', format: 'Q6_K' });
    expect(format?.cost).toBe('6.56 instead of 8.50 bits per weight');
    // The page adds the published cost after the first paint; the CLI asks for it at once.
    expect(row?.quality).toEqual({ model: 'gemma-3-27b', format: 'Q6_K' });
    const withQuality = fitSuggestions({
      input,
      modelKey: 'gemma-3-27b',
      fixedFormat: false,
      sameKind: null,
      quality: formatQualityWords,
    });
    expect(withQuality.find((x) => x.change.kind === 'format')?.cost).toMatch(
      /^6\.56 instead of 8\.50 bits per weight; mean KLD [\d.]+ against 16-bit, measured on Llama 3 8B$/,
    );
    expect(format?.verdict === 'fits' || format?.verdict === 'tight').toBe(true);
    const q6k = weightFormatById('Q6_K');
    if (format && q6k) expectNumbersOf(format, { ...input, format: q6k });
  });

  it('offers no other format for a file that fixes its weights, and no experts for a dense model', () => {
    const s = scenario('gemma-3-27b', 'rtx-4090', { formats: ['Q8_0'] });
    const out = fitSuggestions({ input: inputOf(s), modelKey: 'gemma-3-27b', fixedFormat: true, sameKind: null });
    expect(out.map((x) => x.change.kind)).not.toContain('format');
    expect(out.map((x) => x.change.kind)).not.toContain('experts-in-ram');
    expect(out.map((x) => x.change.kind)).not.toContain('gpus');
  });

  it('asks a tight run for room to spare: every suggestion fits', () => {
    // An 8B Q8_0 at 56K on a 16 GB card needs ~94.5% of its memory.
    const s = scenario('llama-3-1-8b', 'rtx-4060-ti-16gb', { context: 57344, formats: ['Q8_0'] });
    expect(estimated(inputOf(s)).fit.verdict).toBe('tight');
    const rows = fitSuggestionRows(s);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.suggestion.verdict).toBe('fits');
  });
});

describe('more GPUs under tensor parallelism', () => {
  it('offers only counts that divide the attention heads (vLLM shards them evenly)', () => {
    // Llama 3.1 70B in FP8 (~66 GiB) on RTX 5090 32 GB cards in vLLM: three would hold it, but 64
    // heads do not split three ways, so the suggestion is four.
    const s = scenario('llama-3-1-70b', 'rtx-5090', { runtime: 'vllm', formats: ['fp8'] });
    const input = inputOf(s);
    expect(input.arch.attentionHeads).toBe(64);
    const three = estimated({ ...input, devices: [...input.devices, ...input.devices, ...input.devices] });
    expect(['fits', 'tight']).toContain(three.fit.verdict);
    const gpus = fitSuggestionRows(s).find((r) => r.suggestion.change.kind === 'gpus')?.suggestion;
    expect(gpus?.change).toEqual({ kind: 'gpus', gpu: 'rtx-5090', count: 4 });
  });
});

describe('applyFitChange', () => {
  const sel = { model: 'llama-3-1-70b', pool: 'rtx-4090' };
  it('adds the grown pool beside the one it grows from and selects it', () => {
    const patch = applyFitChange(DEFAULT_STATE, { kind: 'gpus', gpu: 'rtx-3090', count: 3 }, sel);
    const keys = (patch.pools ?? []).map(poolKey);
    expect(keys.indexOf('rtx-3090*3')).toBe(keys.indexOf('rtx-4090') + 1);
    expect(keys).toHaveLength(DEFAULT_STATE.pools.length + 1);
    expect(patch.selected).toEqual({ model: 'llama-3-1-70b', pool: 'rtx-3090*3' });
  });

  it('selects a pool already in the list without adding it twice', () => {
    const patch = applyFitChange(DEFAULT_STATE, { kind: 'gpus', gpu: 'rtx-4090', count: 2 }, sel);
    expect(patch.pools).toBe(DEFAULT_STATE.pools);
    expect(patch.selected?.pool).toBe('rtx-4090*2');
  });

  it('puts the format first, sets the context, the KV cache and the experts in RAM', () => {
    expect(applyFitChange(DEFAULT_STATE, { kind: 'format', format: 'Q8_0' }, sel)).toEqual({
      formats: ['Q8_0', 'Q4_K_M', 'f16'],
    });
    expect(applyFitChange(DEFAULT_STATE, { kind: 'context', tokens: 4096 }, sel)).toEqual({ context: 4096 });
    expect(applyFitChange(DEFAULT_STATE, { kind: 'kv-cache', kv: 'q8_0' }, sel)).toEqual({ kv: 'q8_0' });
    expect(applyFitChange(DEFAULT_STATE, { kind: 'experts-in-ram', layers: 12 }, sel).host).toEqual({
      ...DEFAULT_STATE.host,
      cpuMoe: 12,
    });
  });
});

describe('fitSuggestions on catalogue pairs', () => {
  it('only ever suggests changes that fit better than the run does now, with finite figures', () => {
    const models = ['llama-3-1-8b', 'qwen3-30b-a3b', 'gemma-3-27b', 'llama-3-1-70b', 'gpt-oss-120b', 'mixtral-8x7b'];
    const pools = ['rtx-3060-12gb', 'rtx-4060-ti-16gb', 'rtx-4090', 'rtx-3090*2', 'm4-max-128gb', 'h100-80gb-sxm'];
    fc.assert(
      fc.property(
        fc.constantFrom(...models),
        fc.constantFrom(...pools),
        fc.constantFrom(2048, 8192, 32768, 131072),
        fc.constantFrom('Q4_K_M', 'Q8_0', 'f16'),
        (model, pool, context, format) => {
          const s = scenario(model, pool, { context, formats: [format] });
          const now = estimated(inputOf(s)).fit.verdict;
          const rows = fitSuggestionRows(s);
          if (now === 'fits') expect(rows).toEqual([]);
          for (const { suggestion } of rows) {
            expect(now === 'tight' ? ['fits'] : ['fits', 'tight']).toContain(suggestion.verdict);
            for (const n of [suggestion.deviceBytes, suggestion.spareBytes, suggestion.decodeTokensPerSecond])
              expect(Number.isFinite(n)).toBe(true);
            expect(suggestion.numbers).not.toMatch(/NaN|Infinity|–/);
          }
        },
      ),
      { numRuns: 60, seed: 15 },
    );
  });
});
