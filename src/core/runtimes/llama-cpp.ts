import type { ActivationInput } from '../activations';
import { ffnWidth } from '../activations';
import type { Vendor } from '../devices';
import { roundUp, type RuntimeProfile, type SpeedConstants } from './profile';
import { speedTables } from './speed-tables';

const MiB = 1024 ** 2;

// Apple: two-point fit to M2 Ultra llama 3B F16 (72.3 tok/s) and Q4_0 (155.9 tok/s) tg128,
// https://github.com/ggml-org/llama.cpp/pull/10238, checked on M2 Max LLaMA-7B Q4_0 (61.2 tok/s),
// https://github.com/ggml-org/llama.cpp/pull/2959. NVIDIA: RTX 4090 LLaMA-7B Q4_0 ≈ 186 tok/s on
// 2025 builds (https://github.com/ggml-org/llama.cpp/discussions/15013); prefill from RTX 4090
// llama 8B Q4_0 pp512 ≈ 10,400 tok/s (https://github.com/ggml-org/llama.cpp/pull/7676). These are
// the starting point of `npm run calibrate` and the fallback where it has too few measurements.
const PROVISIONAL: Readonly<Record<Vendor, SpeedConstants>> = {
  nvidia: { bandwidthEfficiency: 0.8, perLayerSeconds: 22e-6, computeEfficiency: 0.9 },
  amd: { bandwidthEfficiency: 0.65, perLayerSeconds: 40e-6, computeEfficiency: 0.45 },
  apple: { bandwidthEfficiency: 0.76, perLayerSeconds: 117e-6, computeEfficiency: 0.7 },
  intel: { bandwidthEfficiency: 0.55, perLayerSeconds: 60e-6, computeEfficiency: 0.35 },
  cpu: { bandwidthEfficiency: 0.7, perLayerSeconds: 30e-6, computeEfficiency: 0.5 },
};

/**
 * llama.cpp's compute buffer. The scheduler reserves a worst-case graph of n_ubatch = 512 tokens
 * (src/llama-context.cpp, graph_reserve) and ggml-alloc reuses dead tensors, so the buffer is
 * the largest set of tensors alive at once: the F32 logits (vocab × ubatch × 4 B), or with flash
 * attention off the F32 KQ matrix (cells × ubatch × heads × 4 B, src/llama-graph.cpp), or the FFN
 * intermediates. The residual-stream terms reproduce logged buffers: Mistral-7B FA off 164 MiB at
 * 2,048 and 2,144 MiB at 32,768 context (https://github.com/fedora-copr/logdetective/pull/106),
 * Qwen2.5-3B 300.75 MiB (https://github.com/SciSharp/LLamaSharp/issues/1099).
 */
function computeBuffer(input: ActivationInput): number {
  const { arch, kvCells } = input;
  const ub = Math.min(512, input.contextTokens * input.sequences);
  const h = arch.hiddenSize;
  const logits = ub * (arch.vocabSize + h) * 4;
  const kvWidth = arch.kvHeads * arch.headDim;
  const attention = input.flashAttention
    ? ub * h * 16
    : kvCells * ub * arch.attentionHeads * 4 + ub * h * 16 + kvCells * kvWidth * 2;
  const ffn = ub * (2 * ffnWidth(arch) + 2 * h) * 4;
  return Math.max(logits, attention, ffn);
}

export const LLAMA_CPP = {
  id: 'llama.cpp',
  label: 'llama.cpp',
  aliases: ['llamacpp', 'llama-cpp'],
  source: 'https://github.com/ggml-org/llama.cpp',
  // CUDA, ROCm/HIP, Metal, SYCL and Vulkan backends, and the CPU (docs/build.md).
  vendors: ['nvidia', 'amd', 'apple', 'intel', 'cpu'],
  // GGUF files; a 16- or 32-bit checkpoint runs as its F16/BF16/F32 conversion (convert_hf_to_gguf.py).
  formatFamilies: ['gguf', 'float'],
  // -ctk/-ctv accept f32, f16, bf16, q8_0, q4_0 (among others) (common/arg.cpp kv_cache_types).
  kvCacheTypes: ['f32', 'f16', 'bf16', 'q8_0', 'q4_0'],
  // --split-mode layer (default) or row, which shards each matrix across devices.
  splitModes: ['layer', 'tensor'],
  // -fa auto turns flash attention on where the backend supports it (2025 builds).
  defaults: {
    format: 'Q4_K_M',
    commonFormats: ['Q3_K_M', 'Q4_K_M', 'Q5_K_M', 'Q6_K', 'Q8_0', 'f16'],
    kvCacheType: 'f16',
    splitMode: 'layer',
    flashAttention: true,
    // n_ubatch 512 (common/common.h common_params, Dec 2025).
    ubatch: 512,
  },
  canOffload: true,
  memoryFraction: 1,
  // The memory breakdown logs 451-456 MiB "unaccounted" (CUDA context, driver) per RTX 4090
  // (https://github.com/ggml-org/llama.cpp/pull/15860). Ollama reserves 512 MiB per Metal device
  // (https://github.com/ollama/ollama/blob/main/ml/device.go, MinimumMemory).
  deviceOverheadBytes: (vendor) => (vendor === 'apple' ? 512 * MiB : vendor === 'cpu' ? 0 : 456 * MiB),
  // "There is very little benefit to offloading the input layer" (src/llama-model.cpp): the
  // token embedding stays in host memory, which on unified memory is the same pool.
  hostInputEmbedding: (devices) => !devices.every((d) => d.unifiedMemory),
  kv: {
    // n_ctx_seq = GGML_PAD(n_ctx / n_seq_max, 256) (src/llama-context.cpp, Dec 2025).
    cells: (tokens) => roundUp(tokens, 256),
    // A sliding-window layer keeps n_swa + n_ubatch (512) cells, padded to 256 (src/llama-kv-cache-iswa.cpp).
    slidingCells: (window, cells) => Math.min(cells, roundUp(window + 512, 256)),
    // MLA as llama.cpp stores it: K = kv_lora_rank + rope dims, V = kv_lora_rank in one latent
    // "head" (src/models/deepseek2.cpp); grouped-query attention 2 × kvHeads × headDim.
    elementsPerToken: (arch) =>
      arch.mla ? 2 * arch.mla.kvLoraRank + arch.mla.qkRopeHeadDim : 2 * arch.kvHeads * arch.headDim,
  },
  activationBytes: computeBuffer,
  activationFormula: 'max(vocab × 512 × 4 B logits, FFN intermediates, KQ matrix without flash attention)',
  // The recurrent state is always F32, whatever -ctk/-ctv say (llama_model::create_memory,
  // recurrent_type_k/v = GGML_TYPE_F32, https://github.com/ggml-org/llama.cpp/blob/master/src/llama-model.cpp).
  recurrentStateElementBytes: 4,
  ...speedTables('llama.cpp', PROVISIONAL),
  // llama-server: -np slots share the -c cells; -np auto gives 4 slots with a unified cache in
  // which any slot may use the whole context (tools/server/server.cpp,
  // https://github.com/ggml-org/llama.cpp/blob/00dd0816129a5210351c78bb90e0828f8eb69f99/tools/server/server.cpp);
  // without -kvu each slot gets n_ctx / np (src/llama-context.cpp).
  kvPool: {
    kind: 'slots',
    blockTokens: 256,
    formula: '-c cells shared by -np slots (unified KV cache)',
    source:
      'https://github.com/ggml-org/llama.cpp/blob/00dd0816129a5210351c78bb90e0828f8eb69f99/tools/server/server.cpp',
  },
  // --cpu-moe / --n-cpu-moe N keep the expert tensors of layers 0..N-1 in a CPU buffer
  // (common/common.h, LLM_FFN_EXPS_REGEX; https://github.com/ggml-org/llama.cpp/blob/master/tools/server/README.md).
  expertOffload: true,
  // -c 131072 --rope-scaling yarn --rope-scale 4 --yarn-orig-ctx 32768 for Qwen3
  // (https://github.com/QwenLM/Qwen3/blob/7a2f61ffc7a20d47efcd2bf97f6f2bf52729042e/docs/source/run_locally/llama.cpp.md).
  // --rope-scaling takes none, linear or yarn (tools/server/README.md): no dynamic NTK.
  ropeScalingHow: (s, tokens) =>
    s.type === 'dynamic'
      ? 'llama.cpp has no dynamic NTK scaling; --rope-scaling yarn is the nearest'
      : `-c ${tokens} --rope-scaling ${s.type} --rope-scale ${s.factor}${s.type === 'yarn' ? ` --yarn-orig-ctx ${s.originalContext}` : ''}`,
} as const satisfies RuntimeProfile;
