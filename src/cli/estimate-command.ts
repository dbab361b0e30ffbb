import { CPUS } from '../catalog/catalog';
import { lookupEntry } from '../catalog/lookup';
import type { RuntimeProfile } from '../core/runtimes/profile';
import type { HostState } from '../url/host-state';
import { HOST_OPTIONS, resolveCpuMoe, resolveHost } from './host-options';
import { estimate, estimateUnchecked, maxContext, memoryComponents, type EstimateInput } from '../core/estimate';
import { speedRange } from '../view-models/speed-range';
import { cliShareLink, linkBase } from './cli-link';
import { CliError } from './cli-error';
import type { CliIo } from './cli-io';
import { quoteInput } from '../core/input-text';
import { MAX_BATCH, MAX_CONTEXT } from '../url/link-limits';
import { parseWhole } from './parse-values';
import { renderEstimate } from './render-estimate';
import {
  resolveFormat,
  resolveGpus,
  resolveKvCache,
  resolveModel,
  resolveRuntime,
  type ResolvedModel,
} from './resolve-inputs';
import { HUB_OPTIONS, type MeasuredModel } from './hub-inputs';
import { RUNTIMES, type RuntimeId } from '../core/runtimes/registry';
import { weightFormatById, type WeightFormat } from '../core/formats/weight-formats';
import { estimatePool, poolJson, poolLines } from './estimate-serving';
import { estimateSuggestions, suggestionsJson } from './estimate-suggestions';

export const ESTIMATE_OPTIONS = {
  model: { type: 'string' },
  config: { type: 'string' },
  params: { type: 'string' },
  precision: { type: 'string' },
  bpw: { type: 'string' },
  context: { type: 'string' },
  batch: { type: 'string' },
  prompt: { type: 'string' },
  'kv-cache': { type: 'string' },
  runtime: { type: 'string' },
  gpu: { type: 'string', multiple: true },
  gpus: { type: 'string' },
  vram: { type: 'string' },
  bandwidth: { type: 'string' },
  tflops: { type: 'string' },
  'gpu-vendor': { type: 'string' },
  split: { type: 'string' },
  'flash-attention': { type: 'string' },
  'baseline-gpu': { type: 'string' },
  'link-base': { type: 'string' },
  json: { type: 'boolean' },
  ...HUB_OPTIONS,
  ...HOST_OPTIONS,
} as const;

type Values = {
  [K in keyof typeof ESTIMATE_OPTIONS]?: (typeof ESTIMATE_OPTIONS)[K] extends { type: 'boolean' }
    ? boolean
    : (typeof ESTIMATE_OPTIONS)[K] extends { multiple: true }
      ? string[]
      : string;
};

function onOff(flag: string, raw: string | undefined): boolean | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'on' || raw === 'true') return true;
  if (raw === 'off' || raw === 'false') return false;
  throw new CliError(`${flag} must be on or off; got ${quoteInput(raw)}`);
}

/** Decode speed of the same run on one baseline GPU, for "2.1× an RTX 3090". */
function baselineSpeed(input: EstimateInput, gpu: string): { name: string; speed: number } {
  const resolved = resolveGpus({ gpu: [gpu] }, () => 1);
  const speed = estimateUnchecked({ ...input, devices: resolved.devices }).speed.decodeTokensPerSecond;
  return { name: resolved.summary[0]?.name ?? gpu, speed };
}

/**
 * The runtime, format and measured tensors of a model read from a header: a GGUF file fixes its
 * weights; a safetensors checkpoint is estimated as stored unless --precision asks for another
 * format (then from its config's architecture). Without --runtime, a checkpoint llama.cpp cannot
 * load (AWQ, FP8, …) is estimated in vLLM.
 */
function measuredChoice(values: Values, measured: MeasuredModel) {
  const otherModel = [values.model, values.config, values.params].some((v) => v !== undefined);
  if (otherModel) throw new CliError('give the model once: --hf or --gguf, or --model, --config or --params');
  const stored: WeightFormat | null =
    (measured.storedFormat === null ? null : weightFormatById(measured.storedFormat)) ??
    weightFormatById(measured.gguf ? 'gguf-f16' : 'bf16');
  if (!stored) throw new Error('the catalogue lost its float formats');
  const asked = values.precision !== undefined || values.bpw !== undefined;
  if (measured.gguf && asked) {
    throw new CliError(
      `the GGUF file fixes the weights (${stored.label}, ${measured.weightBytes.toLocaleString('en-US')} bytes); leave out --precision and --bpw`,
    );
  }
  let runtime: RuntimeId = resolveRuntime(values.runtime);
  if (values.runtime === undefined && !RUNTIMES[runtime].formatFamilies.includes(stored.family)) runtime = 'vllm';
  const format = asked ? resolveFormat(values.precision, values.bpw, runtime) : stored;
  return { runtime, format, tensors: format.id === stored.id ? measured.tensors : undefined };
}

/**
 * Whether the context needs the model's RoPE scaling (past its listed window), and how to turn it
 * on in this runtime; null when it does not.
 */
function contextScaling(model: ResolvedModel, tokens: number, runtime: RuntimeProfile) {
  const s = model.ropeScaling;
  if (!s || tokens <= model.contextLimit) return null;
  return {
    type: s.type,
    factor: s.factor,
    originalContext: s.originalContext,
    how: runtime.ropeScalingHow?.(s, tokens) ?? null,
  };
}

/** The host flags as the web app's link names them (a catalogue CPU by its id). */
function linkHost(values: Values, cpuMoeLayers: number | undefined, layers: number): HostState {
  const cpu = values.cpu === undefined ? undefined : lookupEntry(CPUS, values.cpu);
  return {
    ramGb: values.ram === undefined ? null : Number(values.ram),
    bandwidthGbps: values['ram-bandwidth'] === undefined ? null : Number(values['ram-bandwidth']),
    cpu: cpu?.kind === 'found' ? cpu.entry.id : null,
    cpuMoe: cpuMoeLayers === undefined || cpuMoeLayers === 0 ? null : cpuMoeLayers >= layers ? 'all' : cpuMoeLayers,
  };
}

export function runEstimate(values: Values, io: CliIo, measured?: MeasuredModel): void {
  const out = io.stdout;
  const base = linkBase(values['link-base'], io.env['HEADROOM_URL']);
  const choice = measured ? measuredChoice(values, measured) : null;
  const runtime = choice?.runtime ?? resolveRuntime(values.runtime);
  const model = measured ?? resolveModel(values);
  const format = choice?.format ?? resolveFormat(values.precision, values.bpw, runtime, model.storedFormat);
  const kvCacheType = resolveKvCache(values['kv-cache'], runtime);
  const gpus = resolveGpus(
    {
      gpu: values.gpu,
      gpus: values.gpus,
      vram: values.vram,
      bandwidth: values.bandwidth,
      tflops: values.tflops,
      gpuVendor: values['gpu-vendor'],
    },
    (raw) => parseWhole('--gpus', raw, 'GPUs', 1, 64),
  );
  // Up to the rope-scaled limit; the default is the runtime's own (Ollama's tiers by GPU memory)
  // or 8K, within the model's listed window. The closing link carries at most MAX_CONTEXT tokens
  // and MAX_BATCH sequences: beyond them the page would open something else, so the CLI refuses.
  const limit = model.scaledContextLimit;
  const profile = RUNTIMES[runtime];
  const contextTokens =
    values.context === undefined
      ? Math.min(profile.defaultContextTokens?.(gpus.devices) ?? 8192, model.contextLimit)
      : parseWhole('--context', values.context, 'tokens', 1, Math.min(limit, MAX_CONTEXT), true);
  const sequences = values.batch === undefined ? 1 : parseWhole('--batch', values.batch, 'sequences', 1, MAX_BATCH);
  const promptTokens =
    values.prompt === undefined
      ? contextTokens
      : parseWhole('--prompt', values.prompt, 'tokens', 1, contextTokens, true);
  const scaling = contextScaling(model, contextTokens, profile);
  const split = values.split;
  if (split !== undefined && split !== 'layer' && split !== 'tensor')
    throw new CliError(`--split must be layer or tensor; got ${quoteInput(split)}`);
  const input: EstimateInput = {
    arch: model.arch,
    format,
    tensors: choice?.tensors,
    contextTokens,
    sequences,
    kvCacheType,
    runtime,
    devices: gpus.devices,
    host: resolveHost(values),
    splitMode: split,
    flashAttention: onOff('--flash-attention', values['flash-attention']),
    promptTokens,
    cpuMoeLayers: resolveCpuMoe(values, model.arch.layers),
  };
  const result = estimate(input);
  if (!result.ok) throw new CliError(result.error);
  const e = result.value;
  const maxContextTokens = maxContext(input, limit);
  const suggestions = estimateSuggestions(input, model.id, measured?.gguf === true, gpus.summary);
  const ranges = {
    decode: speedRange(e.speed.decodeTokensPerSecond, runtime, gpus.devices, 'decode'),
    prefill:
      e.speed.prefillTokensPerSecond === null
        ? null
        : speedRange(e.speed.prefillTokensPerSecond, runtime, gpus.devices, 'prefill'),
  };
  const baseline = values['baseline-gpu'] === undefined ? null : baselineSpeed(input, values['baseline-gpu']);
  const pool = estimatePool(
    input,
    gpus.summary.map((g) => g.id),
    limit,
    promptTokens,
  );
  // A local file cannot be opened from a link; a Hub model can, at its commit.
  const link = model.linkToken.startsWith('gguf:')
    ? { url: null, why: 'a local GGUF file cannot be opened from a link' }
    : cliShareLink({
        base,
        modelToken: model.linkToken,
        config: model.config,
        format,
        contextTokens,
        batch: sequences,
        kv: kvCacheType,
        runtime,
        gpus: gpus.linkParts,
        host: linkHost(values, input.cpuMoeLayers, model.arch.layers),
      });
  // A run that does not fit has no speed: the page shows "–" and the JSON null (README).
  const runs = e.fit.verdict !== 'no';
  if (values.json) {
    const report = {
      model: {
        id: model.id,
        name: model.name,
        source: model.source,
        contextLimit: model.contextLimit,
        scaledContextLimit: model.scaledContextLimit,
        weights: e.weights.basis,
        assumptions: measured?.assumptions ?? model.assumptions ?? [],
      },
      contextScaling: scaling,
      format: { id: format.id, label: format.label, bitsPerWeight: e.weights.bitsPerWeight },
      runtime,
      contextTokens,
      promptTokens,
      batch: sequences,
      kvCache: kvCacheType,
      gpus: gpus.summary,
      host: input.host,
      params: e.params,
      memory: { ...e.memory, components: memoryComponents(e.memory) },
      fit: { ...e.fit, maxContextTokens },
      speed: runs
        ? {
            ...e.speed,
            relativeToBaseline: baseline && e.speed.decodeTokensPerSecond / baseline.speed,
            decodeRange: ranges.decode,
            prefillRange: ranges.prefill,
          }
        : {
            ...e.speed,
            decodeTokensPerSecond: null,
            decodeStartTokensPerSecond: null,
            decodeTotalTokensPerSecond: null,
            prefillTokensPerSecond: null,
            prefillStartTokensPerSecond: null,
            timeToFirstTokenSeconds: null,
            relativeToBaseline: null,
            decodeRange: null,
            prefillRange: null,
          },
      baseline: baseline && { gpu: baseline.name, decodeTokensPerSecond: baseline.speed },
      ...(pool ? { serving: poolJson(pool) } : {}),
      link: link.url,
      suggestions: suggestionsJson(suggestions),
    };
    out(JSON.stringify(report, null, 2));
    return;
  }
  const text = renderEstimate({
    model,
    format,
    runtime,
    contextTokens,
    sequences,
    kvCacheType,
    gpus: gpus.summary,
    estimate: e,
    maxContextTokens,
    promptTokens,
    baseline,
    link,
    measured: choice?.tensors ? { tensors: choice.tensors.tensors.length, source: choice.tensors.source } : undefined,
    assumptions: measured?.assumptions ?? model.assumptions ?? [],
    ranges,
    scaling,
    suggestions,
  });
  out(pool ? insertAfter(text, '  Max context', poolLines(pool, RUNTIMES[runtime].label, sequences)) : text);
}

/** The report with `extra` lines after the line that starts with `label`. */
function insertAfter(text: string, label: string, extra: readonly string[]): string {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith(label));
  lines.splice(at + 1, 0, ...extra);
  return lines.join('\n');
}
