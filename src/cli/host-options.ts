import { CPUS } from '../catalog/catalog';
import { lookupEntry } from '../catalog/lookup';
import { DEFAULT_HOST, type HostSystem } from '../core/devices';
import { CliError } from './cli-error';
import { quoted } from './options';
import { parsePositive, parseWhole } from './parse-values';

/** System RAM and expert offload: the flags estimate, can-run and plan share. */
export const HOST_OPTIONS = {
  ram: { type: 'string' },
  'ram-bandwidth': { type: 'string' },
  cpu: { type: 'string' },
  'cpu-moe': { type: 'boolean' },
  'n-cpu-moe': { type: 'string' },
} as const;

export interface HostValues {
  readonly ram?: string | undefined;
  readonly 'ram-bandwidth'?: string | undefined;
  readonly cpu?: string | undefined;
  readonly 'cpu-moe'?: boolean | undefined;
  readonly 'n-cpu-moe'?: string | undefined;
}

/** --cpu (a catalogue CPU, for its memory bandwidth) or --ram-bandwidth, and --ram for the size. */
export function resolveHost(values: HostValues): HostSystem {
  const memoryBytes =
    values.ram === undefined ? DEFAULT_HOST.memoryBytes : parsePositive('--ram', values.ram, 'GB') * 1024 ** 3;
  if (values.cpu !== undefined) {
    if (values['ram-bandwidth'] !== undefined) throw new CliError('give either --cpu or --ram-bandwidth, not both');
    const found = lookupEntry(CPUS, values.cpu);
    if (found.kind !== 'found') {
      const names = found.kind === 'ambiguous' ? found.candidates : found.suggestions;
      throw new CliError(
        `--cpu ${quoted(values.cpu)} ${found.kind === 'ambiguous' ? 'matches' : 'is not in the catalogue; close:'} ${names.map((c) => `'${c.id}'`).join(', ') || 'none'}`,
      );
    }
    return { memoryBytes, bandwidthBytesPerSecond: found.entry.bandwidthGBps * 1e9 };
  }
  return {
    memoryBytes,
    bandwidthBytesPerSecond:
      values['ram-bandwidth'] === undefined
        ? DEFAULT_HOST.bandwidthBytesPerSecond
        : parsePositive('--ram-bandwidth', values['ram-bandwidth'], 'GB/s') * 1e9,
  };
}

/**
 * --cpu-moe (every layer's experts in RAM) or --n-cpu-moe N (those of the first N layers), as
 * llama.cpp names them: the layer count, `layers` for --cpu-moe, or undefined for neither.
 */
export function resolveCpuMoe(values: HostValues, layers: number): number | undefined {
  const all = values['cpu-moe'] === true;
  const n = values['n-cpu-moe'];
  if (all && n !== undefined) throw new CliError('give either --cpu-moe or --n-cpu-moe <layers>, not both');
  if (all) return layers;
  if (n === undefined) return undefined;
  return parseWhole('--n-cpu-moe', n, 'layers', 0, 1024);
}
