import type { TrainingFramework } from './framework';

/** LitGPT's finetune scripts (litgpt finetune full / lora). */
export const LITGPT = {
  id: 'litgpt',
  label: 'LitGPT',
  aliases: ['lit-gpt'],
  source: 'https://github.com/Lightning-AI/litgpt',
  traits: [
    {
      text: 'precision bf16-true: weights, LoRA weights, gradients and torch AdamW states all in bf16.',
      source: 'https://github.com/Lightning-AI/litgpt/blob/main/litgpt/finetune/lora.py',
    },
    {
      text: 'The output head is computed over chunks of 128 positions with a chunked cross-entropy.',
      source: 'https://github.com/Lightning-AI/litgpt/blob/main/litgpt/finetune/lora.py',
    },
    {
      text: 'The output head is its own matrix even where the checkpoint ties it to the embeddings (the converter copies the table).',
      source: 'https://github.com/Lightning-AI/litgpt/blob/main/litgpt/scripts/convert_hf_checkpoint.py',
    },
    {
      text: 'With --quantize bnb.* the optimizer becomes bitsandbytes PagedAdamW (32-bit, paged); one GPU runs without activation checkpointing, several use FSDP with checkpointing per block.',
      source: 'https://github.com/Lightning-AI/litgpt/blob/main/litgpt/finetune/lora.py',
    },
    {
      text: 'Defaults: LoRA rank 8 on query and value, dropout 0.05.',
      source: 'https://github.com/Lightning-AI/litgpt/blob/main/litgpt/finetune/lora.py',
    },
  ],
  defaults: {
    method: 'lora',
    rank: 8,
    modules: ['q', 'v'],
    loraDropout: true,
    optimizer: 'adamw',
    precision: 'bf16',
    masterWeights: false,
    gradientCheckpointing: (_method, devices) => devices > 1,
    loss: 'chunked',
    flashAttention: true,
  },
  adapterFp32: false,
  upcastUnquantized: () => false,
  untiedHead: true,
  offloadedCheckpoints: false,
  expandableSegments: false,
  lossChunkTokens: (_tokens, microBatch) => 128 * microBatch,
  quantizedOptimizer: 'paged-adamw-32bit',
} as const satisfies TrainingFramework;
