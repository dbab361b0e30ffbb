/**
 * Runtime profiles: what each inference engine adds on top of weights and KV cache, and how close
 * it gets to the hardware's bandwidth and compute.
 *
 * Speed constants come from `npm run calibrate` (calibration-constants.ts) where a runtime and
 * vendor have enough published measurements; the hand-set constants below, each reproducing the
 * runs named beside it, are the fallback and the starting point of a refit. Memory constants are
 * the runtimes' own defaults or logged figures.
 */
import { CALIBRATED_SPEED } from './calibration-constants';

export type RuntimeId = 'llama.cpp' | 'vllm' | 'transformers' | 'mlx';
export type Vendor = 'nvidia' | 'amd' | 'apple' | 'intel' | 'cpu';

export const RUNTIME_IDS: readonly RuntimeId[] = ['llama.cpp', 'vllm', 'transformers', 'mlx'];

export interface SpeedConstants {
  /** Fraction of peak memory bandwidth reached while decoding. */
  readonly bandwidthEfficiency: number;
  /** Fixed time per layer per decoded token (kernel launches, synchronisation), seconds. */
  readonly perLayerSeconds: number;
  /** Fraction of dense FP16 TFLOPS reached in prompt processing. */
  readonly computeEfficiency: number;
  /**
   * The same for mixture-of-experts models, whose expert matrix products each see only the tokens
   * routed to them (ubatch × active ÷ experts) and so run far from peak; absent: computeEfficiency.
   */
  readonly moeComputeEfficiency?: number | undefined;
}

/** The compute efficiency that applies to a model: MoE prompts have their own when calibrated. */
export function computeEfficiencyFor(k: SpeedConstants, moe: boolean): number {
  return moe ? (k.moeComputeEfficiency ?? k.computeEfficiency) : k.computeEfficiency;
}

export interface RuntimeProfile {
  readonly id: RuntimeId;
  readonly label: string;
  /** Can keep some layers in system RAM and run them on the CPU. */
  readonly canOffload: boolean;
  /** Share of device memory the runtime lets itself use. */
  readonly memoryFraction: number;
  /** Memory the runtime and driver take per device before any tensor, bytes. */
  readonly deviceOverheadBytes: (vendor: Vendor) => number;
  readonly speed: (vendor: Vendor) => SpeedConstants;
  /** The hand-set constants before calibration: the fallback, and the starting point of a refit. */
  readonly provisionalSpeed: (vendor: Vendor) => SpeedConstants;
  readonly source: string;
}

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

// llama.cpp's memory breakdown logs 451-456 MiB "unaccounted" (CUDA context, driver) per RTX 4090
// (https://github.com/ggml-org/llama.cpp/pull/15860). Ollama reserves 512 MiB per Metal device
// (https://github.com/ollama/ollama/blob/main/ml/device.go, MinimumMemory).
const LLAMA_CPP_OVERHEAD = (vendor: Vendor) => (vendor === 'apple' ? 512 * MiB : vendor === 'cpu' ? 0 : 456 * MiB);

// Apple: two-point fit to M2 Ultra llama 3B F16 (72.3 tok/s) and Q4_0 (155.9 tok/s) tg128,
// https://github.com/ggml-org/llama.cpp/pull/10238, checked on M2 Max LLaMA-7B Q4_0 (61.2 tok/s),
// https://github.com/ggml-org/llama.cpp/pull/2959. NVIDIA: RTX 4090 LLaMA-7B Q4_0 ≈ 186 tok/s on
// 2025 builds (https://github.com/ggml-org/llama.cpp/discussions/15013); prefill from RTX 4090
// llama 8B Q4_0 pp512 ≈ 10,400 tok/s (https://github.com/ggml-org/llama.cpp/pull/7676).
const LLAMA_CPP_SPEED: Record<Vendor, SpeedConstants> = {
  nvidia: { bandwidthEfficiency: 0.8, perLayerSeconds: 22e-6, computeEfficiency: 0.9 },
  amd: { bandwidthEfficiency: 0.65, perLayerSeconds: 40e-6, computeEfficiency: 0.45 },
  apple: { bandwidthEfficiency: 0.76, perLayerSeconds: 117e-6, computeEfficiency: 0.7 },
  intel: { bandwidthEfficiency: 0.55, perLayerSeconds: 60e-6, computeEfficiency: 0.35 },
  cpu: { bandwidthEfficiency: 0.7, perLayerSeconds: 30e-6, computeEfficiency: 0.5 },
};

/** A runtime's constants: fitted ones for the vendor when calibrated, else the provisional value. */
const VENDORS: readonly Vendor[] = ['nvidia', 'amd', 'apple', 'intel', 'cpu'];

/**
 * A runtime's constants per vendor: fitted ones where calibrated, else the provisional value.
 * Resolved once here, since the lookup runs for every estimate.
 */
function speedTables(
  runtime: string,
  provisional: SpeedConstants | Record<Vendor, SpeedConstants>,
): Pick<RuntimeProfile, 'speed' | 'provisionalSpeed'> {
  const base = (v: Vendor) => ('bandwidthEfficiency' in provisional ? provisional : provisional[v]);
  // A GPU vendor with too few measurements borrows the runtime's NVIDIA fit: the per-token cost
  // is mostly the runtime's own software (vLLM on MI300X measured 2-3× slower than the hand-set
  // guess). Its speed range stays the uncalibrated one (speed-range.ts).
  const byVendor = Object.fromEntries(
    VENDORS.map((v) => [
      v,
      CALIBRATED_SPEED[`${runtime}/${v}`] ??
        (v === 'cpu' ? undefined : CALIBRATED_SPEED[`${runtime}/nvidia`]) ??
        base(v),
    ]),
  ) as Record<Vendor, SpeedConstants>;
  return { speed: (vendor) => byVendor[vendor], provisionalSpeed: base };
}

export const RUNTIMES: Readonly<Record<RuntimeId, RuntimeProfile>> = {
  'llama.cpp': {
    id: 'llama.cpp',
    label: 'llama.cpp',
    canOffload: true,
    memoryFraction: 1,
    deviceOverheadBytes: LLAMA_CPP_OVERHEAD,
    ...speedTables('llama.cpp', LLAMA_CPP_SPEED),
    source: 'https://github.com/ggml-org/llama.cpp',
  },
  vllm: {
    id: 'vllm',
    label: 'vLLM',
    canOffload: false,
    // gpu_memory_utilization default 0.9 (vllm/config/cache.py); CUDA context and CUDA graphs
    // live in the remaining 10%.
    memoryFraction: 0.9,
    // Non-torch memory logged in the budget: 0.16-0.33 GiB
    // (https://github.com/vllm-project/vllm/issues/14452).
    deviceOverheadBytes: () => 0.33 * GiB,
    ...speedTables('vllm', { bandwidthEfficiency: 0.75, perLayerSeconds: 10e-6, computeEfficiency: 0.6 }),
    source: 'https://docs.vllm.ai/en/latest/configuration/conserving_memory.html',
  },
  transformers: {
    id: 'transformers',
    label: 'HF transformers',
    canOffload: true,
    memoryFraction: 1,
    // PyTorch CUDA context with lazy module loading: ~300 MB
    // (https://github.com/pytorch/pytorch/issues/107667).
    deviceOverheadBytes: (vendor) => (vendor === 'cpu' ? 0 : 300e6),
    // Eager PyTorch generate() pays Python and kernel-launch overhead per layer.
    ...speedTables('transformers', { bandwidthEfficiency: 0.6, perLayerSeconds: 150e-6, computeEfficiency: 0.5 }),
    source: 'https://huggingface.co/docs/transformers/main/en/llm_tutorial_optimization',
  },
  mlx: {
    id: 'mlx',
    label: 'Apple MLX',
    canOffload: false,
    memoryFraction: 1,
    deviceOverheadBytes: () => 512 * MiB,
    ...speedTables('mlx', { bandwidthEfficiency: 0.8, perLayerSeconds: 60e-6, computeEfficiency: 0.7 }),
    source: 'https://github.com/ml-explore/mlx-lm',
  },
};

export function isRuntimeId(name: string): name is RuntimeId {
  return (RUNTIME_IDS as readonly string[]).includes(name);
}
