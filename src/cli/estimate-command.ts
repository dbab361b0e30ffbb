import { estimate, estimateUnchecked, maxContext, memoryComponents, type EstimateInput } from '../core/estimate';
import { speedRange } from '../view-models/speed-range';
import { cliShareLink } from './cli-link';
import { CliError } from './cli-error';
import type { CliIo } from './cli-io';
import { HOST_OPTIONS, resolveCpuMoe, resolveHost } from './host-options';
import { CPUS } from '../catalog/catalog';
import { lookupEntry } from '../catalog/lookup';
import type { HostState } from '../url/host-state';
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
import { RUNTIMES } from '../core/runtimes/registry';
import type { RuntimeProfile } from '../core/runtimes/profile';

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
  ...HOST_OPTIONS,
  split: { type: 'string' },
  'flash-attention': { type: 'string' },
  'baseline-gpu': { type: 'string' },
  'link-base': { type: 'string' },
  json: { type: 'boolean' },
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
  throw new CliError(`${flag} must be on or off; got '${raw}'`);
}

/** Decode speed of the same run on one baseline GPU, for "2.1× an RTX 3090". */
function baselineSpeed(input: EstimateInput, gpu: string): { name: string; speed: number } {
  const resolved = resolveGpus({ gpu: [gpu] }, () => 1);
  const speed = estimateUnchecked({ ...input, devices: resolved.devices }).speed.decodeTokensPerSecond;
  return { name: resolved.summary[0]?.name ?? gpu, speed };
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

export function runEstimate(values: Values, io: CliIo): void {
  const out = io.stdout;
  const runtime = resolveRuntime(values.runtime);
  const model = resolveModel(values);
  const format = resolveFormat(values.precision, values.bpw, runtime, model.storedFormat);
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
  // or 8K, within the model's listed window.
  const limit = model.scaledContextLimit;
  const profile = RUNTIMES[runtime];
  const contextTokens =
    values.context === undefined
      ? Math.min(profile.defaultContextTokens?.(gpus.devices) ?? 8192, model.contextLimit)
      : parseWhole('--context', values.context, 'tokens', 1, limit, true);
  const sequences = values.batch === undefined ? 1 : parseWhole('--batch', values.batch, 'sequences', 1, 4096);
  const promptTokens =
    values.prompt === undefined
      ? contextTokens
      : parseWhole('--prompt', values.prompt, 'tokens', 1, contextTokens, true);
  const scaling = contextScaling(model, contextTokens, profile);
  const split = values.split;
  if (split !== undefined && split !== 'layer' && split !== 'tensor')
    throw new CliError(`--split must be layer or tensor; got '${split}'`);
  const input: EstimateInput = {
    arch: model.arch,
    format,
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
  const ranges = {
    decode: speedRange(e.speed.decodeTokensPerSecond, runtime, gpus.devices, 'decode'),
    prefill:
      e.speed.prefillTokensPerSecond === null
        ? null
        : speedRange(e.speed.prefillTokensPerSecond, runtime, gpus.devices, 'prefill'),
  };
  const baseline = values['baseline-gpu'] === undefined ? null : baselineSpeed(input, values['baseline-gpu']);
  const link = cliShareLink({
    base: values['link-base'] ?? io.env['HEADROOM_URL'],
    modelToken: model.linkToken,
    config: model.config,
    format,
    contextTokens,
    batch: sequences,
    kv: kvCacheType,
    runtime,
    gpus: gpus.summary.some((g) => g.id === 'custom') ? null : gpus.summary,
    host: linkHost(values, input.cpuMoeLayers, model.arch.layers),
  });
  if (values.json) {
    const report = {
      model: {
        id: model.id,
        name: model.name,
        source: model.source,
        contextLimit: model.contextLimit,
        scaledContextLimit: model.scaledContextLimit,
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
      speed: {
        ...e.speed,
        relativeToBaseline: baseline && e.speed.decodeTokensPerSecond / baseline.speed,
        decodeRange: ranges.decode,
        prefillRange: ranges.prefill,
      },
      baseline: baseline && { gpu: baseline.name, decodeTokensPerSecond: baseline.speed },
      link,
    };
    out(JSON.stringify(report, null, 2));
    return;
  }
  out(
    renderEstimate({
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
      ranges,
      scaling,
    }),
  );
}
