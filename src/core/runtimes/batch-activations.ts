import { ffnWidth } from '../activations';
import type { ModelArchitecture } from '../architecture';

/**
 * Working memory of one forward pass over `tokens` batched tokens: hidden states and FFN
 * intermediates in fp32, (4 × hidden + 3 × FFN width) × 4 bytes per token. This is the shape of
 * vLLM's profiled peak for its dummy batch (vllm/v1/worker/gpu_worker.py, profile_run); logged
 * peaks are 1.77-2.38 GiB for 7B-class models at 8,192 tokens
 * (https://github.com/vllm-project/vllm/issues/14452).
 */
export function batchActivationBytes(arch: ModelArchitecture, tokens: number): number {
  return tokens * (4 * arch.hiddenSize + 3 * ffnWidth(arch)) * 4;
}

/** The sampler's warm-up for `sequences` requests: fp32 logits and their softmax over the vocabulary. */
export function samplerWarmupBytes(arch: ModelArchitecture, sequences: number): number {
  return sequences * arch.vocabSize * 4 * 2;
}
