import type { GpuEntry } from '../catalog/schema';
import { clusterLinks, DEFAULT_FABRIC, fabricById } from '../catalog/systems';
import { gpuDevice } from '../catalog/catalog';
import type { EstimateInput } from '../core/estimate';
import { runtimeProfile } from '../core/runtimes/registry';
import type { SpeedConstants } from '../core/runtimes/profile';
import { estimateServing } from '../core/serving/serve';
import type { ServingInput } from '../core/serving/serving-types';
import type { Measurement } from '../catalog/measurement-schema';

/** Quantities only a serving estimate answers. */
const SERVING_QUANTITIES: ReadonlySet<Measurement['quantity']> = new Set([
  'output_throughput_tps',
  'kv_pool_tokens',
  'kv_pool_bytes',
  'max_concurrency',
  'activation_peak_bytes',
  'non_torch_bytes',
]);

// Machines hold at most 8 GPUs (DGX/HGX boards); a 16-GPU run without a stated layout is two of them.
const MAX_GPUS_PER_NODE = 8;

/**
 * A measurement from a server (it records its setup in `serving`, or measures what only a server
 * has) as a serving input: the run's GPUs split into machines, its parallel degrees, memory
 * fraction and tokens per step, and its requests: context = max_model_len for start-up logs,
 * prompt plus answer for speed rows, with the batch as the users. Null for other rows.
 */
export function servingInputFor(
  m: Measurement,
  base: EstimateInput,
  gpu: GpuEntry | undefined,
): ServingInput | string | null {
  const s = m.serving;
  if (!s && !SERVING_QUANTITIES.has(m.quantity)) return null;
  // Only engines that build a pool at start-up serve here; the others' rows keep the plain estimate.
  if (runtimeProfile(base.runtime).kvPool?.kind !== 'paged') return null;
  if (!gpu) return 'a serving run needs a catalogue GPU';
  const total = Math.max(1, m.gpuCount);
  const nodes = s?.nodes ?? Math.max(1, Math.ceil(total / MAX_GPUS_PER_NODE));
  const perNode = total / nodes;
  if (!Number.isInteger(perNode)) return `${total} GPUs do not split evenly over ${nodes} machines`;
  const fabric = fabricById(DEFAULT_FABRIC);
  if (!fabric) return 'the catalogue lost its default network';
  const prompt = m.promptTokens ?? 0;
  const generated = Math.max(1, m.generatedTokens ?? 1);
  const speed = m.quantity.endsWith('_tps');
  // A start-up log that names no max_model_len sizes its pool the same for any context.
  const context = s?.maxModelLen ?? m.contextTokens ?? (speed ? prompt + generated : 8192);
  // vLLM and SGLang give the tensor-parallel degree; a run that names none spans its GPUs with TP.
  const tensor = s?.tensorParallel ?? (s?.pipelineParallel === undefined ? total / (s?.dataParallel ?? 1) : undefined);
  return {
    arch: base.arch,
    format: base.format,
    kvCacheType: base.kvCacheType,
    runtime: base.runtime,
    devices: Array.from({ length: perNode }, () => gpuDevice(gpu)),
    nodes,
    links: clusterLinks(gpu, perNode, nodes, fabric),
    tensorParallel: tensor,
    pipelineParallel: s?.pipelineParallel,
    expertParallel: s?.expertParallel,
    contextTokens: speed ? Math.max(context, prompt + generated) : context,
    outputTokens: speed ? Math.min(generated, Math.max(1, context - 1)) : Math.min(512, Math.floor(context / 2)),
    users: m.batch,
    minTokensPerSecond: null,
    memoryFraction: s?.memoryFraction,
    batchedTokens: s?.batchedTokens,
    modelContextTokens: context,
  };
}

/** The serving estimate's figure for the measured quantity, or null if it has none. */
export function predictServing(m: Measurement, input: ServingInput, constants?: SpeedConstants): number | null {
  const r = estimateServing({ ...input, speedConstants: constants });
  if (!r.ok) return null;
  const e = r.value;
  switch (m.quantity) {
    case 'kv_pool_bytes':
      return e.perGpu.kvPoolBytes;
    case 'kv_pool_tokens':
      return e.pool.tokens;
    case 'max_concurrency':
      return e.pool.concurrency;
    case 'weights_bytes':
      return e.perGpu.weightsBytes;
    case 'activation_peak_bytes':
      return e.perGpu.activationBytes;
    case 'non_torch_bytes':
      return e.perGpu.overheadBytes;
    case 'decode_tps':
      return e.load?.perUserDecodeTokensPerSecond ?? null;
    case 'output_throughput_tps':
      return e.load?.totalDecodeTokensPerSecond ?? null;
    case 'prefill_tps': {
      const ttft = e.load?.timeToFirstTokenSeconds;
      return ttft ? e.promptTokens / ttft : null;
    }
    default:
      return null;
  }
}
