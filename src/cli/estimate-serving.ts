import { GPUS } from '../catalog/catalog';
import { nodeLink, pcieBytesPerSecond, SYSTEMS } from '../catalog/systems';
import type { EstimateInput } from '../core/estimate';
import { runtimeProfile } from '../core/runtimes/registry';
import { estimateServing } from '../core/serving/serve';
import type { ServingEstimate } from '../core/serving/serving-types';
import type { Link } from '../core/serving/links';
import { formatContext, formatGiB } from '../view-models/format-units';

/**
 * The KV pool a paged engine (vLLM, SGLang, TensorRT-LLM) would build for an `estimate`: the same
 * pool fields as `headroom serve`, for the estimate's GPUs on one machine, its batch as the users
 * and its context per request. Null for engines without a start-up pool.
 */
export function estimatePool(
  input: EstimateInput,
  gpuIds: readonly string[],
  modelContextTokens: number,
  promptTokens: number,
): ServingEstimate | null {
  if (runtimeProfile(input.runtime).kvPool?.kind !== 'paged') return null;
  const entry = GPUS.find((g) => g.id === gpuIds[0]);
  const n = input.devices.length;
  const pcie = SYSTEMS.nodeLinks.find((l) => l.id === 'pcie');
  // A GPU outside the catalogue talks over PCIe 4.0 x16.
  const link: Link = entry
    ? nodeLink(entry, n)
    : {
        name: 'PCIe 4.0 x16',
        bytesPerSecond: pcieBytesPerSecond(4, 16),
        latencySeconds: (pcie?.latencyMicroseconds ?? 0) * 1e-6,
      };
  const split = input.splitMode ?? runtimeProfile(input.runtime).defaults.splitMode;
  const output =
    promptTokens < input.contextTokens
      ? input.contextTokens - promptTokens
      : Math.min(512, Math.floor(input.contextTokens / 2));
  const r = estimateServing({
    arch: input.arch,
    format: input.format,
    tensors: input.tensors,
    kvCacheType: input.kvCacheType,
    runtime: input.runtime,
    devices: input.devices,
    nodes: 1,
    links: { intraNode: link, interNode: null },
    tensorParallel: split === 'tensor' ? n : 1,
    pipelineParallel: split === 'tensor' ? 1 : n,
    contextTokens: input.contextTokens,
    outputTokens: Math.max(1, output),
    users: input.sequences,
    minTokensPerSecond: null,
    modelContextTokens,
  });
  return r.ok ? r.value : null;
}

/** The pool fields `estimate --json` adds under `serving`. */
export function poolJson(e: ServingEstimate) {
  return {
    kvPoolBytes: e.perGpu.kvPoolBytes,
    kvPoolTokens: e.pool.tokens,
    maxConcurrentSequences: e.pool.maxConcurrentSequences,
    perUserDecodeTokensPerSecond: e.load?.perUserDecodeTokensPerSecond ?? null,
    totalDecodeTokensPerSecond: e.load?.totalDecodeTokensPerSecond ?? null,
    timeToFirstTokenSeconds: e.load?.timeToFirstTokenSeconds ?? null,
    concurrencyAtContext: e.pool.concurrency,
    maxRequestTokens: e.pool.maxRequestTokens,
    startsUp: e.pool.startsUp,
    blockTokens: e.pool.blockTokens,
    memoryFraction: e.pool.memoryFraction,
    memoryFractionSetting: e.pool.memoryFractionSetting,
    batchedTokens: e.pool.batchedTokens,
    batchedTokensSetting: e.pool.batchedTokensSetting,
  };
}

/** The lines `estimate` prints about the pool. */
export function poolLines(e: ServingEstimate, engine: string, sequences: number): string[] {
  const count = (n: number) => n.toLocaleString('en-US');
  const row = (label: string, value: string) => `  ${label.padEnd(14)}${value}`;
  const perGpu = e.layout.gpus > 1 ? ' per GPU' : '';
  const pool = row(
    'KV pool',
    `${formatGiB(e.perGpu.kvPoolBytes)}${perGpu}, ${count(e.pool.tokens)} tokens as ${engine} builds it`,
  );
  if (!e.pool.startsUp) {
    return [
      pool,
      row(
        '',
        `${engine} would not start at ${formatContext(e.contextTokens)} per request; the longest request it holds is ${count(e.pool.maxRequestTokens)} tokens`,
      ),
    ];
  }
  const queued =
    sequences > e.pool.maxConcurrentSequences
      ? `; ${engine} still starts, runs ${count(e.pool.maxConcurrentSequences)} of the ${count(sequences)} at once and queues the rest`
      : '';
  return [
    pool,
    row(
      '',
      `${count(e.pool.maxConcurrentSequences)} requests of ${formatContext(e.contextTokens)} at once (maximum concurrency for ${count(e.contextTokens)} tokens per request: ${e.pool.concurrency.toFixed(2)}x)${queued}`,
    ),
  ];
}
