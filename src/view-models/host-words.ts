import type { HostSystem } from '../core/devices';

/** "the experts of all 36 layers, --cpu-moe", "the experts of the first 24 of 36 layers, --n-cpu-moe 24". */
export function expertsInRamWords(layers: number, total: number): string {
  return layers >= total
    ? `the experts of all ${total} layers, --cpu-moe`
    : `the experts of the first ${layers} of ${total} layers, --n-cpu-moe ${layers}`;
}

/** "64 GB at 89.6 GB/s": system RAM as sold (binary GB) and its bandwidth (decimal GB/s). */
export function hostWords(host: HostSystem): string {
  const gb = host.memoryBytes / 1024 ** 3;
  return `${Number(gb.toPrecision(4)).toLocaleString('en-US')} GB at ${Number((host.bandwidthBytesPerSecond / 1e9).toPrecision(4))} GB/s`;
}
