import { GPUS } from '../catalog/catalog';
import { lookupEntry, gpuLabel } from '../catalog/lookup';
import type { GpuEntry } from '../catalog/schema';
import { FABRICS, fabricById } from '../catalog/systems';
import { RUNTIMES } from '../core/runtimes/registry';
import { estimateServing } from '../core/serving/serve';
import { DEFAULT_SERVING, MAX_NODES, MAX_SERVING_USERS, type ServingState } from '../url/serving-state';
import { servingInput } from '../view-models/serving-input';
import { cliShareLink } from './cli-link';
import { CliError } from './cli-error';
import type { CliIo } from './cli-io';
import { quoteInput as quoted } from '../core/input-text';
import { FLAG_RANGES } from './flag-ranges';
import { parseNumber, parseWhole } from './parse-values';
import { renderServing, servingJson } from './render-serving';
import { resolveFormat, resolveKvCache, resolveModel, resolveRuntime } from './resolve-inputs';

export const SERVE_OPTIONS = {
  model: { type: 'string' },
  config: { type: 'string' },
  params: { type: 'string' },
  precision: { type: 'string' },
  bpw: { type: 'string' },
  gpu: { type: 'string', multiple: true },
  gpus: { type: 'string' },
  nodes: { type: 'string' },
  tp: { type: 'string' },
  pp: { type: 'string' },
  ep: { type: 'string' },
  network: { type: 'string' },
  users: { type: 'string' },
  'max-users': { type: 'boolean' },
  context: { type: 'string' },
  output: { type: 'string' },
  'min-tps': { type: 'string' },
  'gpu-memory-utilization': { type: 'string' },
  'max-num-batched-tokens': { type: 'string' },
  runtime: { type: 'string' },
  'kv-cache': { type: 'string' },
  'link-base': { type: 'string' },
  json: { type: 'boolean' },
} as const;

type Values = {
  [K in keyof typeof SERVE_OPTIONS]?: (typeof SERVE_OPTIONS)[K] extends { type: 'boolean' }
    ? boolean
    : (typeof SERVE_OPTIONS)[K] extends { multiple: true }
      ? string[]
      : string;
};

function lookupGpu(query: string): GpuEntry {
  const found = lookupEntry(GPUS, query);
  if (found.kind === 'found') return found.entry;
  if (found.kind === 'ambiguous') {
    throw new CliError(
      `--gpu '${query}' matches ${found.candidates.map((g) => `'${g.id}' (${gpuLabel(g)})`).join(', ')}; be more specific`,
    );
  }
  const close = found.suggestions.map((g) => `'${g.id}'`).join(', ');
  throw new CliError(
    `unknown GPU '${query}'${close ? `; did you mean ${close}?` : ''} Run 'headroom gpus' for the list.`,
  );
}

const degree = (flag: string, raw: string | undefined) =>
  raw === undefined ? null : parseWhole(flag, raw, 'GPUs', 1, 4096);

/** `headroom serve`: the KV pool, the most users and the speed under load on a machine or a cluster. */
export function runServe(values: Values, io: CliIo): void {
  const runtime = resolveRuntime(values.runtime ?? 'vllm');
  const model = resolveModel(values);
  const format = resolveFormat(values.precision, values.bpw, runtime, model.storedFormat);
  const kvCacheType = resolveKvCache(values['kv-cache'], runtime);
  const names = values.gpu ?? [];
  if (names.length === 0) throw new CliError("choose the GPU of each machine with --gpu <name> (see 'headroom gpus')");
  if (names.length > 1 && values.gpus !== undefined) {
    throw new CliError('--gpus repeats a single --gpu; for a mixed machine repeat --gpu instead');
  }
  const perNode = values.gpus === undefined ? 1 : parseWhole('--gpus', values.gpus, 'GPUs per machine', 1, 64);
  const parts = names.map((n) => ({ gpu: lookupGpu(n), count: perNode }));
  const limit = model.contextLimit;
  const contextTokens =
    values.context === undefined
      ? Math.min(8192, limit)
      : parseWhole('--context', values.context, 'tokens per request', 2, limit, true);
  if (values.users !== undefined && values['max-users'])
    throw new CliError('give either --users or --max-users, not both');
  const network = values.network ?? DEFAULT_SERVING.network;
  if (!fabricById(network)) {
    throw new CliError(`unknown --network ${quoted(network)}; choose one of ${FABRICS.map((f) => f.id).join(', ')}`);
  }
  const fraction = values['gpu-memory-utilization'];
  const memoryFraction =
    fraction === undefined
      ? null
      : parseNumber('--gpu-memory-utilization', fraction, 'the GPU memory', { min: 0.05, max: 1, whole: false });
  // Without --users the question is how many users it serves: the most that get --min-tps.
  const users =
    values.users === undefined ? null : parseWhole('--users', values.users, 'concurrent users', 1, MAX_SERVING_USERS);
  const serving: ServingState = {
    users,
    output:
      values.output === undefined
        ? Math.min(DEFAULT_SERVING.output, Math.floor(contextTokens / 2))
        : parseWhole('--output', values.output, 'tokens per answer', 1, contextTokens - 1, true),
    minTps:
      values['min-tps'] === undefined
        ? DEFAULT_SERVING.minTps
        : parseNumber('--min-tps', values['min-tps'], 'tokens per second', FLAG_RANGES.minTps),
    nodes: values.nodes === undefined ? 1 : parseWhole('--nodes', values.nodes, 'machines', 1, MAX_NODES),
    tensor: degree('--tp', values.tp),
    pipeline: degree('--pp', values.pp),
    expert: degree('--ep', values.ep),
    memoryFraction,
    batchedTokens:
      values['max-num-batched-tokens'] === undefined
        ? null
        : parseWhole('--max-num-batched-tokens', values['max-num-batched-tokens'], 'tokens', 1, 1_048_576, true),
    network,
  };
  const result = estimateServing(
    servingInput({
      arch: model.arch,
      format,
      kvCacheType,
      runtime,
      parts,
      contextTokens,
      modelContextTokens: limit,
      serving,
    }),
  );
  if (!result.ok) throw new CliError(result.error);
  const link = cliShareLink({
    base: values['link-base'] ?? io.env['HEADROOM_URL'],
    modelToken: model.linkToken,
    config: model.config,
    format,
    contextTokens,
    batch: 1,
    kv: kvCacheType,
    runtime,
    gpus: parts.map((p) => ({ id: p.gpu.id, count: p.count })),
    serving,
  });
  const report = {
    model,
    format,
    runtime: RUNTIMES[runtime],
    kvCacheType,
    parts,
    serving,
    estimate: result.value,
    link: link.url,
  };
  io.stdout(values.json ? JSON.stringify(servingJson(report), null, 2) : renderServing(report));
}
