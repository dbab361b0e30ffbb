import { CPUS } from '../catalog/catalog';
import { lookupEntry } from '../catalog/lookup';
import { DEFAULT_HOST, type HostSystem } from '../core/devices';
import { quoteInput } from '../core/input-text';
import { candidateText } from './candidates';
import { CliError } from './cli-error';
import { FLAG_RANGES } from './flag-ranges';
import { parseNumber, parseWhole } from './parse-values';

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
    values.ram === undefined
      ? DEFAULT_HOST.memoryBytes
      : parseNumber('--ram', values.ram, 'GB', FLAG_RANGES.gigabytes) * 1024 ** 3;
  if (values.cpu !== undefined) {
    if (values['ram-bandwidth'] !== undefined) throw new CliError('give either --cpu or --ram-bandwidth, not both');
    const found = lookupEntry(CPUS, values.cpu);
    if (found.kind !== 'found') {
      const names = found.kind === 'ambiguous' ? found.candidates : found.suggestions;
      throw new CliError(
        `--cpu ${quoteInput(values.cpu)} ${found.kind === 'ambiguous' ? 'matches' : 'is not in the catalogue; close:'} ${candidateText(names, (c) => `'${c.id}'`) || 'none'}`,
      );
    }
    return { memoryBytes, bandwidthBytesPerSecond: found.entry.bandwidthGBps * 1e9 };
  }
  return {
    memoryBytes,
    bandwidthBytesPerSecond:
      values['ram-bandwidth'] === undefined
        ? DEFAULT_HOST.bandwidthBytesPerSecond
        : parseNumber('--ram-bandwidth', values['ram-bandwidth'], 'GB/s', FLAG_RANGES.gigabytesPerSecond) * 1e9,
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
