import { usableBytes } from '../devices';
import { batchActivationBytes } from './batch-activations';
import { roundUp, type KvPoolBudget, type KvPoolInput, type RuntimeProfile } from './profile';
import { speedTables } from './speed-tables';
import { VLLM } from './vllm';

// PyTorch's CUDA context with lazy module loading: ~300 MB (https://github.com/pytorch/pytorch/issues/107667);
// TensorRT-LLM runs on the PyTorch backend by default since v0.19.
const CUDA_CONTEXT_BYTES = 300e6;

// max_num_tokens as NVIDIA's own deployment of the LLM API sets it
// (https://docs.nvidia.com/nemo/export-deploy/latest/apidocs/nemo_deploy/nemo_deploy.llm.trtllm_api_deployable.html).
const MAX_NUM_TOKENS = 8192;

/**
 * KvCacheConfig.free_gpu_memory_fraction, default 0.9: the share of the memory still free after
 * the weights and the runtime's buffers are allocated that becomes KV blocks
 * (https://nvidia.github.io/TensorRT-LLM/examples/kvcacheconfig.html).
 */
function poolBudget(input: KvPoolInput): KvPoolBudget {
  const memoryFraction = input.memoryFraction ?? 0.9;
  const batchedTokens = input.batchedTokens ?? MAX_NUM_TOKENS;
  const activationBytes = batchActivationBytes(input.activation.arch, batchedTokens);
  const free = usableBytes(input.device, 1) - input.weightsBytes - activationBytes - CUDA_CONTEXT_BYTES;
  return {
    poolBytes: memoryFraction * free,
    memoryFraction,
    batchedTokens,
    activationBytes,
    overheadBytes: CUDA_CONTEXT_BYTES,
    maxSequences: null,
  };
}

export const TENSORRT_LLM = {
  id: 'tensorrt-llm',
  label: 'TensorRT-LLM',
  aliases: ['trtllm', 'trt-llm', 'tensorrt'],
  source: 'https://nvidia.github.io/TensorRT-LLM/',
  // NVIDIA GPUs only.
  vendors: ['nvidia'],
  // FP8, NVFP4, MXFP4, INT4 AWQ/GPTQ (W4A16), INT8 weight-only and SmoothQuant W8A8 besides
  // BF16/FP16 (https://nvidia.github.io/TensorRT-LLM/features/quantization.html).
  formatFamilies: ['float', 'fp8', 'int', 'gptq', 'awq', 'mxfp4', 'nvfp4'],
  // FP8 KV cache besides the model dtype (same page; INT8 and NVFP4 KV are not modelled here).
  kvCacheTypes: ['f16', 'bf16', 'fp8'],
  // tensor_parallel_size and pipeline_parallel_size.
  splitModes: ['tensor', 'layer'],
  defaults: {
    format: 'fp8',
    commonFormats: ['awq-4bit-g128', 'gptq-4bit-g128', 'nvfp4', 'fp8', 'int8', 'bf16'],
    kvCacheType: 'f16',
    splitMode: 'tensor',
    flashAttention: true,
  },
  canOffload: false,
  // The KV cache takes 0.9 of what is free after the weights; for a plain estimate that is close to
  // letting the whole run use 90% of the memory.
  memoryFraction: 0.9,
  deviceOverheadBytes: (vendor) => (vendor === 'cpu' ? 0 : CUDA_CONTEXT_BYTES),
  hostInputEmbedding: () => false,
  kv: {
    // KvCacheConfig.tokens_per_block, default 32 (https://nvidia.github.io/TensorRT-LLM/llm-api/reference/KvCacheConfig.html).
    cells: (tokens) => roundUp(tokens, 32),
    slidingCells: (window, cells) => Math.min(cells, roundUp(window, 32)),
    elementsPerToken: VLLM.kv.elementsPerToken,
  },
  activationBytes: (input) => batchActivationBytes(input.arch, MAX_NUM_TOKENS),
  activationFormula: 'working memory of one 8,192-token batch (max_num_tokens)',
  // Speed constants start from vLLM's hand-set values (CUDA-graph decode on the same GPUs);
  // `npm run calibrate` fits them where there are measurements.
  ...speedTables('tensorrt-llm', VLLM.provisionalSpeed('nvidia')),
  kvPool: {
    kind: 'paged',
    blockTokens: 32,
    memoryFractionSetting: 'free_gpu_memory_fraction',
    batchedTokensSetting: 'max_num_tokens',
    budget: poolBudget,
    formula: 'free_gpu_memory_fraction × (total memory − weights − working memory − CUDA context)',
    source: 'https://nvidia.github.io/TensorRT-LLM/examples/kvcacheconfig.html',
  },
} as const satisfies RuntimeProfile;
