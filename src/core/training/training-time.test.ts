import { describe, expect, it } from 'vitest';
import { countParameters } from '../params';
import { OPEN_LLAMA_7B } from '../test-architectures';
import { RTX_4090 } from '../test-devices';
import { trainingFramework } from './frameworks/registry';
import { modelStates } from './model-states';
import { TINY_FULL, TINY_LORA } from './test-fixtures';
import { trainingFlopsPerToken, trainingTime } from './training-time';

// Llama 2 7B shape: 6,607,343,616 weights per token (all but the embedding table).
const N = countParameters(OPEN_LLAMA_7B).activePerToken;
// Causal attention forward at 2,048 tokens: 2 products × 2 FLOPs × 32 layers × 1,024 keys × 4,096.
const A = 2 * 2 * 32 * 1024 * 4096;
const seq = 2048;

describe('training FLOPs per token', () => {
  it('full fine-tuning: 6·N plus three times the attention forward', () => {
    expect(N).toBe(6_607_343_616);
    expect(trainingFlopsPerToken(OPEN_LLAMA_7B, { ...TINY_FULL, seqTokens: seq }, N, N)).toBe(6 * N + 3 * A);
  });

  it('LoRA: no weight gradients for the base, 6 FLOPs per adapter weight', () => {
    const T = 4_194_304;
    expect(trainingFlopsPerToken(OPEN_LLAMA_7B, { ...TINY_LORA, seqTokens: seq }, N, T)).toBe(4 * N + 3 * A + 6 * T);
  });

  it('checkpointing runs the forward pass again', () => {
    const s = { ...TINY_FULL, seqTokens: seq, gradientCheckpointing: true };
    expect(trainingFlopsPerToken(OPEN_LLAMA_7B, s, N, N)).toBe(8 * N + 4 * A);
  });
});

describe('time from FLOPs at the calibrated utilisation', () => {
  const s = { ...TINY_LORA, seqTokens: seq, microBatch: 4, gradAccum: 8 };
  const states = modelStates(OPEN_LLAMA_7B, s, trainingFramework('hf'));
  const time = (devices: number) =>
    trainingTime({
      arch: OPEN_LLAMA_7B,
      settings: s,
      states,
      activeParams: N,
      devices: Array.from({ length: devices }, () => RTX_4090),
      datasetTokens: 1e8,
      epochs: 2,
      calibration: { fragmentation: 0, utilisation: { full: 0.4, lora: 0.5, qlora: 0.3 } },
      interconnectBytesPerSecond: 1e15,
    });
  it('tokens/s per GPU = FLOPS × utilisation ÷ FLOPs per token; the dataset × epochs at that rate', () => {
    const t = time(1);
    const perToken = trainingFlopsPerToken(OPEN_LLAMA_7B, s, N, states.trainableParams);
    expect(t?.tokensPerSecondPerGpu).toBeCloseTo((165.2e12 * 0.5) / perToken, 6);
    expect(t?.totalSeconds).toBeCloseTo(2e8 / (t?.tokensPerSecond ?? 1), 6);
    // One step: 4 × 2,048 tokens × 8 micro-batches.
    expect(t?.tokensPerStep).toBe(65536);
    expect(t?.stepSeconds).toBeCloseTo(65536 / (t?.tokensPerSecond ?? 1), 6);
  });
  it('data-parallel GPUs add their throughput', () => {
    expect(time(2)?.tokensPerSecond).toBeCloseTo(2 * (time(1)?.tokensPerSecond ?? 0), 6);
  });
  it('unknown FLOPS give no time', () => {
    expect(
      trainingTime({
        arch: OPEN_LLAMA_7B,
        settings: s,
        states,
        activeParams: N,
        devices: [{ ...RTX_4090, fp16FlopsPerSecond: 0 }],
        datasetTokens: 1,
        epochs: 1,
        calibration: { fragmentation: 0, utilisation: { full: 0.4, lora: 0.5, qlora: 0.3 } },
        interconnectBytesPerSecond: 1e15,
      }),
    ).toBeNull();
  });
});
