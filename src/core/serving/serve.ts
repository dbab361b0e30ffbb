import type { ActivationInput } from '../activations';
import type { Device } from '../devices';
import { inputProblem } from '../estimate';
import { analyseMeasuredWeights } from '../measured-weights';
import type { KvPoolRule, RuntimeProfile } from '../runtimes/profile';
import { runtimeProfile } from '../runtimes/registry';
import { analyseWeights } from '../weights';
import { pagedPool } from './kv-pool';
import { finish } from './finish';
import { resolveLayout } from './layout';
import type { LoadModel } from './load';
import { stageShares } from './rank-memory';
import type { ServingInput, ServingResult } from './serving-types';
import { unpagedServing } from './unpaged';

const count = (n: number) => n.toLocaleString('en-US');

/** Why the serving input cannot be estimated, or null. */
function servingProblem(input: ServingInput, profile: RuntimeProfile): string | null {
  const checks: [string, number, number, number][] = [
    ['nodes', input.nodes, 1, 1024],
    ['context', input.contextTokens, 2, 16_777_216],
    ['output', input.outputTokens, 1, 16_777_216],
  ];
  for (const [name, value, min, max] of checks) {
    if (!Number.isInteger(value) || value < min || value > max)
      return `${name} must be a whole number from ${count(min)} to ${count(max)}; got ${String(value)}`;
  }
  if (input.outputTokens >= input.contextTokens) {
    return `the output (${count(input.outputTokens)} tokens) must be shorter than the request context (${count(input.contextTokens)}), which also holds the prompt`;
  }
  if (input.users !== null && !(Number.isInteger(input.users) && input.users >= 1 && input.users <= 1_000_000)) {
    return `users must be a whole number from 1 to 1,000,000; got ${String(input.users)}`;
  }
  const fraction = input.memoryFraction;
  if (fraction !== undefined && !(fraction > 0 && fraction <= 1)) {
    return `the memory fraction must be above 0 and at most 1; got ${String(fraction)}`;
  }
  const batched = input.batchedTokens;
  if (batched !== undefined && !(Number.isInteger(batched) && batched >= 1)) {
    return `the tokens per step must be a whole number ≥ 1; got ${String(batched)}`;
  }
  const first = input.devices[0];
  if (profile.kvPool?.kind === 'paged' && first) {
    const odd = input.devices.find((d) => d.name !== first.name || d.memoryBytes !== first.memoryBytes);
    if (odd) return `a ${profile.label} server needs identical GPUs; got ${first.name} and ${odd.name}`;
  }
  return inputProblem({
    arch: input.arch,
    format: input.format,
    tensors: input.tensors,
    contextTokens: input.contextTokens,
    sequences: 1,
    kvCacheType: input.kvCacheType,
    runtime: profile,
    devices: input.devices,
  });
}

/** A device as the speed model sees one TP rank of a pipeline: it never runs out of memory. */
function speedDevice(gpu: Device): Device {
  return { ...gpu, memoryBytes: 2 ** 52, gpuMemoryBytes: undefined };
}

function pagedServing(
  input: ServingInput,
  profile: RuntimeProfile,
  rule: Extract<KvPoolRule, { kind: 'paged' }>,
  gpu: Device,
): ServingResult {
  const layout = resolveLayout(input.arch, input.devices.length, input.nodes, {
    tensor: input.tensorParallel,
    pipeline: input.pipelineParallel,
    expert: input.expertParallel,
  });
  if (typeof layout === 'string') return { ok: false, error: layout };
  const weights = input.tensors
    ? analyseMeasuredWeights(input.arch, input.tensors)
    : analyseWeights(input.arch, input.format);
  const shares = stageShares(input.arch, weights, layout, profile, input.kvCacheType);
  const promptTokens = input.contextTokens - input.outputTokens;
  const activation: ActivationInput = {
    arch: input.arch,
    contextTokens: input.contextTokens,
    promptTokens,
    sequences: 1,
    activationBytes: input.format.activationBytes,
    kvCells: input.contextTokens,
    kvLayerBytes: 0,
    flashAttention: profile.defaults.flashAttention,
  };
  const stages = shares.map((share) => ({
    share,
    budget: rule.budget({
      device: gpu,
      weightsBytes: share.weightsBytes,
      activation,
      tensorParallel: layout.tensor,
      pipelineParallel: layout.pipeline,
      memoryFraction: input.memoryFraction,
      batchedTokens: input.batchedTokens,
    }),
  }));
  const pool = pagedPool(
    {
      arch: input.arch,
      runtime: profile,
      kvCacheType: input.kvCacheType,
      stages,
      contextTokens: input.contextTokens,
      modelContextTokens: Math.max(input.modelContextTokens, input.contextTokens),
    },
    rule.blockTokens,
  );
  const { budget, share } = pool.limiting;
  const startsUp = pool.concurrency >= 1;
  const byPool = Math.floor(pool.concurrency + 1e-9);
  const perReplica = budget.maxSequences === null ? byPool : Math.min(byPool, budget.maxSequences);
  const model: LoadModel = {
    base: {
      arch: input.arch,
      format: input.format,
      tensors: input.tensors,
      kvCacheType: input.kvCacheType,
      runtime: profile,
      host: input.host,
      speedConstants: input.speedConstants,
    },
    devices: Array.from({ length: layout.tensor }, () => speedDevice(gpu)),
    splitMode: 'tensor',
    layout,
    links: input.links,
    promptTokens,
    outputTokens: input.outputTokens,
    batchedTokens: budget.batchedTokens,
  };
  return {
    ok: true,
    value: finish(input, model, layout, perReplica * layout.data, startsUp, {
      perGpu: {
        memoryBytes: gpu.gpuMemoryBytes ?? gpu.memoryBytes,
        weightsBytes: share.weightsBytes,
        kvPoolBytes: pool.poolBytes,
        activationBytes: budget.activationBytes,
        overheadBytes: budget.overheadBytes,
      },
      pool: {
        kind: 'paged',
        tokens: pool.tokens,
        blockTokens: pool.blockTokens,
        concurrency: pool.concurrency,
        maxConcurrentSequences: perReplica * layout.data,
        schedulerLimit: budget.maxSequences !== null && budget.maxSequences < byPool ? budget.maxSequences : null,
        maxRequestTokens: pool.maxRequestTokens,
        startsUp,
        fullContextStartsUp: pool.maxRequestTokens >= input.modelContextTokens,
        requestKvBytesPerGpu: pool.requestBytesPerGpu,
        memoryFraction: budget.memoryFraction,
        memoryFractionSetting: rule.memoryFractionSetting,
        batchedTokens: budget.batchedTokens,
        batchedTokensSetting: rule.batchedTokensSetting,
      },
    }),
  };
}

/**
 * Memory, capacity and speed of a model served to many users: the KV pool each engine builds at
 * start-up (its profile's kvPool rule), the most requests of the given context it holds, and the
 * per-user and total decode speed, time to first token and communication share as users are
 * added, on one machine or a cluster laid out with TP, PP, EP and DP.
 */
export function estimateServing(input: ServingInput): ServingResult {
  const profile = runtimeProfile(input.runtime);
  const problem = servingProblem(input, profile);
  if (problem) return { ok: false, error: problem };
  const rule = profile.kvPool;
  const gpu = input.devices[0];
  if (rule?.kind === 'paged' && gpu) return pagedServing(input, profile, rule, gpu);
  return unpagedServing(input, profile);
}
