import { ALL_LINEAR_MODULES } from '../training-settings';
import type { TrainingFramework } from './framework';

/**
 * Unsloth: PEFT adapters with its own kernels. What differs in memory: checkpointed layer inputs
 * go to CPU RAM, the loss never materialises the logits, and the allocator uses expandable
 * segments.
 */
export const UNSLOTH = {
  id: 'unsloth',
  label: 'Unsloth',
  aliases: [],
  source: 'https://github.com/unslothai/unsloth',
  traits: [
    {
      text: 'use_gradient_checkpointing="unsloth" (the default) copies each layer’s input to CPU RAM in the forward pass and back for recomputation, so the GPU holds one layer’s checkpoint at a time.',
      source: 'https://github.com/unslothai/unsloth/blob/main/unsloth/models/_utils.py',
    },
    {
      text: 'The fused cross-entropy works through the vocabulary in chunks and does not keep the logits.',
      source: 'https://github.com/unslothai/unsloth/blob/main/unsloth/kernels/cross_entropy_loss.py',
    },
    {
      text: 'Sets PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True at import, which limits allocator fragmentation.',
      source: 'https://github.com/meta-pytorch/torchtune/issues/1185',
    },
    {
      text: 'Defaults: 4-bit loading (QLoRA), LoRA rank 16 on all seven projections, no dropout.',
      source: 'https://github.com/unslothai/unsloth/blob/main/unsloth/models/llama.py',
    },
    {
      text: 'Prepares 4-bit models with its own prepare_model_for_training instead of PEFT’s: fp32 adapters (float32_mixed_precision), embeddings and head left frozen in their dtype.',
      source: 'https://github.com/unslothai/unsloth/blob/main/unsloth/models/_utils.py',
    },
  ],
  defaults: {
    method: 'qlora',
    rank: 16,
    modules: ALL_LINEAR_MODULES,
    loraDropout: false,
    optimizer: 'adamw',
    precision: 'bf16',
    masterWeights: false,
    gradientCheckpointing: () => true,
    loss: 'fused',
    flashAttention: true,
  },
  adapterFp32: true,
  upcastUnquantized: () => false,
  untiedHead: false,
  offloadedCheckpoints: true,
  expandableSegments: true,
  // The fused loss picks its chunk; 256 tokens is TRL's chunked_nll default, of the same kind.
  lossChunkTokens: (tokens) => Math.min(tokens, 256),
  quantizedOptimizer: null,
} as const satisfies TrainingFramework;
