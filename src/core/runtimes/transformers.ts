import { eagerPeakBytes } from '../activations';
import type { ModelArchitecture } from '../architecture';
import type { RuntimeProfile } from './profile';

import { speedTables } from './speed-tables';

/**
 * Decompressed per-head keys (nope + rope) and values, as transformers and mlx-lm cache MLA
 * models; grouped-query attention 2 × kvHeads × headDim.
 */
export function decompressedKvElements(arch: ModelArchitecture): number {
  const { mla } = arch;
  if (!mla) return 2 * arch.kvHeads * arch.headDim;
  return arch.attentionHeads * (mla.qkNopeHeadDim + mla.qkRopeHeadDim + mla.vHeadDim);
}

export const TRANSFORMERS = {
  id: 'transformers',
  label: 'HF transformers',
  aliases: ['hf', 'huggingface'],
  source: 'https://huggingface.co/docs/transformers/main/en/llm_tutorial_optimization',
  // PyTorch on CUDA, ROCm, Intel XPU, Apple MPS and the CPU.
  vendors: ['nvidia', 'amd', 'intel', 'apple', 'cpu'],
  // Float, FP8, GPTQ, AWQ and bitsandbytes checkpoints (https://huggingface.co/docs/transformers/main/en/quantization/overview).
  formatFamilies: ['float', 'fp8', 'gptq', 'awq', 'bnb'],
  // The cache is kept in the model's dtype.
  kvCacheTypes: ['f32', 'f16', 'bf16'],
  // device_map="auto" places whole layers on each device in turn (accelerate big-model inference).
  splitModes: ['layer'],
  defaults: {
    format: 'bf16',
    commonFormats: ['bnb-nf4', 'awq-4bit-g128', 'gptq-4bit-g128', 'bnb-int8', 'fp8', 'bf16'],
    kvCacheType: 'f16',
    splitMode: 'layer',
    flashAttention: true,
  },
  canOffload: true,
  memoryFraction: 1,
  // PyTorch CUDA context with lazy module loading: ~300 MB (https://github.com/pytorch/pytorch/issues/107667).
  deviceOverheadBytes: (vendor) => (vendor === 'cpu' ? 0 : 300e6),
  hostInputEmbedding: () => false,
  kv: {
    // DynamicCache holds exactly the tokens.
    cells: (tokens) => tokens,
    slidingCells: (window, cells) => Math.min(cells, window),
    elementsPerToken: decompressedKvElements,
  },
  activationBytes: (input) => eagerPeakBytes(input, input.promptTokens),
  activationFormula: 'peak of one layer’s activations for the whole prompt + fp32 logits',
  // Eager PyTorch generate() pays Python and kernel-launch overhead per layer.
  // HybridMambaAttentionDynamicCache allocates the conv and SSM states in the model dtype
  // (transformers models/jamba/modeling_jamba.py, models/nemotron_h/modeling_nemotron_h.py).
  recurrentStateElementBytes: 2,
  ...speedTables('transformers', { bandwidthEfficiency: 0.6, perLayerSeconds: 150e-6, computeEfficiency: 0.5 }),
  // rope_scaling and max_position_embeddings in config.json or passed at load
  // (https://github.com/QwenLM/Qwen3/blob/7a2f61ffc7a20d47efcd2bf97f6f2bf52729042e/docs/source/inference/transformers.md).
  ropeScalingHow: (s, tokens) =>
    `config.json: "max_position_embeddings": ${tokens}, "rope_scaling": {"rope_type": "${s.type}", "factor": ${s.factor.toFixed(1)}, "original_max_position_embeddings": ${s.originalContext}}`,
} as const satisfies RuntimeProfile;
