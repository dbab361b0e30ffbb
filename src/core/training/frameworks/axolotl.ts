import { ALL_LINEAR_MODULES } from '../training-settings';
import type { TrainingFramework } from './framework';

/** Axolotl (YAML configs over Hugging Face Trainer and PEFT). */
export const AXOLOTL = {
  id: 'axolotl',
  label: 'Axolotl',
  aliases: [],
  source: 'https://github.com/axolotl-ai-cloud/axolotl',
  traits: [
    {
      text: 'Sets PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True when the user has not (reserved memory 37 → 27 GB in the pull request’s run).',
      source: 'https://github.com/axolotl-ai-cloud/axolotl/pull/2183',
    },
    {
      text: 'QLoRA calls PEFT’s prepare_model_for_kbit_training (fp32 embeddings, head and norms) except under FSDP or DeepSpeed ZeRO-3.',
      source: 'https://github.com/axolotl-ai-cloud/axolotl/blob/main/src/axolotl/loaders/model.py',
    },
    {
      text: 'The shipped Llama 3 QLoRA example: rank 32 on all linear layers, dropout 0.05, paged 32-bit AdamW, gradient checkpointing, flash attention, micro-batch 2 of 4,096 tokens.',
      source: 'https://github.com/axolotl-ai-cloud/axolotl/blob/main/examples/llama-3/qlora.yml',
    },
  ],
  defaults: {
    method: 'qlora',
    rank: 32,
    modules: ALL_LINEAR_MODULES,
    loraDropout: true,
    optimizer: 'paged-adamw-32bit',
    precision: 'bf16',
    masterWeights: false,
    gradientCheckpointing: () => true,
    loss: 'full',
    flashAttention: true,
  },
  adapterFp32: true,
  upcastUnquantized: (sharding) => sharding !== 'fsdp' && sharding !== 'zero3',
  untiedHead: false,
  offloadedCheckpoints: false,
  expandableSegments: true,
  lossChunkTokens: (tokens) => tokens,
  quantizedOptimizer: null,
} as const satisfies TrainingFramework;
