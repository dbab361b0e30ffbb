import type { Device, Vendor } from '../devices';
import type { SplitMode } from '../fit';
import { weightFormatById as formatById, type FormatFamily, type WeightFormat } from '../formats/weight-formats';
import type { KvCacheType } from '../kv-cache-types';
import type { RuntimeProfile } from './profile';
import { RUNTIME_PROFILES } from './registry';

/**
 * The combinations an engine can run, checked by every estimate so that the CLI, the page and the
 * planner refuse the same things with the same words, each naming a way out.
 */

const VENDOR_WORDS: Record<Vendor, string> = {
  nvidia: 'NVIDIA GPUs',
  amd: 'AMD GPUs',
  apple: 'Apple GPUs',
  intel: 'Intel GPUs',
  cpu: 'CPUs',
};

const FAMILY_WORDS: Record<FormatFamily, string> = {
  gguf: 'GGUF files',
  float: '16- and 32-bit checkpoints',
  fp8: 'FP8 checkpoints',
  int: 'INT8/INT4 checkpoints',
  gptq: 'GPTQ checkpoints',
  awq: 'AWQ checkpoints',
  bnb: 'bitsandbytes checkpoints',
  exl2: 'EXL2 checkpoints',
  mlx: 'MLX checkpoints',
  mxfp4: 'MXFP4 checkpoints',
  nvfp4: 'NVFP4 checkpoints',
  custom: 'checkpoints of any bit width',
};

/** "A, B or C". */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
}

function labels(profiles: readonly RuntimeProfile[]): string {
  return orList(profiles.map((p) => p.label));
}

/** Whether the engine loads this format (a custom bit width is a what-if every engine accepts). */
export function loadsFormat(runtime: RuntimeProfile, format: WeightFormat): boolean {
  return format.family === 'custom' || runtime.formatFamilies.includes(format.family);
}

export interface RuntimeChoice {
  readonly format: WeightFormat;
  readonly kvCacheType: KvCacheType;
  readonly devices: readonly Device[];
  readonly splitMode?: SplitMode | undefined;
  readonly cpuMoeLayers?: number | undefined;
}

/** Why this engine cannot run the combination, with the fix in words; null when it can. */
export function runtimeProblem(runtime: RuntimeProfile, choice: RuntimeChoice): string | null {
  const { format, devices } = choice;
  const foreign = devices.find((d) => !runtime.vendors.includes(d.vendor));
  if (foreign) {
    const runsOn = orList(runtime.vendors.map((v) => VENDOR_WORDS[v]));
    const alternatives = RUNTIME_PROFILES.filter((p) => p.vendors.includes(foreign.vendor));
    const withFormat = alternatives.filter((p) => loadsFormat(p, format));
    const pick = withFormat[0] ?? alternatives[0];
    const fix = pick ? `; choose ${pick.label} for ${foreign.name}` : '';
    return `${runtime.label} runs only on ${runsOn}${fix}`;
  }
  if (!loadsFormat(runtime, format)) return formatProblem(runtime, format);
  if (!runtime.kvCacheTypes.includes(choice.kvCacheType)) {
    return `${runtime.label} has no ${choice.kvCacheType} KV cache; it supports ${runtime.kvCacheTypes.join(', ')}`;
  }
  if ((choice.cpuMoeLayers ?? 0) > 0 && runtime.expertOffload !== true) {
    const able = RUNTIME_PROFILES.filter((p) => p.expertOffload === true);
    return `${runtime.label} cannot keep experts in system RAM${able.length > 0 ? `; choose ${labels(able)} (--cpu-moe, --n-cpu-moe)` : ''}`;
  }
  const split = choice.splitMode;
  if (split !== undefined && devices.length > 1 && !runtime.splitModes.includes(split)) {
    return `${runtime.label} has no ${split} split; it spreads a model over devices by ${orList(runtime.splitModes)} split`;
  }
  return null;
}

/** "vLLM does not load GGUF files (Q4_K_M); they run in llama.cpp. Choose a vLLM format such as BF16." */
export function formatProblem(runtime: RuntimeProfile, format: WeightFormat): string {
  const others = RUNTIME_PROFILES.filter((p) => p !== runtime && loadsFormat(p, format));
  const elsewhere = others.length > 0 ? `; they run in ${labels(others)}` : '';
  const suggestion = formatById(runtime.defaults.format)?.label ?? runtime.defaults.format;
  return `${runtime.label} does not load ${FAMILY_WORDS[format.family]} (${format.label})${elsewhere}. Choose a ${runtime.label} format such as ${suggestion}.`;
}

/**
 * What to run instead of a format the engine cannot load: the engine's common format nearest in
 * bits per weight (Q4_K_M → AWQ 4-bit in vLLM, Q8_0 → FP8), or the format itself when it loads.
 */
export function nearestLoadable(runtime: RuntimeProfile, format: WeightFormat): WeightFormat {
  if (loadsFormat(runtime, format)) return format;
  let best: WeightFormat | null = null;
  for (const id of runtime.defaults.commonFormats) {
    const f = formatById(id);
    if (f && loadsFormat(runtime, f) && (!best || Math.abs(f.bits - format.bits) < Math.abs(best.bits - format.bits)))
      best = f;
  }
  return best ?? formatById(runtime.defaults.format) ?? format;
}
