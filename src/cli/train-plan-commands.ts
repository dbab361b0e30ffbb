import { GPUS, MODELS } from '../catalog/catalog';
import { poolInterconnectBytesPerSecond } from '../catalog/interconnect';
import { lookupEntry } from '../catalog/lookup';
import { HARDWARE_CLASSES, type HardwareClass } from '../planning/candidates';
import { planTraining, trainingParetoFrontier, type TrainPlanOption } from '../planning/train-plan';
import { trainCanRun, type TrainCanRunRow } from '../planning/train-can-run';
import { formatContext, formatGiB, formatParams, formatSig3 } from '../view-models/format-units';
import { formatDuration, formatTokens } from '../view-models/format-duration';
import { formatUsd } from '../view-models/plan-view';
import { METHOD_LABEL } from '../view-models/training-words';
import { formatTrainingSpeed } from '../view-models/training-range';
import { CliError } from './cli-error';
import { own } from './cli-io';
import { quoteInput as quoted } from '../core/input-text';
import { FLAG_RANGES } from './flag-ranges';
import { parseNumber, parseWhole } from './parse-values';
import { resolveGpus } from './resolve-inputs';
import { table } from './text-table';
import { TRAINING_FLAGS, trainingFlags, type TrainingFlagValues } from './train-values';

/** `plan --task train` and `can-run --task train`: the buying guide and "what can I fine-tune". */

export const TRAIN_PLAN_OPTIONS = {
  task: { type: 'string' },
  model: { type: 'string' },
  'max-hours': { type: 'string' },
  budget: { type: 'string' },
  power: { type: 'string' },
  hardware: { type: 'string' },
  top: { type: 'string' },
  json: { type: 'boolean' },
  ...TRAINING_FLAGS,
} as const;

export const TRAIN_CAN_RUN_OPTIONS = {
  task: { type: 'string' },
  gpu: { type: 'string', multiple: true },
  gpus: { type: 'string' },
  sort: { type: 'string' },
  json: { type: 'boolean' },
  ...TRAINING_FLAGS,
} as const;

type PlanValues = TrainingFlagValues & {
  model?: string;
  'max-hours'?: string;
  budget?: string;
  power?: string;
  hardware?: string;
  top?: string;
  json?: boolean;
};
type CanRunValues = TrainingFlagValues & { gpu?: string[]; gpus?: string; sort?: string; json?: boolean };

/** "2 × RTX 4090" or "RTX 5090 + RTX 3090". */
const hardwareLabel = (o: TrainPlanOption) =>
  o.candidate.parts.map((p) => `${p.count > 1 ? `${p.count} × ` : ''}${p.gpu.shortName}`).join(' + ');

function hardwareClasses(raw: string | undefined): HardwareClass[] {
  if (raw === undefined) return [...HARDWARE_CLASSES];
  const parts = raw
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  for (const p of parts)
    if (!(HARDWARE_CLASSES as readonly string[]).includes(p))
      throw new CliError(`--hardware must list ${HARDWARE_CLASSES.join(', ')}; got ${quoted(p)}`);
  return parts as HardwareClass[];
}

const planRow = (o: TrainPlanOption) => ({
  hardware: o.candidate.key,
  label: hardwareLabel(o),
  priceUsd: o.candidate.priceUsd,
  priceDate: o.candidate.priceDate,
  powerWatts: o.candidate.powerWatts,
  method: o.settings?.method ?? null,
  sharding: o.settings?.sharding ?? null,
  verdict: o.estimate?.fit.verdict ?? null,
  peakPerDeviceBytes: o.estimate ? Math.round(o.estimate.memory.peakPerDeviceBytes) : null,
  spareBytes: o.estimate ? Math.round(o.estimate.fit.spareBytes) : null,
  tokensPerSecond: o.estimate?.time?.tokensPerSecond ?? null,
  totalSeconds: o.estimate?.time?.totalSeconds ?? null,
  reason: o.reason,
});

export function runTrainPlan(values: PlanValues, out: (text: string) => void): void {
  if (values.model === undefined) throw new CliError('choose the model to fine-tune with --model <id>');
  const found = lookupEntry(MODELS, values.model);
  if (found.kind !== 'found') {
    throw new CliError(
      `--model ${quoted(values.model)} ${found.kind === 'ambiguous' ? `matches ${found.candidates.map((m) => `'${m.id}'`).join(', ')}` : "is not in the catalogue ('headroom models' lists them)"}`,
    );
  }
  const m = found.entry;
  const flags = trainingFlags(values, m.contextLength);
  const maxHours =
    values['max-hours'] === undefined
      ? null
      : parseNumber('--max-hours', values['max-hours'], 'hours', { min: 0.01, max: 1_000_000, whole: false });
  const plan = planTraining({
    model: { key: m.id, name: m.name, arch: m.arch },
    framework: flags.framework,
    request: flags.request,
    datasetTokens: flags.datasetTokens,
    epochs: flags.epochs,
    maxHours,
    budgetUsd:
      values.budget === undefined ? null : parseNumber('--budget', values.budget, 'US dollars', FLAG_RANGES.budget),
    powerLimitWatts:
      values.power === undefined ? null : parseNumber('--power', values.power, 'watts', FLAG_RANGES.power),
    allowed: hardwareClasses(values.hardware),
  });
  const top = values.top === undefined ? 10 : parseWhole('--top', values.top, 'rows', 1, 1000);
  const cheapest = plan.options[0];
  const cheaperRejected = plan.rejected
    .filter((o) => !cheapest || o.candidate.priceUsd < cheapest.candidate.priceUsd)
    .filter((o) => !o.reason?.startsWith('over'))
    .slice(-5);
  if (values.json) {
    out(
      JSON.stringify(
        {
          request: {
            model: m.id,
            framework: flags.framework,
            ...flags.request,
            datasetTokens: flags.datasetTokens,
            epochs: flags.epochs,
            maxHours,
          },
          options: plan.options.slice(0, top).map(planRow),
          cheaperRejected: cheaperRejected.map(planRow),
        },
        null,
        2,
      ),
    );
    return;
  }
  const frontier = trainingParetoFrontier(plan.options);
  const method = flags.request.method ?? 'the framework’s default method';
  const lines = [
    `Fine-tuning plan for ${m.name} · ${typeof method === 'string' && method in METHOD_LABEL ? METHOD_LABEL[method as keyof typeof METHOD_LABEL] : method} · ${flags.request.microBatch} × ${formatContext(flags.request.seqTokens)} tokens per GPU · ${formatTokens(flags.datasetTokens)} tokens × ${formatSig3(flags.epochs)} epoch(s)${maxHours === null ? '' : ` in at most ${maxHours} h`}`,
    '',
  ];
  if (plan.options.length === 0 && plan.rejected.length === 0) {
    lines.push(
      'No hardware of these classes has a sourced launch price in the catalogue; try --hardware consumer,workstation.',
    );
    out(lines.join('\n'));
    return;
  }
  if (plan.options.length === 0) lines.push('No configuration in the catalogue meets these needs. Closest misses:');
  else {
    lines.push(
      table(
        [
          '#',
          'hardware (* = fastest for its price)',
          'launch price',
          'peak / GPU',
          'tok/s',
          'time for the dataset',
          'power',
        ],
        plan.options
          .slice(0, top)
          .map((o, i) => [
            String(i + 1),
            hardwareLabel(o) + (frontier.has(o.candidate.key) ? ' *' : ''),
            `${formatUsd(o.candidate.priceUsd)} (${o.candidate.priceDate})`,
            o.estimate ? formatGiB(o.estimate.memory.peakPerDeviceBytes) : '–',
            o.estimate?.time ? formatTrainingSpeed(o.estimate.time.tokensPerSecond) : 'unknown',
            o.estimate?.time ? formatDuration(o.estimate.time.totalSeconds) : 'unknown',
            o.candidate.powerWatts === null ? '–' : `${o.candidate.powerWatts} W`,
          ]),
        [0, 3, 4, 5, 6],
      ),
      '',
      'Cheaper options rejected:',
    );
  }
  const misses =
    plan.options.length === 0
      ? plan.rejected.filter((o) => !o.reason?.startsWith('over')).slice(0, 5)
      : cheaperRejected;
  for (const o of misses) lines.push(`  ${hardwareLabel(o)} (${formatUsd(o.candidate.priceUsd)}): ${o.reason ?? ''}`);
  if (misses.length === 0) lines.push('  none');
  lines.push('', 'Prices are launch list prices (USD, month shown) from the catalogue; memory and time are estimates.');
  out(lines.join('\n'));
}

const SORTS: Readonly<Record<string, (a: TrainCanRunRow, b: TrainCanRunRow) => number>> = {
  size: (a, b) => b.totalParams - a.totalParams,
  speed: (a, b) => (b.estimate.time?.tokensPerSecond ?? 0) - (a.estimate.time?.tokensPerSecond ?? 0),
  seq: (a, b) => b.maxSeqTokens - a.maxSeqTokens,
};

export function runTrainCanRun(values: CanRunValues, out: (text: string) => void): void {
  const gpus = resolveGpus({ gpu: values.gpu, gpus: values.gpus }, (raw) => parseWhole('--gpus', raw, 'GPUs', 1, 1024));
  const sortKey = values.sort ?? 'size';
  const sort = own(SORTS, sortKey);
  if (!sort) throw new CliError(`--sort must be size, speed or seq; got ${quoted(sortKey)}`);
  const flags = trainingFlags(values, 1_048_576);
  const entries = gpus.summary.flatMap((s) => GPUS.filter((g) => g.id === s.id));
  const result = trainCanRun({
    devices: gpus.devices,
    interconnectBytesPerSecond: entries.length > 0 ? poolInterconnectBytesPerSecond(entries) : undefined,
    framework: flags.framework,
    request: flags.request,
    datasetTokens: flags.datasetTokens,
    epochs: flags.epochs,
  });
  const rows = [...result.rows].sort(sort);
  if (values.json) {
    out(
      JSON.stringify(
        {
          gpus: gpus.summary,
          framework: flags.framework,
          dataset: { tokens: flags.datasetTokens, epochs: flags.epochs },
          models: rows.map((r) => ({
            modelId: r.modelId,
            name: r.name,
            totalParams: r.totalParams,
            method: r.method,
            peakPerDeviceBytes: Math.round(r.estimate.memory.peakPerDeviceBytes),
            tokensPerSecond: r.estimate.time?.tokensPerSecond ?? null,
            totalSeconds: r.estimate.time?.totalSeconds ?? null,
            maxSeqTokens: r.maxSeqTokens,
          })),
          cannotFineTune: result.cannot,
        },
        null,
        2,
      ),
    );
    return;
  }
  const header = `What ${gpus.summary.map((g) => `${g.count} × ${g.name}`).join(' + ')} can fine-tune · ${flags.request.microBatch} × ${formatContext(flags.request.seqTokens)} tokens per GPU · ${formatTokens(flags.datasetTokens)} tokens × ${formatSig3(flags.epochs)} epoch(s)`;
  const body = table(
    ['model', 'params', 'method', 'peak / GPU', 'tok/s', 'time', 'longest seq'],
    rows.map((r) => [
      r.name,
      formatParams(r.totalParams),
      METHOD_LABEL[r.method],
      formatGiB(r.estimate.memory.peakPerDeviceBytes),
      r.estimate.time ? formatTrainingSpeed(r.estimate.time.tokensPerSecond) : 'unknown',
      r.estimate.time ? formatDuration(r.estimate.time.totalSeconds) : 'unknown',
      formatContext(r.maxSeqTokens),
    ]),
    [1, 3, 4, 5, 6],
  );
  out(
    [
      header,
      '',
      body,
      '',
      `Cannot be fine-tuned with ${flags.request.method ? METHOD_LABEL[flags.request.method] : 'full fine-tuning, LoRA or QLoRA'}: ${result.cannot.join(', ') || 'none'}.`,
    ].join('\n'),
  );
}
