import type { Device } from '../core/devices';
import { estimate, type Estimate, type EstimateInput } from '../core/estimate';
import { fewestExpertLayersInRam } from '../core/expert-offload';
import type { Verdict } from '../core/fit';
import { weightFormatById } from '../core/formats/weight-formats';
import { KV_CACHE_TYPES, type KvCacheType } from '../core/kv-cache-types';
import { runtimeProfile } from '../core/runtimes/registry';
import { loadsFormat } from '../core/runtimes/rules';
import { MAX_POOL_GPUS } from '../url/link-limits';
import { formatContext, formatFixed, formatGiB, formatSig3 } from './format-units';

/**
 * "What would make it fit": for a run that does not fit (or is tight), the cheapest single
 * changes that would make it fit, each estimated again by the estimator. Pure: the page's banner
 * and `headroom estimate` both read it.
 */

/** One change, in the terms of the link and the CLI flags. */
export type FitChange =
  | { readonly kind: 'kv-cache'; readonly kv: KvCacheType }
  | { readonly kind: 'context'; readonly tokens: number }
  | { readonly kind: 'experts-in-ram'; readonly layers: number }
  | { readonly kind: 'format'; readonly format: string }
  | { readonly kind: 'gpus'; readonly gpu: string; readonly count: number };

export interface FitSuggestion {
  readonly change: FitChange;
  /** "Use a q8_0 KV cache", "Shorten the context to 16K", "Use 2 × RTX 4090 24 GB". */
  readonly title: string;
  /**
   * What the change costs, in words ("the cache is stored at 8.5 instead of 16 bits per value");
   * for a weight format, its bits, with its published quality cost when the question's `quality`
   * gives it ("perplexity +3.1% over 16-bit, measured on Llama 3 8B").
   */
  readonly cost: string;
  readonly verdict: Verdict;
  /** Memory needed on the GPUs, usable there, and left free, with the change. */
  readonly deviceBytes: number;
  readonly usableBytes: number;
  readonly spareBytes: number;
  readonly decodeTokensPerSecond: number;
  /** "19.6 GiB of 24.0 GiB used, 4.4 GiB free, ~31.2 tok/s" (the verdict is shown beside it). */
  readonly numbers: string;
}

export interface FitQuestion {
  /** The run as estimated now. */
  readonly input: EstimateInput;
  /** The model's catalogue id, for the quality of other formats. */
  readonly modelKey: string;
  /** The file fixes the weights (a GGUF file): no other format to suggest. */
  readonly fixedFormat: boolean;
  /**
   * The published quality cost of a format for the model, in words (fit-quality.ts). Optional: the
   * table of published costs is large, so the page loads it after the first paint and adds it there.
   */
  readonly quality?: ((modelKey: string, format: string) => string) | undefined;
  /** The pool is `count` GPUs of one kind; null for a mixed or custom pool. */
  readonly sameKind: {
    readonly gpu: string;
    readonly count: number;
    readonly device: Device;
    readonly label: (count: number) => string;
  } | null;
}

/** Contexts are suggested in whole multiples of this, and none shorter than it. */
export const CONTEXT_STEP = 1024;
/** A pool grows to at most this many GPUs of its kind (one 8-GPU server). */
export const MAX_SUGGESTED_GPUS = 8;

/** The verdicts a change must reach: better than the run's own. */
function targetsFor(verdict: Verdict): readonly Verdict[] {
  return verdict === 'tight' ? ['fits'] : ['fits', 'tight'];
}

function run(input: EstimateInput): Estimate | null {
  const r = estimate(input);
  return r.ok ? r.value : null;
}

function suggestion(change: FitChange, title: string, cost: string, e: Estimate): FitSuggestion {
  const { fit, memory, speed } = e;
  return {
    change,
    title,
    cost,
    verdict: fit.verdict,
    deviceBytes: memory.deviceBytes,
    usableBytes: fit.usableBytes,
    spareBytes: fit.spareBytes,
    decodeTokensPerSecond: speed.decodeTokensPerSecond,
    numbers: `${formatGiB(memory.deviceBytes)} of ${formatGiB(fit.usableBytes)} used, ${formatGiB(fit.spareBytes)} free, ~${formatSig3(speed.decodeTokensPerSecond)} tok/s`,
  };
}

/** The first candidate, in order, whose estimate reaches a target verdict. */
function firstThatFits<T>(
  candidates: readonly T[],
  inputFor: (c: T) => EstimateInput,
  targets: readonly Verdict[],
): { candidate: T; estimate: Estimate } | null {
  for (const c of candidates) {
    const e = run(inputFor(c));
    if (e && targets.includes(e.fit.verdict)) return { candidate: c, estimate: e };
  }
  return null;
}

/** Smaller KV cache types the runtime accepts, the least lossy first. */
function kvSuggestion(q: FitQuestion, targets: readonly Verdict[]): FitSuggestion | null {
  const { input } = q;
  const now = KV_CACHE_TYPES[input.kvCacheType];
  const smaller = runtimeProfile(input.runtime)
    .kvCacheTypes.filter((k) => KV_CACHE_TYPES[k] < now)
    .sort((a, b) => KV_CACHE_TYPES[b] - KV_CACHE_TYPES[a]);
  const hit = firstThatFits(smaller, (kv) => ({ ...input, kvCacheType: kv }), targets);
  if (!hit) return null;
  const kv = hit.candidate;
  return suggestion(
    { kind: 'kv-cache', kv },
    `Use a ${kv} KV cache`,
    `the cache is stored at ${formatSig3(KV_CACHE_TYPES[kv] * 8)} instead of ${formatSig3(now * 8)} bits per value`,
    hit.estimate,
  );
}

/** The largest n in lo..hi for which `ok` holds, given that it holds at lo and fails from some n on. */
function largestPassing(lo: number, hi: number, ok: (n: number) => boolean): number {
  if (ok(hi)) return hi;
  let a = lo;
  let b = hi;
  while (b - a > 1) {
    const mid = Math.floor((a + b) / 2);
    if (ok(mid)) a = mid;
    else b = mid;
  }
  return a;
}

/** The smallest n in lo..hi for which `ok` holds, given that it fails up to some n and holds after; null if never. */
function smallestPassing(lo: number, hi: number, ok: (n: number) => boolean): number | null {
  if (!ok(hi)) return null;
  if (ok(lo)) return lo;
  let a = lo;
  let b = hi;
  while (b - a > 1) {
    const mid = Math.floor((a + b) / 2);
    if (ok(mid)) b = mid;
    else a = mid;
  }
  return b;
}

const reachesWith = (targets: readonly Verdict[]) => (input: EstimateInput) => {
  const e = run(input);
  return e !== null && targets.includes(e.fit.verdict);
};

/**
 * The longest context, in whole K, that fits (else that reaches a target): memory grows with the
 * context, so a binary search over CONTEXT_STEP..now finds it. A context is chosen freely, so it
 * aims for "fits" rather than a tight run with nothing to spare.
 */
function contextSuggestion(q: FitQuestion, targets: readonly Verdict[]): FitSuggestion | null {
  const { input } = q;
  const now = input.contextTokens;
  if (now <= CONTEXT_STEP) return null;
  // A prompt longer than the new context is cut to it.
  const at = (tokens: number): EstimateInput => ({
    ...input,
    contextTokens: tokens,
    promptTokens: input.promptTokens === undefined ? undefined : Math.min(input.promptTokens, tokens),
  });
  const aims = [['fits'] as const, targets].find((t) => reachesWith(t)(at(CONTEXT_STEP)));
  if (!aims) return null;
  const reaches = reachesWith(aims);
  const longest = largestPassing(CONTEXT_STEP, now - 1, (tokens) => reaches(at(tokens)));
  const tokens = Math.floor(longest / CONTEXT_STEP) * CONTEXT_STEP;
  const e = run(at(tokens));
  if (!e) return null;
  return suggestion(
    { kind: 'context', tokens },
    `Shorten the context to ${formatContext(tokens)}`,
    `each sequence holds ${formatContext(tokens)} tokens instead of ${formatContext(now)}`,
    e,
  );
}

/**
 * The fewest layers whose experts stay in system RAM (llama.cpp --n-cpu-moe) for the run to fit:
 * fewestExpertLayersInRam gives the fewest that reach "tight"; more layers in RAM, up to all of
 * them, may leave room to spare ("fits") while the experts still fit the RAM.
 */
function expertsSuggestion(q: FitQuestion, targets: readonly Verdict[]): FitSuggestion | null {
  const { input } = q;
  const layers = input.arch.layers;
  if (!input.arch.moe || runtimeProfile(input.runtime).expertOffload !== true) return null;
  if (input.devices.some((d) => d.unifiedMemory)) return null;
  const fewest = fewestExpertLayersInRam(input);
  if (fewest === null || fewest <= (input.cpuMoeLayers ?? 0)) return null;
  const fits = reachesWith(['fits']);
  const roomy = smallestPassing(fewest, layers, (n) => fits({ ...input, cpuMoeLayers: n }));
  const n = roomy ?? fewest;
  const e = run({ ...input, cpuMoeLayers: n });
  if (!e || !targets.includes(e.fit.verdict)) return null;
  const flag = n >= layers ? '--cpu-moe' : `--n-cpu-moe ${n}`;
  return suggestion(
    { kind: 'experts-in-ram', layers: Math.min(n, layers) },
    `Keep the experts of ${n >= layers ? 'all' : n} of ${layers} layers in system RAM`,
    `llama.cpp ${flag}: the CPU computes those experts from RAM, so decode is slower`,
    e,
  );
}

/** The runtime's common formats with fewer bits, the most bits (least loss) first. */
function formatSuggestion(q: FitQuestion, targets: readonly Verdict[]): FitSuggestion | null {
  const { input } = q;
  if (q.fixedFormat) return null;
  const profile = runtimeProfile(input.runtime);
  const smaller = profile.defaults.commonFormats
    .map(weightFormatById)
    .filter((f) => f !== null && loadsFormat(profile, f) && f.bits < input.format.bits)
    .sort((a, b) => (b?.bits ?? 0) - (a?.bits ?? 0));
  const hit = firstThatFits(smaller, (f) => ({ ...input, format: f ?? input.format, tensors: undefined }), targets);
  if (!hit?.candidate) return null;
  const f = hit.candidate;
  return suggestion(
    { kind: 'format', format: f.id },
    `Use ${f.label} weights`,
    `${formatFixed(hit.estimate.weights.bitsPerWeight, 2)} instead of ${formatFixed(run(input)?.weights.bitsPerWeight ?? input.format.bits, 2)} bits per weight${q.quality ? `; ${q.quality(q.modelKey, f.id)}` : ''}`,
    hit.estimate,
  );
}

/** The fewest GPUs of the same kind, up to MAX_SUGGESTED_GPUS, that reach a target. */
function gpusSuggestion(q: FitQuestion, targets: readonly Verdict[]): FitSuggestion | null {
  const kind = q.sameKind;
  if (!kind || kind.device.unifiedMemory) return null;
  // Tensor parallelism shards the attention heads evenly (vLLM and SGLang refuse a TP degree
  // that does not divide them, as core/serving/layout.ts says): only such counts are offered.
  const tensor = (q.input.splitMode ?? runtimeProfile(q.input.runtime).defaults.splitMode) === 'tensor';
  const counts: number[] = [];
  for (let c = kind.count + 1; c <= Math.min(MAX_SUGGESTED_GPUS, MAX_POOL_GPUS); c++)
    if (!tensor || q.input.arch.attentionHeads % c === 0) counts.push(c);
  const hit = firstThatFits(
    counts,
    (c) => ({ ...q.input, devices: Array.from({ length: c }, () => kind.device) }),
    targets,
  );
  if (!hit) return null;
  const added = hit.candidate - kind.count;
  return suggestion(
    { kind: 'gpus', gpu: kind.gpu, count: hit.candidate },
    `Use ${kind.label(hit.candidate)}`,
    `${added} more GPU${added === 1 ? '' : 's'} of the same kind`,
    hit.estimate,
  );
}

/**
 * The suggestions for a run, cheapest first: a smaller KV cache (free, small loss), a shorter
 * context (free), experts in RAM (free, slower), a smaller weight format (quality), more GPUs
 * (money). None for a run that fits or cannot be estimated.
 */
export function fitSuggestions(q: FitQuestion): FitSuggestion[] {
  const now = run(q.input);
  if (!now || now.fit.verdict === 'fits') return [];
  const targets = targetsFor(now.fit.verdict);
  return [
    kvSuggestion(q, targets),
    contextSuggestion(q, targets),
    expertsSuggestion(q, targets),
    formatSuggestion(q, targets),
    gpusSuggestion(q, targets),
  ].filter((s): s is FitSuggestion => s !== null);
}
