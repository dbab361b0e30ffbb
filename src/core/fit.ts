import type { Device, HostSystem, Vendor } from './devices';
import { usableBytes } from './devices';

export type Verdict = 'fits' | 'tight' | 'offload' | 'no';
export type SplitMode = 'layer' | 'tensor';

/**
 * The verdict rule. fits: the run needs at most 90% of usable memory (room for fragmentation and
 * a longer prompt); tight: 90-100%; offload: it does not fit, the runtime can keep layers in
 * system RAM, at least one layer fits on the GPUs and the rest fits in RAM; no: otherwise.
 */
export const TIGHT_THRESHOLD = 0.9;

/** What placement needs of a runtime profile (runtimes/profile.ts). */
export interface PlacementRuntime {
  readonly canOffload: boolean;
  readonly memoryFraction: number;
  readonly deviceOverheadBytes: (vendor: Vendor) => number;
}

export interface PlacementInput {
  readonly devices: readonly Device[];
  readonly host: HostSystem;
  readonly runtime: PlacementRuntime;
  readonly splitMode: SplitMode;
  readonly layers: number;
  /** Weights of all repeating layers. */
  readonly layerWeightBytes: number;
  /** Weights outside the layers that must sit on a device (output head; input embedding too unless host-resident). */
  readonly deviceFixedWeightBytes: number;
  readonly kvBytes: number;
  /** Per device. */
  readonly activationBytes: number;
  /** Weights kept in system RAM by design (embedding table, experts of --cpu-moe); default 0. */
  readonly hostFixedBytes?: number | undefined;
}

export interface DeviceLoad {
  readonly name: string;
  readonly usableBytes: number;
  readonly neededBytes: number;
  readonly overheadBytes: number;
}

export interface Placement {
  readonly verdict: Verdict;
  /** Needed / usable: for tensor split the worst device, for layer split the pool. */
  readonly ratio: number;
  readonly usableBytes: number;
  /** Memory needed on the devices when everything is placed there. */
  readonly neededBytes: number;
  readonly overheadBytes: number;
  /** Repeating layers on devices (all of them unless offloading). */
  readonly deviceLayers: number;
  /** Share of layer weights and KV left in system RAM. */
  readonly offloadedFraction: number;
  readonly perDevice: readonly DeviceLoad[];
}

// Hot path: the matrix and table place every model × GPU pool × format (thousands per render;
// the planner and `npm run bench` many more), so this is written with plain loops and one result
// object.
export function placeModel(input: PlacementInput): Placement {
  const { devices, runtime } = input;
  const n = devices.length;
  const tensor = input.splitMode === 'tensor' || n === 1;
  let usableTotal = 0;
  for (const d of devices) usableTotal += usableBytes(d, runtime.memoryFraction);
  // Tensor parallelism shards every weight matrix and the KV heads evenly (Megatron-LM,
  // arXiv:1909.08053). llama.cpp's default --split-mode layer hands each device a share of layers
  // proportional to its free memory (tensor_split) and puts the output head on the last one.
  const layerPart = input.layerWeightBytes + input.kvBytes;
  const shard = (layerPart + input.deviceFixedWeightBytes) / n;
  const perDevice: DeviceLoad[] = [];
  let neededBytes = 0;
  let overheadBytes = 0;
  let worst = 0;
  for (let i = 0; i < n; i++) {
    const d = devices[i] as Device;
    const usable = usableBytes(d, runtime.memoryFraction);
    const overhead = runtime.deviceOverheadBytes(d.vendor);
    const weights = tensor
      ? shard
      : (layerPart * usable) / usableTotal + (i === n - 1 ? input.deviceFixedWeightBytes : 0);
    const needed = weights + input.activationBytes + overhead;
    perDevice.push({ name: d.name, usableBytes: usable, overheadBytes: overhead, neededBytes: needed });
    neededBytes += needed;
    overheadBytes += overhead;
    worst = Math.max(worst, needed / usable);
  }
  const ratio = tensor ? worst : neededBytes / usableTotal;
  const hostFixed = input.hostFixedBytes ?? 0;
  const hostFits = hostFixed <= input.host.memoryBytes;
  if (ratio <= 1 && hostFits) {
    return {
      verdict: ratio <= TIGHT_THRESHOLD ? 'fits' : 'tight',
      ratio,
      usableBytes: usableTotal,
      neededBytes,
      overheadBytes,
      deviceLayers: input.layers,
      offloadedFraction: 0,
      perDevice,
    };
  }
  let canOffload = runtime.canOffload;
  for (const d of devices) if (d.unifiedMemory) canOffload = false;
  const fixedOnDevices = input.deviceFixedWeightBytes + n * input.activationBytes + overheadBytes;
  const perLayer = layerPart / input.layers;
  const fitting = Math.floor((usableTotal - fixedOnDevices) / perLayer);
  const deviceLayers = Math.max(0, Math.min(input.layers - 1, fitting));
  const offloadedFraction = (input.layers - deviceLayers) / input.layers;
  const offloadWorks =
    canOffload && deviceLayers >= 1 && hostFixed + offloadedFraction * layerPart <= input.host.memoryBytes;
  return {
    verdict: offloadWorks ? 'offload' : 'no',
    ratio,
    usableBytes: usableTotal,
    neededBytes,
    overheadBytes,
    deviceLayers: offloadWorks ? deviceLayers : 0,
    offloadedFraction: offloadWorks ? offloadedFraction : 1,
    perDevice,
  };
}
