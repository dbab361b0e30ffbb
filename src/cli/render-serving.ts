import type { GpuEntry } from '../catalog/schema';
import { gpuLabel } from '../catalog/lookup';
import type { KvCacheType } from '../core/kv-cache-types';
import type { WeightFormat } from '../core/formats/weight-formats';
import type { RuntimeProfile } from '../core/runtimes/profile';
import type { ServingEstimate } from '../core/serving/serving-types';
import type { ServingState } from '../url/serving-state';
import { formatContext, formatGiB, formatPercent, formatSeconds, formatSig3 } from '../view-models/format-units';
import { servingNotStarting } from '../view-models/serving-words';
import type { ResolvedModel } from './resolve-inputs';

export interface ServingReport {
  readonly model: ResolvedModel;
  readonly format: WeightFormat;
  readonly runtime: RuntimeProfile;
  readonly kvCacheType: KvCacheType;
  readonly parts: readonly { readonly gpu: GpuEntry; readonly count: number }[];
  readonly serving: ServingState;
  readonly estimate: ServingEstimate;
  readonly link: string | null;
}

const row = (label: string, value: string) => `  ${label.padEnd(14)}${value}`;
const count = (n: number) => n.toLocaleString('en-US');
const tps = (n: number) => `~${formatSig3(n)} tok/s`;

/** The --json object: raw numbers, a stable interface (README). */
export function servingJson(r: ServingReport) {
  const e = r.estimate;
  const load = e.load;
  return {
    model: { id: r.model.id, name: r.model.name, source: r.model.source, contextLimit: r.model.contextLimit },
    format: { id: r.format.id, label: r.format.label },
    runtime: r.runtime.id,
    kvCache: r.kvCacheType,
    gpus: r.parts.map((p) => ({ id: p.gpu.id, name: gpuLabel(p.gpu), count: p.count })),
    contextTokens: e.contextTokens,
    promptTokens: e.promptTokens,
    outputTokens: e.outputTokens,
    users: load?.users ?? 0,
    layout: {
      tensorParallel: e.layout.tensor,
      pipelineParallel: e.layout.pipeline,
      expertParallel: e.layout.expert,
      dataParallel: e.layout.data,
      gpus: e.layout.gpus,
      gpusPerNode: e.layout.gpusPerNode,
      nodes: e.layout.nodes,
      tensorSpansNodes: e.layout.tensorSpansNodes,
      pipelineHopsAcrossNodes: e.layout.pipelineHopsAcrossNodes,
      network: e.layout.nodes > 1 ? r.serving.network : null,
    },
    serving: {
      // Per GPU (every GPU of a replica holds the same number of blocks).
      kvPoolBytes: e.perGpu.kvPoolBytes,
      // Per replica: the tokens one copy of the model holds.
      kvPoolTokens: e.pool.tokens,
      maxConcurrentSequences: e.pool.maxConcurrentSequences,
      perUserDecodeTokensPerSecond: load?.perUserDecodeTokensPerSecond ?? null,
      totalDecodeTokensPerSecond: load?.totalDecodeTokensPerSecond ?? null,
      timeToFirstTokenSeconds: load?.timeToFirstTokenSeconds ?? null,
      concurrencyAtContext: e.pool.concurrency,
      poolKind: e.pool.kind,
      blockTokens: e.pool.blockTokens,
      startsUp: e.pool.startsUp,
      fullContextStartsUp: e.pool.fullContextStartsUp,
      maxRequestTokens: e.pool.maxRequestTokens,
      schedulerLimit: e.pool.schedulerLimit,
      queuedUsers: load?.queuedUsers ?? 0,
      communicationShare: load?.communicationShare ?? null,
      decodeBound: load?.decodeBound ?? null,
      kneeUsers: e.kneeUsers,
      minTokensPerSecond: r.serving.minTps,
      maxUsersAtFloor: e.maxUsersAtFloor,
      memoryFraction: e.pool.memoryFraction,
      memoryFractionSetting: e.pool.memoryFractionSetting,
      batchedTokens: e.pool.batchedTokens,
      batchedTokensSetting: e.pool.batchedTokensSetting,
      perGpu: { ...e.perGpu, requestKvBytes: e.pool.requestKvBytesPerGpu },
      curve: e.curve.map((p) => ({
        users: p.users,
        perUserDecodeTokensPerSecond: p.perUserDecodeTokensPerSecond,
        totalDecodeTokensPerSecond: p.totalDecodeTokensPerSecond,
        timeToFirstTokenSeconds: p.timeToFirstTokenSeconds,
      })),
    },
    link: r.link,
  };
}

/** The human-readable report: the same words and units as the Serving view. */
export function renderServing(r: ServingReport): string {
  const e = r.estimate;
  const { layout, pool, perGpu } = e;
  const machine = r.parts.map((p) => `${p.count} × ${gpuLabel(p.gpu)}`).join(' + ');
  const where = layout.nodes > 1 ? `${layout.nodes} machines of ${machine}` : machine;
  const lines = [
    `${r.model.name} · ${r.format.label} · ${r.kvCacheType} KV · ${r.runtime.label} · ${formatContext(e.contextTokens)} per request (${count(e.promptTokens)} prompt + ${count(e.outputTokens)} output)`,
    `on ${where}`,
    '',
  ];
  const settings = [
    pool.memoryFractionSetting && pool.memoryFraction !== null
      ? `${pool.memoryFractionSetting} ${pool.memoryFraction.toFixed(3).replace(/0+$/, '').replace(/\.$/, '')}`
      : null,
    pool.batchedTokensSetting ? `${pool.batchedTokensSetting} ${count(pool.batchedTokens)}` : null,
  ].filter((s) => s !== null);
  lines.push(
    row(
      'KV pool',
      `${formatGiB(perGpu.kvPoolBytes)}${layout.gpus > 1 ? ' per GPU' : ''}, ${count(pool.tokens)} tokens${layout.data > 1 ? ' per replica' : ''}${settings.length ? ` (${settings.join(', ')})` : ''}`,
    ),
  );
  const memoryRow = row(
    'Memory/GPU',
    `weights ${formatGiB(perGpu.weightsBytes)} · KV pool ${formatGiB(perGpu.kvPoolBytes)} · activations ${formatGiB(perGpu.activationBytes)} · overhead ${formatGiB(perGpu.overheadBytes)} of ${formatGiB(perGpu.memoryBytes)}`,
  );
  if (!pool.startsUp) {
    lines.push(row('Start-up', servingNotStarting(r.runtime.label, e)), memoryRow);
  } else {
    lines.push(
      row(
        'Concurrency',
        `${count(pool.maxConcurrentSequences)} requests of ${formatContext(e.contextTokens)} at once (maximum concurrency for ${count(e.contextTokens)} tokens per request: ${pool.concurrency.toFixed(2)}x${layout.data > 1 ? ` per replica × ${layout.data} replicas` : ''})${pool.schedulerLimit !== null ? `, capped by max_num_seqs ${count(pool.schedulerLimit)}` : ''}`,
      ),
    );
    if (!pool.fullContextStartsUp) {
      lines.push(
        row(
          '',
          `at the model's full ${formatContext(r.model.contextLimit)} context it would not start; the longest request it holds is ${count(pool.maxRequestTokens)} tokens`,
        ),
      );
    }
    lines.push(memoryRow);
  }
  const load = e.load;
  if (load) {
    lines.push(
      row(
        'Load',
        `${count(load.users + load.queuedUsers)} users${load.queuedUsers > 0 ? `: ${count(load.users)} served at once, ${count(load.queuedUsers)} wait for a free slot` : ''}`,
      ),
      row('Per user', `${tps(load.perUserDecodeTokensPerSecond)} while the answer streams (${load.decodeBound}-bound)`),
      row('Total', `${tps(load.totalDecodeTokensPerSecond)} of output across users, new prompts included`),
      row('First token', `~${formatSeconds(load.timeToFirstTokenSeconds)} for a ${count(e.promptTokens)}-token prompt`),
    );
    if (layout.gpus > 1)
      lines.push(row('Communication', `${formatPercent(load.communicationShare)} of each decoding step`));
  }
  const floor = formatSig3(r.serving.minTps);
  if (e.maxUsersAtFloor !== null && pool.startsUp) {
    const all = e.maxUsersAtFloor === pool.maxConcurrentSequences;
    lines.push(
      row(
        `At ${floor} tok/s`,
        e.maxUsersAtFloor === 0
          ? `not even one user gets ${floor} tok/s`
          : `${count(e.maxUsersAtFloor)} users each get at least ${floor} tok/s${all ? ' (all the pool holds at once)' : ''}`,
      ),
    );
  }
  if (pool.startsUp) {
    lines.push(
      row(
        'Knee',
        e.kneeUsers === null
          ? 'beyond the users the pool holds'
          : `${count(e.kneeUsers)} users: each then gets half the speed of one alone`,
      ),
    );
  }
  lines.push(
    row(
      'Layout',
      `TP ${layout.tensor} · PP ${layout.pipeline} · EP ${layout.expert} · DP ${layout.data} on ${count(layout.gpus)} GPU${layout.gpus > 1 ? 's' : ''}${layout.tensorSpansNodes ? ' (TP crosses machines)' : ''}${layout.pipelineHopsAcrossNodes > 0 ? ` (${layout.pipelineHopsAcrossNodes} pipeline hand-off${layout.pipelineHopsAcrossNodes > 1 ? 's' : ''} between machines)` : ''}`,
    ),
    '',
    'Estimates, not measurements: speeds at the average context of a request (its prompt and half its answer); the pool as the engine sizes it at start-up; users beyond it wait.',
    r.link ? `Open in the app: ${r.link}` : '',
  );
  return lines.filter((l, i, all) => !(l === '' && i === all.length - 1)).join('\n');
}
