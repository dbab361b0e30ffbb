import { MODELS } from '../catalog/catalog';
import { qualityLoss, type QualityLoss } from '../catalog/quality';
import type { ModelArchitecture } from '../core/architecture';
import type { Device, HostSystem } from '../core/devices';
import { estimate, type Estimate } from '../core/estimate';
import type { KvCacheType } from '../core/kv-cache-types';
import { WEIGHT_FORMATS, type WeightFormat } from '../core/formats/weight-formats';
import { RUNTIMES, type RuntimeId } from '../core/runtimes/registry';

/**
 * The format an expert would pick: the smallest one whose published quality loss stays within a
 * threshold, on hardware that keeps a stated margin free. Loss is on the scale of mean KL
 * divergence from the 16-bit model (catalog/quality.ts explains how perplexity and benchmark
 * figures are put on it).
 */

/** Default threshold: mean KLD 0.01 (≈ +1% perplexity, ≈ 99% of the benchmark score). */
export const DEFAULT_MAX_LOSS = 0.01;
/** The thresholds accepted from users: below 0.0001 only 16-bit passes; above 1 anything goes. */
export const MAX_LOSS_RANGE = { min: 0.0001, max: 1 } as const;

const GiB = 1024 ** 3;
/**
 * The memory a recommendation leaves free: at least 1 GiB (a desktop session and browser on the
 * GPU that drives the display take about that) and at least 5% of the GPUs' usable memory (a
 * longer conversation's KV cache and allocator fragmentation grow with the card).
 */
export const MARGIN_MIN_BYTES = GiB;
export const MARGIN_FRACTION = 0.05;

export function requiredMarginBytes(usableBytes: number): number {
  return Math.max(MARGIN_MIN_BYTES, MARGIN_FRACTION * usableBytes);
}

export function hasMargin(e: Estimate): boolean {
  return e.fit.spareBytes >= requiredMarginBytes(e.fit.usableBytes);
}

/** What the choice needs of a model: its catalogue id (or import key) and family. */
export interface ChoiceModel {
  readonly key: string;
  readonly family?: string | undefined;
}

/**
 * Published loss of `format` for `m`: its own figure, else its family's, else a reference model's.
 * A model released in a quantized format (gpt-oss in MXFP4, DeepSeek-V3 in FP8) loses nothing in
 * that format: it is the published model itself.
 */
export function lossFor(m: ChoiceModel, format: WeightFormat): QualityLoss | null {
  const entry = MODELS.find((c) => c.id === m.key);
  const family = m.family ?? entry?.family;
  const kin = family === undefined ? [] : MODELS.filter((c) => c.family === family && c.id !== m.key).map((c) => c.id);
  const native = entry?.nativeDtype;
  const own = { loss: 0, measuredOn: null, source: entry?.source ?? null, date: null };
  if ((native === 'mxfp4' && format.id === 'mxfp4') || (native === 'fp8' && format.id === 'fp8'))
    return { ...own, published: 'the format the model was released in' };
  // llama.cpp's MXFP4_MOE keeps the released MXFP4 experts and stores the other weights as Q8_0.
  if (native === 'mxfp4' && format.id === 'MXFP4_MOE') {
    const q8 = qualityLoss(m.key, kin, 'Q8_0');
    return q8 && { ...q8, published: `released MXFP4 experts, other weights Q8_0 (${q8.published})` };
  }
  return qualityLoss(m.key, kin, format.id);
}

/**
 * The runtime's formats whose published loss is at most `maxLoss` for every model, smallest
 * (fewest bits) first. Formats no source measured are left out: an unknown loss is not a small one.
 */
export function formatsWithinLoss(runtime: RuntimeId, models: readonly ChoiceModel[], maxLoss: number): WeightFormat[] {
  return WEIGHT_FORMATS.filter(
    (f) =>
      RUNTIMES[runtime].formatFamilies.includes(f.family) &&
      f.bits <= 16 &&
      models.every((m) => {
        const l = lossFor(m, f);
        return l !== null && l.loss <= maxLoss;
      }),
  ).sort((a, b) => a.bits - b.bits);
}

const gib = (bytes: number) => `${(bytes / GiB).toFixed(1)} GiB`;

/** "figure from Llama 3 8B" where the figure was measured on another model. */
export function measuredOnWords(m: ChoiceModel, l: QualityLoss): string {
  if (l.measuredOn === null || l.measuredOn === m.key) return '';
  const name = MODELS.find((c) => c.id === l.measuredOn)?.name ?? l.measuredOn;
  return `figure from ${name}`;
}

/**
 * One sentence saying why: "Q6_K: the smallest format within 0.01 KLD of 16-bit for Llama 3.1 8B
 * (mean KLD 0.0055, figure from Llama 3 8B, <source>), leaves 3.2 GiB free (needs 1.0 GiB)."
 */
export function explainChoice(
  m: ChoiceModel & { readonly name: string },
  format: WeightFormat,
  maxLoss: number,
  e: Estimate,
  /** Name the source's address in the sentence (the CLI); a page shows it as a link instead. */
  withSource = true,
): string {
  const l = lossFor(m, format);
  const figure = l
    ? [l.published, measuredOnWords(m, l), withSource ? (l.source ?? '') : '', l.date ?? ''].filter(Boolean).join(', ')
    : 'no published figure';
  return `${format.label}: the smallest format within ${maxLoss} KLD of 16-bit for ${m.name} (${figure}), leaves ${gib(e.fit.spareBytes)} free (needs ${gib(requiredMarginBytes(e.fit.usableBytes))}).`;
}

/** What explainOption needs of a plan request and of one of its options. */
export interface ExplainRequest {
  readonly models: readonly (ChoiceModel & {
    readonly name: string;
    readonly arch: ModelArchitecture;
    readonly contextLimit: number;
  })[];
  readonly contextTokens: number;
  readonly users: number;
  readonly kvCacheType: KvCacheType;
  readonly runtime: RuntimeId;
  readonly host?: HostSystem | undefined;
}

/** The sentence for each model of a plan option chosen under `maxLoss` (empty when it has no format). */
export function explainOption(
  req: ExplainRequest,
  option: { readonly format: WeightFormat | null; readonly devices: readonly Device[]; readonly cpuMoeLayers: number },
  maxLoss: number,
): string[] {
  const format = option.format;
  if (!format) return [];
  return req.models.flatMap((m) => {
    const r = estimate({
      arch: m.arch,
      format,
      contextTokens: Math.min(req.contextTokens, m.contextLimit),
      sequences: req.users,
      kvCacheType: req.kvCacheType,
      runtime: req.runtime,
      devices: option.devices,
      host: req.host,
      cpuMoeLayers: option.cpuMoeLayers,
    });
    return r.ok ? [explainChoice(m, format, maxLoss, r.value)] : [];
  });
}
