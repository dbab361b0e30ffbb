import { GPUS } from '../catalog/catalog';
import { poolInterconnectBytesPerSecond } from '../catalog/interconnect';
import type { GpuEntry } from '../catalog/schema';
import { DEFAULT_HOST } from '../core/devices';
import { estimateTraining, trainingMemoryComponents, type TrainingInput } from '../core/training/estimate-training';
import { trainingFramework } from '../core/training/frameworks/registry';
import { resolveTrainingSettings } from '../core/training/resolve-settings';
import { maxTrainingSeq } from '../core/training/training-limits';
import { trainingSpeedRange } from '../view-models/training-range';
import { CliError } from './cli-error';
import type { CliIo } from './cli-io';
import { FLAG_RANGES } from './flag-ranges';
import { parseNumber, parseWhole } from './parse-values';
import { renderTraining } from './render-training';
import { resolveGpus, resolveModel } from './resolve-inputs';
import { cliTrainingLink, trainingLinkState } from './train-link';
import { TRAINING_FLAGS, trainingFlags, type TrainingFlagValues } from './train-values';

export const TRAIN_OPTIONS = {
  model: { type: 'string' },
  config: { type: 'string' },
  params: { type: 'string' },
  ...TRAINING_FLAGS,
  gpu: { type: 'string', multiple: true },
  gpus: { type: 'string' },
  vram: { type: 'string' },
  bandwidth: { type: 'string' },
  tflops: { type: 'string' },
  'gpu-vendor': { type: 'string' },
  ram: { type: 'string' },
  'gpu-hour-usd': { type: 'string' },
  'link-base': { type: 'string' },
  json: { type: 'boolean' },
} as const;

export type TrainValues = TrainingFlagValues & {
  model?: string;
  config?: string;
  params?: string;
  gpu?: string[];
  gpus?: string;
  vram?: string;
  bandwidth?: string;
  tflops?: string;
  'gpu-vendor'?: string;
  ram?: string;
  'gpu-hour-usd'?: string;
  'link-base'?: string;
  json?: boolean;
};

/** Catalogue entries behind the chosen GPUs (none for a custom GPU). */
function entriesOf(summary: readonly { readonly id: string; readonly count: number }[]): GpuEntry[] {
  return summary.flatMap((s) => {
    const gpu = GPUS.find((g) => g.id === s.id);
    return gpu ? Array.from({ length: s.count }, () => gpu) : [];
  });
}

/** Energy at the GPUs' rated board power for the whole run, kWh; null when a GPU's power is not published. */
export function energyKWh(entries: readonly GpuEntry[], count: number, seconds: number): number | null {
  if (entries.length !== count) return null;
  let watts = 0;
  for (const g of entries) {
    if (g.tdpWatts === null) return null;
    watts += g.tdpWatts;
  }
  return (watts * seconds) / 3600 / 1000;
}

/** Byte counts as whole bytes (the allocator reserve is a fraction of the allocated bytes). */
function wholeBytes<T extends object>(m: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m)) out[k] = typeof v === 'number' && k.endsWith('Bytes') ? Math.round(v) : v;
  return out as T;
}

export function runTrain(values: TrainValues, io: CliIo): void {
  const model = resolveModel(values);
  const gpus = resolveGpus(
    {
      gpu: values.gpu,
      gpus: values.gpus,
      vram: values.vram,
      bandwidth: values.bandwidth,
      tflops: values.tflops,
      gpuVendor: values['gpu-vendor'],
    },
    (raw) => parseWhole('--gpus', raw, 'GPUs', 1, 1024),
  );
  const flags = trainingFlags(values, model.contextLimit);
  const framework = trainingFramework(flags.framework);
  const n = gpus.devices.length;
  const settings = resolveTrainingSettings(framework, flags.request, n);
  const entries = entriesOf(gpus.summary);
  const rate =
    values['gpu-hour-usd'] === undefined
      ? null
      : parseNumber('--gpu-hour-usd', values['gpu-hour-usd'], 'US dollars per GPU-hour', {
          min: 0.01,
          max: 10_000,
          whole: false,
        });
  const input: TrainingInput = {
    arch: model.arch,
    settings,
    framework,
    devices: gpus.devices,
    host:
      values.ram === undefined
        ? DEFAULT_HOST
        : { ...DEFAULT_HOST, memoryBytes: parseNumber('--ram', values.ram, 'GB', FLAG_RANGES.gigabytes) * 1024 ** 3 },
    datasetTokens: flags.datasetTokens,
    epochs: flags.epochs,
    interconnectBytesPerSecond: entries.length === n ? poolInterconnectBytesPerSecond(entries) : undefined,
  };
  const result = estimateTraining(input);
  if (!result.ok) throw new CliError(result.error);
  const e = result.value;
  const maxSeqTokens = maxTrainingSeq(input, model.contextLimit);
  const time = e.time;
  const gpuHours = time ? (time.totalSeconds / 3600) * n : null;
  const cost = {
    gpuHours,
    usdPerGpuHour: rate,
    usd: gpuHours !== null && rate !== null ? gpuHours * rate : null,
    energyKWh: time ? energyKWh(entries, n, time.totalSeconds) : null,
  };
  const link = cliTrainingLink({
    base: values['link-base'] ?? io.env['HEADROOM_URL'],
    modelToken: model.linkToken,
    config: model.config,
    gpus: gpus.summary.some((g) => g.id === 'custom') ? null : gpus.summary,
    training: trainingLinkState(flags.framework, settings, flags.datasetTokens, flags.epochs, rate),
  });
  const range = time ? trainingSpeedRange(time.tokensPerSecond) : null;
  if (values.json) {
    io.stdout(
      JSON.stringify(
        {
          model: { id: model.id, name: model.name, source: model.source, contextLimit: model.contextLimit },
          framework: { id: framework.id, label: framework.label },
          settings,
          gpus: gpus.summary,
          dataset: { tokens: flags.datasetTokens, epochs: flags.epochs },
          params: e.params,
          memory: {
            ...wholeBytes(e.memory),
            components: trainingMemoryComponents(e.memory).map((c) => ({ ...c, bytes: Math.round(c.bytes) })),
          },
          fit: {
            ...e.fit,
            spareBytes: Math.round(e.fit.spareBytes),
            hostNeededBytes: Math.round(e.fit.hostNeededBytes),
            maxSeqTokens,
          },
          time: time && range ? { ...time, tokensPerSecondRange: range } : null,
          cost,
          link,
        },
        null,
        2,
      ),
    );
    return;
  }
  io.stdout(
    renderTraining({ model, framework, settings, gpus: gpus.summary, estimate: e, maxSeqTokens, input, cost, link }),
  );
}
