import { eagerPeakBytes } from '../activations';
import type { RuntimeProfile } from './profile';
import { speedTables } from './speed-tables';

/**
 * ExLlamaV2 (and TabbyAPI, which serves it): the engine that loads EXL2 checkpoints, on CUDA and
 * ROCm (https://github.com/turboderp-org/exllamav2). Its speed constants are hand-set and
 * uncalibrated: no measurements in data/benchmarks yet, so its ranges are the wide ±40%.
 */
export const EXLLAMAV2 = {
  id: 'exllamav2',
  label: 'ExLlamaV2',
  aliases: ['exl2', 'tabbyapi'],
  source: 'https://github.com/turboderp-org/exllamav2',
  vendors: ['nvidia', 'amd'],
  // EXL2, and GPTQ checkpoints through the same kernels (README, "Supported models").
  formatFamilies: ['exl2', 'gptq'],
  // The FP16 cache; its own Q4/Q6/Q8 cache modes are not ggml block types, so not modelled here.
  kvCacheTypes: ['f16'],
  // gpu_split places whole layers per GPU; tensor parallelism since v0.2.
  splitModes: ['layer', 'tensor'],
  defaults: {
    format: 'exl2-4.65',
    commonFormats: ['exl2-3.0', 'exl2-4.0', 'exl2-4.65', 'exl2-5.0', 'exl2-6.0', 'exl2-8.0'],
    kvCacheType: 'f16',
    splitMode: 'layer',
    flashAttention: true,
  },
  canOffload: false,
  memoryFraction: 1,
  // A PyTorch CUDA context, as for transformers (https://github.com/pytorch/pytorch/issues/107667).
  deviceOverheadBytes: () => 300e6,
  hostInputEmbedding: () => false,
  kv: {
    // ExLlamaV2Cache allocates max_seq_len positions per sequence up front.
    cells: (tokens) => tokens,
    slidingCells: (window, cells) => Math.min(cells, window),
    elementsPerToken: (arch) => 2 * arch.kvHeads * arch.headDim,
  },
  // Prompts run in chunks of max_input_len = 2,048 tokens (config.py default).
  activationBytes: (input) => eagerPeakBytes(input, Math.min(2048, input.promptTokens)),
  activationFormula: 'peak of one layer’s activations for a 2,048-token prompt chunk + fp32 logits',
  ...speedTables('exllamav2', { bandwidthEfficiency: 0.8, perLayerSeconds: 30e-6, computeEfficiency: 0.6 }),
} as const satisfies RuntimeProfile;
