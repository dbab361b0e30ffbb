import { gpuDevice } from '../catalog/catalog';
import { poolInterconnectBytesPerSecond } from '../catalog/interconnect';
import type { ModelArchitecture } from '../core/architecture';
import type { Device } from '../core/devices';
import { estimateTraining, type TrainingEstimate } from '../core/training/estimate-training';
import { trainingFramework } from '../core/training/frameworks/registry';
import { type FrameworkId } from '../core/training/frameworks/framework-ids';
import { resolveTrainingSettings, type TrainingRequest } from '../core/training/resolve-settings';
import type { TrainingSettings } from '../core/training/training-settings';
import { hardwareCandidates, type Candidate, type HardwareClass } from './candidates';

/**
 * The buying guide for a fine-tuning job: the cheapest hardware (the planner's candidates and
 * prices) on which the run fits and, if asked, finishes the dataset in time. Several GPUs share
 * the model as the request says (FSDP by default).
 */

export interface TrainPlanRequest {
  readonly model: { readonly key: string; readonly name: string; readonly arch: ModelArchitecture };
  readonly framework: FrameworkId;
  readonly request: TrainingRequest;
  readonly datasetTokens: number;
  readonly epochs: number;
  /** The most one run may take, hours; null: no limit. */
  readonly maxHours: number | null;
  readonly budgetUsd: number | null;
  readonly powerLimitWatts: number | null;
  readonly allowed: readonly HardwareClass[];
}

export interface TrainPlanOption {
  readonly candidate: Candidate;
  readonly devices: readonly Device[];
  readonly viable: boolean;
  readonly reason: string | null;
  readonly settings: TrainingSettings | null;
  readonly estimate: TrainingEstimate | null;
}

export interface TrainPlan {
  readonly options: readonly TrainPlanOption[];
  readonly rejected: readonly TrainPlanOption[];
}

const hours = (s: number) => s / 3600;

function evaluate(req: TrainPlanRequest, candidate: Candidate): TrainPlanOption {
  const devices = candidate.parts.flatMap((p) => Array.from({ length: p.count }, () => gpuDevice(p.gpu)));
  const rejected = (
    reason: string,
    settings: TrainingSettings | null = null,
    estimate: TrainingEstimate | null = null,
  ) => ({
    candidate,
    devices,
    viable: false,
    reason,
    settings,
    estimate,
  });
  if (req.budgetUsd !== null && candidate.priceUsd > req.budgetUsd) {
    return rejected(
      `over budget: $${candidate.priceUsd.toLocaleString('en-US')} > $${req.budgetUsd.toLocaleString('en-US')}`,
    );
  }
  if (req.powerLimitWatts !== null && (candidate.powerWatts === null || candidate.powerWatts > req.powerLimitWatts)) {
    return rejected(
      candidate.powerWatts === null
        ? 'power draw not published'
        : `draws ${candidate.powerWatts} W > ${req.powerLimitWatts} W`,
    );
  }
  const framework = trainingFramework(req.framework);
  const settings = resolveTrainingSettings(framework, req.request, devices.length);
  const r = estimateTraining({
    arch: req.model.arch,
    settings,
    framework,
    devices,
    datasetTokens: req.datasetTokens,
    epochs: req.epochs,
    interconnectBytesPerSecond: poolInterconnectBytesPerSecond(candidate.parts.map((p) => p.gpu)),
  });
  if (!r.ok) return rejected(r.error, settings);
  const e = r.value;
  if (e.fit.verdict !== 'fits' && e.fit.verdict !== 'tight') {
    return rejected(
      e.fit.hostFits
        ? `does not fit: needs ${(e.memory.peakPerDeviceBytes / 1024 ** 3).toFixed(1)} GiB per GPU, ${(e.fit.usableBytes / 1024 ** 3).toFixed(1)} GiB usable`
        : 'CPU offload needs more system RAM than the machine has',
      settings,
      e,
    );
  }
  if (req.maxHours !== null && e.time && hours(e.time.totalSeconds) > req.maxHours) {
    return rejected(
      `too slow: ~${hours(e.time.totalSeconds).toPrecision(3)} h for the dataset, needs at most ${req.maxHours} h`,
      settings,
      e,
    );
  }
  if (req.maxHours !== null && !e.time)
    return rejected('speed unknown: the GPU’s FP16 throughput is not published', settings, e);
  return { candidate, devices, viable: true, reason: null, settings, estimate: e };
}

export function planTraining(req: TrainPlanRequest): TrainPlan {
  // Fine-tuning plans rank by launch price and leave out hardware without one.
  const all = hardwareCandidates(req.allowed)
    .filter((c) => c.priceKind !== 'none')
    .map((c) => evaluate(req, c));
  const time = (o: TrainPlanOption) => o.estimate?.time?.totalSeconds ?? Infinity;
  const byPrice = (a: TrainPlanOption, b: TrainPlanOption) =>
    a.candidate.priceUsd - b.candidate.priceUsd || time(a) - time(b);
  return { options: all.filter((o) => o.viable).sort(byPrice), rejected: all.filter((o) => !o.viable).sort(byPrice) };
}

/** Viable options no other option beats on both price and time (the Pareto frontier). */
export function trainingParetoFrontier(options: readonly TrainPlanOption[]): Set<string> {
  const frontier = new Set<string>();
  let best = Infinity;
  for (const o of [...options].sort(
    (a, b) =>
      a.candidate.priceUsd - b.candidate.priceUsd ||
      (a.estimate?.time?.totalSeconds ?? Infinity) - (b.estimate?.time?.totalSeconds ?? Infinity),
  )) {
    const t = o.estimate?.time?.totalSeconds ?? Infinity;
    if (t < best) {
      frontier.add(o.candidate.key);
      best = t;
    }
  }
  return frontier;
}
