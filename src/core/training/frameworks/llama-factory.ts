import { ALL_LINEAR_MODULES } from '../training-settings';
import type { TrainingFramework } from './framework';

/** LLaMA-Factory (llamafactory-cli train) on Hugging Face Trainer and PEFT. */
export const LLAMA_FACTORY = {
  id: 'llama-factory',
  label: 'LLaMA-Factory',
  aliases: ['llamafactory', 'llama_factory'],
  source: 'https://github.com/hiyouga/LLaMA-Factory',
  traits: [
    {
      text: 'Trainable parameters are upcast to fp32 unless pure_bf16 is set: full fine-tuning keeps fp32 weights, gradients and AdamW states (16 bytes per parameter), LoRA weights are fp32.',
      source: 'https://github.com/hiyouga/LLaMA-Factory/blob/main/src/llamafactory/model/adapter.py',
    },
    {
      text: 'Defaults: gradient checkpointing on, LoRA rank 8 on all linear layers with no dropout, QLoRA in NF4 with double quantization; no upcast of embeddings or head.',
      source: 'https://github.com/hiyouga/LLaMA-Factory/blob/main/src/llamafactory/hparams/finetuning_args.py',
    },
    {
      text: 'The loss is the Hugging Face model’s: fp32 logits for every token.',
      source: 'https://github.com/huggingface/transformers/blob/main/src/transformers/loss/loss_utils.py',
    },
  ],
  defaults: {
    method: 'lora',
    rank: 8,
    modules: ALL_LINEAR_MODULES,
    loraDropout: false,
    optimizer: 'adamw',
    precision: 'bf16',
    masterWeights: true,
    gradientCheckpointing: () => true,
    loss: 'full',
    flashAttention: true,
  },
  adapterFp32: true,
  upcastUnquantized: () => false,
  untiedHead: false,
  offloadedCheckpoints: false,
  expandableSegments: false,
  lossChunkTokens: (tokens) => tokens,
  quantizedOptimizer: null,
} as const satisfies TrainingFramework;
