import { BITS_PER_WEIGHT, inRange } from '../bounds';
import { GGUF_FILE_TYPES, type GgufFileType } from './gguf-recipes';
import { ggmlBitsPerWeight } from './ggml-types';

/**
 * Weight formats users choose between. Non-GGUF formats store most linear layers at `bits` per
 * weight (scales included) and keep some tensors at 16 bits, as their converters do.
 */
export type FormatFamily =
  'float' | 'fp8' | 'int' | 'gptq' | 'awq' | 'bnb' | 'exl2' | 'mlx' | 'mxfp4' | 'nvfp4' | 'gguf' | 'custom';

export interface WeightFormat {
  readonly id: string;
  readonly label: string;
  readonly family: FormatFamily;
  /** Bits per weight of the quantized tensors, scales included (GGUF: of the default type). */
  readonly bits: number;
  /** Which tensors keep 16 bits: none, the embedding and output head, or all but routed experts. */
  readonly keep16: 'none' | 'embeddings' | 'all-but-experts';
  /** Output head bits when it differs from both `bits` and 16 (EXL2 head_bits). */
  readonly headBits?: number;
  readonly ggufFileType?: GgufFileType;
  /** Bytes per element of the compute type, used for activations and prefill. */
  readonly activationBytes: number;
  readonly source: string;
}

const GGML_QUANT_SOURCE = 'https://github.com/ggml-org/llama.cpp/blob/master/src/llama-quant.cpp';

// GGUF's float file types get their own ids so that "f16" keeps meaning a plain 16-bit checkpoint.
const GGUF_FLOAT = new Set<GgufFileType>(['F32', 'F16', 'BF16']);

function gguf(fileType: GgufFileType): WeightFormat {
  const float = GGUF_FLOAT.has(fileType);
  return {
    id: float ? `gguf-${fileType.toLowerCase()}` : fileType,
    label: fileType === 'MXFP4_MOE' ? 'MXFP4 (GGUF)' : float ? `${fileType} (GGUF)` : fileType,
    family: 'gguf',
    bits: ggmlBitsPerWeight(GGUF_FILE_TYPES[fileType]),
    keep16: 'none',
    ggufFileType: fileType,
    activationBytes: 2,
    source: GGML_QUANT_SOURCE,
  };
}

// GPTQ/AWQ pack 4-bit weights with one fp16 scale and one 4-bit zero point per group of
// `g` weights along the input dimension (qweight/qzeros/scales tensors of AutoGPTQ and AutoAWQ,
// https://github.com/AutoGPTQ/AutoGPTQ/blob/main/auto_gptq/nn_modules/qlinear/qlinear_cuda.py):
// bits = 4 + (16 + 4) / g. Embeddings and lm_head are not quantized.
const groupBits = (bits: number, group: number) => bits + (16 + bits) / group;

const FIXED_FORMATS: readonly WeightFormat[] = [
  {
    id: 'f32',
    label: 'FP32',
    family: 'float',
    bits: 32,
    keep16: 'none',
    activationBytes: 4,
    source: 'https://en.wikipedia.org/wiki/Single-precision_floating-point_format',
  },
  {
    id: 'f16',
    label: 'FP16',
    family: 'float',
    bits: 16,
    keep16: 'none',
    activationBytes: 2,
    source: 'https://en.wikipedia.org/wiki/Half-precision_floating-point_format',
  },
  {
    id: 'bf16',
    label: 'BF16',
    family: 'float',
    bits: 16,
    keep16: 'none',
    activationBytes: 2,
    source: 'https://en.wikipedia.org/wiki/Bfloat16_floating-point_format',
  },
  // FP8 E4M3 weights with per-channel scales; lm_head and embeddings stay 16-bit
  // (https://docs.vllm.ai/en/latest/features/quantization/fp8.html).
  {
    id: 'fp8',
    label: 'FP8',
    family: 'fp8',
    bits: 8,
    keep16: 'embeddings',
    activationBytes: 2,
    source: 'https://docs.vllm.ai/en/latest/features/quantization/fp8.html',
  },
  // W8A8 INT8 with per-channel scales (https://docs.vllm.ai/en/latest/features/quantization/int8.html).
  {
    id: 'int8',
    label: 'INT8',
    family: 'int',
    bits: 8,
    keep16: 'embeddings',
    activationBytes: 2,
    source: 'https://docs.vllm.ai/en/latest/features/quantization/int8.html',
  },
  // Symmetric INT4 with one fp16 scale per 128 weights.
  {
    id: 'int4',
    label: 'INT4 (g128)',
    family: 'int',
    bits: 4 + 16 / 128,
    keep16: 'embeddings',
    activationBytes: 2,
    source: 'https://docs.vllm.ai/en/latest/features/quantization/index.html',
  },
  {
    id: 'gptq-4bit-g128',
    label: 'GPTQ 4-bit g128',
    family: 'gptq',
    bits: groupBits(4, 128),
    keep16: 'embeddings',
    activationBytes: 2,
    source: 'https://arxiv.org/abs/2210.17323',
  },
  {
    id: 'gptq-4bit-g32',
    label: 'GPTQ 4-bit g32',
    family: 'gptq',
    bits: groupBits(4, 32),
    keep16: 'embeddings',
    activationBytes: 2,
    source: 'https://arxiv.org/abs/2210.17323',
  },
  {
    id: 'gptq-8bit-g128',
    label: 'GPTQ 8-bit g128',
    family: 'gptq',
    bits: groupBits(8, 128),
    keep16: 'embeddings',
    activationBytes: 2,
    source: 'https://arxiv.org/abs/2210.17323',
  },
  {
    id: 'awq-4bit-g128',
    label: 'AWQ 4-bit g128',
    family: 'awq',
    bits: groupBits(4, 128),
    keep16: 'embeddings',
    activationBytes: 2,
    source: 'https://arxiv.org/abs/2306.00978',
  },
  // bitsandbytes LLM.int8(): int8 weights, one fp32 scale per row (arXiv:2208.07339); the
  // output head is kept in 16 bits (transformers get_keys_to_not_convert).
  {
    id: 'bnb-int8',
    label: 'bitsandbytes INT8',
    family: 'bnb',
    bits: 8,
    keep16: 'embeddings',
    activationBytes: 2,
    source: 'https://arxiv.org/abs/2208.07339',
  },
  // NF4 with one fp32 absmax per 64 weights: 4 + 32/64 = 4.5 bits; double quantization brings the
  // constants to 0.127 bits per weight (QLoRA, arXiv:2305.14314, section 3).
  {
    id: 'bnb-nf4',
    label: 'bitsandbytes NF4',
    family: 'bnb',
    bits: 4.5,
    keep16: 'embeddings',
    activationBytes: 2,
    source: 'https://arxiv.org/abs/2305.14314',
  },
  {
    id: 'bnb-nf4-dq',
    label: 'bitsandbytes NF4 + double quant',
    family: 'bnb',
    bits: 4.127,
    keep16: 'embeddings',
    activationBytes: 2,
    source: 'https://arxiv.org/abs/2305.14314',
  },
  // MLX affine quantization: group size 64 with an fp16 scale and bias per group, so
  // bits + 32/64 (https://ml-explore.github.io/mlx/build/html/python/_autosummary/mlx.core.quantize.html).
  // mlx_lm quantizes the embedding and head too.
  {
    id: 'mlx-4bit',
    label: 'MLX 4-bit',
    family: 'mlx',
    bits: 4.5,
    keep16: 'none',
    activationBytes: 2,
    source: 'https://ml-explore.github.io/mlx/build/html/python/_autosummary/mlx.core.quantize.html',
  },
  {
    id: 'mlx-6bit',
    label: 'MLX 6-bit',
    family: 'mlx',
    bits: 6.5,
    keep16: 'none',
    activationBytes: 2,
    source: 'https://ml-explore.github.io/mlx/build/html/python/_autosummary/mlx.core.quantize.html',
  },
  {
    id: 'mlx-8bit',
    label: 'MLX 8-bit',
    family: 'mlx',
    bits: 8.5,
    keep16: 'none',
    activationBytes: 2,
    source: 'https://ml-explore.github.io/mlx/build/html/python/_autosummary/mlx.core.quantize.html',
  },
  // gpt-oss checkpoints: MoE expert weights in MXFP4 (4.25 bits: 32 FP4 values + one E8M0
  // scale), everything else BF16 (https://huggingface.co/openai/gpt-oss-120b).
  {
    id: 'mxfp4',
    label: 'MXFP4 experts + BF16',
    family: 'mxfp4',
    bits: 4.25,
    keep16: 'all-but-experts',
    activationBytes: 2,
    source: 'https://huggingface.co/openai/gpt-oss-120b',
  },
  // NVIDIA's FP4: blocks of 16 E2M1 values share one FP8 E4M3 scale (4 + 8/16 = 4.5 bits), with
  // one FP32 scale per tensor (https://developer.nvidia.com/blog/introducing-nvfp4-for-efficient-and-accurate-low-precision-inference/);
  // Model Optimizer checkpoints keep the embeddings and the output head in BF16.
  {
    id: 'nvfp4',
    label: 'NVFP4',
    family: 'nvfp4',
    bits: 4 + 8 / 16,
    keep16: 'embeddings',
    activationBytes: 2,
    source: 'https://developer.nvidia.com/blog/introducing-nvfp4-for-efficient-and-accurate-low-precision-inference/',
  },
];

const GGUF_FORMATS = (Object.keys(GGUF_FILE_TYPES) as GgufFileType[]).map(gguf);

export const WEIGHT_FORMATS: readonly WeightFormat[] = [...FIXED_FORMATS, ...GGUF_FORMATS];

/**
 * ExLlamaV2 EXL2 at an average `bpw` over the decoder layers; the output head is stored at
 * 6 bits by default (convert.py `--head_bits`, https://github.com/turboderp-org/exllamav2/blob/master/doc/convert.md).
 */
export function exl2Format(bpw: number): WeightFormat {
  return {
    id: `exl2-${bpw}`,
    label: `EXL2 ${bpw} bpw`,
    family: 'exl2',
    bits: bpw,
    keep16: 'embeddings',
    headBits: 6,
    activationBytes: 2,
    source: 'https://github.com/turboderp-org/exllamav2/blob/master/doc/convert.md',
  };
}

/** Every tensor at the same `bpw`: for formats the catalogue does not know. */
export function customBpwFormat(bpw: number): WeightFormat {
  return {
    id: `bpw-${bpw}`,
    label: `${bpw} bpw`,
    family: 'custom',
    bits: bpw,
    keep16: 'none',
    activationBytes: 2,
    source: 'user input',
  };
}

const BY_LOWER_ID = new Map(WEIGHT_FORMATS.map((f) => [f.id.toLowerCase(), f]));
const ALIASES: Record<string, string> = {
  fp16: 'f16',
  float16: 'f16',
  half: 'f16',
  bfloat16: 'bf16',
  fp32: 'f32',
  float32: 'f32',
  q4_k: 'q4_k_m',
  q5_k: 'q5_k_m',
  q3_k: 'q3_k_m',
  gptq: 'gptq-4bit-g128',
  awq: 'awq-4bit-g128',
  nf4: 'bnb-nf4',
  'mxfp4-moe': 'mxfp4_moe',
};

/**
 * Resolves a format name: a catalogue id ("Q4_K_M", "fp8", "awq"), "exl2-4.65" or "bpw-3.5".
 * Returns null for names it does not know or bit widths outside BITS_PER_WEIGHT (1 to 32).
 */
export function weightFormatById(name: string): WeightFormat | null {
  const key = name.trim().toLowerCase();
  const known = BY_LOWER_ID.get(ALIASES[key] ?? key);
  if (known) return known;
  const match = /^(exl2|bpw)[-:]?(\d+(?:\.\d+)?)$/.exec(key);
  if (!match) return null;
  const bpw = Number(match[2]);
  if (!inRange(bpw, BITS_PER_WEIGHT)) return null;
  return match[1] === 'exl2' ? exl2Format(bpw) : customBpwFormat(bpw);
}
