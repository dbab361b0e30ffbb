import { planTraining, trainingParetoFrontier, type TrainPlanOption } from '../planning/train-plan';
import { trainCanRun } from '../planning/train-can-run';
import { poolInterconnectBytesPerSecond } from '../catalog/interconnect';
import type { PlanNeeds } from '../url/share-state';
import type { TrainingLinkState } from '../url/training-state';
import { formatDuration, formatTokens } from './format-duration';
import { formatContext, formatGiB, formatParams } from './format-units';
import { formatUsd } from './plan-view';
import type { Scenario } from './scenario';
import { formatTrainingSpeed, formatTrainingSpeedCompact } from './training-range';
import { trainingRequest } from './training-scenario';
import { METHOD_LABEL } from './training-words';

/** Rows and chart points for the fine-tuning buying guide and "what can I fine-tune?". */

export interface TrainingPlanRow {
  readonly key: string;
  readonly hardware: string;
  readonly price: string;
  readonly priceUsd: number;
  readonly peak: string;
  readonly speed: string;
  /** Hours for the dataset × epochs (the chart's axis). */
  readonly hours: number;
  readonly time: string;
  readonly power: string;
  readonly pareto: boolean;
  readonly cheaperRejected: string;
}

export interface TrainingPlanView {
  readonly title: string;
  readonly rows: readonly TrainingPlanRow[];
  readonly rejectedCount: number;
  readonly closestMisses: readonly string[];
  /** No configuration of the allowed classes has a sourced price. */
  readonly noPrices: boolean;
}

const label = (o: TrainPlanOption) =>
  o.candidate.parts.map((p) => `${p.count > 1 ? `${p.count} × ` : ''}${p.gpu.shortName}`).join(' + ');
const reasonLine = (o: TrainPlanOption) => `${label(o)} (${formatUsd(o.candidate.priceUsd)}): ${o.reason ?? ''}`;

export function trainingPlanView(s: Scenario, t: TrainingLinkState, needs: PlanNeeds, limit = 15): TrainingPlanView {
  const m = s.selectedModel;
  const request = trainingRequest(t, m);
  const plan = planTraining({
    model: { key: m.key, name: m.name, arch: m.arch },
    framework: t.framework,
    request,
    datasetTokens: t.datasetTokens,
    epochs: t.epochs,
    maxHours: t.maxHours,
    budgetUsd: needs.budget,
    powerLimitWatts: needs.power,
    allowed: needs.hardware,
  });
  const frontier = trainingParetoFrontier(plan.options);
  const rows = plan.options.slice(0, limit).map((o): TrainingPlanRow => {
    const cheaper = plan.rejected
      .filter((r) => r.candidate.priceUsd <= o.candidate.priceUsd && !r.reason?.startsWith('over'))
      .pop();
    const seconds = o.estimate?.time?.totalSeconds ?? null;
    return {
      key: o.candidate.key,
      hardware: label(o),
      price: `${formatUsd(o.candidate.priceUsd)} (${o.candidate.priceDate})`,
      priceUsd: o.candidate.priceUsd,
      peak: o.estimate ? formatGiB(o.estimate.memory.peakPerDeviceBytes) : '–',
      speed: o.estimate?.time ? formatTrainingSpeed(o.estimate.time.tokensPerSecond) : 'unknown',
      hours: seconds === null ? 0 : seconds / 3600,
      time: seconds === null ? 'unknown' : formatDuration(seconds),
      power: o.candidate.powerWatts === null ? '–' : `${o.candidate.powerWatts} W`,
      pareto: frontier.has(o.candidate.key),
      cheaperRejected: cheaper ? reasonLine(cheaper) : '',
    };
  });
  const method = request.method ? METHOD_LABEL[request.method] : 'the framework’s method';
  return {
    title: `${m.name} · ${method} · ${formatTokens(t.datasetTokens)} tokens × ${t.epochs}${t.maxHours === null ? '' : ` in at most ${t.maxHours} h`}`,
    rows,
    rejectedCount: plan.rejected.length,
    closestMisses:
      plan.options.length === 0
        ? plan.rejected
            .filter((o) => !o.reason?.startsWith('over'))
            .slice(0, 6)
            .map(reasonLine)
        : [],
    noPrices: plan.options.length === 0 && plan.rejected.length === 0,
  };
}

export interface TrainingCanRunRow {
  readonly modelId: string;
  readonly name: string;
  readonly params: string;
  readonly paramsCount: number;
  readonly method: string;
  readonly peak: string;
  readonly speed: string;
  readonly tps: number;
  readonly time: string;
  readonly maxSeq: string;
  readonly seqTokens: number;
}

export interface TrainingCanRunView {
  readonly title: string;
  readonly rows: readonly TrainingCanRunRow[];
  readonly cannot: readonly string[];
}

export function trainingCanRunView(s: Scenario, t: TrainingLinkState): TrainingCanRunView {
  const p = s.selectedPool;
  const result = trainCanRun({
    devices: p.devices,
    interconnectBytesPerSecond: poolInterconnectBytesPerSecond(p.gpus),
    framework: t.framework,
    request: trainingRequest(t, s.selectedModel),
    datasetTokens: t.datasetTokens,
    epochs: t.epochs,
  });
  return {
    title: `What ${p.label} can fine-tune`,
    rows: result.rows.map((r) => ({
      modelId: r.modelId,
      name: r.name,
      params: formatParams(r.totalParams),
      paramsCount: r.totalParams,
      method: METHOD_LABEL[r.method],
      peak: formatGiB(r.estimate.memory.peakPerDeviceBytes),
      speed: r.estimate.time ? formatTrainingSpeedCompact(r.estimate.time.tokensPerSecond) : 'unknown',
      tps: r.estimate.time?.tokensPerSecond ?? 0,
      time: r.estimate.time ? formatDuration(r.estimate.time.totalSeconds) : 'unknown',
      maxSeq: formatContext(r.maxSeqTokens),
      seqTokens: r.maxSeqTokens,
    })),
    cannot: result.cannot,
  };
}
