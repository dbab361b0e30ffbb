import { ffnWidth, type ActivationInput } from '../activations';
import { roundUp, type RuntimeProfile } from './profile';
import { speedTables } from './speed-tables';

const GiB = 1024 ** 3;

/**
 * vLLM profiles peak activation memory with a dummy batch of max_num_batched_tokens (8,192 by
 * default for serving, https://docs.vllm.ai/en/latest/configuration/optimization.html) and
 * warms the sampler for max_num_seqs (256) requests (vllm/v1/worker/gpu_worker.py). Logged peaks
 * are 1.77-2.38 GiB for 7B-class models (https://github.com/vllm-project/vllm/issues/14452).
 */
function profiledPeak(input: ActivationInput): number {
  const { arch } = input;
  const tokens = 8192;
  const perToken = (4 * arch.hiddenSize + 3 * ffnWidth(arch)) * 4;
  const sampler = 256 * arch.vocabSize * 4 * 2;
  return tokens * perToken + sampler;
}

export const VLLM = {
  id: 'vllm',
  label: 'vLLM',
  aliases: [],
  source: 'https://docs.vllm.ai/en/latest/configuration/conserving_memory.html',
  // CUDA, ROCm, Intel XPU/Gaudi and CPU backends; no Apple GPU backend
  // (https://docs.vllm.ai/en/latest/getting_started/installation/).
  vendors: ['nvidia', 'amd', 'intel', 'cpu'],
  // Float, FP8, INT8/INT4, GPTQ, AWQ, bitsandbytes and MXFP4 checkpoints
  // (https://docs.vllm.ai/en/latest/features/quantization/).
  formatFamilies: ['float', 'fp8', 'int', 'gptq', 'awq', 'bnb', 'mxfp4'],
  // --kv-cache-dtype auto (the model dtype) or fp8.
  kvCacheTypes: ['f16', 'bf16', 'fp8'],
  // --tensor-parallel-size (default for several GPUs here) or --pipeline-parallel-size.
  splitModes: ['tensor', 'layer'],
  defaults: {
    format: 'bf16',
    commonFormats: ['awq-4bit-g128', 'gptq-4bit-g128', 'fp8', 'int8', 'bf16'],
    kvCacheType: 'f16',
    splitMode: 'tensor',
    flashAttention: true,
  },
  canOffload: false,
  // gpu_memory_utilization default 0.9 (vllm/config/cache.py); CUDA context and CUDA graphs live
  // in the remaining 10%.
  memoryFraction: 0.9,
  // Non-torch memory logged in the budget: 0.16-0.33 GiB (https://github.com/vllm-project/vllm/issues/14452).
  deviceOverheadBytes: () => 0.33 * GiB,
  hostInputEmbedding: () => false,
  kv: {
    // 16-token blocks (vllm/config/cache.py DEFAULT_BLOCK_SIZE).
    cells: (tokens) => roundUp(tokens, 16),
    slidingCells: (window, cells) => Math.min(cells, roundUp(window, 16)),
    // MLA caches the latent once, kv_lora_rank + rope (vllm/v1/kv_cache_interface.py MLAAttentionSpec).
    elementsPerToken: (arch) =>
      arch.mla ? arch.mla.kvLoraRank + arch.mla.qkRopeHeadDim : 2 * arch.kvHeads * arch.headDim,
  },
  activationBytes: profiledPeak,
  activationFormula: 'profiled peak of an 8,192-token dummy batch + sampler warm-up for 256 requests',
  ...speedTables('vllm', { bandwidthEfficiency: 0.75, perLayerSeconds: 10e-6, computeEfficiency: 0.6 }),
  // vllm serve … --rope-scaling '{"rope_type":"yarn",…}' --max-model-len 131072 for Qwen3
  // (https://github.com/QwenLM/Qwen3/blob/7a2f61ffc7a20d47efcd2bf97f6f2bf52729042e/docs/source/deployment/vllm.md).
  ropeScalingHow: (s, tokens) =>
    `--rope-scaling '{"rope_type":"${s.type}","factor":${s.factor.toFixed(1)},"original_max_position_embeddings":${s.originalContext}}' --max-model-len ${tokens}`,
} as const satisfies RuntimeProfile;
