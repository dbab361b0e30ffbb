import { eagerPeakBytes } from '../activations';
import { roundUp, type RuntimeProfile } from './profile';
import { speedTables } from './speed-tables';
import { decompressedKvElements } from './transformers';

const MiB = 1024 ** 2;

export const MLX = {
  id: 'mlx',
  label: 'Apple MLX',
  aliases: ['mlx-lm'],
  source: 'https://github.com/ml-explore/mlx-lm',
  // MLX runs on Apple silicon (https://ml-explore.github.io/mlx/build/html/install.html).
  vendors: ['apple'],
  formatFamilies: ['float', 'mlx'],
  // mlx-lm's quantized KV cache (--kv-bits 8 / 4) besides the model dtype.
  kvCacheTypes: ['f16', 'bf16', 'q8_0', 'q4_0'],
  // One machine per model here; mlx-lm's distributed pipeline runs whole layers per machine.
  splitModes: ['layer'],
  defaults: {
    format: 'mlx-4bit',
    commonFormats: ['mlx-4bit', 'mlx-6bit', 'mlx-8bit', 'bf16'],
    kvCacheType: 'f16',
    splitMode: 'layer',
    flashAttention: true,
  },
  canOffload: false,
  memoryFraction: 1,
  deviceOverheadBytes: () => 512 * MiB,
  hostInputEmbedding: () => false,
  kv: {
    // The cache grows in steps of 256 (mlx_lm/models/cache.py KVCache.step).
    cells: (tokens) => roundUp(tokens, 256),
    slidingCells: (window, cells) => Math.min(cells, roundUp(window, 256)),
    elementsPerToken: decompressedKvElements,
  },
  // mlx-lm prefills in chunks of 2,048 tokens (mlx_lm/generate.py prefill_step_size).
  activationBytes: (input) => eagerPeakBytes(input, Math.min(2048, input.promptTokens)),
  activationFormula: 'peak of one layer’s activations for a 2,048-token prompt chunk + fp32 logits',
  ...speedTables('mlx', { bandwidthEfficiency: 0.8, perLayerSeconds: 60e-6, computeEfficiency: 0.7 }),
} as const satisfies RuntimeProfile;
