import { attentionLayerCount, type ModelArchitecture } from './architecture';
import { PCIE_BYTES_PER_SECOND, type Device, type HostSystem } from './devices';
import type { SplitMode } from './fit';
import { computeEfficiencyFor, type RuntimeProfile, type SpeedConstants } from './runtimes/profile';
import type { WeightAnalysis } from './weights';

export interface SpeedInput {
  readonly arch: ModelArchitecture;
  readonly weights: WeightAnalysis;
  readonly activeParamsPerToken: number;
  readonly devices: readonly Device[];
  readonly host: HostSystem;
  readonly runtime: RuntimeProfile;
  readonly splitMode: SplitMode;
  readonly sequences: number;
  readonly promptTokens: number;
  readonly contextTokens: number;
  readonly kvBytes: number;
  /** Share of layer weights and KV cache read from system RAM. */
  readonly offloadedFraction: number;
  readonly speedConstants?: SpeedConstants | undefined;
}

export interface SpeedEstimate {
  /** Tokens per second each sequence sees while decoding. */
  readonly decodeTokensPerSecond: number;
  /** decodeTokensPerSecond × sequences. */
  readonly decodeTotalTokensPerSecond: number;
  /** Bandwidth ÷ bytes per token: no runtime reaches it. */
  readonly decodeUpperBoundTokensPerSecond: number;
  /** null when a device's compute throughput is unknown. */
  readonly prefillTokensPerSecond: number | null;
  readonly timeToFirstTokenSeconds: number | null;
  /** Bytes read from memory per decoding step (all sequences). */
  readonly bytesPerStep: number;
  readonly decodeBound: 'memory' | 'compute';
}

/**
 * Bytes of weights read per decoding step. With B sequences and top-k routing over E experts, a
 * given expert is used by at least one sequence with probability 1 − (1 − k/E)^B (uniform
 * routing assumption, as in the MoE load-balancing objective of arXiv:2101.03961).
 */
export function weightBytesPerStep(arch: ModelArchitecture, w: WeightAnalysis, sequences: number): number {
  const { moe } = arch;
  if (!moe) return w.bytesPerToken;
  const perTokenRouted = w.routedExpertBytes * (moe.activeExperts / moe.experts);
  const touched = 1 - Math.pow(1 - moe.activeExperts / moe.experts, sequences);
  return w.bytesPerToken - perTokenRouted + w.routedExpertBytes * touched;
}

/**
 * Seconds to get through `amount` (bytes or FLOPs) spread over devices at `rate` × efficiency per
 * second: layer split runs the devices in turn on shares proportional to their memory, tensor
 * split runs them at once on equal shares, paced by the slowest.
 */
function spreadSeconds(
  amount: number,
  devices: readonly Device[],
  split: SplitMode,
  rate: 'bandwidthBytesPerSecond' | 'fp16FlopsPerSecond',
  efficiency: number,
): number {
  const n = devices.length;
  const only = n === 1 ? devices[0] : undefined;
  if (only) return amount / (only[rate] * efficiency);
  if (split === 'tensor') {
    let slowest = Infinity;
    for (const d of devices) slowest = Math.min(slowest, d[rate]);
    return amount / n / (slowest * efficiency);
  }
  let memory = 0;
  for (const d of devices) memory += d.memoryBytes;
  let seconds = 0;
  for (const d of devices) seconds += (amount * d.memoryBytes) / memory / (d[rate] * efficiency);
  return seconds;
}

function streamSeconds(bytes: number, devices: readonly Device[], split: SplitMode, efficiency: number): number {
  return spreadSeconds(bytes, devices, split, 'bandwidthBytesPerSecond', efficiency);
}

/**
 * Decoding is memory-bound: each step streams the active weights and every sequence's KV cache
 * (roofline model, Williams et al. 2009, https://doi.org/10.1145/1498765.1498785), plus a fixed
 * cost per layer. At large batches the 2 FLOPs per parameter per token (arXiv:2001.08361) can take
 * longer than the memory traffic; the step takes the larger of the two.
 */
export function estimateSpeed(input: SpeedInput): SpeedEstimate {
  const { arch, devices, runtime, host, sequences } = input;
  const lead = devices[0];
  const vendor = lead?.vendor ?? 'cpu';
  const k = input.speedConstants ?? runtime.speed(vendor);
  const cpu = runtime.speed('cpu');
  const weightStep = weightBytesPerStep(arch, input.weights, sequences);
  const bytesPerStep = weightStep + input.kvBytes;
  const offloaded = input.offloadedFraction;
  const deviceBytes = bytesPerStep * (1 - offloaded);
  const hostBytes = bytesPerStep * offloaded;
  const memorySeconds =
    streamSeconds(deviceBytes, devices, input.splitMode, k.bandwidthEfficiency) +
    hostBytes / (host.bandwidthBytesPerSecond * cpu.bandwidthEfficiency);
  const computeEfficiency = computeEfficiencyFor(k, arch.moe !== undefined);
  let computeKnown = true;
  for (const d of devices) if (!(d.fp16FlopsPerSecond > 0)) computeKnown = false;
  // A layer split runs one micro-batch through the devices in turn, so their FLOPs do not add up
  // (llama.cpp overlaps devices only across several micro-batches of one batch). Called directly,
  // not through a closure: a closure here made every estimate 3× slower (npm run bench).
  const computeSeconds = computeKnown
    ? spreadSeconds(
        2 * input.activeParamsPerToken * sequences,
        devices,
        input.splitMode,
        'fp16FlopsPerSecond',
        computeEfficiency,
      )
    : 0;
  const overheadSeconds = arch.layers * k.perLayerSeconds;
  const stepSeconds = Math.max(memorySeconds, computeSeconds) + overheadSeconds;
  const upperSeconds =
    streamSeconds(deviceBytes, devices, input.splitMode, 1) + hostBytes / host.bandwidthBytesPerSecond;

  // Prefill is compute-bound: 2 FLOPs per active parameter per token plus attention over the
  // prompt, 2 × 2 × layers × (prompt/2) × heads × head_dim per token on average (arXiv:2001.08361);
  // a hybrid's recurrent layers do a constant amount of work per token instead, which the
  // per-parameter term already counts.
  const attnWidth = arch.attentionHeads * (arch.mla ? arch.mla.qkNopeHeadDim + arch.mla.qkRopeHeadDim : arch.headDim);
  const attentionLayers = arch.hybrid ? attentionLayerCount(arch) : arch.layers;
  const flopsPerPromptToken = 2 * input.activeParamsPerToken + 2 * attentionLayers * input.promptTokens * attnWidth;
  const computePerToken = computeKnown
    ? spreadSeconds(flopsPerPromptToken, devices, input.splitMode, 'fp16FlopsPerSecond', computeEfficiency)
    : Infinity;
  // Prompts run in 512-token micro-batches; each reads the weights once, and offloaded weights
  // cross PCIe once per micro-batch (llama.cpp copies them to the GPU for large batches).
  const ubatch = Math.min(512, input.promptTokens);
  const weightsPerUbatch =
    streamSeconds(input.weights.totalBytes * (1 - offloaded), devices, input.splitMode, k.bandwidthEfficiency) +
    (input.weights.totalBytes * offloaded) / PCIE_BYTES_PER_SECOND;
  const prefillPerToken = Math.max(computePerToken, weightsPerUbatch / ubatch);
  const prefillTokensPerSecond = computeKnown ? 1 / prefillPerToken : null;

  return {
    decodeTokensPerSecond: 1 / stepSeconds,
    decodeTotalTokensPerSecond: sequences / stepSeconds,
    decodeUpperBoundTokensPerSecond: 1 / upperSeconds,
    prefillTokensPerSecond,
    timeToFirstTokenSeconds: prefillTokensPerSecond ? (input.promptTokens * sequences) / prefillTokensPerSecond : null,
    bytesPerStep,
    decodeBound: computeSeconds > memorySeconds ? 'compute' : 'memory',
  };
}
