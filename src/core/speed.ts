import { attentionLayerCount, type ModelArchitecture } from './architecture';
import { PCIE_BYTES_PER_SECOND, type Device, type HostSystem } from './devices';
import type { SplitMode } from './fit';
import { slidingLayerCount } from './kv-cache';
import type { RuntimeProfile, SpeedConstants } from './runtimes/profile';
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
  /** Routed-expert bytes kept in system RAM by design (--cpu-moe / --n-cpu-moe), all experts. */
  readonly hostExpertBytes: number;
  /** MoE layers whose experts are in system RAM (the CPU computes them while decoding). */
  readonly hostExpertLayers: number;
  /** Prompt tokens per forward pass (llama.cpp's n_ubatch). */
  readonly ubatch: number;
  readonly speedConstants?: SpeedConstants | undefined;
}

export interface SpeedEstimate {
  /** Tokens per second each sequence sees while decoding, with the context full. */
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
  /** Decode speed at the start of a conversation: the same run with an empty KV cache. */
  readonly decodeStartTokensPerSecond: number;
  /** Prompt speed of a first micro-batch at an empty context; null when compute is unknown. */
  readonly prefillStartTokensPerSecond: number | null;
}

/**
 * Share of a layer's experts that a batch of `tokens` touches. With top-k routing over E experts,
 * a given expert is used by at least one token with probability 1 − (1 − k/E)^tokens (uniform
 * routing assumption, as in the MoE load-balancing objective of arXiv:2101.03961).
 */
function touchedShare(arch: ModelArchitecture, tokens: number): number {
  const { moe } = arch;
  if (!moe) return 0;
  // One token touches exactly its k experts: no power needed for the common single-sequence step.
  return tokens === 1 ? moe.activeExperts / moe.experts : 1 - Math.pow(1 - moe.activeExperts / moe.experts, tokens);
}

/**
 * Bytes of weights read per decoding step: dense weights, plus the experts the batch touches
 * (`share` of each layer's, touchedShare for the batch).
 */
function weightBytesPerStep(arch: ModelArchitecture, w: WeightAnalysis, share: number): number {
  const { moe } = arch;
  if (!moe) return w.bytesPerToken;
  const perTokenRouted = w.routedExpertBytes * (moe.activeExperts / moe.experts);
  return w.bytesPerToken - perTokenRouted + w.routedExpertBytes * share;
}

/**
 * Seconds per byte streamed from the devices' memories (at full bandwidth) or per FLOP computed
 * (at full FP16 throughput). A layer split runs the devices in turn on shares proportional to
 * their memory, so its time is Σ share ÷ rate; a tensor split runs them at once on equal shares,
 * paced by the slowest: 1 ÷ (n × slowest). Both are linear in the amount, so each estimate works
 * them out once (npm run bench: a call per amount made every estimate slower).
 */
function secondsPerUnit(devices: readonly Device[], split: SplitMode, flops: boolean): number {
  const n = devices.length;
  const only = n === 1 ? devices[0] : undefined;
  if (only) return 1 / (flops ? only.fp16FlopsPerSecond : only.bandwidthBytesPerSecond);
  if (split === 'tensor') {
    let slowest = Infinity;
    for (const d of devices) slowest = Math.min(slowest, flops ? d.fp16FlopsPerSecond : d.bandwidthBytesPerSecond);
    return 1 / (n * slowest);
  }
  let memory = 0;
  for (const d of devices) memory += d.memoryBytes;
  let seconds = 0;
  for (const d of devices)
    seconds += d.memoryBytes / memory / (flops ? d.fp16FlopsPerSecond : d.bandwidthBytesPerSecond);
  return seconds;
}

/**
 * Seconds of the links between GPUs per forward pass over `tokens` tokens. A layer split hands the
 * hidden state (F32, hidden × 4 bytes per token) from one GPU to the next at each of its n − 1
 * boundaries; a tensor split all-reduces the hidden state (16-bit) twice per layer, a ring moving
 * 2(n − 1)/n of it through each link (Megatron-LM, arXiv:1909.08053, section 3). The link is the
 * slowest device's peer link where it has one, else its PCIe link.
 */
function linkSeconds(input: SpeedInput, k: SpeedConstants, tokens: number): number {
  const { devices } = input;
  const n = devices.length;
  if (n < 2) return 0;
  let link = Infinity;
  for (const d of devices) link = Math.min(link, d.peerBytesPerSecond ?? d.pcieBytesPerSecond ?? PCIE_BYTES_PER_SECOND);
  const hidden = input.arch.hiddenSize;
  if (input.splitMode === 'tensor') {
    const perReduce = (k.allReduceSeconds ?? 0) + ((2 * (n - 1)) / n) * ((tokens * hidden * 2) / link);
    return 2 * input.arch.layers * perReduce;
  }
  return (n - 1) * ((k.handoffSeconds ?? 0) + (tokens * hidden * 4) / link);
}

/**
 * Seconds of one micro-batch of `tokens` prompt tokens, attention aside. Dense weights (attention
 * projections, shared experts, dense FFNs, the head) are read once and multiplied by every token;
 * each routed expert the micro-batch touches sees about tokens × k ÷ touched tokens and costs
 * `expertTileTokens` more, so at small micro-batches the experts are bound by reading and
 * dequantizing their weights rather than by FLOPs. Each group takes the longer of its memory and
 * compute time (roofline, https://doi.org/10.1145/1498765.1498785; 2 FLOPs per parameter per
 * token, arXiv:2001.08361). Weights in system RAM cross PCIe once per micro-batch: llama.cpp
 * copies a host-resident weight to the GPU for batches of 32 tokens or more, only the experts the
 * router chose (ggml-backend.cpp, GGML_OP_OFFLOAD_MIN_BATCH).
 */
function microBatchSeconds(
  input: SpeedInput,
  k: SpeedConstants,
  tokens: number,
  perByte: number,
  perFlop: number,
): number {
  const { arch, weights: w } = input;
  const { moe } = arch;
  const offloaded = input.offloadedFraction;
  const embedding = arch.tiedEmbeddings ? 0 : w.inputEmbeddingBytes;
  const routedActive = moe ? (w.routedExpertParams * moe.activeExperts) / moe.experts : 0;
  const denseBytes = w.totalBytes - embedding - w.routedExpertBytes;
  const denseFlops = 2 * tokens * (input.activeParamsPerToken - routedActive);
  const hostLink = input.devices[0]?.pcieBytesPerSecond ?? PCIE_BYTES_PER_SECOND;
  let seconds =
    Math.max(denseBytes * (1 - offloaded) * perByte, denseFlops * perFlop) + (denseBytes * offloaded) / hostLink;
  if (moe && w.moeLayers > 0) {
    const share = touchedShare(arch, tokens);
    const perExpert = w.routedExpertParams / (w.moeLayers * moe.experts);
    const routedFlops =
      2 * w.moeLayers * perExpert * (tokens * moe.activeExperts + moe.experts * share * (k.expertTileTokens ?? 0));
    const deviceRouted = (w.routedExpertBytes - input.hostExpertBytes) * share;
    seconds +=
      Math.max(deviceRouted * (1 - offloaded) * perByte, routedFlops * perFlop) +
      (deviceRouted * offloaded + input.hostExpertBytes * share) / hostLink;
  }
  return seconds + linkSeconds(input, k, tokens);
}

/**
 * Attention FLOPs per prompt token that spans `span` earlier tokens: 4 × span × heads × head dim
 * per layer (QKᵀ and the weighted sum of V, arXiv:2001.08361); a sliding-window layer spans at
 * most its window (`sliding` of the layers).
 */
function attentionFlops(arch: ModelArchitecture, sliding: number, span: number): number {
  const window = arch.slidingWindow?.window ?? 0;
  const width = arch.attentionHeads * (arch.mla ? arch.mla.qkNopeHeadDim + arch.mla.qkRopeHeadDim : arch.headDim);
  // A hybrid's recurrent layers do a constant amount of work per token, which the per-parameter
  // term already counts: only its attention layers attend over the span.
  const attention = arch.hybrid ? attentionLayerCount(arch) : arch.layers;
  return 4 * width * ((attention - sliding) * span + sliding * Math.min(window, span));
}

/**
 * Decoding is memory-bound: each step streams the active weights and every sequence's KV cache
 * (roofline model, Williams et al. 2009, https://doi.org/10.1145/1498765.1498785), plus a fixed
 * cost per layer, per MoE layer and per hop between GPUs. At large batches the 2 FLOPs per
 * parameter per token (arXiv:2001.08361) can take longer than the memory traffic; the step takes
 * the larger of the two. Experts kept in system RAM are read there and computed by the CPU
 * (llama.cpp runs an op on the GPU only for batches of 32 tokens or more, ggml-cuda.cu
 * offload_op), and their layers pay the CPU's per-layer cost.
 */
export function estimateSpeed(input: SpeedInput): SpeedEstimate {
  const { arch, devices, runtime, host, sequences } = input;
  const lead = devices[0];
  const vendor = lead?.vendor ?? 'cpu';
  const k = input.speedConstants ?? runtime.speed(vendor);
  const cpu = runtime.speed('cpu');
  const perByte = secondsPerUnit(devices, input.splitMode, false);
  const offloaded = input.offloadedFraction;
  const stepShare = touchedShare(arch, sequences);
  const weightStep = weightBytesPerStep(arch, input.weights, stepShare);
  const hostExpertStep = input.hostExpertBytes * stepShare;
  const deviceStep = weightStep - hostExpertStep;
  const fullDevice = deviceStep + input.kvBytes;
  // Device bytes at the GPUs' bandwidth (their spilled share in system RAM), experts kept in RAM
  // at the RAM's.
  const hostSeconds = (hostExpertStep + fullDevice * offloaded) / host.bandwidthBytesPerSecond;
  const memorySeconds =
    (fullDevice * (1 - offloaded) * perByte) / k.bandwidthEfficiency + hostSeconds / cpu.bandwidthEfficiency;
  const startMemorySeconds =
    (deviceStep * (1 - offloaded) * perByte) / k.bandwidthEfficiency +
    (hostExpertStep + deviceStep * offloaded) / host.bandwidthBytesPerSecond / cpu.bandwidthEfficiency;
  const upperSeconds = fullDevice * (1 - offloaded) * perByte + hostSeconds;
  const overheadSeconds =
    arch.layers * k.perLayerSeconds +
    input.weights.moeLayers * (k.moePerLayerSeconds ?? 0) +
    input.hostExpertLayers * cpu.perLayerSeconds +
    linkSeconds(input, k, sequences);
  const efficiency = k.computeEfficiency;
  let computeKnown = true;
  for (const d of devices) if (!(d.fp16FlopsPerSecond > 0)) computeKnown = false;
  // A layer split runs one micro-batch through the devices in turn, so their FLOPs do not add up
  // (llama.cpp overlaps devices only across several micro-batches of one batch).
  const perPeakFlop = computeKnown ? secondsPerUnit(devices, input.splitMode, true) : 0;
  const perFlop = perPeakFlop / efficiency;
  const perAttentionFlop = perPeakFlop / (k.attentionEfficiency ?? efficiency);
  const computeSeconds = 2 * input.activeParamsPerToken * sequences * perFlop;
  const stepSeconds = Math.max(memorySeconds, computeSeconds) + overheadSeconds;
  const startStepSeconds = Math.max(startMemorySeconds, computeSeconds) + overheadSeconds;

  // Prompts run in micro-batches of `ubatch` tokens; each token attends to the context before the
  // prompt plus, on average, half the prompt.
  const prompt = input.promptTokens;
  const ubatch = Math.max(1, Math.min(input.ubatch, prompt));
  const batchSeconds = computeKnown ? microBatchSeconds(input, k, ubatch, perByte / k.bandwidthEfficiency, perFlop) : 0;
  const span = input.contextTokens - prompt + prompt / 2;
  const sliding = computeKnown ? slidingLayerCount(arch) : 0;
  const prefillTokensPerSecond = computeKnown
    ? ubatch / (batchSeconds + ubatch * attentionFlops(arch, sliding, span) * perAttentionFlop)
    : null;
  const prefillStartTokensPerSecond = computeKnown
    ? ubatch / (batchSeconds + ubatch * attentionFlops(arch, sliding, ubatch / 2) * perAttentionFlop)
    : null;

  return {
    decodeTokensPerSecond: 1 / stepSeconds,
    decodeTotalTokensPerSecond: sequences / stepSeconds,
    decodeUpperBoundTokensPerSecond: 1 / upperSeconds,
    prefillTokensPerSecond,
    timeToFirstTokenSeconds: prefillTokensPerSecond ? (prompt * sequences) / prefillTokensPerSecond : null,
    bytesPerStep: weightStep + input.kvBytes,
    decodeBound: computeSeconds > memorySeconds ? 'compute' : 'memory',
    decodeStartTokensPerSecond: 1 / startStepSeconds,
    prefillStartTokensPerSecond,
  };
}
