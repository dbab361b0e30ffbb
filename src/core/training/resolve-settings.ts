import type { TrainingFramework } from './frameworks/framework';
import {
  ALL_LINEAR_MODULES,
  ATTENTION_MODULES,
  LORA_MODULES,
  type LossMode,
  type LoraModule,
  type OffloadId,
  type OptimizerId,
  type ShardingId,
  type TrainingMethod,
  type TrainingPrecision,
  type TrainingSettings,
} from './training-settings';

/**
 * What a user asks for: every field the framework preset can fill is optional. The CLI and the
 * page both turn their inputs into this and resolve it here, so a default means the same in both.
 */
export interface TrainingRequest {
  readonly method?: TrainingMethod | undefined;
  readonly rank?: number | undefined;
  readonly modules?: readonly LoraModule[] | undefined;
  readonly dora?: boolean | undefined;
  readonly optimizer?: OptimizerId | undefined;
  readonly precision?: TrainingPrecision | undefined;
  readonly masterWeights?: boolean | undefined;
  readonly gradientCheckpointing?: boolean | undefined;
  readonly flashAttention?: boolean | undefined;
  readonly loss?: LossMode | undefined;
  readonly seqTokens: number;
  readonly microBatch: number;
  readonly gradAccum?: number | undefined;
  readonly sharding?: ShardingId | undefined;
  readonly offload?: OffloadId | undefined;
  readonly doubleQuant?: boolean | undefined;
}

/**
 * The request with the framework's defaults filled in. Several GPUs default to FSDP full
 * sharding (LitGPT's and torchtune's multi-GPU default, and the way to pool the GPUs' memory);
 * a QLoRA run gets the framework's own optimizer where it swaps it (LitGPT: paged AdamW);
 * master weights default on only for full fine-tuning in a framework that upcasts (LLaMA-Factory).
 */
export function resolveTrainingSettings(
  framework: TrainingFramework,
  r: TrainingRequest,
  devices: number,
): TrainingSettings {
  const d = framework.defaults;
  const method = r.method ?? d.method;
  const precision = r.precision ?? d.precision;
  const quantizedOptimizer = method === 'qlora' ? framework.quantizedOptimizer : null;
  return {
    method,
    lora:
      method === 'full'
        ? null
        : {
            rank: r.rank ?? d.rank,
            modules: r.modules ?? d.modules,
            dora: r.dora ?? false,
            dropout: d.loraDropout,
          },
    optimizer: r.optimizer ?? quantizedOptimizer ?? d.optimizer,
    precision,
    masterWeights: r.masterWeights ?? (method === 'full' && precision !== 'fp32' && d.masterWeights),
    gradientCheckpointing: r.gradientCheckpointing ?? d.gradientCheckpointing(method, devices),
    flashAttention: r.flashAttention ?? d.flashAttention,
    loss: r.loss ?? d.loss,
    seqTokens: r.seqTokens,
    microBatch: r.microBatch,
    gradAccum: r.gradAccum ?? 1,
    sharding: r.sharding ?? (devices > 1 ? 'fsdp' : 'none'),
    offload: r.offload ?? 'none',
    doubleQuant: r.doubleQuant ?? true,
  };
}

/** PEFT's module names (q_proj, …, lm_head) and the short ones, to the short ones. */
const MODULE_NAMES: Readonly<Record<string, LoraModule>> = {
  q: 'q',
  k: 'k',
  v: 'v',
  o: 'o',
  gate: 'gate',
  up: 'up',
  down: 'down',
  lm_head: 'lm_head',
  q_proj: 'q',
  k_proj: 'k',
  v_proj: 'v',
  o_proj: 'o',
  gate_proj: 'gate',
  up_proj: 'up',
  down_proj: 'down',
  head: 'lm_head',
  output: 'lm_head',
};

/**
 * "attention", "all-linear", "all" (all linear layers and the head) or a comma-separated list;
 * the modules in canonical order, or the names it could not read.
 */
export function parseLoraTargets(raw: string): { ok: true; modules: LoraModule[] } | { ok: false; unknown: string[] } {
  const text = raw.trim().toLowerCase();
  if (text === 'attention') return { ok: true, modules: [...ATTENTION_MODULES] };
  if (text === 'all-linear') return { ok: true, modules: [...ALL_LINEAR_MODULES] };
  if (text === 'all') return { ok: true, modules: [...ALL_LINEAR_MODULES, 'lm_head'] };
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const unknown = parts.filter((p) => !Object.hasOwn(MODULE_NAMES, p));
  if (unknown.length > 0 || parts.length === 0) return { ok: false, unknown: parts.length === 0 ? [raw] : unknown };
  const chosen = new Set(parts.map((p) => MODULE_NAMES[p]));
  return { ok: true, modules: LORA_MODULES.filter((m) => chosen.has(m)) };
}

/** The modules in the shortest words: "attention", "all-linear", "all" or "q,v". */
export function loraTargetsText(modules: readonly LoraModule[]): string {
  const same = (list: readonly LoraModule[]) =>
    list.length === modules.length && list.every((m) => modules.includes(m));
  if (same(ATTENTION_MODULES)) return 'attention';
  if (same(ALL_LINEAR_MODULES)) return 'all-linear';
  if (same([...ALL_LINEAR_MODULES, 'lm_head'])) return 'all';
  return modules.join(',');
}
