import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { architectureFrom, type ModelArchitecture } from './architecture';
import type { Device, Vendor } from './devices';
import { estimate, memoryComponents, type Estimate, type EstimateInput } from './estimate';
import { WEIGHT_FORMATS, customBpwFormat } from './formats/weight-formats';
import { RUNTIME_IDS, RUNTIMES } from './runtimes/registry';
import { loadsFormat } from './runtimes/rules';

const GiB = 1024 ** 3;

const archArb: fc.Arbitrary<ModelArchitecture> = fc
  .record({
    layers: fc.integer({ min: 1, max: 96 }),
    heads: fc.constantFrom(8, 16, 32, 64),
    kvDivisor: fc.constantFrom(1, 2, 4, 8),
    headDim: fc.constantFrom(64, 128),
    ffnMult: fc.integer({ min: 2, max: 6 }),
    vocabSize: fc.integer({ min: 1000, max: 260000 }),
    tied: fc.boolean(),
    moe: fc.option(fc.record({ experts: fc.integer({ min: 2, max: 64 }), k: fc.integer({ min: 1, max: 8 }) }), {
      nil: undefined,
    }),
  })
  .map((r) => {
    const hiddenSize = r.heads * r.headDim;
    return architectureFrom({
      layers: r.layers,
      hiddenSize,
      intermediateSize: hiddenSize * r.ffnMult,
      attentionHeads: r.heads,
      kvHeads: r.heads / r.kvDivisor,
      headDim: r.headDim,
      vocabSize: r.vocabSize,
      tiedEmbeddings: r.tied,
      moe: r.moe
        ? {
            experts: r.moe.experts,
            activeExperts: Math.min(r.moe.k, r.moe.experts),
            sharedExperts: 0,
            expertIntermediateSize: hiddenSize,
            denseLayers: 0,
          }
        : undefined,
    });
  });

const deviceArb = (vendors: readonly Vendor[]): fc.Arbitrary<Device> =>
  fc.record({
    name: fc.constant('gpu'),
    vendor: fc.constantFrom(...vendors),
    memoryBytes: fc.integer({ min: 4, max: 256 }).map((g) => g * GiB),
    bandwidthBytesPerSecond: fc.integer({ min: 50, max: 8000 }).map((g) => g * 1e9),
    fp16FlopsPerSecond: fc.integer({ min: 1, max: 2000 }).map((t) => t * 1e12),
    unifiedMemory: fc.boolean(),
  });

// Only combinations the runtime can run: its formats, KV cache types and device vendors.
const inputArb: fc.Arbitrary<EstimateInput> = fc.constantFrom(...RUNTIME_IDS).chain((id) => {
  const runtime = RUNTIMES[id];
  return fc.record({
    arch: archArb,
    format: fc.constantFrom(...WEIGHT_FORMATS.filter((f) => loadsFormat(runtime, f))),
    contextTokens: fc.integer({ min: 1, max: 65536 }),
    sequences: fc.integer({ min: 1, max: 16 }),
    kvCacheType: fc.constantFrom(...runtime.kvCacheTypes),
    runtime: fc.constant(id),
    devices: fc.array(deviceArb(runtime.vendors.filter((v) => v !== 'cpu')), { minLength: 1, maxLength: 4 }),
  });
});

function run(input: EstimateInput): Estimate {
  const r = estimate(input);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function allNumbers(value: unknown, path = ''): [string, number][] {
  if (typeof value === 'number') return [[path, value]];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => allNumbers(v, `${path}.${k}`));
}

describe('estimator invariants', () => {
  it('every number is finite and non-negative for valid input (spare memory may be negative)', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        for (const [path, n] of allNumbers(run(input))) {
          expect(Number.isFinite(n), path).toBe(true);
          if (!path.endsWith('spareBytes')) expect(n, path).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the named memory components sum to the total, and their device parts to what the devices need', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { memory } = run(input);
        const parts = memoryComponents(memory);
        expect(parts.map((c) => c.id)).toEqual(['weights', 'kv-cache', 'activations', 'overhead']);
        const total = parts.reduce((a, c) => a + c.bytes, 0);
        const onDevices = parts.reduce((a, c) => a + c.bytes - c.hostBytes, 0);
        expect(Math.abs(total - memory.totalBytes)).toBeLessThanOrEqual(memory.totalBytes * 1e-12);
        expect(Math.abs(onDevices - memory.deviceBytes)).toBeLessThanOrEqual(memory.deviceBytes * 1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it('memory never falls as context or batch grows', () => {
    fc.assert(
      fc.property(
        inputArb,
        fc.integer({ min: 1, max: 8192 }),
        fc.integer({ min: 0, max: 4 }),
        (input, moreCtx, moreSeqs) => {
          const a = run(input);
          const b = run({
            ...input,
            contextTokens: input.contextTokens + moreCtx,
            sequences: input.sequences + moreSeqs,
          });
          expect(b.memory.totalBytes).toBeGreaterThanOrEqual(a.memory.totalBytes);
          expect(b.memory.kvCacheBytes).toBeGreaterThanOrEqual(a.memory.kvCacheBytes);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('memory never falls as bits per weight or parameters grow', () => {
    fc.assert(
      fc.property(
        inputArb,
        fc.double({ min: 1, max: 16, noNaN: true }),
        fc.double({ min: 0, max: 16, noNaN: true }),
        fc.integer({ min: 0, max: 16 }),
        (input, bits, extra, moreLayers) => {
          const low = run({ ...input, format: customBpwFormat(bits) });
          const high = run({ ...input, format: customBpwFormat(Math.min(32, bits + extra)) });
          expect(high.memory.weightsBytes).toBeGreaterThanOrEqual(low.memory.weightsBytes);
          const deeper = run({ ...input, arch: { ...input.arch, layers: input.arch.layers + moreLayers } });
          expect(deeper.params.total).toBeGreaterThanOrEqual(run(input).params.total);
          expect(deeper.memory.totalBytes).toBeGreaterThanOrEqual(run(input).memory.totalBytes);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('decode speed rises with bandwidth and falls with model size', () => {
    fc.assert(
      fc.property(
        inputArb,
        fc.double({ min: 1, max: 4, noNaN: true }),
        fc.integer({ min: 1, max: 16 }),
        (input, factor, moreLayers) => {
          const faster = input.devices.map((d) => ({
            ...d,
            bandwidthBytesPerSecond: d.bandwidthBytesPerSecond * factor,
          }));
          const a = run(input);
          const fast = run({ ...input, devices: faster });
          expect(fast.speed.decodeTokensPerSecond).toBeGreaterThanOrEqual(a.speed.decodeTokensPerSecond * (1 - 1e-12));
          const bigger = run({ ...input, arch: { ...input.arch, layers: input.arch.layers + moreLayers } });
          if (bigger.fit.verdict === a.fit.verdict && a.fit.verdict !== 'offload' && a.fit.verdict !== 'no') {
            expect(bigger.speed.decodeTokensPerSecond).toBeLessThanOrEqual(a.speed.decodeTokensPerSecond);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('more layers with experts in RAM never need more GPU memory, and only ever move weights to RAM', () => {
    const llamaCpp = inputArb.filter((i) => i.runtime === 'llama.cpp' && i.arch.moe !== undefined);
    fc.assert(
      fc.property(llamaCpp, fc.integer({ min: 0, max: 96 }), fc.integer({ min: 0, max: 96 }), (input, a, b) => {
        const few = run({ ...input, cpuMoeLayers: Math.min(a, b) });
        const many = run({ ...input, cpuMoeLayers: Math.max(a, b) });
        expect(many.memory.deviceBytes).toBeLessThanOrEqual(few.memory.deviceBytes * (1 + 1e-12));
        expect(many.memory.hostExpertBytes).toBeGreaterThanOrEqual(few.memory.hostExpertBytes);
        expect(many.memory.totalBytes).toBeCloseTo(few.memory.totalBytes, -3);
        // Decoding with an empty cache is never slower than with the context full.
        expect(many.speed.decodeStartTokensPerSecond).toBeGreaterThanOrEqual(many.speed.decodeTokensPerSecond);
      }),
      { numRuns: 150 },
    );
  });

  it('rejects invalid numbers with a reason instead of returning NaN', () => {
    const bad = fc.oneof(
      fc.constant(Number.NaN),
      fc.constant(-1),
      fc.constant(0),
      fc.constant(Infinity),
      fc.double({ min: 0.01, max: 0.99 }),
    );
    fc.assert(
      fc.property(inputArb, bad, fc.constantFrom('contextTokens', 'sequences'), (input, value, field) => {
        const r = estimate({ ...input, [field]: value });
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error.length).toBeGreaterThan(10);
      }),
    );
  });
});
