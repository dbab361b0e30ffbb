import type { TrainingFramework } from './framework';

/** Hugging Face Trainer (or TRL's SFTTrainer) with PEFT adapters and bitsandbytes quantization. */
export const HF_PEFT = {
  id: 'hf',
  label: 'Hugging Face Trainer + PEFT',
  aliases: ['transformers', 'peft', 'trainer', 'huggingface'],
  source: 'https://huggingface.co/docs/peft/main/en/developer_guides/quantization',
  traits: [
    {
      text: 'LoRA weights are kept in fp32 even on a bf16 model (autocast_adapter_dtype): 16 bytes per trainable parameter with AdamW.',
      source: 'https://github.com/huggingface/peft/blob/main/src/peft/mapping_func.py',
    },
    {
      text: 'QLoRA: prepare_model_for_kbit_training casts every weight bitsandbytes leaves unquantized (embeddings, output head, norms) to fp32 and turns gradient checkpointing on.',
      source: 'https://github.com/huggingface/peft/blob/main/src/peft/utils/other.py',
    },
    {
      text: 'QLoRA under FSDP or ZeRO-3 loads the model in the 4-bit storage dtype (bf16) without that upcast, so every weight shards alike.',
      source: 'https://github.com/huggingface/peft/blob/main/docs/source/accelerate/fsdp.md',
    },
    {
      text: 'The loss upcasts the logits of every token to fp32 (ForCausalLMLoss).',
      source: 'https://github.com/huggingface/transformers/blob/main/src/transformers/loss/loss_utils.py',
    },
    {
      text: 'PEFT defaults: LoRA rank 8 on q_proj and v_proj for Llama-style models, no adapter dropout.',
      source: 'https://github.com/huggingface/peft/blob/main/src/peft/tuners/lora/config.py',
    },
    {
      text: 'The Trainer leaves gradient checkpointing off unless asked (TrainingArguments.gradient_checkpointing).',
      source: 'https://github.com/huggingface/transformers/blob/main/src/transformers/training_args.py',
    },
  ],
  defaults: {
    method: 'lora',
    rank: 8,
    modules: ['q', 'v'],
    loraDropout: false,
    optimizer: 'adamw',
    precision: 'bf16',
    masterWeights: false,
    gradientCheckpointing: (method) => method === 'qlora',
    loss: 'full',
    flashAttention: true,
  },
  adapterFp32: true,
  upcastUnquantized: (sharding) => sharding !== 'fsdp' && sharding !== 'zero3',
  untiedHead: false,
  offloadedCheckpoints: false,
  expandableSegments: false,
  lossChunkTokens: (tokens) => tokens,
  quantizedOptimizer: null,
} as const satisfies TrainingFramework;
