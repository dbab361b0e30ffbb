import { MODELS } from '../catalog/catalog';
import type { ModelArchitecture } from '../core/architecture';
import type { RopeScaling } from '../core/context-scaling';
import type { Device, HostSystem } from '../core/devices';
import { estimate, maxContext, type EstimateInput } from '../core/estimate';
import { fewestExpertLayersInRam } from '../core/expert-offload';
import type { WeightFormat } from '../core/formats/weight-formats';
import type { KvCacheType } from '../core/kv-cache-types';
import { RUNTIMES, type RuntimeId } from '../core/runtimes/registry';
import { countParameters } from '../core/params';
import { scaledContextLimit } from '../core/context-scaling';
import { formatsWithinLoss, hasMargin } from './format-choice';
import { formatsByQuality } from './plan';

/** "What can I run?": every catalogue model on the GPUs a user owns, at the best format that fits. */

export interface CanRunRequest {
  readonly devices: readonly Device[];
  readonly contextTokens: number;
  readonly users: number;
  readonly kvCacheType: KvCacheType;
  readonly runtime: RuntimeId;
  /** System RAM; default the estimator's desktop (DEFAULT_HOST). */
  readonly host?: HostSystem | undefined;
  /**
   * Let a mixture-of-experts model that fits the GPUs at no format keep experts in system RAM
   * (llama.cpp --n-cpu-moe); default: where the runtime can.
   */
  readonly expertOffload?: boolean | undefined;
  /** Models beyond the catalogue (read from the Hugging Face Hub or a file) to try too. */
  readonly extraModels?: readonly CanRunModel[];
  /**
   * Take each model's smallest format whose published loss is at most this (mean KLD scale,
   * planning/format-choice.ts) and that leaves the stated margin free, instead of the largest that fits.
   */
  readonly maxLoss?: number | undefined;
}

/** What can-run needs of a model: the catalogue's entries and imported models alike. */
interface CanRunModel {
  readonly id: string;
  readonly name: string;
  readonly arch: ModelArchitecture;
  readonly contextLength: number;
  readonly ropeScaling?: RopeScaling | undefined;
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
  /** Layers whose experts stay in system RAM for it to fit (--n-cpu-moe); 0: all on the GPUs. */
  readonly cpuMoeLayers: number;
}

function row(
  m: CanRunModel,
  input: EstimateInput,
  cpuMoeLayers: number,
  limit: number,
  margin: boolean,
): CanRunRow | null {
  const r = estimate({ ...input, cpuMoeLayers });
  if (!r.ok || (margin && !hasMargin(r.value))) return null;
  return {
    modelId: m.id,
    name: m.name,
    totalParams: countParameters(m.arch).total,
    format: input.format,
    decodeTokensPerSecond: r.value.speed.decodeTokensPerSecond,
    maxContext: maxContext({ ...input, cpuMoeLayers }, limit),
    spareBytes: r.value.fit.spareBytes,
    cpuMoeLayers,
  };
}

/**
 * Each model at the best-quality format that fits the GPUs whole; failing that, a MoE model at the
 * best format that fits with the fewest layers' experts in system RAM (gpt-oss-120b on one 24 GB
 * card: its experts in 64 GB of RAM).
 */
export function canRun(req: CanRunRequest): { rows: CanRunRow[]; cannot: string[] } {
  const formats = formatsByQuality(req.runtime, []);
  const margin = req.maxLoss !== undefined;
  const offload = req.expertOffload ?? RUNTIMES[req.runtime].expertOffload === true;
  const rows: CanRunRow[] = [];
  const cannot: string[] = [];
  for (const m of [...MODELS, ...(req.extraModels ?? [])]) {
    const limit = scaledContextLimit(m.contextLength, m.ropeScaling);
    const pool = req.maxLoss !== undefined ? formatsWithinLoss(req.runtime, [{ key: m.id }], req.maxLoss) : formats;
    const inputs = pool.map((format): EstimateInput => ({
      arch: m.arch,
      format,
      contextTokens: Math.min(req.contextTokens, limit),
      sequences: req.users,
      kvCacheType: req.kvCacheType,
      runtime: req.runtime,
      devices: req.devices,
      host: req.host,
    }));
    let found: CanRunRow | null = null;
    for (const input of inputs) {
      const r = estimate(input);
      if (!r.ok) break;
      const v = r.value.fit.verdict;
      if (v === 'fits' || v === 'tight') {
        found = row(m, input, 0, limit, margin);
        if (found) break;
      }
    }
    if (!found && offload && m.arch.moe) {
      for (const input of inputs) {
        const n = fewestExpertLayersInRam(input);
        if (n === null) continue;
        // With a margin to keep, more layers' experts may have to move to RAM than the fewest that fit.
        for (let k = n; k <= (margin ? m.arch.layers : n) && !found; k++) found = row(m, input, k, limit, margin);
        if (found) break;
      }
    }
    if (found) rows.push(found);
    else cannot.push(m.name);
  }
  return { rows, cannot };
}
