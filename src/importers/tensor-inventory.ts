import type { MeasuredTensor, TensorInventory } from '../core/measured-weights';
import type { GgufHeader } from './gguf-header';
import type { SafetensorsHeader, SafetensorsTensor } from './safetensors-header';

/**
 * Measured weights from file headers: every tensor's stored bytes exactly, and its logical
 * parameter count, unpacking what quantizers pack.
 */

export function ggufInventory(headers: readonly GgufHeader[], source: string): TensorInventory {
  const tensors: MeasuredTensor[] = [];
  for (const h of headers) {
    for (const t of h.tensors) tensors.push({ name: t.name, elements: t.elements, bytes: t.bytes, storedType: t.type });
  }
  return { tensors, source };
}

/** How a pre-quantized checkpoint packs its weights (from quantization_config). */
export interface PackingScheme {
  /** gptq and awq pack int32 along different axes; the rest are told apart by tensor names. */
  readonly method: 'gptq' | 'awq' | 'compressed-tensors' | 'bitsandbytes' | 'mxfp4' | 'fp8' | 'modelopt' | 'other';
  /** Bits per packed weight (GPTQ/AWQ bits, compressed-tensors num_bits); 4 when not given. */
  readonly bits: number;
}

// Tensors that hold scales, zero points, indices or shapes of a quantized weight, not weights:
// GPTQ/AWQ (qzeros, scales, g_idx: GPTQModel qlinear, AutoAWQ gemm.py), compressed-tensors
// (weight_scale, weight_zero_point, weight_g_idx, weight_global_scale, weight_shape, input_*),
// DeepSeek FP8 (weight_scale_inv), bitsandbytes (absmax, quant_map, nested_*, quant_state.*, SCB,
// weight_format), MXFP4 (gpt-oss *_scales), FP8 KV scales (k_scale, v_scale).
const AUXILIARY =
  /\.(?:qzeros|scales|g_idx|weight_scale|weight_scale_inv|weight_scale_2|weight_zero_point|weight_g_idx|weight_global_scale|weight_shape|input_scale|input_global_scale|absmax|quant_map|nested_absmax|nested_quant_map|SCB|weight_format|k_scale|v_scale)$|\.quant_state\.|_scales$/;

/** Logical parameters of one stored tensor. */
function logicalElements(t: SafetensorsTensor, scheme: PackingScheme | null): number {
  if (AUXILIARY.test(t.name)) return 0;
  const perInt32 = 32 / (scheme?.bits ?? 4);
  if (t.name.endsWith('.qweight')) {
    // GPTQ packs along the input dimension ([in × bits / 32, out]); AWQ along the output
    // ([in, out × bits / 32]): either way each int32 holds 32 / bits weights.
    return t.elements * perInt32;
  }
  if (t.name.endsWith('.weight_packed')) {
    // compressed-tensors pack-quantized: int32 holding 32 / num_bits values; NVFP4 / MXFP4: two
    // FP4 values per uint8 (compressors/pack_quantized, compressors/nvfp4).
    return t.dtype === 'I32' ? t.elements * perInt32 : t.elements * 2;
  }
  if (t.name.endsWith('_blocks') && t.dtype === 'U8') return t.elements * 2;
  if (t.dtype === 'U8' && (scheme?.method === 'bitsandbytes' || scheme?.method === 'modelopt')) {
    // bitsandbytes 4-bit stores (n + 1) // 2 bytes per weight tensor; modelopt NVFP4 packs two per byte.
    return t.elements * 2;
  }
  return t.elements;
}

export function safetensorsInventory(
  headers: readonly SafetensorsHeader[],
  scheme: PackingScheme | null,
  source: string,
): TensorInventory {
  const tensors: MeasuredTensor[] = [];
  for (const h of headers) {
    for (const t of h.tensors) {
      tensors.push({ name: t.name, elements: logicalElements(t, scheme), bytes: t.bytes, storedType: t.dtype });
    }
  }
  return { tensors, source };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The packing of a checkpoint from its config.json's quantization_config, or null when it is not quantized. */
export function packingScheme(config: unknown): PackingScheme | null {
  if (!isObject(config)) return null;
  const text = isObject(config['text_config']) ? config['text_config'] : {};
  const q = config['quantization_config'] ?? text['quantization_config'];
  if (!isObject(q)) return null;
  const method = typeof q['quant_method'] === 'string' ? q['quant_method'].toLowerCase() : '';
  const num = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 32 ? v : undefined);
  const groups = q['config_groups'];
  const first = isObject(groups) ? Object.values(groups)[0] : undefined;
  const weights = isObject(first) ? first['weights'] : undefined;
  const bits = num(q['bits']) ?? (isObject(weights) ? num(weights['num_bits']) : undefined) ?? 4;
  const known = ['gptq', 'awq', 'compressed-tensors', 'bitsandbytes', 'mxfp4', 'fp8', 'modelopt'] as const;
  const found = known.find((m) => m === method);
  return { method: found ?? 'other', bits };
}
