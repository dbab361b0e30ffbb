import type { TrainingFramework } from './framework';

/** torchtune recipes (lora_finetune_single_device, full_finetune_distributed, …). */
export const TORCHTUNE = {
  id: 'torchtune',
  label: 'torchtune',
  aliases: ['tune'],
  source: 'https://github.com/pytorch/torchtune',
  traits: [
    {
      text: 'Pure bf16: weights, gradients and torch AdamW states in bf16, no fp32 master weights (8 bytes per parameter in full fine-tuning); LoRA weights in bf16 too.',
      source: 'https://github.com/pytorch/torchtune/blob/main/torchtune/training/precision.py',
    },
    {
      text: 'LinearCrossEntropyLoss runs the output head and the loss over 8 chunks of the sequence, so only one chunk’s fp32 logits exist at a time.',
      source: 'https://github.com/pytorch/torchtune/blob/main/torchtune/modules/loss/cross_entropy_loss.py',
    },
    {
      text: 'Defaults: activation checkpointing on; LoRA rank 8 on q_proj, v_proj, output_proj and the MLP, no dropout; QLoRA stores the base in torchao NF4.',
      source: 'https://github.com/pytorch/torchtune/blob/main/recipes/configs/llama3_1/8B_lora_single_device.yaml',
    },
  ],
  defaults: {
    method: 'lora',
    rank: 8,
    modules: ['q', 'v', 'o', 'gate', 'up', 'down'],
    loraDropout: false,
    optimizer: 'adamw',
    precision: 'bf16',
    masterWeights: false,
    gradientCheckpointing: () => true,
    loss: 'chunked',
    flashAttention: true,
  },
  adapterFp32: false,
  upcastUnquantized: () => false,
  untiedHead: false,
  offloadedCheckpoints: false,
  expandableSegments: false,
  lossChunkTokens: (tokens) => Math.ceil(tokens / 8),
  quantizedOptimizer: null,
} as const satisfies TrainingFramework;
