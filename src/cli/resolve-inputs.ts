import { GPUS, MODELS, gpuDevice } from '../catalog/catalog';
import { compactHfConfig } from '../importers/hf-config';
import { lookupEntry, gpuLabel } from '../catalog/lookup';
import type { GpuEntry } from '../catalog/schema';
import { fallbackArchitecture, type ModelArchitecture } from '../core/architecture';
import { scaledContextLimit, type RopeScaling } from '../core/context-scaling';
import type { Device, Vendor } from '../core/devices';
import { customBpwFormat, weightFormatById, type WeightFormat } from '../core/formats/weight-formats';
import { isKvCacheType, KV_CACHE_TYPES, type KvCacheType } from '../core/kv-cache-types';
import { runtimeByName, RUNTIME_IDS, RUNTIMES, type RuntimeId } from '../core/runtimes/registry';
import { quoteInput } from '../core/input-text';
import { BARE_SIZE_CONTEXT, MAX_POOL_GPUS, bareSizeToken, parseBareSize } from '../url/link-limits';
import { formatParams } from '../view-models/format-units';
import { CliError } from './cli-error';
import { candidateText } from './candidates';
import { FLAG_RANGES } from './flag-ranges';
import { parseNumber, parseParamCount } from './parse-values';
import { readConfigFile } from './read-config';

/** Turns flag values into estimator inputs; every failure is a CliError naming the flag. */

export interface ResolvedModel {
  readonly id: string;
  readonly name: string;
  readonly arch: ModelArchitecture;
  readonly contextLimit: number;
  /** The longest context with the model's RoPE scaling turned on (contextLimit without one). */
  readonly scaledContextLimit: number;
  readonly ropeScaling: RopeScaling | undefined;
  readonly source: string;
  /** How a share link names this model: a catalogue id, a bare size ("7b") or "config". */
  readonly linkToken: string;
  /** The config.json reduced to what the estimator reads, for share links. */
  readonly config: string | null;
  /** The format the checkpoint is stored in (from its quantization_config or dtype), if known. */
  readonly storedFormat: string | null;
  /** What the config importer assumed (unknown model types, missing keys). */
  readonly assumptions?: readonly string[] | undefined;
}

export interface ResolvedGpus {
  readonly devices: Device[];
  /** For output: distinct GPUs with counts. */
  readonly summary: { readonly id: string; readonly name: string; readonly count: number }[];
  /**
   * The pool as a link writes it: the GPUs in the order given, neighbours of one model merged
   * ("--gpu 4090 --gpu 3090 --gpu 4090" → rtx-4090_rtx-3090_rtx-4090), so the page places layers
   * on the same devices in the same order; null for a custom GPU, which a link cannot name.
   */
  readonly linkParts: { readonly id: string; readonly count: number }[] | null;
}

function suggestionText(suggestions: readonly { id: string; name: string }[]): string {
  return suggestions.length ? ` Did you mean ${candidateText(suggestions, (s) => `'${s.id}' (${s.name})`)}?` : '';
}

export function resolveModel(opts: {
  model?: string | undefined;
  config?: string | undefined;
  params?: string | undefined;
}): ResolvedModel {
  const given = [opts.model, opts.config, opts.params].filter((v) => v !== undefined).length;
  if (given !== 1) {
    throw new CliError('choose the model with exactly one of --model <id>, --config <config.json> or --params <7b>');
  }
  if (opts.model !== undefined) {
    const found = lookupEntry(MODELS, opts.model);
    if (found.kind === 'ambiguous') {
      throw new CliError(
        `--model ${quoteInput(opts.model)} matches ${candidateText(found.candidates, (m) => `'${m.id}'`)}; give the full id`,
      );
    }
    if (found.kind === 'unknown') {
      throw new CliError(
        `unknown model ${quoteInput(opts.model)}.${suggestionText(found.suggestions)} Run 'headroom models' for the list.`,
      );
    }
    const m = found.entry;
    return {
      id: m.id,
      name: m.name,
      arch: m.arch,
      contextLimit: m.contextLength,
      scaledContextLimit: scaledContextLimit(m.contextLength, m.ropeScaling),
      ropeScaling: m.ropeScaling,
      source: m.source,
      linkToken: m.id,
      config: null,
      storedFormat: null,
    };
  }
  if (opts.config !== undefined) {
    const text = readConfigFile(opts.config);
    const parsed = compactHfConfig(text);
    if (!parsed.ok) throw new CliError(`${parsed.error} (in ${quoteInput(opts.config)})`);
    return {
      linkToken: 'config',
      config: parsed.json ?? null,
      storedFormat: parsed.value.storedFormat,
      id: 'custom-config',
      name: `${parsed.value.modelType} from ${opts.config}`,
      arch: parsed.value.arch,
      contextLimit: parsed.value.contextLength,
      scaledContextLimit: scaledContextLimit(parsed.value.contextLength, parsed.value.ropeScaling),
      ropeScaling: parsed.value.ropeScaling,
      source: opts.config,
      assumptions: parsed.value.assumptions,
    };
  }
  // The count the link's token reads back as, so the page estimates exactly the same model.
  const linkToken = bareSizeToken(parseParamCount('--params', opts.params ?? ''));
  const size = parseBareSize(linkToken);
  const count = size?.ok ? size.count : NaN;
  return {
    linkToken,
    config: null,
    storedFormat: null,
    id: 'custom-params',
    name: `${formatParams(count)} model (assumed Llama-3-like shape)`,
    arch: fallbackArchitecture(count),
    contextLimit: BARE_SIZE_CONTEXT,
    scaledContextLimit: BARE_SIZE_CONTEXT,
    ropeScaling: undefined,
    source: 'parameter count',
  };
}

/**
 * The weight format: --precision or --bpw, else the checkpoint's own stored format when the
 * runtime loads it (an AWQ config.json under vLLM is estimated as AWQ), else the runtime's default.
 */
export function resolveFormat(
  precision: string | undefined,
  bpw: string | undefined,
  runtime: RuntimeId,
  storedFormat: string | null = null,
): WeightFormat {
  if (precision !== undefined && bpw !== undefined) throw new CliError('give either --precision or --bpw, not both');
  if (bpw !== undefined) {
    return customBpwFormat(parseNumber('--bpw', bpw, 'bits per weight', FLAG_RANGES.bitsPerWeight));
  }
  const stored = storedFormat === null ? null : weightFormatById(storedFormat);
  const profile = RUNTIMES[runtime];
  const name =
    precision ?? (stored && profile.formatFamilies.includes(stored.family) ? stored.id : profile.defaults.format);
  const format = weightFormatById(name);
  if (!format) {
    throw new CliError(
      `unknown --precision ${quoteInput(name)}. Use a format such as f16, bf16, fp8, int8, awq, gptq, nf4, Q4_K_M, Q8_0, exl2-4.65 or bpw-3.5; 'headroom formats' lists them all.`,
    );
  }
  return format;
}

export function resolveRuntime(raw: string | undefined): RuntimeId {
  const id = runtimeByName(raw ?? 'llama.cpp');
  if (id === null)
    throw new CliError(`unknown --runtime ${quoteInput(raw ?? '')}; choose one of ${RUNTIME_IDS.join(', ')}`);
  return id;
}

export function resolveKvCache(raw: string | undefined, runtime: RuntimeId): KvCacheType {
  const value = (raw ?? 'f16').toLowerCase().replace(/^fp16$/, 'f16');
  if (!isKvCacheType(value)) {
    throw new CliError(
      `unknown --kv-cache ${quoteInput(raw ?? '')}; choose one of ${Object.keys(KV_CACHE_TYPES).join(', ')}`,
    );
  }
  const supported = RUNTIMES[runtime].kvCacheTypes;
  if (!supported.includes(value)) {
    throw new CliError(`${RUNTIMES[runtime].label} has no ${value} KV cache; it supports ${supported.join(', ')}`);
  }
  return value;
}

function lookupGpu(query: string): GpuEntry {
  const found = lookupEntry(GPUS, query);
  if (found.kind === 'found') return found.entry;
  if (found.kind === 'ambiguous') {
    throw new CliError(
      `--gpu ${quoteInput(query)} matches ${candidateText(found.candidates, (g) => `'${g.id}' (${gpuLabel(g)})`)}; be more specific`,
    );
  }
  throw new CliError(
    `unknown GPU ${quoteInput(query)}.${suggestionText(found.suggestions)} Run 'headroom gpus' for the list, or describe it with --vram and --bandwidth.`,
  );
}

export interface GpuFlags {
  readonly gpu?: string[] | undefined;
  readonly gpus?: string | undefined;
  readonly vram?: string | undefined;
  readonly bandwidth?: string | undefined;
  readonly tflops?: string | undefined;
  readonly gpuVendor?: string | undefined;
}

const VENDORS: readonly Vendor[] = ['nvidia', 'amd', 'apple', 'intel'];

export function resolveGpus(flags: GpuFlags, parseCount: (raw: string) => number): ResolvedGpus {
  const names = flags.gpu ?? [];
  const custom = flags.vram !== undefined || flags.bandwidth !== undefined;
  if (custom && names.length > 0) throw new CliError('give either --gpu or a custom --vram/--bandwidth, not both');
  if (!custom && names.length === 0) {
    throw new CliError(
      "choose a GPU with --gpu <name> (see 'headroom gpus') or describe one with --vram <GB> --bandwidth <GB/s>",
    );
  }
  const count = flags.gpus === undefined ? 1 : parseCount(flags.gpus);
  if (names.length > 1 && flags.gpus !== undefined) {
    throw new CliError(
      '--gpus repeats a single --gpu; for a mixed pool repeat --gpu instead (e.g. --gpu 5090 --gpu 3090)',
    );
  }
  if (custom) {
    if (flags.vram === undefined || flags.bandwidth === undefined)
      throw new CliError('a custom GPU needs both --vram <GB> and --bandwidth <GB/s>');
    const vendor = (flags.gpuVendor ?? 'nvidia').toLowerCase() as Vendor;
    if (!VENDORS.includes(vendor))
      throw new CliError(`--gpu-vendor must be one of ${VENDORS.join(', ')}; got ${quoteInput(flags.gpuVendor ?? '')}`);
    const gb = parseNumber('--vram', flags.vram, 'GB', FLAG_RANGES.gigabytes);
    const device: Device = {
      name: `custom ${gb} GB`,
      vendor,
      memoryBytes: gb * 1024 ** 3,
      bandwidthBytesPerSecond:
        parseNumber('--bandwidth', flags.bandwidth, 'GB/s', FLAG_RANGES.gigabytesPerSecond) * 1e9,
      fp16FlopsPerSecond:
        flags.tflops === undefined ? 0 : parseNumber('--tflops', flags.tflops, 'TFLOPS', FLAG_RANGES.tflops) * 1e12,
      unifiedMemory: vendor === 'apple',
    };
    return {
      devices: Array.from({ length: count }, () => device),
      summary: [{ id: 'custom', name: device.name, count }],
      linkParts: null,
    };
  }
  if (names.length * count > MAX_POOL_GPUS) {
    throw new CliError(
      `a pool holds at most ${MAX_POOL_GPUS} GPUs, as a link does; --gpu is given ${names.length} times`,
    );
  }
  const entries = names.map(lookupGpu);
  const devices = entries.flatMap((g) => Array.from({ length: count }, () => gpuDevice(g)));
  const summary = new Map<string, { id: string; name: string; count: number }>();
  const linkParts: { id: string; count: number }[] = [];
  for (const g of entries) {
    const row = summary.get(g.id) ?? { id: g.id, name: gpuLabel(g), count: 0 };
    row.count += count;
    summary.set(g.id, row);
    const last = linkParts[linkParts.length - 1];
    if (last?.id === g.id) last.count += count;
    else linkParts.push({ id: g.id, count });
  }
  return { devices, summary: [...summary.values()], linkParts };
}
