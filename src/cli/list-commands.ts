import { GPUS, MODELS } from '../catalog/catalog';
import { gpuLabel } from '../catalog/lookup';
import { WEIGHT_FORMATS } from '../core/formats/weight-formats';
import { countParameters } from '../core/params';
import { formatContext, formatParams, formatSig3 } from '../view-models/format-units';
import { table } from './text-table';

/** `headroom gpus`, `models` and `formats`: the catalogue as a table or as JSON arrays. */

export function listGpus(json: boolean): string {
  if (json) return JSON.stringify(GPUS, null, 2);
  const rows = GPUS.map((g) => [
    g.id,
    gpuLabel(g),
    g.vendor,
    g.class,
    `${g.memoryGiB} GB`,
    `${formatSig3(g.bandwidthGBps)} GB/s`,
    formatSig3(g.fp16Tflops),
  ]);
  return table(['id', 'name', 'vendor', 'class', 'memory', 'bandwidth', 'FP16 TFLOPS'], rows, [4, 5, 6]);
}

export function listModels(json: boolean): string {
  if (json)
    return JSON.stringify(
      MODELS.map(({ arch: _arch, ...entry }) => entry),
      null,
      2,
    );
  const rows = MODELS.map((m) => {
    const p = countParameters(m.arch);
    const moe = m.arch.moe ? `MoE ${formatParams(p.active)} active` : 'dense';
    return [m.id, m.name, formatParams(p.total), moe, formatContext(m.contextLength), m.license];
  });
  return table(['id', 'name', 'params', 'kind', 'context', 'license'], rows, [2, 4]);
}

export function listFormats(json: boolean): string {
  if (json) return JSON.stringify(WEIGHT_FORMATS, null, 2);
  const rows = WEIGHT_FORMATS.map((f) => [f.id, f.label, f.family, f.bits.toFixed(3)]);
  return `${table(['id', 'label', 'family', 'bits/weight'], rows, [3])}\nAlso: exl2-<bpw> (e.g. exl2-4.65) and bpw-<n> for any width. GGUF bits are the default type's; files mix types per tensor.`;
}
