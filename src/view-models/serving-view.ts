import { RUNTIMES } from '../core/runtimes/registry';
import type { ServingEstimate } from '../core/serving/serving-types';
import { FABRICS } from '../catalog/systems';
import type { ServingState } from '../url/serving-state';
import { formatContext, formatGiB, formatPercent, formatSeconds, formatSig3 } from './format-units';
import { contextFor, type Scenario } from './scenario';
import { servingFor } from './serving-for';
import { servingNotStarting } from './serving-words';

/** The Serve task's numbers for one model × format × GPU pool, ready to render. */

const count = (n: number) => n.toLocaleString('en-US');

export interface ServingFact {
  readonly label: string;
  readonly value: string;
  readonly detail: string;
}

export interface ServingChartPoint {
  readonly users: number;
  readonly perUser: number;
  readonly total: number;
}

export interface ServingViewModel {
  readonly title: string;
  readonly engine: string;
  /** Why nothing can be estimated (bad layout, mixed GPUs, an output longer than the context). */
  readonly error: string | null;
  /** Why the engine would refuse to start, in its own terms. */
  readonly notStarting: string | null;
  readonly facts: readonly ServingFact[];
  readonly chart: {
    readonly points: readonly ServingChartPoint[];
    readonly floor: number;
    readonly atFloor: number | null;
    readonly knee: number | null;
    readonly users: number | null;
  };
  readonly rows: readonly {
    readonly users: string;
    readonly perUser: string;
    readonly total: string;
    readonly ttft: string;
  }[];
  /** The engine's own names for the two settings the view offers, and their values in force. */
  readonly settings: {
    /** The setting's name and the value in force ("gpu_memory_utilization", "0.9"). */
    readonly memoryFraction: { readonly name: string; readonly value: string } | null;
    readonly batchedTokens: { readonly name: string; readonly value: string } | null;
    readonly paged: boolean;
    /** Machines can be added (engines that lay out clusters). */
    readonly multiNode: boolean;
    /** More than one GPU: the parallel degrees apply. */
    readonly parallel: boolean;
    /** More than one machine: the network between them applies. */
    readonly network: boolean;
  };
  readonly networks: readonly { readonly id: string; readonly label: string }[];
  readonly requestNote: string;
}

function facts(e: ServingEstimate, floor: number, engine: string): ServingFact[] {
  const { pool, perGpu, layout, load } = e;
  const out: ServingFact[] = [
    {
      label: 'KV pool',
      value: `${formatGiB(perGpu.kvPoolBytes)}${layout.gpus > 1 ? ' per GPU' : ''}`,
      detail: `${count(pool.tokens)} tokens${layout.data > 1 ? ' per replica' : ''}, as ${engine} sizes it at start-up`,
    },
    {
      label: 'At once',
      value: `${count(pool.maxConcurrentSequences)} requests`,
      detail: `maximum concurrency for ${count(e.contextTokens)} tokens per request: ${pool.concurrency.toFixed(2)}x${layout.data > 1 ? ` per replica × ${layout.data}` : ''}${pool.schedulerLimit !== null ? `; max_num_seqs caps it at ${count(pool.schedulerLimit)}` : ''}`,
    },
  ];
  if (e.maxUsersAtFloor !== null) {
    out.push({
      label: `At ${formatSig3(floor)} tok/s each`,
      value: `${count(e.maxUsersAtFloor)} users`,
      detail:
        e.maxUsersAtFloor === 0
          ? `not even one user gets ${formatSig3(floor)} tok/s`
          : e.maxUsersAtFloor === pool.maxConcurrentSequences
            ? 'all the pool holds at once'
            : 'the most who each still get the floor',
    });
  }
  if (load) {
    out.push(
      {
        label: `Per user (${count(load.users)})`,
        value: `~${formatSig3(load.perUserDecodeTokensPerSecond)} tok/s`,
        detail: `while the answer streams, ${load.decodeBound}-bound${load.queuedUsers > 0 ? `; ${count(load.queuedUsers)} more wait for a slot` : ''}`,
      },
      {
        label: 'Total',
        value: `~${formatSig3(load.totalDecodeTokensPerSecond)} tok/s`,
        detail: 'output of all users, new prompts included',
      },
      {
        label: 'First token',
        value: `~${formatSeconds(load.timeToFirstTokenSeconds)}`,
        detail: `${count(e.promptTokens)}-token prompt, chunked beside the running answers`,
      },
    );
  }
  out.push({
    label: 'Knee',
    value: e.kneeUsers === null ? 'beyond the pool' : `${count(e.kneeUsers)} users`,
    detail: 'where each user gets half the speed of one alone',
  });
  out.push({
    label: 'Memory per GPU',
    value: formatGiB(perGpu.memoryBytes),
    detail: `weights ${formatGiB(perGpu.weightsBytes)} · KV pool ${formatGiB(perGpu.kvPoolBytes)} · activations ${formatGiB(perGpu.activationBytes)} · overhead ${formatGiB(perGpu.overheadBytes)}`,
  });
  out.push({
    label: 'Layout',
    value: `TP ${layout.tensor} · PP ${layout.pipeline} · EP ${layout.expert} · DP ${layout.data}`,
    detail: `${count(layout.gpus)} GPU${layout.gpus > 1 ? 's' : ''}${layout.nodes > 1 ? ` in ${layout.nodes} machines` : ''}${load && layout.gpus > 1 ? `; communication ${formatPercent(load.communicationShare)} of a step` : ''}${layout.tensorSpansNodes ? '; TP crosses machines' : ''}${layout.pipelineHopsAcrossNodes > 0 ? `; ${layout.pipelineHopsAcrossNodes} pipeline hand-off${layout.pipelineHopsAcrossNodes > 1 ? 's' : ''} between machines` : ''}`,
  });
  return out;
}

export function servingView(s: Scenario, serving: ServingState): ServingViewModel {
  const model = s.selectedModel;
  const pool = s.selectedPool;
  const format = s.formats[0];
  if (!format) throw new Error('no format chosen');
  const profile = RUNTIMES[s.runtime];
  const rule = profile.kvPool;
  const context = contextFor(s, model);
  const base = {
    title: `${model.name} · ${format.label} on ${serving.nodes > 1 ? `${serving.nodes} machines of ` : ''}${pool.label}`,
    engine: profile.label,
    networks: FABRICS.map((f) => ({ id: f.id, label: f.name })),
    requestNote: `${formatContext(context)} per request (the context on the left), ${count(serving.output)}-token answers`,
  };
  const r = servingFor(s, serving, model, pool, format);
  const paged = rule?.kind === 'paged';
  const gpus = pool.devices.length * serving.nodes;
  const layoutSettings = { paged, multiNode: paged, parallel: paged && gpus > 1, network: paged && serving.nodes > 1 };
  const noSettings = { memoryFraction: null, batchedTokens: null, ...layoutSettings };
  if (!r.ok) {
    return {
      ...base,
      error: r.error,
      notStarting: null,
      facts: [],
      chart: { points: [], floor: serving.minTps, atFloor: null, knee: null, users: null },
      rows: [],
      settings: noSettings,
    };
  }
  const e = r.value;
  return {
    ...base,
    error: null,
    notStarting: e.pool.startsUp ? null : servingNotStarting(profile.label, e),
    facts: facts(e, serving.minTps, profile.label),
    chart: {
      points: e.curve.map((p) => ({
        users: p.users,
        perUser: p.perUserDecodeTokensPerSecond,
        total: p.totalDecodeTokensPerSecond,
      })),
      floor: serving.minTps,
      atFloor: e.maxUsersAtFloor,
      knee: e.kneeUsers,
      users: e.load?.users ?? null,
    },
    rows: e.curve.map((p) => ({
      users: count(p.users),
      perUser: formatSig3(p.perUserDecodeTokensPerSecond),
      total: formatSig3(p.totalDecodeTokensPerSecond),
      ttft: formatSeconds(p.timeToFirstTokenSeconds),
    })),
    settings: {
      memoryFraction:
        paged && e.pool.memoryFractionSetting && e.pool.memoryFraction !== null
          ? { name: e.pool.memoryFractionSetting, value: formatSig3(e.pool.memoryFraction) }
          : null,
      batchedTokens:
        paged && e.pool.batchedTokensSetting
          ? { name: e.pool.batchedTokensSetting, value: count(e.pool.batchedTokens) }
          : null,
      ...layoutSettings,
    },
  };
}
