import { architectureFrom } from '../architecture';
import type { TrainingSettings } from './training-settings';

/**
 * Shapes and settings for the fine-tuning tests. TINY is small enough to count by hand:
 * 2 layers, hidden 8, MLP 16, 2 query heads and 1 KV head of width 4, a 32-token vocabulary.
 * Per layer: 2 norms of 8, q 8×8, k 4×8, v 4×8, o 8×8, gate and up 16×8, down 8×16 = 592 weights;
 * outside: embedding 32×8, final norm 8, head 32×8 = 520; total 2 × 592 + 520 = 1,704.
 * LLAMA_3_2_3B from https://huggingface.co/meta-llama/Llama-3.2-3B/blob/main/config.json.
 */
export const TINY = architectureFrom({
  layers: 2,
  hiddenSize: 8,
  intermediateSize: 16,
  attentionHeads: 2,
  kvHeads: 1,
  headDim: 4,
  vocabSize: 32,
  tiedEmbeddings: false,
});

export const LLAMA_3_2_3B = architectureFrom({
  layers: 28,
  hiddenSize: 3072,
  intermediateSize: 8192,
  attentionHeads: 24,
  kvHeads: 8,
  headDim: 128,
  vocabSize: 128256,
  tiedEmbeddings: true,
});

/** LoRA rank 2 on q and v, bf16, AdamW, flash attention, no checkpointing, 4 tokens × 1. */
export const TINY_LORA: TrainingSettings = {
  method: 'lora',
  lora: { rank: 2, modules: ['q', 'v'], dora: false, dropout: false },
  optimizer: 'adamw',
  precision: 'bf16',
  masterWeights: false,
  gradientCheckpointing: false,
  flashAttention: true,
  loss: 'full',
  seqTokens: 4,
  microBatch: 1,
  gradAccum: 1,
  sharding: 'none',
  offload: 'none',
  doubleQuant: false,
};

export const TINY_FULL: TrainingSettings = { ...TINY_LORA, method: 'full', lora: null };
