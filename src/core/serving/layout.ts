import type { ModelArchitecture } from '../architecture';

/**
 * A serving layout: `nodes` machines of `gpusPerNode` identical GPUs, split into tensor-parallel
 * groups (TP) that shard every layer, pipeline stages (PP) that each hold a run of layers, and
 * data-parallel replicas (DP) that each serve their own users; expert parallelism (EP) spreads
 * a mixture-of-experts model's routed experts over TP × DP GPUs instead of slicing each one.
 * Ranks are numbered TP first, then PP, then DP (Megatron-LM's order, arXiv:2104.04473), so a
 * TP group stays inside a machine whenever it fits in one.
 */
export interface ParallelLayout {
  readonly tensor: number;
  readonly pipeline: number;
  readonly expert: number;
  readonly data: number;
  readonly gpusPerNode: number;
  readonly nodes: number;
}

export interface RequestedDegrees {
  readonly tensor?: number | undefined;
  readonly pipeline?: number | undefined;
  readonly expert?: number | undefined;
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * The layout for the requested degrees, or why it cannot be built. Without TP or PP the default
 * is the usual multi-node recipe: TP over the GPUs of one machine, PP across machines
 * (https://docs.vllm.ai/en/latest/serving/parallelism_scaling.html), with TP lowered to a
 * divisor of the attention heads where the machine's GPU count is not one; GPUs left over become
 * data-parallel replicas.
 */
export function resolveLayout(
  arch: ModelArchitecture,
  gpusPerNode: number,
  nodes: number,
  requested: RequestedDegrees,
): ParallelLayout | string {
  const world = gpusPerNode * nodes;
  // Without a TP degree: the largest that fits the machine (or the GPUs per stage) and divides the heads.
  const room = requested.pipeline === undefined ? gpusPerNode : Math.max(1, Math.floor(world / requested.pipeline));
  let tensor = requested.tensor ?? 1;
  if (requested.tensor === undefined) {
    for (let t = room; t >= 1; t--) {
      if (room % t === 0 && arch.attentionHeads % t === 0) {
        tensor = t;
        break;
      }
    }
  }
  const pipeline = requested.pipeline ?? (requested.tensor === undefined ? nodes : 1);
  const where = nodes > 1 ? `${count(world)} GPUs (${nodes} nodes × ${gpusPerNode})` : `${count(world)} GPUs`;
  if (tensor * pipeline > world || world % (tensor * pipeline) !== 0) {
    return `TP × PP (${tensor} × ${pipeline} = ${count(tensor * pipeline)}) must divide the ${where}; the GPUs left over become data-parallel replicas`;
  }
  // vLLM and SGLang shard attention heads evenly across TP ranks.
  if (arch.attentionHeads % tensor !== 0) {
    return `TP ${tensor} does not divide the model's ${arch.attentionHeads} attention heads; choose a TP degree that does`;
  }
  if (pipeline > arch.layers) return `PP ${pipeline} is more stages than the model's ${arch.layers} layers`;
  const data = world / (tensor * pipeline);
  const expert = requested.expert ?? 1;
  if (expert > 1) {
    if (!arch.moe) return `EP ${expert} needs a mixture-of-experts model; this one is dense`;
    if (expert % tensor !== 0 || (tensor * data) % expert !== 0) {
      return `EP must be 1 or a multiple of TP (${tensor}) that divides TP × DP (${tensor * data}); got ${expert}`;
    }
    if (arch.moe.experts % expert !== 0) {
      return `EP ${expert} does not divide the model's ${arch.moe.experts} routed experts`;
    }
  }
  return { tensor, pipeline, expert, data, gpusPerNode, nodes };
}

/** The machine rank `r` sits in. */
const nodeOf = (layout: ParallelLayout, rank: number) => Math.floor(rank / layout.gpusPerNode);

/** Whether a TP group spans machines (its all-reduces then cross the slower link). */
export function tensorSpansNodes(layout: ParallelLayout): boolean {
  return layout.tensor > layout.gpusPerNode;
}

/** Pipeline hand-offs, in the first replica, that cross from one machine to the next. */
export function pipelineHopsAcrossNodes(layout: ParallelLayout): number {
  let hops = 0;
  for (let stage = 1; stage < layout.pipeline; stage++) {
    const first = stage * layout.tensor;
    if (nodeOf(layout, first - 1) !== nodeOf(layout, first)) hops++;
  }
  return hops;
}

/** Whether an EP group spans machines: its GPUs are TP ranks of EP ÷ TP replicas of one stage. */
export function expertSpansNodes(layout: ParallelLayout): boolean {
  if (layout.expert <= 1) return false;
  const replicas = layout.expert / layout.tensor;
  const span = (replicas - 1) * layout.tensor * layout.pipeline + layout.tensor;
  return span > layout.gpusPerNode;
}

/** Layers of each pipeline stage: contiguous runs as even as possible, the first stages one longer. */
export function stageLayers(layers: number, pipeline: number): number[] {
  const base = Math.floor(layers / pipeline);
  const extra = layers % pipeline;
  return Array.from({ length: pipeline }, (_, s) => base + (s < extra ? 1 : 0));
}
