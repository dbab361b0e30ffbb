import { clusterLinks, DEFAULT_FABRIC, fabricById } from '../catalog/systems';
import { gpuDevice } from '../catalog/catalog';
import type { Device } from '../core/devices';
import type { WeightFormat } from '../core/formats/weight-formats';
import { RUNTIMES } from '../core/runtimes/registry';
import { estimateServing } from '../core/serving/serve';
import type { ServingEstimate } from '../core/serving/serving-types';
import type { Candidate } from './candidates';
import type { PlanModel, PlanRequest } from './plan';

const count = (n: number) => n.toLocaleString('en-US');

export type ServingCheck =
  | { readonly ok: true; readonly e: ServingEstimate }
  | { readonly ok: false; readonly reason: string; readonly e: ServingEstimate | null };

/**
 * Whether a candidate serves `users` concurrent users of `model`, each at the speed floor, on the
 * pool the engine builds at start-up (vLLM, SGLang, TensorRT-LLM): the users must all run at once
 * (the pool holds that many requests of the context) and each still get the floor.
 */
export function servingCheck(
  req: PlanRequest,
  candidate: Candidate,
  model: PlanModel,
  format: WeightFormat,
): ServingCheck {
  const devices: Device[] = candidate.parts.flatMap((p) => Array.from({ length: p.count }, () => gpuDevice(p.gpu)));
  const first = candidate.parts[0]?.gpu;
  const fabric = fabricById(DEFAULT_FABRIC);
  if (!first || !fabric) return { ok: false, reason: 'no GPU', e: null };
  const context = Math.min(req.contextTokens, model.contextLimit);
  const r = estimateServing({
    arch: model.arch,
    format,
    kvCacheType: req.kvCacheType,
    runtime: req.runtime,
    devices,
    nodes: candidate.nodes,
    links: clusterLinks(first, devices.length, candidate.nodes, fabric),
    contextTokens: context,
    outputTokens: Math.min(req.outputTokens ?? 512, Math.floor(context / 2)),
    users: req.users,
    minTokensPerSecond: req.minTokensPerSecond,
    modelContextTokens: model.contextLimit,
    detail: 'summary',
  });
  if (!r.ok) return { ok: false, reason: r.error, e: null };
  const e = r.value;
  const engine = RUNTIMES[req.runtime].label;
  if (!e.pool.startsUp) {
    return {
      ok: false,
      reason: `does not fit: ${engine}'s KV pool holds no request of ${count(context)} tokens (the longest is ${count(e.pool.maxRequestTokens)})`,
      e,
    };
  }
  if (e.pool.maxConcurrentSequences < req.users) {
    return {
      ok: false,
      reason: `does not fit: the pool holds ${count(e.pool.maxConcurrentSequences)} requests of ${count(context)} tokens at once, needs ${count(req.users)}`,
      e,
    };
  }
  if ((e.maxUsersAtFloor ?? 0) < req.users) {
    return {
      ok: false,
      reason: `too slow: ~${(e.load?.perUserDecodeTokensPerSecond ?? 0).toPrecision(3)} tok/s each for ${count(req.users)} users at ${format.label}, needs ${req.minTokensPerSecond}`,
      e,
    };
  }
  return { ok: true, e };
}
