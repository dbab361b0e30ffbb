import { MODELS } from '../catalog/catalog';
import type { ModelArchitecture } from '../core/architecture';
import type { Device } from '../core/devices';
import { estimate, maxContext } from '../core/estimate';
import type { WeightFormat } from '../core/formats/weight-formats';
import type { KvCacheType } from '../core/kv-cache-types';
import type { RuntimeId } from '../core/runtimes/registry';
import { countParameters } from '../core/params';
import { formatsByQuality } from './plan';

/** "What can I run?": every catalogue model on the GPUs a user owns, at the best format that fits. */

export interface CanRunRequest {
  readonly devices: readonly Device[];
  readonly contextTokens: number;
  readonly users: number;
  readonly kvCacheType: KvCacheType;
  readonly runtime: RuntimeId;
  /** Models beyond the catalogue (read from the Hugging Face Hub or a file) to try too. */
  readonly extraModels?: readonly {
    readonly id: string;
    readonly name: string;
    readonly arch: ModelArchitecture;
    readonly contextLength: number;
  }[];
}

export interface CanRunRow {
  readonly modelId: string;
  readonly name: string;
  readonly totalParams: number;
  readonly format: WeightFormat;
  readonly decodeTokensPerSecond: number;
  /** Largest context per user that fits at this format. */
  readonly maxContext: number;
  readonly spareBytes: number;
}

export function canRun(req: CanRunRequest): { rows: CanRunRow[]; cannot: string[] } {
  const formats = formatsByQuality(req.runtime, []);
  const rows: CanRunRow[] = [];
  const cannot: string[] = [];
  for (const m of [...MODELS, ...(req.extraModels ?? [])]) {
    let found: CanRunRow | null = null;
    for (const format of formats) {
      const input = {
        arch: m.arch,
        format,
        contextTokens: Math.min(req.contextTokens, m.contextLength),
        sequences: req.users,
        kvCacheType: req.kvCacheType,
        runtime: req.runtime,
        devices: req.devices,
      };
      const r = estimate(input);
      if (!r.ok) break;
      const v = r.value.fit.verdict;
      if (v !== 'fits' && v !== 'tight') continue;
      found = {
        modelId: m.id,
        name: m.name,
        totalParams: countParameters(m.arch).total,
        format,
        decodeTokensPerSecond: r.value.speed.decodeTokensPerSecond,
        maxContext: maxContext(input, m.contextLength),
        spareBytes: r.value.fit.spareBytes,
      };
      break;
    }
    if (found) rows.push(found);
    else cannot.push(m.name);
  }
  return { rows, cannot };
}
