import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GPUS, MODELS, gpuDevice } from '../../src/catalog/catalog';
import { architectureFrom, type ModelArchitecture } from '../../src/core/architecture';
import { ARCH_BOUNDS, DEVICE_BOUNDS, INPUT_BOUNDS } from '../../src/core/bounds';
import type { Device, HostSystem } from '../../src/core/devices';
import { estimate, maxContext, type Estimate, type EstimateInput } from '../../src/core/estimate';
import { WEIGHT_FORMATS, customBpwFormat } from '../../src/core/formats/weight-formats';
import type { Verdict } from '../../src/core/fit';
import { RUNTIME_IDS, RUNTIMES, type RuntimeId } from '../../src/core/runtimes/registry';
import { loadsFormat } from '../../src/core/runtimes/rules';
import { checkProperty, fuzzParameters, leaves, testTimeout } from './fuzz-settings';

/**
 * Invariants of the estimator over the whole bounded input space (core/bounds.ts), including
 * its edges: the physics the page and the CLI rely on, and totality (an answer or a reason for
 * anything, never a throw or a non-finite number).
 */

const GiB = 1024 ** 3;

/** Any architecture within the bounds, with MoE, MLA and sliding windows, edges included. */
const archArb: fc.Arbitrary<ModelArchitecture> = fc
  .record({
    layers: fc.oneof(fc.integer({ min: 1, max: 128 }), fc.constantFrom(1, ARCH_BOUNDS.layers.max)),
    headDim: fc.constantFrom(64, 128, 256, 1, ARCH_BOUNDS.headDim.max),
    heads: fc.oneof(fc.integer({ min: 1, max: 128 }), fc.constant(ARCH_BOUNDS.attentionHeads.max)),
    kvDivisor: fc.constantFrom(1, 2, 4, 8),
    hidden: fc.oneof(fc.integer({ min: 1, max: 16_384 }), fc.constant(ARCH_BOUNDS.hiddenSize.max)),
    ffn: fc.oneof(fc.integer({ min: 1, max: 65_536 }), fc.constant(ARCH_BOUNDS.intermediateSize.max)),
    vocab: fc.oneof(fc.integer({ min: 1, max: 262_144 }), fc.constant(ARCH_BOUNDS.vocabSize.max)),
    tied: fc.boolean(),
    mlp: fc.constantFrom('gated' as const, 'plain' as const),
    moe: fc.option(
      fc.record({
        experts: fc.oneof(fc.integer({ min: 1, max: 512 }), fc.constant(ARCH_BOUNDS.experts.max)),
        k: fc.integer({ min: 1, max: 16 }),
        shared: fc.integer({ min: 0, max: 2 }),
        width: fc.integer({ min: 1, max: 8192 }),
        step: fc.integer({ min: 1, max: 4 }),
      }),
      { nil: undefined },
    ),
    mla: fc.option(fc.record({ rank: fc.integer({ min: 1, max: 2048 }), rope: fc.integer({ min: 0, max: 128 }) }), {
      nil: undefined,
    }),
    window: fc.option(
      fc.record({ window: fc.integer({ min: 1, max: 1_000_000 }), pattern: fc.integer({ min: 1, max: 8 }) }),
      { nil: undefined },
    ),
  })
  .map((r) => {
    const kvHeads = Math.max(1, Math.floor(r.heads / r.kvDivisor));
    return architectureFrom({
      layers: r.layers,
      hiddenSize: r.hidden,
      intermediateSize: r.ffn,
      attentionHeads: r.heads,
      kvHeads,
      headDim: r.headDim,
      vocabSize: r.vocab,
      tiedEmbeddings: r.tied,
      mlp: r.mlp,
      moe: r.moe && {
        experts: r.moe.experts,
        activeExperts: Math.min(r.moe.k, r.moe.experts),
        sharedExperts: r.moe.shared,
        expertIntermediateSize: r.moe.width,
        denseLayers: 0,
        layerStep: Math.min(r.moe.step, r.layers),
      },
      mla: r.mla && {
        qLoraRank: 0,
        kvLoraRank: r.mla.rank,
        qkNopeHeadDim: 128,
        qkRopeHeadDim: r.mla.rope,
        vHeadDim: 128,
      },
      slidingWindow: r.window,
    });
  });

/** A device within the bounds, from the smallest and slowest to the largest and fastest. */
const deviceArb = (vendors: readonly Device['vendor'][]): fc.Arbitrary<Device> =>
  fc.record({
    name: fc.constant('fuzz GPU'),
    vendor: fc.constantFrom(...vendors),
    memoryBytes: fc.oneof(
      fc.integer({ min: 1, max: 512 }).map((g) => g * GiB),
      fc.constantFrom(DEVICE_BOUNDS.memoryBytes.min, DEVICE_BOUNDS.memoryBytes.max),
    ),
    bandwidthBytesPerSecond: fc.oneof(
      fc.integer({ min: 50, max: 8000 }).map((g) => g * 1e9),
      fc.constantFrom(DEVICE_BOUNDS.bandwidthBytesPerSecond.min, DEVICE_BOUNDS.bandwidthBytesPerSecond.max),
    ),
    fp16FlopsPerSecond: fc.oneof(
      fc.constant(0),
      fc.integer({ min: 1, max: 2500 }).map((t) => t * 1e12),
      fc.constantFrom(DEVICE_BOUNDS.fp16FlopsPerSecond.min, DEVICE_BOUNDS.fp16FlopsPerSecond.max),
    ),
    unifiedMemory: fc.boolean(),
  });

const hostArb: fc.Arbitrary<HostSystem> = fc.record({
  memoryBytes: fc.integer({ min: 1, max: 2048 }).map((g) => g * GiB),
  bandwidthBytesPerSecond: fc.integer({ min: 20, max: 900 }).map((g) => g * 1e9),
});

/** Only what the runtime can run, so the invariants are about estimates, not refusals. */
const inputArb = (runtimes: readonly RuntimeId[] = RUNTIME_IDS): fc.Arbitrary<EstimateInput> =>
  fc.constantFrom(...runtimes).chain((id) => {
    const runtime = RUNTIMES[id];
    return fc.record({
      arch: archArb,
      format: fc.oneof(
        fc.constantFrom(...WEIGHT_FORMATS.filter((f) => loadsFormat(runtime, f))),
        fc.double({ min: 1, max: 32, noNaN: true }).map(customBpwFormat),
      ),
      contextTokens: fc.oneof(fc.integer({ min: 1, max: 262_144 }), fc.constant(INPUT_BOUNDS.contextTokens.max)),
      sequences: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.constant(INPUT_BOUNDS.sequences.max)),
      kvCacheType: fc.constantFrom(...runtime.kvCacheTypes),
      runtime: fc.constant(id),
      devices: fc.array(deviceArb(runtime.vendors.filter((v) => v !== 'cpu')), { minLength: 1, maxLength: 4 }),
      host: hostArb,
    });
  });

function run(input: EstimateInput): Estimate {
  const r = estimate(input);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const RANK: Record<Verdict, number> = { fits: 0, tight: 1, offload: 2, no: 3 };

/** Numbers a hostile caller passes: every kind JavaScript has. */
const anyNumber = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -1, 0, 0.5, 1e300, 1e-300, 2 ** 53, -0),
  fc.integer({ min: -10, max: 5000 }),
  fc.double(),
);

describe('fuzz: estimator invariants', () => {
  it(
    'answers any input with an estimate of finite numbers or a reason, and never throws',
    () => {
      checkProperty(
        'estimator-total',
        fc.property(
          inputArb(),
          fc.constantFrom(
            'layers',
            'hiddenSize',
            'intermediateSize',
            'attentionHeads',
            'kvHeads',
            'headDim',
            'vocabSize',
            'contextTokens',
            'sequences',
            'memoryBytes',
            'bandwidthBytesPerSecond',
            'fp16FlopsPerSecond',
            'hostMemory',
            'promptTokens',
          ),
          anyNumber,
          (input, field, value) => {
            const arch = { ...input.arch } as Record<string, unknown>;
            let next: EstimateInput = input;
            if (field in arch) next = { ...input, arch: { ...input.arch, [field]: value } };
            else if (field === 'memoryBytes' || field === 'bandwidthBytesPerSecond' || field === 'fp16FlopsPerSecond')
              next = { ...input, devices: input.devices.map((d) => ({ ...d, [field]: value })) };
            else if (field === 'hostMemory')
              next = { ...input, host: { ...(input.host ?? hostArbDefault), memoryBytes: value } };
            else next = { ...input, [field]: value };
            const r = estimate(next);
            if (!r.ok) {
              expect(r.error.length).toBeGreaterThan(10);
              expect(r.error.length).toBeLessThan(400);
              expect(r.error).not.toMatch(/NaN|Infinity|\de[+-]?\d/);
              return;
            }
            for (const [path, n] of leaves(r.value))
              if (typeof n === 'number') expect(Number.isFinite(n), path).toBe(true);
          },
        ),
        fuzzParameters(1500, 4),
      );
    },
    testTimeout(30_000),
  );

  it(
    'more device memory never worsens the verdict',
    () => {
      checkProperty(
        'estimator-more-memory',
        fc.property(inputArb(), fc.double({ min: 1, max: 8, noNaN: true }), (input, factor) => {
          const bigger = input.devices.map((d) => ({
            ...d,
            memoryBytes: Math.min(DEVICE_BOUNDS.memoryBytes.max, d.memoryBytes * factor),
          }));
          expect(RANK[run({ ...input, devices: bigger }).fit.verdict]).toBeLessThanOrEqual(
            RANK[run(input).fit.verdict],
          );
        }),
        fuzzParameters(400, 2),
      );
    },
    testTimeout(30_000),
  );

  it(
    'more system RAM never worsens the verdict',
    () => {
      checkProperty(
        'estimator-more-ram',
        fc.property(inputArb(['llama.cpp', 'transformers']), fc.integer({ min: 1, max: 4096 }), (input, extraGiB) => {
          const host = input.host ?? hostArbDefault;
          const more = { ...host, memoryBytes: host.memoryBytes + extraGiB * GiB };
          expect(RANK[run({ ...input, host: more }).fit.verdict]).toBeLessThanOrEqual(RANK[run(input).fit.verdict]);
        }),
        fuzzParameters(400, 2),
      );
    },
    testTimeout(30_000),
  );

  it(
    'more bits per weight never give fewer bytes',
    () => {
      checkProperty(
        'estimator-more-bits',
        fc.property(
          inputArb(),
          fc.double({ min: 1, max: 32, noNaN: true }),
          fc.double({ min: 1, max: 32, noNaN: true }),
          (input, a, b) => {
            const [low, high] = a <= b ? [a, b] : [b, a];
            const l = run({ ...input, format: customBpwFormat(low) });
            const h = run({ ...input, format: customBpwFormat(high) });
            expect(h.memory.weightsBytes).toBeGreaterThanOrEqual(l.memory.weightsBytes);
            expect(h.memory.totalBytes).toBeGreaterThanOrEqual(l.memory.totalBytes);
          },
        ),
        fuzzParameters(400, 2),
      );
    },
    testTimeout(30_000),
  );

  it(
    'a longer context never holds less KV cache, on every runtime and attention layout',
    () => {
      checkProperty(
        'estimator-longer-context',
        fc.property(inputArb(), fc.integer({ min: 1, max: 1_000_000 }), (input, more) => {
          const longer = Math.min(INPUT_BOUNDS.contextTokens.max, input.contextTokens + more);
          const a = run(input);
          const b = run({ ...input, contextTokens: longer });
          expect(b.memory.kvCacheBytes).toBeGreaterThanOrEqual(a.memory.kvCacheBytes);
          expect(b.memory.totalBytes).toBeGreaterThanOrEqual(a.memory.totalBytes);
        }),
        fuzzParameters(400, 2),
      );
    },
    testTimeout(30_000),
  );

  it(
    'more sequences never speed up each sequence while it runs on the devices',
    () => {
      checkProperty(
        'estimator-more-sequences',
        fc.property(inputArb(), fc.integer({ min: 1, max: 64 }), (input, more) => {
          const a = run(input);
          const b = run({ ...input, sequences: Math.min(INPUT_BOUNDS.sequences.max, input.sequences + more) });
          expect(b.memory.kvCacheBytes).toBeGreaterThanOrEqual(a.memory.kvCacheBytes);
          if (RANK[a.fit.verdict] <= 1 && RANK[b.fit.verdict] <= 1)
            expect(b.speed.decodeTokensPerSecond).toBeLessThanOrEqual(a.speed.decodeTokensPerSecond * (1 + 1e-12));
        }),
        fuzzParameters(400, 2),
      );
    },
    testTimeout(30_000),
  );

  it(
    'offload is never faster than the same run on a GPU with room for it, where the GPU is faster than RAM',
    () => {
      let offloads = 0;
      // Catalogue models on catalogue GPUs with system RAM of any size and speed: most of these
      // spill layers into RAM, which random shapes rarely do.
      const offloadArb = fc.constantFrom('llama.cpp' as const, 'transformers' as const).chain((id) =>
        fc.record({
          runtime: fc.constant(id),
          model: fc.constantFrom(...MODELS),
          gpu: fc.constantFrom(...GPUS.filter((g) => g.vendor !== 'apple' && g.class !== 'unified')),
          format: fc.constantFrom(...WEIGHT_FORMATS.filter((f) => loadsFormat(RUNTIMES[id], f))),
          contextTokens: fc.integer({ min: 1, max: 131_072 }),
          sequences: fc.integer({ min: 1, max: 8 }),
          host: hostArb,
        }),
      );
      const cases = checkProperty(
        'estimator-offload',
        fc.property(offloadArb, (c) => {
          const device = gpuDevice(c.gpu);
          const input: EstimateInput = {
            arch: c.model.arch,
            format: c.format,
            contextTokens: Math.min(c.contextTokens, c.model.contextLength),
            sequences: c.sequences,
            kvCacheType: 'f16',
            runtime: c.runtime,
            devices: [device],
            host: c.host,
          };
          const offload = run(input);
          if (offload.fit.verdict !== 'offload' || device.bandwidthBytesPerSecond < c.host.bandwidthBytesPerSecond)
            return;
          offloads++;
          const roomy = { ...device, memoryBytes: DEVICE_BOUNDS.memoryBytes.max };
          const onGpu = run({ ...input, devices: [roomy] });
          expect(onGpu.fit.verdict).not.toBe('offload');
          expect(onGpu.speed.decodeTokensPerSecond).toBeGreaterThanOrEqual(offload.speed.decodeTokensPerSecond);
        }),
        fuzzParameters(1500, 3),
        () => ({ offloadRuns: offloads }),
      );
      // A quarter of catalogue pairs offload; a run where few did would test little.
      expect(offloads).toBeGreaterThan(cases / 10);
    },
    testTimeout(30_000),
  );

  it(
    'the largest context that fits fits, and one token more does not',
    () => {
      checkProperty(
        'estimator-max-context',
        fc.property(inputArb(), fc.integer({ min: 2, max: 1_048_576 }), (input, limit) => {
          const ctx = maxContext(input, limit);
          if (ctx === 0) {
            expect(RANK[run({ ...input, contextTokens: 1 }).fit.verdict]).toBeGreaterThan(1);
            return;
          }
          expect(RANK[run({ ...input, contextTokens: ctx }).fit.verdict]).toBeLessThanOrEqual(1);
          if (ctx < limit) expect(RANK[run({ ...input, contextTokens: ctx + 1 }).fit.verdict]).toBeGreaterThan(1);
        }),
        fuzzParameters(300, 2),
      );
    },
    testTimeout(30_000),
  );
});

const hostArbDefault: HostSystem = { memoryBytes: 64 * GiB, bandwidthBytesPerSecond: 89.6e9 };
