import type { ActivationInput } from '../activations';
import { usableBytes, type Device } from '../devices';
import { batchActivationBytes, samplerWarmupBytes } from './batch-activations';
import { roundUp, type KvPoolBudget, type KvPoolInput, type RuntimeProfile } from './profile';
import { speedTables } from './speed-tables';

const GiB = 1024 ** 3;

/**
 * vLLM profiles peak activation memory with a dummy batch of max_num_batched_tokens (8,192 by
 * default for serving, https://docs.vllm.ai/en/latest/configuration/optimization.html) and
 * warms the sampler for max_num_seqs (256) requests (vllm/v1/worker/gpu_worker.py). Logged peaks
 * are 1.77-2.38 GiB for 7B-class models (https://github.com/vllm-project/vllm/issues/14452).
 */
function profiledPeak(input: ActivationInput, tokens = 8192, sequences = 256): number {
  return batchActivationBytes(input.arch, tokens) + samplerWarmupBytes(input.arch, sequences);
}

// Non-torch memory logged in the budget: 0.16-0.33 GiB (https://github.com/vllm-project/vllm/issues/14452).
const NON_TORCH_BYTES = 0.33 * GiB;

/**
 * `vllm serve` defaults by GPU (vllm/engine/arg_utils.py, mid-2025,
 * https://github.com/vllm-project/vllm/blob/99d7eb5d6a512cfcc5a2b104f24ebf2d6cda772b/vllm/engine/arg_utils.py):
 * GPUs with at least 70 GiB other than the A100 (left out after a throughput regression, PR #17885)
 * batch 8,192 tokens per step and run up to 1,024 sequences; other GPUs 2,048 and 256; CPUs 2,048
 * and 128. Logs on an L40S and a DGX Spark print "max_num_batched_tokens=2048".
 */
function servingDefaults(device: Device): { readonly batchedTokens: number; readonly maxSequences: number } {
  if (device.vendor === 'cpu') return { batchedTokens: 2048, maxSequences: 128 };
  const large = device.memoryBytes >= 70 * GiB && !/a100/i.test(device.name);
  return large ? { batchedTokens: 8192, maxSequences: 1024 } : { batchedTokens: 2048, maxSequences: 256 };
}

/**
 * vLLM V1 sizes the KV cache at start-up (vllm/v1/worker/gpu_worker.py, determine_available_memory,
 * https://github.com/vllm-project/vllm/blob/0012cf691b7e69423244d2b1405f4b6832156e19/vllm/v1/worker/gpu_worker.py):
 * available = total memory × gpu_memory_utilization − (weights + profiled activation peak +
 * non-torch memory), per rank. CUDA graphs are captured afterwards, in the memory the utilization
 * leaves free (builds from v0.21 subtract an estimate of them first, 0.1-0.5 GiB on 24 GiB cards).
 */
function poolBudget(input: KvPoolInput): KvPoolBudget {
  const defaults = servingDefaults(input.device);
  const memoryFraction = input.memoryFraction ?? 0.9;
  const batchedTokens = input.batchedTokens ?? defaults.batchedTokens;
  // max_num_seqs is at most max_num_batched_tokens.
  const maxSequences = Math.min(defaults.maxSequences, batchedTokens);
  const activationBytes = profiledPeak(input.activation, batchedTokens, maxSequences);
  const total = usableBytes(input.device, 1);
  return {
    poolBytes: total * memoryFraction - input.weightsBytes - activationBytes - NON_TORCH_BYTES,
    memoryFraction,
    batchedTokens,
    activationBytes,
    overheadBytes: NON_TORCH_BYTES,
    maxSequences,
  };
}

export const VLLM = {
  id: 'vllm',
  label: 'vLLM',
  aliases: [],
  source: 'https://docs.vllm.ai/en/latest/configuration/conserving_memory.html',
  // CUDA, ROCm, Intel XPU/Gaudi and CPU backends; no Apple GPU backend
  // (https://docs.vllm.ai/en/latest/getting_started/installation/).
  vendors: ['nvidia', 'amd', 'intel', 'cpu'],
  // Float, FP8, INT8/INT4, GPTQ, AWQ, bitsandbytes, MXFP4 and Model Optimizer NVFP4 checkpoints
  // (https://docs.vllm.ai/en/latest/features/quantization/).
  formatFamilies: ['float', 'fp8', 'int', 'gptq', 'awq', 'bnb', 'mxfp4', 'nvfp4'],
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
  deviceOverheadBytes: () => NON_TORCH_BYTES,
  hostInputEmbedding: () => false,
  kv: {
    // 16-token blocks (vllm/config/cache.py DEFAULT_BLOCK_SIZE).
    cells: (tokens) => roundUp(tokens, 16),
    slidingCells: (window, cells) => Math.min(cells, roundUp(window, 16)),
    // MLA caches the latent once, kv_lora_rank + rope (vllm/v1/kv_cache_interface.py MLAAttentionSpec).
    elementsPerToken: (arch) =>
      arch.mla ? arch.mla.kvLoraRank + arch.mla.qkRopeHeadDim : 2 * arch.kvHeads * arch.headDim,
  },
  activationBytes: (input) => profiledPeak(input),
  activationFormula: 'profiled peak of an 8,192-token dummy batch + sampler warm-up for 256 requests',
  // Mamba conv and SSM states in the model dtype unless mamba_ssm_cache_dtype says otherwise
  // (--mamba-cache-dtype auto, vllm/model_executor/layers/mamba/mamba_utils.py MambaStateDtypeCalculator).
  recurrentStateElementBytes: 2,
  ...speedTables('vllm', { bandwidthEfficiency: 0.75, perLayerSeconds: 10e-6, computeEfficiency: 0.6 }),
  kvPool: {
    kind: 'paged',
    // DEFAULT_BLOCK_SIZE 16 on CUDA (https://docs.vllm.ai/en/stable/api/vllm/config/cache/); a
    // DGX Spark log shows 52,510 blocks for 840,160 tokens.
    blockTokens: 16,
    memoryFractionSetting: 'gpu_memory_utilization',
    batchedTokensSetting: 'max_num_batched_tokens',
    budget: poolBudget,
    formula: 'total memory × gpu_memory_utilization − weights − profiled activation peak − non-torch memory',
    source:
      'https://github.com/vllm-project/vllm/blob/0012cf691b7e69423244d2b1405f4b6832156e19/vllm/v1/worker/gpu_worker.py',
  },
  // vllm serve … --rope-scaling '{"rope_type":"yarn",…}' --max-model-len 131072 for Qwen3
  // (https://github.com/QwenLM/Qwen3/blob/7a2f61ffc7a20d47efcd2bf97f6f2bf52729042e/docs/source/deployment/vllm.md).
  ropeScalingHow: (s, tokens) =>
    `--rope-scaling '{"rope_type":"${s.type}","factor":${s.factor.toFixed(1)},"original_max_position_embeddings":${s.originalContext}}' --max-model-len ${tokens}`,
} as const satisfies RuntimeProfile;
