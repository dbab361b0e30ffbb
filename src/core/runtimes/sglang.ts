import { usableBytes } from '../devices';
import { type KvPoolBudget, type KvPoolInput, type RuntimeProfile } from './profile';
import { speedTables } from './speed-tables';
import { VLLM } from './vllm';

const MiB = 1024 ** 2;

// SGLang's server arguments (python/sglang/srt/server_args.py, _handle_gpu_memory_settings), read
// at https://github.com/sgl-project/sglang/blob/001067fffe33427bee0ed2f007fb7551a1d76b44/python/sglang/srt/server_args.py.
const SERVER_ARGS =
  'https://github.com/sgl-project/sglang/blob/001067fffe33427bee0ed2f007fb7551a1d76b44/python/sglang/srt/server_args.py';

/**
 * chunked_prefill_size and the largest CUDA-graph decode batch by GPU memory (MiB, as the GPU
 * reports it): < 20 GiB 2,048 and 8; < 35 GiB 2,048 and 24 (80 with TP ≥ 4); < 60 GiB 4,096 and
 * 32 (160); < 160 GiB 8,192 and 256 (512); larger 16,384 and 512.
 */
function tier(gpuMiB: number, tp: number): { readonly chunk: number; readonly graphBatch: number } {
  const wide = tp >= 4;
  if (gpuMiB < 20 * 1024) return { chunk: 2048, graphBatch: 8 };
  if (gpuMiB < 35 * 1024) return { chunk: 2048, graphBatch: wide ? 80 : 24 };
  if (gpuMiB < 60 * 1024) return { chunk: 4096, graphBatch: wide ? 160 : 32 };
  if (gpuMiB < 160 * 1024) return { chunk: 8192, graphBatch: wide ? 512 : 256 };
  return { chunk: 16384, graphBatch: 512 };
}

/**
 * The default mem_fraction_static: the share of memory for weights and the KV pool, what is left
 * after a reserve for activations and CUDA graphs of 512 MiB + 1.5 × max(chunk, 2,048) +
 * 2 MiB per graph batch size + TP × PP / 8 × 1 GiB, at least 10 GiB on GPUs over 60 GiB, rounded
 * to three decimals (an H100 80 GB at TP 1: 13,440 MiB reserved, 0.835).
 */
export function sglangMemFractionStatic(gpuMiB: number, tp: number, pp: number, chunk: number): number {
  const { graphBatch } = tier(gpuMiB, tp);
  let reserved = 512 + 1.5 * Math.max(chunk, 2048) + graphBatch * 2 + ((tp * pp) / 8) * 1024;
  if (gpuMiB > 60 * 1024) reserved = Math.max(reserved, 10 * 1024);
  return Math.round(((gpuMiB - reserved) / gpuMiB) * 1000) / 1000;
}

// PyTorch's CUDA context with lazy module loading: ~300 MB (https://github.com/pytorch/pytorch/issues/107667).
const CUDA_CONTEXT_BYTES = 300e6;

/**
 * The token pool (ModelRunner.profile_max_num_token): the memory free after loading the weights,
 * less total × (1 − mem_fraction_static), divided by the bytes of one token's KV in every layer;
 * so pool = total × mem_fraction_static − weights − what else the process holds.
 */
function poolBudget(input: KvPoolInput): KvPoolBudget {
  const total = usableBytes(input.device, 1);
  const gpuMiB = total / MiB;
  const batchedTokens = input.batchedTokens ?? tier(gpuMiB, input.tensorParallel).chunk;
  const memoryFraction =
    input.memoryFraction ??
    sglangMemFractionStatic(gpuMiB, input.tensorParallel, input.pipelineParallel, batchedTokens);
  return {
    poolBytes: total * memoryFraction - input.weightsBytes - CUDA_CONTEXT_BYTES,
    memoryFraction,
    batchedTokens,
    activationBytes: total * (1 - memoryFraction),
    overheadBytes: CUDA_CONTEXT_BYTES,
    maxSequences: null,
  };
}

export const SGLANG = {
  id: 'sglang',
  label: 'SGLang',
  aliases: ['sgl'],
  source: 'https://docs.sglang.io/advanced_features/hyperparameter_tuning.html',
  // NVIDIA and AMD Instinct GPUs (https://docs.sglang.io/advanced_features/quantization.html, platform table).
  vendors: ['nvidia', 'amd'],
  // FP8, MXFP4, GPTQ, AWQ, INT8 (w8a8), bitsandbytes and Model Optimizer FP4 checkpoints besides
  // BF16/FP16 (https://docs.sglang.io/advanced_features/quantization.html).
  formatFamilies: ['float', 'fp8', 'int', 'gptq', 'awq', 'bnb', 'mxfp4', 'nvfp4'],
  // --kv-cache-dtype auto, fp8_e5m2 or fp8_e4m3.
  kvCacheTypes: ['f16', 'bf16', 'fp8'],
  // --tp-size and --pp-size.
  splitModes: ['tensor', 'layer'],
  defaults: {
    format: 'bf16',
    commonFormats: ['awq-4bit-g128', 'gptq-4bit-g128', 'nvfp4', 'fp8', 'int8', 'bf16'],
    kvCacheType: 'f16',
    splitMode: 'tensor',
    flashAttention: true,
  },
  canOffload: false,
  // mem_fraction_static = (weights + KV pool) ÷ GPU memory, 0.88 where the GPU's memory is not
  // known (server_args.py); activations and CUDA graphs live in the rest, so a plain estimate puts
  // none inside the fraction. `headroom serve` uses the per-GPU default above.
  memoryFraction: 0.88,
  deviceOverheadBytes: (vendor) => (vendor === 'cpu' ? 0 : CUDA_CONTEXT_BYTES),
  hostInputEmbedding: () => false,
  kv: {
    // The token pool holds exactly the tokens (page size 1 on CUDA by default).
    cells: (tokens) => tokens,
    slidingCells: (window, cells) => Math.min(cells, window),
    // MLA caches kv_lora_rank + qk_rope_head_dim per token, others K and V of every KV head
    // (cell size in profile_max_num_token).
    elementsPerToken: VLLM.kv.elementsPerToken,
  },
  activationBytes: () => 0,
  activationFormula: 'none inside mem_fraction_static: activations and CUDA graphs use the memory left outside it',
  // Speed constants start from vLLM's hand-set values: both run CUDA-graph decode with
  // FlashInfer/FlashAttention kernels; `npm run calibrate` fits them where there are measurements.
  ...speedTables('sglang', VLLM.provisionalSpeed('nvidia')),
  kvPool: {
    kind: 'paged',
    blockTokens: 1,
    memoryFractionSetting: 'mem_fraction_static',
    batchedTokensSetting: 'chunked_prefill_size',
    budget: poolBudget,
    formula: 'total memory × mem_fraction_static − weights − CUDA context',
    source: SERVER_ARGS,
  },
} as const satisfies RuntimeProfile;
