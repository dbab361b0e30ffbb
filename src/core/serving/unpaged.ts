import { estimateUnchecked, maxContext, type EstimateInput } from '../estimate';
import { kvCacheSize } from '../kv-cache';
import type { RuntimeProfile } from '../runtimes/profile';
import { RUNTIME_PROFILES } from '../runtimes/registry';
import { orList } from '../runtimes/rules';
import { finish } from './finish';
import type { ParallelLayout } from './layout';
import type { LoadModel } from './load';
import type { ServingInput, ServingResult } from './serving-types';

// The longest -c searched for llama-server's shared pool: 16M cells.
const MAX_POOL_CELLS = 1 << 24;
const MAX_BATCH = 4096;

const fits = (input: EstimateInput) => {
  const v = estimateUnchecked(input).fit.verdict;
  return v === 'fits' || v === 'tight';
};

/** The largest batch of `context`-token sequences that fits, each reserving its whole context. */
function largestBatch(base: EstimateInput): number {
  if (!fits({ ...base, sequences: 1 })) return 0;
  let lo = 1;
  let hi = MAX_BATCH;
  if (fits({ ...base, sequences: hi })) return hi;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits({ ...base, sequences: mid })) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Engines without a start-up pool, on one machine. llama-server ("slots"): -np slots share one
 * -c cache with a unified KV (any slot may grow to the whole context), so the pool is the largest
 * -c that fits beside the weights and the requests of `context` it holds run at once. The others
 * ("static": transformers, MLX, ExLlamaV2 batches): every sequence holds its whole context from
 * the start, so the largest batch that fits is the concurrency.
 */
export function unpagedServing(input: ServingInput, profile: RuntimeProfile): ServingResult {
  if (
    input.nodes > 1 ||
    input.tensorParallel !== undefined ||
    input.pipelineParallel !== undefined ||
    input.expertParallel !== undefined
  ) {
    const servers = RUNTIME_PROFILES.filter((p) => p.kvPool?.kind === 'paged').map((p) => p.label);
    return {
      ok: false,
      error: `${profile.label} serves from the GPUs of one machine with its own split; nodes, TP, PP and EP lay out ${orList(servers)} servers`,
    };
  }
  const n = input.devices.length;
  const splitMode = profile.defaults.splitMode;
  const base: EstimateInput = {
    arch: input.arch,
    format: input.format,
    tensors: input.tensors,
    kvCacheType: input.kvCacheType,
    runtime: profile,
    devices: input.devices,
    host: input.host,
    speedConstants: input.speedConstants,
    splitMode,
    contextTokens: input.contextTokens,
    sequences: 1,
  };
  const slotBlock = profile.kvPool?.kind === 'slots' ? profile.kvPool.blockTokens : null;
  const slots = slotBlock !== null;
  const requestCells = profile.kv.cells(input.contextTokens);
  const maxRequestTokens = maxContext(base, Math.max(input.modelContextTokens, input.contextTokens));
  let poolCells: number;
  let maxConcurrent: number;
  let concurrency: number;
  if (slots) {
    poolCells = maxContext(base, MAX_POOL_CELLS);
    poolCells -= poolCells % slotBlock;
    concurrency = poolCells / requestCells;
    maxConcurrent = Math.floor(concurrency);
  } else {
    maxConcurrent = largestBatch(base);
    poolCells = maxConcurrent * requestCells;
    concurrency = maxConcurrent;
  }
  const sized = slots
    ? estimateUnchecked({ ...base, contextTokens: Math.max(1, poolCells) })
    : estimateUnchecked({ ...base, sequences: Math.max(1, maxConcurrent) });
  const layout: ParallelLayout = { tensor: 1, pipeline: 1, expert: 1, data: 1, gpusPerNode: n, nodes: 1 };
  const model: LoadModel = {
    base: { ...base },
    devices: input.devices,
    splitMode,
    layout,
    links: input.links,
    promptTokens: input.contextTokens - input.outputTokens,
    outputTokens: input.outputTokens,
    // llama-server and generate() process a whole prompt batch (n_batch 2,048) between decode steps.
    batchedTokens: 2048 + maxConcurrent,
  };
  const startsUp = maxConcurrent >= 1;
  const first = input.devices[0];
  return {
    ok: true,
    value: finish(input, model, layout, maxConcurrent, startsUp, {
      perGpu: {
        memoryBytes: first ? (first.gpuMemoryBytes ?? first.memoryBytes) : 0,
        weightsBytes: sized.memory.weightsBytes / n,
        kvPoolBytes: startsUp ? sized.memory.kvCacheBytes / n : 0,
        activationBytes: sized.memory.activationBytes / n,
        overheadBytes: sized.memory.overheadBytes / n,
      },
      pool: {
        kind: slots ? 'slots' : 'static',
        tokens: poolCells,
        blockTokens: slotBlock ?? profile.kv.cells(1),
        concurrency,
        maxConcurrentSequences: maxConcurrent,
        schedulerLimit: null,
        maxRequestTokens,
        startsUp,
        fullContextStartsUp: maxRequestTokens >= input.modelContextTokens,
        requestKvBytesPerGpu:
          kvCacheSize({
            arch: input.arch,
            contextTokens: input.contextTokens,
            sequences: 1,
            cacheType: input.kvCacheType,
            runtime: profile,
          }).bytes / n,
        memoryFraction: null,
        memoryFractionSetting: null,
        batchedTokens: model.batchedTokens,
        batchedTokensSetting: null,
      },
    }),
  };
}
