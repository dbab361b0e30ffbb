import { attentionLayerCount, recurrentLayerCount, recurrentStateElements } from '../core/architecture';
import type { Estimate, EstimateInput } from '../core/estimate';
import { TIGHT_THRESHOLD } from '../core/fit';
import { KV_CACHE_TYPES } from '../core/kv-cache-types';
import { runtimeProfile } from '../core/runtimes/registry';
import { formatFixed, formatGiB, formatParams, formatPercent, formatSig3, formatWhole } from './format-units';

/** The formula behind each number, with the user's values filled in and a source. */
export interface Explanation {
  readonly title: string;
  readonly formula: string;
  readonly values: readonly (readonly [string, string])[];
  readonly note?: string | undefined;
  readonly source: string;
}

export interface Explanations {
  readonly weights: Explanation;
  readonly kvCache: Explanation;
  readonly recurrentState: Explanation;
  readonly activations: Explanation;
  readonly overhead: Explanation;
  readonly verdict: Explanation;
  readonly decode: Explanation;
  readonly prefill: Explanation;
}

export function explain(input: EstimateInput, e: Estimate): Explanations {
  const { arch, format } = input;
  const runtime = runtimeProfile(input.runtime);
  const vendor = input.devices[0]?.vendor ?? 'nvidia';
  const k = runtime.speed(vendor);
  const bandwidth = input.devices.reduce((a, d) => Math.min(a, d.bandwidthBytesPerSecond), Infinity);
  const kvPerToken = arch.mla ? 'MLA latent' : `2 × ${attentionLayerCount(arch)} × ${arch.kvHeads} × ${arch.headDim}`;
  const measured = e.weights.basis === 'measured';
  return {
    weights: {
      title: 'Weights',
      formula: measured
        ? 'Σ of the bytes each tensor takes in the file header'
        : 'Σ over tensors: elements × bits per weight ÷ 8',
      values: [
        ['parameters', formatParams(e.params.total)],
        ['format', measured ? `as stored (${input.tensors?.source ?? 'file header'})` : format.label],
        ['average bits per weight', formatFixed(e.weights.bitsPerWeight, 3)],
        ['weights', formatGiB(e.memory.weightsBytes)],
      ],
      note: measured
        ? 'Exact: every tensor as the file stores it, scales and packed quantized weights included.'
        : format.family === 'gguf'
          ? 'GGUF files mix types per tensor as llama-quantize does (output head, attn_v and ffn_down get more bits).'
          : format.keep16 === 'embeddings'
            ? 'Embedding table and output head stay at 16 bits.'
            : undefined,
      source: format.source,
    },
    kvCache: {
      title: 'KV cache',
      formula: `${kvPerToken} × cells × ${input.sequences} sequence(s) × ${formatSig3(KV_CACHE_TYPES[input.kvCacheType])} B`,
      values: [
        ['context per sequence', formatWhole(input.contextTokens)],
        ['cache type', input.kvCacheType],
        ['KV cache', formatGiB(e.memory.kvCacheBytes)],
      ],
      note: arch.slidingWindow
        ? `Sliding-window layers keep ${formatWhole(arch.slidingWindow.window)} tokens.`
        : undefined,
      source: 'https://github.com/ggml-org/llama.cpp/blob/master/src/llama-kv-cache.cpp',
    },
    recurrentState: {
      title: 'Recurrent state',
      formula: arch.hybrid
        ? `${recurrentLayerCount(arch)} layers × (${recurrentStateElements(arch.hybrid.ssm).conv.toLocaleString('en-US')} conv + ${recurrentStateElements(arch.hybrid.ssm).state.toLocaleString('en-US')} state values) × ${input.sequences} sequence(s)`
        : 'none: every layer attends',
      values: [['recurrent state', formatGiB(e.memory.recurrentStateBytes)]],
      note: 'Mamba and linear-attention layers keep a fixed-size state per sequence instead of a KV cache: it does not grow with the context.',
      source: 'https://github.com/ggml-org/llama.cpp/blob/master/src/llama-hparams.cpp',
    },
    activations: {
      title: 'Activations / compute buffers',
      formula: runtime.activationFormula,
      values: [['per device', formatGiB(e.memory.activationBytes / input.devices.length)]],
      source: runtime.source,
    },
    overhead: {
      title: 'Runtime overhead',
      formula: 'per device: driver / CUDA context / runtime reserve',
      values: [['total', formatGiB(e.memory.overheadBytes)]],
      source: runtime.source,
    },
    verdict: {
      title: 'Verdict',
      formula: `fits ≤ ${formatPercent(TIGHT_THRESHOLD)} of usable; tight ≤ 100%; offload if layers can spill to RAM; else no`,
      values: [
        ['needed on GPUs', formatGiB(e.memory.deviceBytes)],
        ['usable', formatGiB(e.fit.usableBytes)],
        ['ratio', formatPercent(e.fit.ratio)],
        ['layers on GPU', `${e.fit.deviceLayers} of ${e.fit.totalLayers}`],
      ],
      note: input.devices.some((d) => d.unifiedMemory)
        ? 'Apple silicon lets the GPU use 2/3 of unified memory up to 32 GB, 3/4 above.'
        : undefined,
      source: 'https://github.com/ggml-org/llama.cpp/issues/1870',
    },
    decode: {
      title: 'Decode speed',
      formula: 'bytes per step ÷ (bandwidth × efficiency) + layers × per-layer cost',
      values: [
        ['bytes per step', formatGiB(e.speed.bytesPerStep)],
        ['bandwidth', `${formatSig3(bandwidth / 1e9)} GB/s`],
        ['efficiency', formatPercent(k.bandwidthEfficiency)],
        ['per-layer cost', `${formatSig3(k.perLayerSeconds * 1e6)} µs × ${arch.layers}`],
        ['upper bound', `${formatSig3(e.speed.decodeUpperBoundTokensPerSecond)} tok/s`],
      ],
      note: 'Assumes the context is full; shorter conversations decode a little faster.',
      source: 'https://doi.org/10.1145/1498765.1498785',
    },
    prefill: {
      title: 'Prefill speed',
      formula: arch.moe
        ? 'per micro-batch: dense weights × tokens + each touched expert × (its tokens + tile) + attention, FLOPs ÷ (FP16 FLOPS × efficiency), or reading the weights if slower'
        : '(2 × active params + attention) FLOPs per token ÷ (FP16 FLOPS × efficiency), or reading the weights once per micro-batch if slower',
      values: [
        ['active params per token', formatParams(e.params.activePerToken)],
        ['efficiency', formatPercent(k.computeEfficiency)],
        ...(arch.moe
          ? ([
              [
                'tokens per expert per micro-batch',
                formatSig3(((runtime.defaults.ubatch ?? 512) * arch.moe.activeExperts) / arch.moe.experts),
              ],
              ['expert tile', `${formatSig3(k.expertTileTokens ?? 0)} tokens`],
            ] as const)
          : []),
      ],
      source: 'https://arxiv.org/abs/2001.08361',
    },
  };
}
