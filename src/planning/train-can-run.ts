import { MODELS } from '../catalog/catalog';
import type { Device } from '../core/devices';
import { countParameters } from '../core/params';
import { estimateTraining, type TrainingEstimate, type TrainingInput } from '../core/training/estimate-training';
import { trainingFramework } from '../core/training/frameworks/registry';
import { type FrameworkId } from '../core/training/frameworks/framework-ids';
import { resolveTrainingSettings, type TrainingRequest } from '../core/training/resolve-settings';
import { maxTrainingSeq } from '../core/training/training-limits';
import { TRAINING_METHODS, type TrainingMethod } from '../core/training/training-settings';

/**
 * "What can I fine-tune?": every catalogue model on the GPUs a user owns, with the heaviest method
 * that fits, full fine-tuning first, then LoRA, then QLoRA (the order of how much of the model
 * they train and at what precision), unless the request names the method.
 */

export interface TrainCanRunRequest {
  readonly devices: readonly Device[];
  readonly interconnectBytesPerSecond?: number | undefined;
  readonly framework: FrameworkId;
  readonly request: TrainingRequest;
  readonly datasetTokens: number;
  readonly epochs: number;
}

export interface TrainCanRunRow {
  readonly modelId: string;
  readonly name: string;
  readonly totalParams: number;
  readonly method: TrainingMethod;
  readonly estimate: TrainingEstimate;
  /** Longest sequence per micro-batch that fits with this method. */
  readonly maxSeqTokens: number;
}

export function trainCanRun(req: TrainCanRunRequest): { rows: TrainCanRunRow[]; cannot: string[] } {
  const framework = trainingFramework(req.framework);
  const methods = req.request.method ? [req.request.method] : TRAINING_METHODS;
  const rows: TrainCanRunRow[] = [];
  const cannot: string[] = [];
  for (const m of MODELS) {
    let found: TrainCanRunRow | null = null;
    for (const method of methods) {
      const settings = resolveTrainingSettings(
        framework,
        { ...req.request, method, seqTokens: Math.min(req.request.seqTokens, m.contextLength) },
        req.devices.length,
      );
      const input: TrainingInput = {
        arch: m.arch,
        settings,
        framework,
        devices: req.devices,
        datasetTokens: req.datasetTokens,
        epochs: req.epochs,
        interconnectBytesPerSecond: req.interconnectBytesPerSecond,
      };
      const r = estimateTraining(input);
      if (!r.ok) break;
      if (r.value.fit.verdict !== 'fits' && r.value.fit.verdict !== 'tight') continue;
      found = {
        modelId: m.id,
        name: m.name,
        totalParams: countParameters(m.arch).total,
        method,
        estimate: r.value,
        maxSeqTokens: maxTrainingSeq(input, m.contextLength),
      };
      break;
    }
    if (found) rows.push(found);
    else cannot.push(m.name);
  }
  return { rows, cannot };
}
