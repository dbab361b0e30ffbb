import { gpuDevice } from '../catalog/catalog';
import type { GpuEntry } from '../catalog/schema';
import { clusterLinks, DEFAULT_FABRIC, fabricById } from '../catalog/systems';
import type { ModelArchitecture } from '../core/architecture';
import type { HostSystem } from '../core/devices';
import type { WeightFormat } from '../core/formats/weight-formats';
import type { KvCacheType } from '../core/kv-cache-types';
import type { TensorInventory } from '../core/measured-weights';
import type { RuntimeId } from '../core/runtimes/registry';
import type { ServingInput } from '../core/serving/serving-types';
import type { ServingState } from '../url/serving-state';

/** What a serving estimate is asked for, in catalogue terms: the page and the CLI build it the same way. */
export interface ServingRequest {
  readonly arch: ModelArchitecture;
  readonly format: WeightFormat;
  readonly tensors?: TensorInventory | undefined;
  readonly kvCacheType: KvCacheType;
  readonly runtime: RuntimeId;
  /** The GPUs of one machine, with counts (a mixed pool has several parts). */
  readonly parts: readonly { readonly gpu: GpuEntry; readonly count: number }[];
  readonly contextTokens: number;
  readonly modelContextTokens: number;
  readonly serving: ServingState;
  readonly host?: HostSystem | undefined;
}

/** The estimator's serving input; the network falls back to the default fabric if the id is unknown. */
export function servingInput(r: ServingRequest): ServingInput {
  const devices = r.parts.flatMap((p) => Array.from({ length: p.count }, () => gpuDevice(p.gpu)));
  const first = r.parts[0]?.gpu;
  const fabric = fabricById(r.serving.network) ?? fabricById(DEFAULT_FABRIC);
  if (!first || !fabric) throw new Error('a serving request needs a GPU and the catalogue its default network');
  const s = r.serving;
  return {
    arch: r.arch,
    format: r.format,
    tensors: r.tensors,
    kvCacheType: r.kvCacheType,
    runtime: r.runtime,
    devices,
    nodes: s.nodes,
    links: clusterLinks(first, devices.length, s.nodes, fabric),
    tensorParallel: s.tensor ?? undefined,
    pipelineParallel: s.pipeline ?? undefined,
    expertParallel: s.expert ?? undefined,
    contextTokens: r.contextTokens,
    outputTokens: s.output,
    users: s.users,
    minTokensPerSecond: s.minTps,
    memoryFraction: s.memoryFraction ?? undefined,
    batchedTokens: s.batchedTokens ?? undefined,
    modelContextTokens: r.modelContextTokens,
    host: r.host,
  };
}
