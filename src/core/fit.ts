import type { Device, HostSystem } from './devices';
import { usableBytes } from './devices';
import type { RuntimeProfile } from './runtimes';

export type Verdict = 'fits' | 'tight' | 'offload' | 'no';
export type SplitMode = 'layer' | 'tensor';

/**
 * The verdict rule. fits: the run needs at most 90% of usable memory (room for fragmentation and
 * a longer prompt); tight: 90-100%; offload: it does not fit, the runtime can keep layers in
 * system RAM, at least one layer fits on the GPUs and the rest fits in RAM; no: otherwise.
 */
export const TIGHT_THRESHOLD = 0.9;

export interface PlacementInput {
  readonly devices: readonly Device[];
  readonly host: HostSystem;
  readonly runtime: RuntimeProfile;
  readonly splitMode: SplitMode;
  readonly layers: number;
  /** Weights of all repeating layers. */
  readonly layerWeightBytes: number;
  /** Weights outside the layers that must sit on a device (output head; input embedding too unless host-resident). */
  readonly deviceFixedWeightBytes: number;
  readonly kvBytes: number;
  /** Per device. */
  readonly activationBytes: number;
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

function tensorSplit(input: PlacementInput, usable: number[], overhead: number[]): DeviceLoad[] {
  // Tensor parallelism shards every weight matrix and the KV heads evenly (Megatron-LM,
  // arXiv:1909.08053); each shard carries its own activations and runtime overhead.
  const n = input.devices.length;
  const shard = (input.layerWeightBytes + input.deviceFixedWeightBytes + input.kvBytes) / n;
  return input.devices.map((d, i) => ({
    name: d.name,
    usableBytes: usable[i] ?? 0,
    overheadBytes: overhead[i] ?? 0,
    neededBytes: shard + input.activationBytes + (overhead[i] ?? 0),
  }));
}

function layerSplit(input: PlacementInput, usable: number[], overhead: number[]): DeviceLoad[] {
  // llama.cpp's default --split-mode layer hands each device a share of layers proportional to
  // its free memory (llama_model_load tensor_split) and puts the output head on the last one.
  const totalUsable = usable.reduce((a, b) => a + b, 0);
  const layerPart = input.layerWeightBytes + input.kvBytes;
  const last = input.devices.length - 1;
  return input.devices.map((d, i) => {
    const share = totalUsable > 0 ? (usable[i] ?? 0) / totalUsable : 0;
    const fixed = i === last ? input.deviceFixedWeightBytes : 0;
    return {
      name: d.name,
      usableBytes: usable[i] ?? 0,
      overheadBytes: overhead[i] ?? 0,
      neededBytes: layerPart * share + fixed + input.activationBytes + (overhead[i] ?? 0),
    };
  });
}

export function placeModel(input: PlacementInput): Placement {
  const { devices, runtime } = input;
  const usable = devices.map((d) => usableBytes(d, runtime));
  const overhead = devices.map((d) => runtime.deviceOverheadBytes(d.vendor));
  const perDevice =
    input.splitMode === 'tensor' || devices.length === 1
      ? tensorSplit(input, usable, overhead)
      : layerSplit(input, usable, overhead);
  const usableTotal = usable.reduce((a, b) => a + b, 0);
  const neededBytes = perDevice.reduce((a, d) => a + d.neededBytes, 0);
  const overheadBytes = overhead.reduce((a, b) => a + b, 0);
  const ratio =
    input.splitMode === 'tensor'
      ? Math.max(...perDevice.map((d) => d.neededBytes / d.usableBytes))
      : neededBytes / usableTotal;
  const base = { ratio, usableBytes: usableTotal, neededBytes, overheadBytes, perDevice };
  if (ratio <= 1) {
    const verdict = ratio <= TIGHT_THRESHOLD ? 'fits' : 'tight';
    return { ...base, verdict, deviceLayers: input.layers, offloadedFraction: 0 };
  }
  const canOffload = runtime.canOffload && devices.every((d) => !d.unifiedMemory);
  const fixedOnDevices = input.deviceFixedWeightBytes + devices.length * input.activationBytes + overheadBytes;
  const perLayer = (input.layerWeightBytes + input.kvBytes) / input.layers;
  const roomForLayers = usableTotal - fixedOnDevices;
  const deviceLayers = Math.max(0, Math.min(input.layers - 1, Math.floor(roomForLayers / perLayer)));
  const offloadedFraction = (input.layers - deviceLayers) / input.layers;
  const hostNeed = offloadedFraction * (input.layerWeightBytes + input.kvBytes);
  const offloadWorks = canOffload && deviceLayers >= 1 && hostNeed <= input.host.memoryBytes;
  return {
    ...base,
    verdict: offloadWorks ? 'offload' : 'no',
    deviceLayers: offloadWorks ? deviceLayers : 0,
    offloadedFraction: offloadWorks ? offloadedFraction : 1,
  };
}
