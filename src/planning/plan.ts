import { gpuDevice } from '../catalog/catalog';
import type { GpuEntry } from '../catalog/schema';
import type { ModelArchitecture } from '../core/architecture';
import type { Device, HostSystem } from '../core/devices';
import { estimate, type Estimate, type EstimateInput } from '../core/estimate';
import { fewestExpertLayersInRam } from '../core/expert-offload';
import { plainDecimal } from '../core/input-text';
import type { Verdict } from '../core/fit';
import { WEIGHT_FORMATS, type WeightFormat } from '../core/formats/weight-formats';
import type { KvCacheType } from '../core/kv-cache-types';
import { RUNTIMES, type RuntimeId } from '../core/runtimes/registry';
import type { PriceRow } from '../catalog/price-schema';
import { hardwareCandidates, type Candidate, type HardwareClass } from './candidates';
import { formatsWithinLoss, hasMargin } from './format-choice';
import { servingCheck } from './serving-plan';
import { DEFAULT_PRICE_CHOICE, type PriceChoice } from './unit-price';

/** The buying guide: the cheapest hardware that runs the models the way the user needs. */

export interface PlanModel {
  readonly key: string;
  readonly name: string;
  readonly arch: ModelArchitecture;
  readonly contextLimit: number;
}

export interface PlanRequest {
  readonly models: readonly PlanModel[];
  /** Acceptable formats; empty means every format the runtime loads ("best quality that fits"). */
  readonly formats: readonly WeightFormat[];
  /** With automatic formats, the fewest bits per weight accepted (default 4: below it quality drops fast). */
  readonly minBits?: number | undefined;
  /**
   * With automatic formats: take the smallest format whose published loss is at most this (mean
   * KLD scale, planning/format-choice.ts) on hardware that keeps the stated margin free, instead
   * of the largest that fits.
   */
  readonly maxLoss?: number | undefined;
  readonly contextTokens: number;
  /** Concurrent users, each with `contextTokens` of context. */
  readonly users: number;
  /** Tokens each answer generates (engines with a start-up pool; default 512). */
  readonly outputTokens?: number | undefined;
  readonly kvCacheType: KvCacheType;
  readonly runtime: RuntimeId;
  /** Decode speed each user must get, tokens/s. */
  readonly minTokensPerSecond: number;
  readonly budgetUsd: number | null;
  readonly powerLimitWatts: number | null;
  readonly allowed: readonly HardwareClass[];
  /** The GPUs to choose from (default: the catalogue). */
  readonly gpus?: readonly GpuEntry[] | undefined;
  /** System RAM of the machine the GPUs go in; default the estimator's desktop (DEFAULT_HOST). */
  readonly host?: HostSystem | undefined;
  /**
   * Let a mixture-of-experts model that does not fit the GPUs keep experts in system RAM
   * (llama.cpp --n-cpu-moe); default: where the runtime can.
   */
  readonly expertOffload?: boolean | undefined;
  /** Which price to rank by (default: the cheapest known today, else the launch price). */
  readonly priceChoice?: PriceChoice | undefined;
  /** Rank on-demand rentals (USD per hour) of every GPU a provider lists, instead of purchases. */
  readonly rent?: boolean | undefined;
  /** Price rows (default data/prices.json). */
  readonly prices?: readonly PriceRow[] | undefined;
}

export interface PlanOption {
  readonly candidate: Candidate;
  readonly devices: readonly Device[];
  readonly viable: boolean;
  /** Why it was rejected (null when viable). */
  readonly reason: string | null;
  readonly format: WeightFormat | null;
  readonly verdict: Verdict | null;
  /** Slowest model's per-user decode speed at the chosen format. */
  readonly decodeTokensPerSecond: number | null;
  /** Least memory left over across the models, bytes (per GPU: the KV pool the users leave free). */
  readonly spareBytes: number | null;
  /** Engines with a start-up pool: the most users who each get the floor on this hardware. */
  readonly servedUsers: number | null;
  /** Most layers whose experts one of the models keeps in system RAM to fit (0: all on the GPUs). */
  readonly cpuMoeLayers: number;
}

export interface Plan {
  /** Viable configurations, cheapest first (then faster first). */
  readonly options: readonly PlanOption[];
  /** Rejected configurations, cheapest first, each with its reason. */
  readonly rejected: readonly PlanOption[];
  /** Configurations that would run but have a device of no public price, fewest GPUs first, then fastest. */
  readonly unpriced: readonly PlanOption[];
  /** Configurations tried that have no public price, whether or not they would run. */
  readonly unpricedCount: number;
}

/**
 * Formats from best quality (most bits) to least. Automatic choice stops at `minBits` (4 by
 * default: llama.cpp's own scoreboard puts Llama-3-8B at +8.9% perplexity at Q3_K_L against +2.8%
 * at Q4_K_M, data/quality.json) and leaves out ternary TQ types, which only suit ternary-trained models.
 */
export function formatsByQuality(
  runtime: RuntimeId,
  chosen: readonly WeightFormat[],
  minBits = DEFAULT_MIN_BITS,
): WeightFormat[] {
  const pool =
    chosen.length > 0
      ? [...chosen]
      : WEIGHT_FORMATS.filter(
          (f) =>
            RUNTIMES[runtime].formatFamilies.includes(f.family) &&
            f.bits <= 16 &&
            f.bits >= minBits &&
            !SKIPPED_IN_AUTO.has(f.id) &&
            !f.id.startsWith('TQ'),
        );
  return pool.sort((a, b) => b.bits - a.bits);
}

export const DEFAULT_MIN_BITS = 4;

// Legacy block types lose to the k-quant of similar size (Llama-3-8B: Q4_1 +7.2% perplexity at
// 5.0 bits vs Q4_K_M +2.8% at 4.9, data/quality.json), so "best quality" never picks them;
// MXFP4_MOE only differs from Q8_0 on MoE models and IQ4_NL is for rows IQ4_XS cannot take.
const SKIPPED_IN_AUTO = new Set(['Q4_0', 'Q4_1', 'Q5_0', 'Q5_1', 'IQ4_NL', 'MXFP4_MOE']);

const runs = (v: Verdict) => v === 'fits' || v === 'tight';

function rejected(
  candidate: Candidate,
  devices: Device[],
  reason: string,
  best: { format: WeightFormat; e: Estimate } | null = null,
): PlanOption {
  return {
    candidate,
    devices,
    viable: false,
    reason,
    format: best?.format ?? null,
    verdict: best?.e.fit.verdict ?? null,
    decodeTokensPerSecond: best ? best.e.speed.decodeTokensPerSecond : null,
    spareBytes: best ? best.e.fit.spareBytes : null,
    servedUsers: null,
    cpuMoeLayers: best?.e.fit.cpuMoeLayers ?? 0,
  };
}

/**
 * The model at this format on these devices: whole on the GPUs, or, for a mixture-of-experts model
 * that does not fit, with the fewest layers' experts in system RAM; null when neither runs. With
 * `margin`, a run must also leave the free memory planning/format-choice.ts asks for.
 */
function fitted(input: EstimateInput, offload: boolean, margin = false): Estimate | null {
  const ok = (e: Estimate) => runs(e.fit.verdict) && (!margin || hasMargin(e));
  const r = estimate(input);
  if (!r.ok) return null;
  if (ok(r.value)) return r.value;
  if (!offload || !input.arch.moe) return null;
  const n = fewestExpertLayersInRam(input);
  if (n === null) return null;
  for (let k = n; k <= (margin ? input.arch.layers : n); k++) {
    const e = estimate({ ...input, cpuMoeLayers: k });
    if (e.ok && ok(e.value)) return e.value;
  }
  return null;
}

function evaluate(req: PlanRequest, candidate: Candidate, formats: readonly WeightFormat[]): PlanOption {
  const devices = candidate.parts.flatMap((p) => Array.from({ length: p.count }, () => gpuDevice(p.gpu)));
  // A budget bounds a purchase: neither a rental per hour nor an unknown price is held to it.
  const budgeted = !req.rent && candidate.priceKind !== 'none';
  if (budgeted && req.budgetUsd !== null && candidate.priceUsd > req.budgetUsd) {
    return rejected(
      candidate,
      devices,
      `over budget: $${candidate.priceUsd.toLocaleString('en-US')} > $${req.budgetUsd.toLocaleString('en-US')}`,
    );
  }
  if (req.powerLimitWatts !== null && (candidate.powerWatts === null || candidate.powerWatts > req.powerLimitWatts)) {
    return rejected(
      candidate,
      devices,
      candidate.powerWatts === null
        ? 'power draw not published'
        : `draws ${candidate.powerWatts} W > ${req.powerLimitWatts} W`,
    );
  }
  if (RUNTIMES[req.runtime].kvPool?.kind === 'paged') return evaluateServing(req, candidate, devices, formats);
  const offload = req.expertOffload ?? RUNTIMES[req.runtime].expertOffload === true;
  let fastestFitting: { format: WeightFormat; e: Estimate } | null = null;
  for (const format of formats) {
    let slowest: Estimate | null = null;
    let allFit = true;
    let cpuMoeLayers = 0;
    for (const m of req.models) {
      const e = fitted(
        {
          arch: m.arch,
          format,
          contextTokens: Math.min(req.contextTokens, m.contextLimit),
          sequences: req.users,
          kvCacheType: req.kvCacheType,
          runtime: req.runtime,
          devices,
          host: req.host,
        },
        offload,
        req.maxLoss !== undefined,
      );
      if (!e) {
        allFit = false;
        break;
      }
      cpuMoeLayers = Math.max(cpuMoeLayers, e.fit.cpuMoeLayers);
      if (!slowest || e.speed.decodeTokensPerSecond < slowest.speed.decodeTokensPerSecond) slowest = e;
    }
    if (!allFit || !slowest) continue;
    if (slowest.speed.decodeTokensPerSecond >= req.minTokensPerSecond) {
      return {
        candidate,
        devices,
        viable: true,
        reason: null,
        format,
        verdict: slowest.fit.verdict,
        decodeTokensPerSecond: slowest.speed.decodeTokensPerSecond,
        spareBytes: slowest.fit.spareBytes,
        servedUsers: null,
        cpuMoeLayers,
      };
    }
    if (!fastestFitting || slowest.speed.decodeTokensPerSecond > fastestFitting.e.speed.decodeTokensPerSecond)
      fastestFitting = { format, e: slowest };
  }
  if (fastestFitting) {
    const tps = fastestFitting.e.speed.decodeTokensPerSecond;
    return rejected(
      candidate,
      devices,
      `too slow: ~${plainDecimal(Number(tps.toPrecision(3)))} tok/s at ${fastestFitting.format.label}, needs ${req.minTokensPerSecond}`,
      fastestFitting,
    );
  }
  const smallest = [...formats].sort((a, b) => a.bits - b.bits)[0];
  if (req.maxLoss !== undefined && req.formats.length === 0)
    return rejected(
      candidate,
      devices,
      smallest
        ? `does not fit with 1 GiB and 5% free at ${smallest.label}, the smallest format within ${req.maxLoss} KLD`
        : `no format has a published loss within ${req.maxLoss} KLD`,
    );
  return rejected(candidate, devices, `does not fit${smallest ? ` even at ${smallest.label}` : ''}`);
}

/**
 * With an engine that builds its KV pool at start-up, a candidate serves the users if the pool
 * holds all of them at once and each still gets the floor (planning/serving-plan.ts); the best
 * format that does wins. Otherwise the option reports the slowest model's users and speed.
 */
function evaluateServing(
  req: PlanRequest,
  candidate: Candidate,
  devices: Device[],
  formats: readonly WeightFormat[],
): PlanOption {
  let firstReason: string | null = null;
  for (const format of formats) {
    let worst: { served: number; tps: number; spare: number } | null = null;
    let reason: string | null = null;
    for (const m of req.models) {
      const check = servingCheck(req, candidate, m, format);
      if (!check.ok) {
        reason = check.reason;
        break;
      }
      const e = check.e;
      const perReplica = Math.ceil(req.users / e.layout.data);
      const spare = e.perGpu.kvPoolBytes - perReplica * e.pool.requestKvBytesPerGpu;
      const served = e.maxUsersAtFloor ?? 0;
      const tps = e.load?.perUserDecodeTokensPerSecond ?? 0;
      if (!worst || tps < worst.tps) worst = { served, tps, spare };
    }
    if (reason === null && worst) {
      return {
        candidate,
        devices,
        viable: true,
        reason: null,
        format,
        verdict: 'fits',
        decodeTokensPerSecond: worst.tps,
        spareBytes: worst.spare,
        servedUsers: worst.served,
        cpuMoeLayers: 0,
      };
    }
    firstReason ??= reason;
  }
  return rejected(candidate, devices, firstReason ?? 'no format to try');
}

export function planHardware(req: PlanRequest): Plan {
  const formats =
    req.maxLoss !== undefined && req.formats.length === 0
      ? formatsWithinLoss(req.runtime, req.models, req.maxLoss)
      : formatsByQuality(req.runtime, req.formats, req.minBits);
  const clusters = RUNTIMES[req.runtime].kvPool?.kind === 'paged';
  const pricing = { choice: req.priceChoice ?? DEFAULT_PRICE_CHOICE, rent: req.rent, prices: req.prices };
  const all = hardwareCandidates(req.allowed, req.gpus, clusters, pricing).map((c) => evaluate(req, c, formats));
  const byPrice = (a: PlanOption, b: PlanOption) =>
    a.candidate.priceUsd - b.candidate.priceUsd || (b.decodeTokensPerSecond ?? 0) - (a.decodeTokensPerSecond ?? 0);
  const priced = all.filter((o) => o.candidate.priceKind !== 'none');
  const unpriced = all.filter((o) => o.candidate.priceKind === 'none');
  return {
    options: priced.filter((o) => o.viable).sort(byPrice),
    rejected: priced.filter((o) => !o.viable).sort(byPrice),
    // Fewest GPUs first (the smallest purchase that would do), then faster first.
    unpriced: unpriced
      .filter((o) => o.viable)
      .sort(
        (a, b) =>
          a.devices.length - b.devices.length || (b.decodeTokensPerSecond ?? 0) - (a.decodeTokensPerSecond ?? 0),
      ),
    unpricedCount: unpriced.length,
  };
}

/** Viable options no other option beats on both price and speed (the Pareto frontier). */
export function paretoFrontier(options: readonly PlanOption[]): Set<string> {
  const frontier = new Set<string>();
  let best = -Infinity;
  for (const o of [...options].sort(
    (a, b) =>
      a.candidate.priceUsd - b.candidate.priceUsd || (b.decodeTokensPerSecond ?? 0) - (a.decodeTokensPerSecond ?? 0),
  )) {
    const tps = o.decodeTokensPerSecond ?? 0;
    if (tps > best) {
      frontier.add(o.candidate.key);
      best = tps;
    }
  }
  return frontier;
}
