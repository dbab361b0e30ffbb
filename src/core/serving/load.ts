import { isMoeLayer, type ModelArchitecture } from '../architecture';
import type { Device } from '../devices';
import { estimateUnchecked, type EstimateInput } from '../estimate';
import type { SplitMode } from '../fit';
import { expertSpansNodes, pipelineHopsAcrossNodes, tensorSpansNodes, type ParallelLayout } from './layout';
import { allReduceSeconds, allToAllSeconds, sendSeconds, type ClusterLinks, type Link } from './links';

/** How one replica runs a load: what `loadPoint` needs besides the number of users. */
export interface LoadModel {
  /** The model, format, KV type and runtime; context, batch, prompt and devices are set per point. */
  readonly base: Omit<EstimateInput, 'contextTokens' | 'sequences' | 'promptTokens' | 'devices' | 'splitMode'>;
  /** One replica's devices as the speed model sees them (one per TP rank). */
  readonly devices: readonly Device[];
  readonly splitMode: SplitMode;
  readonly layout: ParallelLayout;
  readonly links: ClusterLinks;
  readonly promptTokens: number;
  readonly outputTokens: number;
  /** Tokens the scheduler batches per step (chunked prefill budget). */
  readonly batchedTokens: number;
}

export interface LoadPoint {
  /** Concurrent users across every replica. */
  readonly users: number;
  /** Of them, on the busiest replica. */
  readonly perReplica: number;
  /** Tokens/s each user sees while its answer streams (1 ÷ time per output token). */
  readonly perUserDecodeTokensPerSecond: number;
  /** Output tokens/s of all users together, with the prompts of arriving requests interleaved. */
  readonly totalDecodeTokensPerSecond: number;
  /** Prompt processed in chunks beside the running decodes, then one step; null when unknown. */
  readonly timeToFirstTokenSeconds: number | null;
  /** Share of each decoding step spent communicating between GPUs. */
  readonly communicationShare: number;
  readonly decodeBound: 'memory' | 'compute';
  /** Seconds per decoding step (one token for every user). */
  readonly stepSeconds: number;
}

function moeLayerCount(arch: ModelArchitecture): number {
  const { moe } = arch;
  if (!moe) return 0;
  let n = 0;
  for (let il = 0; il < arch.layers; il++) if (isMoeLayer(moe, il)) n++;
  return n;
}

/**
 * Communication per forward pass of `tokens` tokens through one replica (Megatron-LM,
 * arXiv:1909.08053): tensor parallelism all-reduces the hidden states twice per layer (after
 * attention and after the MLP); expert parallelism replaces the MLP all-reduce of a MoE layer by
 * an all-to-all dispatch and combine of each token's hidden state to its top-k experts (GShard,
 * arXiv:2006.16668); pipeline stages hand the hidden states on. Nothing is assumed to overlap
 * with compute: decoding steps are short and launched as CUDA graphs.
 */
export function communicationSeconds(model: LoadModel, tokens: number): number {
  const { layout, links } = model;
  const arch = model.base.arch;
  const bytes = tokens * arch.hiddenSize * model.base.format.activationBytes;
  const inter: Link = links.interNode ?? links.intraNode;
  let seconds = 0;
  if (layout.tensor > 1) {
    const moeLayers = layout.expert > 1 ? moeLayerCount(arch) : 0;
    const calls = 2 * arch.layers - moeLayers;
    seconds += calls * allReduceSeconds(bytes, layout.tensor, tensorSpansNodes(layout) ? inter : links.intraNode);
  }
  if (layout.expert > 1 && arch.moe) {
    const routed = bytes * arch.moe.activeExperts;
    const link = expertSpansNodes(layout) ? inter : links.intraNode;
    seconds += 2 * moeLayerCount(arch) * allToAllSeconds(routed, layout.expert, link);
  }
  const crossing = pipelineHopsAcrossNodes(layout);
  const local = layout.pipeline - 1 - crossing;
  seconds += local * sendSeconds(bytes, links.intraNode) + crossing * sendSeconds(bytes, inter);
  return seconds;
}

/**
 * One replica under a load of `users` (spread evenly over the data-parallel replicas). Each
 * decoding step reads the weights and the KV of every running request once (estimateUnchecked:
 * memory-bound at small batches, compute-bound past the ridge, MoE experts touched by the batch)
 * at the context a request holds on average, prompt plus half its output. A pipeline of PP stages
 * runs PP micro-batches in turn, so a token passes every stage, and the speed is that of one TP
 * group holding all layers (its devices are given enough memory for them). Prompts of arriving
 * requests share the steps: each step also prefills users × prompt ÷ output tokens on average,
 * which lowers the total (Sarathi-Serve, arXiv:2403.02310).
 */
export function loadPoint(model: LoadModel, users: number): LoadPoint {
  const { layout } = model;
  const perReplica = Math.max(1, Math.ceil(users / layout.data));
  const micro = Math.max(1, Math.ceil(perReplica / layout.pipeline));
  const prompt = model.promptTokens;
  const e = estimateUnchecked({
    ...model.base,
    devices: model.devices,
    splitMode: model.splitMode,
    contextTokens: prompt + Math.ceil(model.outputTokens / 2),
    sequences: micro,
    promptTokens: prompt,
  });
  const compute = 1 / e.speed.decodeTokensPerSecond;
  const comm = communicationSeconds(model, micro);
  const step = compute + comm;
  const prefill = e.speed.prefillTokensPerSecond;
  // Prompts of different requests pipeline over the stages like micro-batches do.
  const prefillPerStep =
    prefill === null ? 0 : (perReplica * prompt) / model.outputTokens / (prefill * layout.pipeline);
  // One prompt is cut into chunks that fill what the running decodes leave of the step's budget.
  const room = model.batchedTokens - perReplica;
  let ttft: number | null = null;
  if (prefill !== null && room > 0) {
    const chunks = Math.ceil(prompt / room);
    ttft = prompt / prefill + chunks * (step + communicationSeconds(model, Math.min(room, prompt)));
  }
  return {
    users,
    perReplica,
    perUserDecodeTokensPerSecond: 1 / step,
    totalDecodeTokensPerSecond: users / (step + prefillPerStep),
    timeToFirstTokenSeconds: ttft,
    communicationShare: comm / step,
    decodeBound: e.speed.decodeBound,
    stepSeconds: step,
  };
}
