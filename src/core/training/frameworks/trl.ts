import { HF_PEFT } from './hf-peft';
import type { TrainingFramework } from './framework';

/** TRL's SFTTrainer: the Hugging Face Trainer and PEFT with SFTConfig's own defaults. */
export const TRL = {
  ...HF_PEFT,
  id: 'trl',
  label: 'TRL SFTTrainer + PEFT',
  aliases: ['sft', 'sfttrainer'],
  source: 'https://github.com/huggingface/trl/blob/main/trl/trainer/sft_config.py',
  traits: [
    {
      text: 'SFTConfig turns gradient checkpointing on and uses loss_type="chunked_nll": the output head and cross-entropy run in 256-token chunks under checkpointing, so the logits of the whole sequence never exist at once.',
      source: 'https://github.com/huggingface/trl/blob/main/trl/trainer/sft_config.py',
    },
    ...HF_PEFT.traits.filter((t) => !t.source.endsWith('loss_utils.py')),
  ],
  defaults: { ...HF_PEFT.defaults, gradientCheckpointing: () => true, loss: 'fused' },
  lossChunkTokens: (tokens: number) => Math.min(tokens, 256),
} as const satisfies TrainingFramework;
