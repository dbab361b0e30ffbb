import type { ModelArchitecture } from '../architecture';
import { measuredParameters, type TensorInventory } from '../measured-weights';
import { tensorElements, tensorInventory, type TensorSpec } from '../tensors';
import type { TrainingFramework } from './frameworks/framework';
import { countAdapters, type AdapterCount } from './lora';
import { optimizerStates, type TrainableShape } from './optimizers';
import type { TrainingSettings } from './training-settings';

/**
 * Weights, gradients and optimizer states of the whole model, before sharding: the "model
 * states" of ZeRO (Rajbhandari et al. 2019, arXiv:1910.02054, section 3), per method.
 * - Full fine-tuning trains every weight: Ψ × (d weights + d gradients) + optimizer states, d the
 *   precision's bytes; with fp32 master weights 2 + 2 + K bytes (K = 12 with Adam).
 * - LoRA freezes the base (Ψ × d, no gradients, no states) and trains the adapters (lora.ts) in the
 *   framework's adapter dtype.
 * - QLoRA stores every linear layer of the blocks in NF4: 4-bit codes + one fp32 absmax per 64
 *   weights = 4.5 bits, or 4 + 8/64 + 32/(64·256) = 4.127 bits with double quantization (Dettmers
 *   et al. 2023, arXiv:2305.14314, section 3; bitsandbytes functional.py quantize_4bit); the output
 *   head, embeddings and norms stay 16-bit (transformers keeps lm_head unquantized), or fp32 where
 *   the framework upcasts them (PEFT prepare_model_for_kbit_training).
 */

export const NF4_BITS = 4.5;
export const NF4_DOUBLE_QUANT_BITS = 4 + 8 / 64 + 32 / (64 * 256);

const precisionBytes = { bf16: 2, fp16: 2, fp32: 4 } as const;

export interface ModelStates {
  readonly totalParams: number;
  readonly trainableParams: number;
  readonly weightsBytes: number;
  /** Of weightsBytes: the LoRA/DoRA adapter weights. */
  readonly adapterBytes: number;
  readonly gradientBytes: number;
  /** In PyTorch's allocator (master weights included). */
  readonly optimizerBytes: number;
  /** Paged optimizer states in CUDA unified memory. */
  readonly pagedOptimizerBytes: number;
  /**
   * What the optimizer step allocates for itself: torch's multi-tensor AdamW builds the square
   * roots of every second moment as one new list before dividing (_multi_tensor_adamw,
   * torch/optim/adamw.py), one state-sized buffer.
   */
  readonly stepTempBytes: number;
  /** Weights of the largest block, as computed (for FSDP's gathered units), bytes. */
  readonly largestLayerWeightBytes: number;
  /** Weights outside the blocks (embeddings, head, final norm), as stored, bytes. */
  readonly outsideLayerWeightBytes: number;
  /** Gradients of one block's trainable parameters, bytes. */
  readonly layerGradientBytes: number;
  /** Largest single matrix of a block (QLoRA dequantizes one at a time), elements. */
  readonly largestMatrixElements: number;
  readonly adapters: AdapterCount | null;
  /** Bytes per element activations are computed in. */
  readonly computeBytes: number;
}

function shapeOf(t: TensorSpec): TrainableShape {
  return t.vector
    ? { rows: 1, cols: t.ne0 * t.rows, count: t.experts }
    : { rows: t.rows, cols: t.ne0, count: t.experts };
}

// The inventory is rebuilt on every call of tensorInventory; the planner and can-run ask for the
// same model hundreds of times, so the list is kept per architecture (and head layout).
const inventories = new WeakMap<ModelArchitecture, { tied: readonly TensorSpec[]; untied: readonly TensorSpec[] }>();

/** The tensors as trained: a framework that unties the head gets its own copy of the table. */
function trainedTensors(arch: ModelArchitecture, framework: TrainingFramework): readonly TensorSpec[] {
  let hit = inventories.get(arch);
  if (!hit) {
    const tensors = tensorInventory(arch);
    const head: TensorSpec = {
      name: 'output',
      layer: -1,
      ne0: arch.hiddenSize,
      rows: arch.vocabSize,
      experts: 1,
      vector: false,
      routed: false,
    };
    hit = { tied: tensors, untied: arch.tiedEmbeddings ? [...tensors, head] : tensors };
    inventories.set(arch, hit);
  }
  return framework.untiedHead ? hit.untied : hit.tied;
}

/** Parameter totals from a file header when one is given: they replace the derived count. */
function measuredScale(
  arch: ModelArchitecture,
  tensors: readonly TensorSpec[],
  measured: TensorInventory | undefined,
): number {
  if (!measured) return 1;
  let derived = 0;
  for (const t of tensors) derived += tensorElements(t);
  const m = measuredParameters(arch, measured);
  return derived > 0 ? m.total / derived : 1;
}

/** Whether QLoRA quantizes this tensor: every linear layer of the blocks (bitsandbytes replaces nn.Linear). */
function quantized(t: TensorSpec): boolean {
  return t.layer >= 0 && !t.vector;
}

export function modelStates(
  arch: ModelArchitecture,
  s: TrainingSettings,
  framework: TrainingFramework,
  measured?: TensorInventory,
): ModelStates {
  const d = precisionBytes[s.precision];
  const tensors = trainedTensors(arch, framework);
  const scale = measuredScale(arch, tensors, measured);
  const upcast = s.method === 'qlora' && framework.upcastUnquantized(s.sharding);
  const nf4 = s.doubleQuant ? NF4_DOUBLE_QUANT_BITS : NF4_BITS;
  let totalParams = 0;
  let baseBytes = 0;
  const layerBytes = new Array<number>(arch.layers).fill(0);
  let outsideBytes = 0;
  let largestMatrix = 0;
  for (const t of tensors) {
    const n = tensorElements(t) * scale;
    totalParams += n;
    const bytes = s.method !== 'qlora' ? n * d : quantized(t) ? (n * nf4) / 8 : n * (upcast ? 4 : d);
    baseBytes += bytes;
    if (t.layer >= 0) layerBytes[t.layer] = (layerBytes[t.layer] ?? 0) + bytes;
    else outsideBytes += bytes;
    if (t.layer >= 0 && !t.vector) largestMatrix = Math.max(largestMatrix, t.ne0 * t.rows);
  }
  // FSDP gathers a block in the dtype it computes in; NF4 blocks stay packed (bf16 quant storage).
  const largestLayerWeightBytes = layerBytes.reduce((a, b) => Math.max(a, b), 0);

  if (s.method === 'full') {
    const gradientBytes = totalParams * d;
    const states = optimizerStates(
      s.optimizer,
      tensors.map((t) => {
        const shape = shapeOf(t);
        return { ...shape, count: shape.count * scale };
      }),
      s.masterWeights ? 4 : d,
      s.masterWeights,
    );
    return {
      totalParams,
      trainableParams: totalParams,
      weightsBytes: baseBytes,
      adapterBytes: 0,
      gradientBytes,
      optimizerBytes: states.deviceBytes,
      pagedOptimizerBytes: states.pagedBytes,
      stepTempBytes: s.optimizer === 'adamw' ? totalParams * (s.masterWeights ? 4 : d) : 0,
      largestLayerWeightBytes,
      outsideLayerWeightBytes: outsideBytes,
      layerGradientBytes: largestLayerWeightBytes,
      largestMatrixElements: largestMatrix,
      adapters: null,
      computeBytes: d,
    };
  }

  const lora = s.lora;
  const adapters = lora ? countAdapters(arch, lora) : null;
  const trainable = adapters ? adapters.loraParams + adapters.magnitudeParams : 0;
  // PEFT upcasts adapters to fp32 (autocast_adapter_dtype); torchtune and LitGPT keep the model's dtype.
  const a = framework.adapterFp32 ? 4 : d;
  const shapes: TrainableShape[] = adapters ? [...adapters.shapes] : [];
  if (adapters && adapters.magnitudeParams > 0) shapes.push({ rows: 1, cols: adapters.magnitudeParams, count: 1 });
  const master = s.masterWeights && a < 4;
  const states = optimizerStates(s.optimizer, shapes, master ? 4 : a, master);
  const perLayerTrainable = adapters ? (trainable - headAdapterParams(arch, adapters, lora)) / arch.layers : 0;
  return {
    totalParams: totalParams + trainable,
    trainableParams: trainable,
    weightsBytes: baseBytes + trainable * a,
    adapterBytes: trainable * a,
    gradientBytes: trainable * a,
    optimizerBytes: states.deviceBytes,
    pagedOptimizerBytes: states.pagedBytes,
    stepTempBytes: s.optimizer === 'adamw' ? trainable * (master ? 4 : a) : 0,
    largestLayerWeightBytes: largestLayerWeightBytes + perLayerTrainable * a,
    outsideLayerWeightBytes: outsideBytes,
    layerGradientBytes: perLayerTrainable * a,
    largestMatrixElements: largestMatrix,
    adapters,
    computeBytes: d,
  };
}

/** Adapter parameters on the output head, which sits outside the blocks. */
function headAdapterParams(arch: ModelArchitecture, adapters: AdapterCount, lora: TrainingSettings['lora']): number {
  if (!lora?.modules.includes('lm_head')) return 0;
  const perMatrix = lora.rank * (arch.hiddenSize + arch.vocabSize);
  return Math.min(adapters.loraParams, perMatrix) + (lora.dora ? arch.vocabSize : 0);
}
