import { architectureProblem, type ModelArchitecture } from '../architecture';
import {
  DEFAULT_HOST,
  PCIE_BYTES_PER_SECOND,
  deviceProblem,
  usableBytes,
  type Device,
  type HostSystem,
} from '../devices';
import type { MemoryComponent, MemoryComponentId } from '../estimate';
import { TIGHT_THRESHOLD, type Verdict } from '../fit';
import type { TensorInventory } from '../measured-weights';
import { countParameters } from '../params';
import { activationMemory } from './activations';
import type { TrainingFramework } from './frameworks/framework';
import { trainingFramework } from './frameworks/registry';
import { type FrameworkId } from './frameworks/framework-ids';
import { modelStates } from './model-states';
import { perDeviceStates } from './sharding';
import { TRAINING_CALIBRATION, type TrainingCalibration } from './training-calibration';
import { trainingSettingsProblem, type TrainingSettings } from './training-settings';
import { trainingTime, type TrainingTime } from './training-time';

/**
 * Memory, fit and time of fine-tuning one model on a set of data-parallel GPUs: the model states
 * (model-states.ts) shared out per GPU (sharding.ts), the activations and logits of one
 * micro-batch (activations.ts), and the overhead of the CUDA context and PyTorch's caching
 * allocator. Every GPU holds the same share, so the smallest one decides the fit.
 */

export interface TrainingInput {
  readonly arch: ModelArchitecture;
  /** A file header's tensors: their parameter count replaces the derived one. */
  readonly tensors?: TensorInventory | undefined;
  readonly settings: TrainingSettings;
  readonly framework: FrameworkId | TrainingFramework;
  readonly devices: readonly Device[];
  /** System RAM for CPU offload and offloaded checkpoints (default: 64 GiB desktop). */
  readonly host?: HostSystem | undefined;
  /** Tokens in the dataset and passes over it, for the total time. */
  readonly datasetTokens: number;
  readonly epochs: number;
  /** Replaces the fitted constants (used when fitting them). */
  readonly calibration?: TrainingCalibration | undefined;
  /**
   * GPU-to-GPU bandwidth per direction, bytes/s (NVLink where the GPUs have it, else PCIe);
   * default PCIe 4.0 x16.
   */
  readonly interconnectBytesPerSecond?: number | undefined;
  /** bitsandbytes before 0.43.2, which kept every 4-bit layer's input (activations.ts); for older measurements. */
  readonly legacyBitsandbytes?: boolean | undefined;
}

/**
 * When memory peaks: at the start of the backward pass (activations and logits alive, gradients
 * growing only as activations are freed) or in the optimizer step (all gradients and the step's
 * buffers, activations freed).
 */
export type PeakPhase = 'backward' | 'optimizer-step';

/** Per GPU, bytes. Each part is its full size; `components` are the parts present at the peak. */
export interface TrainingMemory {
  readonly weightsBytes: number;
  readonly gradientBytes: number;
  /** Optimizer states and master weights, paged states included. */
  readonly optimizerBytes: number;
  readonly activationBytes: number;
  readonly logitsBytes: number;
  /** CUDA context and the caching allocator's reserve beyond live tensors. */
  readonly overheadBytes: number;
  /** Everything on the GPU at the peak: what nvidia-smi would show. */
  readonly peakPerDeviceBytes: number;
  /** What torch.cuda.max_memory_allocated would report (no context, no paged states). */
  readonly allocatedBytes: number;
  /** What torch.cuda.max_memory_reserved would report. */
  readonly reservedBytes: number;
  /** Of optimizerBytes: paged states in CUDA unified memory. */
  readonly pagedOptimizerBytes: number;
  /** In CPU RAM per GPU: offloaded states and checkpoints. */
  readonly hostBytes: number;
  /** Of which the adapters' weights. */
  readonly adapterBytes: number;
  readonly peakPhase: PeakPhase;
  /** Gradients present at the peak (all of them with gradient accumulation or at the optimizer step). */
  readonly gradientsAtPeakBytes: number;
  /** The optimizer step's own buffers, counted at the peak only when the step is the peak. */
  readonly stepTempBytes: number;
}

export interface TrainingFit {
  readonly verdict: Verdict;
  /** Of the smallest GPU. */
  readonly usableBytes: number;
  readonly spareBytes: number;
  readonly ratio: number;
  /** CPU RAM the run needs in all (offloaded states of every GPU, checkpoints). */
  readonly hostNeededBytes: number;
  readonly hostFits: boolean;
}

export interface TrainingEstimate {
  readonly params: { readonly total: number; readonly trainable: number; readonly activePerToken: number };
  readonly memory: TrainingMemory;
  readonly fit: TrainingFit;
  /** Null when a GPU's FLOPS are unknown. */
  readonly time: TrainingTime | null;
}

export type TrainingResult =
  { readonly ok: true; readonly value: TrainingEstimate } | { readonly ok: false; readonly error: string };

/**
 * The CUDA context with lazy module loading (CUDA ≥ 11.7, PyTorch's default since 1.13): about
 * 300-400 MB per process, which the caching allocator does not count
 * (https://github.com/pytorch/pytorch/issues/109888; 287 MB measured in PR #86509).
 */
export const CUDA_CONTEXT_BYTES = 400e6;

export function trainingInputProblem(input: TrainingInput): string | null {
  const arch = architectureProblem(input.arch);
  if (arch) return arch;
  if (input.devices.length === 0) return 'at least one GPU is needed';
  for (const d of input.devices) {
    const problem = deviceProblem(d);
    if (problem) return problem;
    if (d.vendor === 'cpu') return `${d.name} is a CPU: fine-tuning estimates are for GPUs`;
  }
  if (!(input.datasetTokens > 0) || !Number.isFinite(input.datasetTokens)) {
    return `dataset tokens must be a positive number; got ${String(input.datasetTokens)}`;
  }
  const link = input.interconnectBytesPerSecond;
  if (link !== undefined && !(link > 0 && Number.isFinite(link))) {
    return `GPU interconnect bandwidth must be a positive number; got ${String(link)}`;
  }
  if (!Number.isFinite(input.epochs) || input.epochs <= 0 || input.epochs > 1000) {
    return `epochs must be a number above 0 and at most 1,000; got ${String(input.epochs)}`;
  }
  return trainingSettingsProblem(input.settings, input.devices.length);
}

export function estimateTraining(input: TrainingInput): TrainingResult {
  const problem = trainingInputProblem(input);
  if (problem) return { ok: false, error: problem };
  return { ok: true, value: estimateTrainingUnchecked(input) };
}

export function estimateTrainingUnchecked(input: TrainingInput): TrainingEstimate {
  const { arch, settings: s, devices } = input;
  const framework = typeof input.framework === 'string' ? trainingFramework(input.framework) : input.framework;
  const calibration = input.calibration ?? TRAINING_CALIBRATION;
  const host = input.host ?? DEFAULT_HOST;
  const n = devices.length;
  const states = modelStates(arch, s, framework, input.tensors);
  const share = perDeviceStates(states, s, n);
  const act = activationMemory(
    arch,
    s,
    framework,
    states.adapters,
    states.computeBytes,
    states.largestMatrixElements,
    input.legacyBitsandbytes === true,
  );
  // PyTorch frees each saved activation when its backward node has run and allocates a
  // gradient when it is first computed; gradients are set to None after every step
  // (zero_grad(set_to_none=True), the default since PyTorch 2.0). With one micro-batch per step
  // the backward pass trades activations for gradients, so they peak apart; with gradient
  // accumulation the gradients of earlier micro-batches are alive through the next backward pass.
  const gradientsInBackward = s.gradAccum > 1 ? share.gradientBytes : 0;
  const backwardPhase = act.deviceBytes + act.logitsBytes + gradientsInBackward;
  const stepPhase = share.gradientBytes + share.stepTempBytes;
  const peakPhase: PeakPhase = stepPhase > backwardPhase ? 'optimizer-step' : 'backward';
  const allocatedBytes = share.weightsBytes + share.optimizerBytes + Math.max(backwardPhase, stepPhase);
  const fragmentationBytes = allocatedBytes * calibration.fragmentation;
  const reservedBytes = allocatedBytes + fragmentationBytes;
  const overheadBytes = fragmentationBytes + CUDA_CONTEXT_BYTES;
  const peak = reservedBytes + CUDA_CONTEXT_BYTES + share.pagedOptimizerBytes;
  let usable = Infinity;
  for (const d of devices) usable = Math.min(usable, usableBytes(d, 1));
  const hostPerDevice = share.hostBytes + act.hostBytes;
  const hostNeededBytes = hostPerDevice * n;
  const hostFits = hostNeededBytes <= host.memoryBytes;
  const ratio = peak / usable;
  const verdict: Verdict = !hostFits || ratio > 1 ? 'no' : ratio <= TIGHT_THRESHOLD ? 'fits' : 'tight';
  const active = countParameters(arch).activePerToken;
  return {
    params: { total: states.totalParams, trainable: states.trainableParams, activePerToken: active },
    memory: {
      weightsBytes: share.weightsBytes,
      gradientBytes: share.gradientBytes,
      optimizerBytes: share.optimizerBytes + share.pagedOptimizerBytes,
      activationBytes: act.deviceBytes,
      logitsBytes: act.logitsBytes,
      overheadBytes,
      peakPerDeviceBytes: peak,
      allocatedBytes,
      reservedBytes,
      pagedOptimizerBytes: share.pagedOptimizerBytes,
      hostBytes: hostPerDevice,
      adapterBytes: states.adapterBytes,
      peakPhase,
      gradientsAtPeakBytes: peakPhase === 'backward' ? gradientsInBackward : share.gradientBytes,
      stepTempBytes: share.stepTempBytes,
    },
    fit: { verdict, usableBytes: usable, spareBytes: usable - peak, ratio, hostNeededBytes, hostFits },
    time: trainingTime({
      arch,
      settings: s,
      states,
      activeParams: active,
      devices,
      datasetTokens: input.datasetTokens,
      epochs: input.epochs,
      calibration,
      interconnectBytesPerSecond: input.interconnectBytesPerSecond ?? PCIE_BYTES_PER_SECOND,
    }),
  };
}

/**
 * The memory of one GPU at its peak as the named parts every view renders (memory-parts.ts):
 * they sum to peakPerDeviceBytes. In the backward phase activations and logits are present and
 * gradients only as far as they outlive a micro-batch; in the optimizer step the gradients and the
 * step's buffers (counted with the optimizer) replace them.
 */
/** The memory parts fine-tuning has (no KV cache). */
export type TrainingPartId = Exclude<MemoryComponentId, 'kv-cache' | 'recurrent-state'>;

export function trainingMemoryComponents(m: TrainingMemory): (MemoryComponent & { readonly id: TrainingPartId })[] {
  const backward = m.peakPhase === 'backward';
  return [
    { id: 'weights', bytes: m.weightsBytes, hostBytes: 0 },
    { id: 'gradients', bytes: m.gradientsAtPeakBytes, hostBytes: 0 },
    { id: 'optimizer', bytes: m.optimizerBytes + (backward ? 0 : m.stepTempBytes), hostBytes: 0 },
    { id: 'activations', bytes: backward ? m.activationBytes : 0, hostBytes: 0 },
    { id: 'logits', bytes: backward ? m.logitsBytes : 0, hostBytes: 0 },
    { id: 'overhead', bytes: m.overheadBytes, hostBytes: 0 },
  ];
}
