import type { KvCacheType } from '../core/kv-cache-types';
import type { RuntimeId } from '../core/runtimes/registry';
import { QUALITY_LOSS_LIMITS } from './link-limits';
import { CURRENT_VERSION } from './migrations';
import { DEFAULT_SERVING, type ServingState } from './serving-state';
import { DEFAULT_TABLE, type TableState } from './table-state';
import { DEFAULT_TASK, type TaskId } from './task-state';
import { DEFAULT_TRAINING, type TrainingLinkState } from './training-state';
import { DEFAULT_HOST_STATE, type HostState } from './host-state';
import { DEFAULT_PRICE_NEEDS, type PriceNeeds } from './price-state';

/**
 * Everything a shared link restores. When a default changes, add a migration (migrations.ts) so
 * old links keep their meaning: links omit fields that equal the defaults.
 */
export const SHARE_VERSION = CURRENT_VERSION;

export const VIEW_IDS = [
  'matrix',
  'details',
  'quant',
  'speed',
  'table',
  'plan',
  'canrun',
  'accuracy',
  'serve',
] as const;

export const HARDWARE_CLASS_IDS = ['consumer', 'workstation', 'datacenter', 'apple', 'unified'] as const;
export type HardwareClassId = (typeof HARDWARE_CLASS_IDS)[number];

/**
 * The buying guide's needs (added in version 1 with defaults, so older links keep their meaning),
 * with its price settings (price-state.ts).
 */
export interface PlanNeeds extends PriceNeeds {
  /** Decode tokens/s each user must get. */
  readonly minTps: number;
  readonly budget: number | null;
  readonly power: number | null;
  readonly hardware: readonly HardwareClassId[];
  /**
   * "best": best quality that fits (at least 4 bits); "chosen": only the formats chosen on the left;
   * "quality": the smallest format within `maxLoss` that leaves room to spare (planning/format-choice.ts).
   */
  readonly formats: 'best' | 'chosen' | 'quality';
  /** The "quality" mode's threshold: mean KL divergence from the 16-bit model. */
  readonly maxLoss: number;
}
export type ViewId = (typeof VIEW_IDS)[number];

/** One pool of GPUs that runs a model together: "2 × RTX 4090" or "RTX 5090 + RTX 3090". */
export interface GpuPool {
  readonly parts: readonly { readonly id: string; readonly count: number }[];
}

export interface Selection {
  readonly model: string;
  /** A pool key as written in the link, e.g. "rtx-4090*2". */
  readonly pool: string;
}

export interface ShareState {
  readonly view: ViewId;
  /** Catalogue ids, bare sizes ("7b") or "config" for the pasted config.json. */
  readonly models: readonly string[];
  /** Weight format ids; the first is the one the matrix shows. */
  readonly formats: readonly string[];
  /** Tokens per sequence (capped at each model's limit when estimating). */
  readonly context: number;
  readonly batch: number;
  readonly kv: KvCacheType;
  readonly runtime: RuntimeId;
  readonly pools: readonly GpuPool[];
  readonly selected: Selection | null;
  /** Pool key to compare speeds against. */
  readonly baseline: string | null;
  /** A pasted config.json, kept as the JSON text of its parsed architecture. */
  readonly config: string | null;
  readonly plan: PlanNeeds;
  /** The comparison table's sort, search, filters and hidden columns. */
  readonly table: TableState;
  /** What the page answers: run one model (inference), serve many users, or fine-tune. */
  readonly task: TaskId;
  /** The Serve task's users, floor, cluster and engine settings. */
  readonly serving: ServingState;
  /** The fine-tuning settings (used when task is train). */
  readonly training: TrainingLinkState;
  /** System RAM and the experts kept there (host-state.ts). */
  readonly host: HostState;
}

// The link's limits live in link-limits.ts, shared with the CLI.
export { MAX_BATCH, MAX_CONTEXT, MAX_MODELS, MAX_POOLS } from './link-limits';

export function poolKey(pool: GpuPool): string {
  return pool.parts.map((p) => (p.count > 1 ? `${p.id}*${p.count}` : p.id)).join('_');
}

export const DEFAULT_STATE: ShareState = {
  view: 'matrix',
  models: [
    'llama-3-1-8b',
    'qwen2-5-7b',
    'gemma-2-9b',
    'gpt-oss-20b',
    'gemma-3-27b',
    'qwen3-30b-a3b',
    'mixtral-8x7b',
    'llama-3-1-70b',
    'qwen2-5-72b',
    'gpt-oss-120b',
    'llama-3-1-405b',
    'deepseek-v3',
  ],
  formats: ['Q4_K_M', 'Q8_0', 'f16'],
  context: 8192,
  batch: 1,
  kv: 'f16',
  runtime: 'llama.cpp',
  pools: [
    'rtx-3060-12gb',
    'rtx-4060-ti-16gb',
    'rtx-3090',
    'rtx-4090',
    'rtx-4090*2',
    'rtx-5090',
    'rtx-a6000',
    'l40s',
    'a100-80gb-sxm',
    'h100-80gb-sxm',
    'h100-80gb-sxm*8',
    'mi300x',
    'm4-max-128gb',
    'm2-ultra-192gb',
  ].map((key) => ({
    parts: key.split('_').map((part) => {
      const [id = '', count = '1'] = part.split('*');
      return { id, count: Number(count) };
    }),
  })),
  selected: null,
  baseline: null,
  config: null,
  plan: {
    minTps: 10,
    budget: null,
    power: null,
    hardware: HARDWARE_CLASS_IDS,
    formats: 'best',
    ...DEFAULT_PRICE_NEEDS,
    maxLoss: QUALITY_LOSS_LIMITS.default,
  },
  table: DEFAULT_TABLE,
  task: DEFAULT_TASK,
  serving: DEFAULT_SERVING,
  training: DEFAULT_TRAINING,
  host: DEFAULT_HOST_STATE,
};

/**
 * `next`, with every field equal in value to `previous` taken from `previous`: an address change
 * then keeps the identity of the parts it did not touch, so memos and components keyed on them
 * (the table's sort and filters, the plan's needs) are not recomputed by unrelated edits.
 */
export function reuseUnchanged(previous: ShareState | null, next: ShareState): ShareState {
  if (!previous) return next;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    const before: unknown = previous[key as keyof ShareState];
    out[key] = JSON.stringify(before) === JSON.stringify(value) ? before : value;
  }
  return out as unknown as ShareState;
}
