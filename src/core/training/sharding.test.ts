import { describe, expect, it } from 'vitest';
import { trainingFramework } from './frameworks/registry';
import { modelStates, type ModelStates } from './model-states';
import { perDeviceStates } from './sharding';
import { TINY, TINY_FULL } from './test-fixtures';
import type { ShardingId } from './training-settings';

const total = (p: ReturnType<typeof perDeviceStates>) => p.weightsBytes + p.gradientBytes + p.optimizerBytes;

describe('ZeRO stages (the paper’s example: Ψ = 7.5B, K = 12, 64 GPUs)', () => {
  const psi = 7.5e9;
  const m: ModelStates = {
    totalParams: psi,
    trainableParams: psi,
    weightsBytes: 2 * psi,
    adapterBytes: 0,
    gradientBytes: 2 * psi,
    optimizerBytes: 12 * psi,
    pagedOptimizerBytes: 0,
    stepTempBytes: 0,
    largestLayerWeightBytes: 0,
    outsideLayerWeightBytes: 0,
    layerGradientBytes: 0,
    largestMatrixElements: 0,
    adapters: null,
    computeBytes: 2,
  };
  const at = (sharding: ShardingId) => total(perDeviceStates(m, { ...TINY_FULL, sharding }, 64)) / 1e9;
  it.each([
    // arXiv:1910.02054 figure 1: 120 GB, 31.4 GB, 16.6 GB, 1.9 GB.
    ['none', 120],
    ['zero1', 31.4],
    ['zero2', 16.6],
    ['zero3', 1.9],
  ] as const)('%s: %s GB per GPU', (sharding, gb) => {
    expect(at(sharding)).toBeCloseTo(gb, 0);
  });
});

describe('per-GPU states of TINY in full fine-tuning on 4 GPUs (3,408 B weights, 3,408 gradients, 6,816 AdamW)', () => {
  const m = modelStates(TINY, TINY_FULL, trainingFramework('hf'));
  const on = (sharding: ShardingId, offload: 'none' | 'optimizer' | 'params' = 'none') =>
    perDeviceStates(m, { ...TINY_FULL, sharding, offload }, 4);
  it('DDP keeps everything and a second copy of the gradients in its buckets', () => {
    expect(on('ddp')).toMatchObject({ weightsBytes: 3408, gradientBytes: 6816, optimizerBytes: 6816 });
  });
  it('ZeRO-2 shards gradients and optimizer states', () => {
    expect(on('zero2')).toMatchObject({ weightsBytes: 3408, gradientBytes: 852, optimizerBytes: 1704 });
  });
  it('ZeRO-3 shards everything and gathers two blocks (2 × 1,184 B) and one block’s gradients', () => {
    expect(on('zero3')).toMatchObject({ weightsBytes: 852 + 2368, gradientBytes: 852 + 1184, optimizerBytes: 1704 });
  });
  it('FSDP also keeps the root unit (embedding, norm, head: 1,040 B) gathered', () => {
    expect(on('fsdp').weightsBytes).toBe(852 + 2368 + 1040);
  });
  it('offload moves the optimizer (and with params the weights and gradients) to CPU RAM', () => {
    expect(on('zero2', 'optimizer')).toMatchObject({ optimizerBytes: 0, hostBytes: 1704 });
    const params = on('fsdp', 'params');
    expect(params.hostBytes).toBe(852 + 852 + 1704);
    expect(params.weightsBytes).toBe(2368 + 1040);
  });
});
