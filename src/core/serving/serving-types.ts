import type { Device, HostSystem } from '../devices';
import type { EstimateInput } from '../estimate';
import type { ParallelLayout } from './layout';
import type { ClusterLinks } from './links';
import type { LoadPoint } from './load';

/** A model served to many users at once on one machine or a cluster of identical machines. */
export interface ServingInput {
  readonly arch: EstimateInput['arch'];
  readonly format: EstimateInput['format'];
  readonly tensors?: EstimateInput['tensors'];
  readonly kvCacheType: EstimateInput['kvCacheType'];
  readonly runtime: EstimateInput['runtime'];
  /** The GPUs of one machine; every machine of a cluster has the same. */
  readonly devices: readonly Device[];
  readonly nodes: number;
  readonly links: ClusterLinks;
  readonly tensorParallel?: number | undefined;
  readonly pipelineParallel?: number | undefined;
  readonly expertParallel?: number | undefined;
  /** Tokens one request may hold, prompt and answer (vLLM's max_model_len). */
  readonly contextTokens: number;
  /** Tokens each answer generates; the prompt is the rest of the context. */
  readonly outputTokens: number;
  /** Concurrent users; null: as many as the pool holds and, with a floor, as still get it. */
  readonly users: number | null;
  /** Decode tokens/s each user must get; null: no floor. */
  readonly minTokensPerSecond: number | null;
  /** The engine's memory fraction (KvPoolRule.memoryFractionSetting); default: the engine's. */
  readonly memoryFraction?: number | undefined;
  /** Tokens per scheduler step (KvPoolRule.batchedTokensSetting); default: the engine's. */
  readonly batchedTokens?: number | undefined;
  /** The model's longest context: whether one request that long could be served. */
  readonly modelContextTokens: number;
  readonly host?: HostSystem | undefined;
  /** Replaces the runtime's speed constants (used when fitting them to measurements). */
  readonly speedConstants?: EstimateInput['speedConstants'];
  /** "summary" leaves out the curve and the knee (the matrix needs one number per cell); default "full". */
  readonly detail?: 'full' | 'summary' | undefined;
}

export interface ServingLayout extends ParallelLayout {
  readonly gpus: number;
  readonly tensorSpansNodes: boolean;
  readonly pipelineHopsAcrossNodes: number;
}

/** What one GPU holds: bytes. */
export interface ServingGpuMemory {
  readonly memoryBytes: number;
  readonly weightsBytes: number;
  readonly kvPoolBytes: number;
  readonly activationBytes: number;
  readonly overheadBytes: number;
}

export interface ServingPool {
  /** "paged": blocks sized from memory at start-up; "slots": llama-server's shared -c; "static": each sequence reserves its context. */
  readonly kind: 'paged' | 'slots' | 'static';
  /** Tokens one replica's pool holds. */
  readonly tokens: number;
  readonly blockTokens: number;
  /** Requests of the serving context one replica holds at once, fractional as vLLM logs it. */
  readonly concurrency: number;
  /** Requests at the serving context all replicas run at once. */
  readonly maxConcurrentSequences: number;
  /** The scheduler's own cap per replica (vLLM max_num_seqs), when it is the tighter one. */
  readonly schedulerLimit: number | null;
  /** The longest single request the pool holds, tokens. */
  readonly maxRequestTokens: number;
  /** A request of the serving context fits: the engine starts. */
  readonly startsUp: boolean;
  /** A request of the model's full context fits. */
  readonly fullContextStartsUp: boolean;
  readonly requestKvBytesPerGpu: number;
  /** The engine's settings in force: the memory fraction and the tokens per step, with their names. */
  readonly memoryFraction: number | null;
  readonly memoryFractionSetting: string | null;
  readonly batchedTokens: number;
  readonly batchedTokensSetting: string | null;
}

export interface ServingEstimate {
  readonly layout: ServingLayout;
  readonly perGpu: ServingGpuMemory;
  readonly pool: ServingPool;
  readonly promptTokens: number;
  readonly outputTokens: number;
  readonly contextTokens: number;
  /** The requested load (null when the engine cannot start); users beyond the pool wait in the queue. */
  readonly load: (LoadPoint & { readonly queuedUsers: number }) | null;
  /** Per-user and total speed from one user to the most the pool holds. */
  readonly curve: readonly LoadPoint[];
  readonly kneeUsers: number | null;
  /** The most users who each get the floor (null without a floor). */
  readonly maxUsersAtFloor: number | null;
}

export type ServingResult =
  { readonly ok: true; readonly value: ServingEstimate } | { readonly ok: false; readonly error: string };
