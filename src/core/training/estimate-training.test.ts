import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LLAMA_3_8B, OPEN_LLAMA_7B } from '../test-architectures';
import { RTX_3090, RTX_4090 } from '../test-devices';
import {
  CUDA_CONTEXT_BYTES,
  estimateTraining,
  estimateTrainingUnchecked,
  trainingMemoryComponents,
  type TrainingInput,
} from './estimate-training';
import { TINY_FULL, TINY_LORA } from './test-fixtures';
import { SHARDING_IDS, type TrainingSettings } from './training-settings';

const NO_FRAG = { fragmentation: 0, utilisation: { full: 0.4, lora: 0.4, qlora: 0.3 } };
const input = (settings: TrainingSettings, extra: Partial<TrainingInput> = {}): TrainingInput => ({
  arch: OPEN_LLAMA_7B,
  settings,
  framework: 'hf',
  devices: [RTX_4090],
  datasetTokens: 1e7,
  epochs: 1,
  calibration: NO_FRAG,
  ...extra,
});

describe('estimateTraining', () => {
  it('peak = allocated × (1 + fragmentation) + CUDA context + paged states; parts sum to it', () => {
    const e = estimateTrainingUnchecked(
      input({ ...TINY_LORA, seqTokens: 1024 }, { calibration: { ...NO_FRAG, fragmentation: 0.1 } }),
    );
    expect(e.memory.reservedBytes).toBeCloseTo(e.memory.allocatedBytes * 1.1, 0);
    expect(e.memory.peakPerDeviceBytes).toBeCloseTo(e.memory.reservedBytes + CUDA_CONTEXT_BYTES, 0);
    const sum = trainingMemoryComponents(e.memory).reduce((a, c) => a + c.bytes, 0);
    expect(sum).toBeCloseTo(e.memory.peakPerDeviceBytes, 0);
  });

  it('Llama 2 7B LoRA in bf16 on one RTX 4090 at 2 × 2,048 tokens fits only with checkpointing', () => {
    const lora: TrainingSettings = { ...TINY_LORA, seqTokens: 2048, microBatch: 2 };
    expect(estimateTrainingUnchecked(input(lora)).fit.verdict).toBe('no');
    expect(estimateTrainingUnchecked(input({ ...lora, gradientCheckpointing: true })).fit.verdict).toBe('fits');
  });

  it('full fine-tuning with one micro-batch per step peaks when gradients replace activations or at the step', () => {
    const full = { ...TINY_FULL, seqTokens: 512, gradientCheckpointing: true };
    const e = estimateTrainingUnchecked(input(full, { devices: [{ ...RTX_4090, memoryBytes: 200 * 1024 ** 3 }] }));
    // 6.74B weights: 13.5 GB bf16; with checkpointing the optimizer step (gradients + square-root buffer) is the peak.
    expect(e.memory.peakPhase).toBe('optimizer-step');
    expect(e.memory.allocatedBytes).toBeCloseTo(
      e.memory.weightsBytes + e.memory.optimizerBytes + e.memory.gradientBytes + e.memory.stepTempBytes,
      0,
    );
    // With gradient accumulation the gradients stay through the next backward pass.
    const ga = estimateTrainingUnchecked(
      input(
        { ...full, seqTokens: 4096, gradAccum: 4, gradientCheckpointing: false },
        { devices: [{ ...RTX_4090, memoryBytes: 200 * 1024 ** 3 }] },
      ),
    );
    expect(ga.memory.peakPhase).toBe('backward');
    expect(ga.memory.gradientsAtPeakBytes).toBe(ga.memory.gradientBytes);
  });

  it('names what is wrong with the input instead of estimating', () => {
    expect(estimateTraining(input({ ...TINY_LORA, seqTokens: 0 }))).toEqual({
      ok: false,
      error: 'sequence length must be a whole number from 1 to 1,048,576; got 0',
    });
    expect(estimateTraining(input(TINY_LORA, { devices: [RTX_4090, RTX_4090] }))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/2 GPUs need a way to share the work/) as unknown,
    });
    expect(estimateTraining(input({ ...TINY_LORA, offload: 'optimizer' }))).toMatchObject({ ok: false });
    expect(estimateTraining(input(TINY_LORA, { epochs: Number.NaN }))).toMatchObject({ ok: false });
  });

  it('CPU offload that does not fit in system RAM is refused', () => {
    const full = { ...TINY_FULL, sharding: 'zero3' as const, offload: 'params' as const, gradientCheckpointing: true };
    const small = estimateTrainingUnchecked(
      input(full, { arch: LLAMA_3_8B, host: { memoryBytes: 16 * 1024 ** 3, bandwidthBytesPerSecond: 50e9 } }),
    );
    expect(small.fit.hostFits).toBe(false);
    expect(small.fit.verdict).toBe('no');
  });

  it('a mixed pair is limited by its smaller GPU', () => {
    const e = estimateTrainingUnchecked(
      input({ ...TINY_LORA, sharding: 'fsdp' }, { devices: [RTX_4090, { ...RTX_3090, memoryBytes: 12 * 1024 ** 3 }] }),
    );
    expect(e.fit.usableBytes).toBe(12 * 1024 ** 3);
  });
});

describe('properties', () => {
  const settings = fc.record({
    method: fc.constantFrom('full', 'lora', 'qlora'),
    seq: fc.integer({ min: 1, max: 8192 }),
    mb: fc.integer({ min: 1, max: 8 }),
    gc: fc.boolean(),
    flash: fc.boolean(),
  });
  const build = (r: { method: string; seq: number; mb: number; gc: boolean; flash: boolean }): TrainingSettings => ({
    ...(r.method === 'full' ? TINY_FULL : { ...TINY_LORA, method: r.method as 'lora' | 'qlora' }),
    seqTokens: r.seq,
    microBatch: r.mb,
    gradientCheckpointing: r.gc,
    flashAttention: r.flash,
  });

  it('memory never falls as the sequence or the micro-batch grows', () => {
    fc.assert(
      fc.property(settings, fc.integer({ min: 1, max: 4096 }), (r, more) => {
        const s = build(r);
        const a = estimateTrainingUnchecked(input(s)).memory.peakPerDeviceBytes;
        const b = estimateTrainingUnchecked(input({ ...s, seqTokens: s.seqTokens + more })).memory.peakPerDeviceBytes;
        const c = estimateTrainingUnchecked(input({ ...s, microBatch: s.microBatch + 1 })).memory.peakPerDeviceBytes;
        return b >= a && c >= a;
      }),
    );
  });

  it('checkpointing and flash attention never add memory; every number is finite and positive', () => {
    fc.assert(
      fc.property(settings, (r) => {
        const s = build(r);
        const e = estimateTrainingUnchecked(input(s));
        const gc = estimateTrainingUnchecked(input({ ...s, gradientCheckpointing: true }));
        const fa = estimateTrainingUnchecked(input({ ...s, flashAttention: true }));
        const finite = Object.values(e.memory).every((v) => typeof v === 'string' || (Number.isFinite(v) && v >= 0));
        return (
          finite &&
          gc.memory.activationBytes <= e.memory.activationBytes &&
          fa.memory.activationBytes <= e.memory.activationBytes &&
          (e.time?.tokensPerSecond ?? 0) > 0
        );
      }),
    );
  });

  it('QLoRA needs no more than LoRA, LoRA no more than full fine-tuning (same shape and batch)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4096 }), fc.boolean(), (seq, gc) => {
        const peak = (s: TrainingSettings) =>
          estimateTrainingUnchecked(input({ ...s, seqTokens: seq, gradientCheckpointing: gc })).memory
            .peakPerDeviceBytes;
        const q = peak({ ...TINY_LORA, method: 'qlora' });
        const l = peak(TINY_LORA);
        const f = peak(TINY_FULL);
        return q <= l && l <= f;
      }),
    );
  });

  it('sharding over more GPUs never raises the per-GPU model states (DDP aside)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SHARDING_IDS.filter((s) => s !== 'none' && s !== 'ddp')),
        fc.integer({ min: 2, max: 64 }),
        (sharding, n) => {
          const s = { ...TINY_FULL, sharding, seqTokens: 256 };
          const states = (devices: number) => {
            const m = estimateTrainingUnchecked(
              input(s, { devices: Array.from({ length: devices }, () => RTX_4090) }),
            ).memory;
            return m.weightsBytes + m.gradientBytes + m.optimizerBytes;
          };
          return states(n) <= states(2) + 1e-6 || n < 2;
        },
      ),
    );
  });
});
