import { CPUS, GPUS, MODELS } from '../catalog/catalog';
import { gpuLabel } from '../catalog/lookup';
import type { GpuEntry } from '../catalog/schema';
import { WEIGHT_FORMATS, type FormatFamily } from '../core/formats/weight-formats';
import { countParameters } from '../core/params';
import { formatParams } from './format-units';

/** Ready-made option rows for the configuration pickers. */

export interface ModelOption {
  readonly key: string;
  readonly name: string;
  readonly family: string;
  readonly detail: string;
  readonly moe: boolean;
  readonly search: string;
}

export const MODEL_OPTIONS: readonly ModelOption[] = MODELS.map((m) => {
  const p = countParameters(m.arch);
  const moe = m.arch.moe !== undefined;
  return {
    key: m.id,
    name: m.name,
    family: m.family,
    detail: moe ? `${formatParams(p.total)} · MoE ${formatParams(p.active)} active` : formatParams(p.total),
    moe,
    search: `${m.name} ${m.family} ${m.id} ${m.hfId}`.toLowerCase(),
  };
});

export interface GpuOption {
  readonly id: string;
  readonly label: string;
  readonly vendor: GpuEntry['vendor'];
  readonly cls: string;
  readonly memoryGiB: number;
  readonly detail: string;
}

export const GPU_OPTIONS: readonly GpuOption[] = [...GPUS]
  .sort((a, b) => a.memoryGiB - b.memoryGiB || a.shortName.localeCompare(b.shortName))
  .map((g) => ({
    id: g.id,
    label: gpuLabel(g),
    vendor: g.vendor,
    cls: g.class,
    memoryGiB: g.memoryGiB,
    detail: `${g.bandwidthGBps.toLocaleString('en-US')} GB/s`,
  }));

const FAMILY_LABEL: Record<FormatFamily, string> = {
  gguf: 'llama.cpp GGUF',
  float: 'Full precision',
  fp8: 'FP8',
  int: 'Integer',
  gptq: 'GPTQ',
  awq: 'AWQ',
  bnb: 'bitsandbytes',
  exl2: 'EXL2',
  mlx: 'MLX',
  mxfp4: 'MXFP4',
  nvfp4: 'NVFP4',
  custom: 'Custom',
};

export interface FormatGroup {
  readonly family: FormatFamily;
  readonly label: string;
  readonly options: readonly { readonly id: string; readonly label: string; readonly bits: string }[];
}

export const FORMAT_GROUPS: readonly FormatGroup[] = (
  ['float', 'fp8', 'int', 'gptq', 'awq', 'bnb', 'mxfp4', 'nvfp4', 'mlx', 'gguf'] as const
).map((family) => ({
  family,
  label: FAMILY_LABEL[family],
  options: WEIGHT_FORMATS.filter((f) => f.family === family).map((f) => ({
    id: f.id,
    label: f.label,
    bits: f.bits.toFixed(2),
  })),
}));

export interface CpuOption {
  readonly id: string;
  readonly label: string;
  readonly bandwidthGbps: number;
}

/** CPUs whose RAM can hold offloaded weights: name, memory and bandwidth. */
export const CPU_OPTIONS: readonly CpuOption[] = [...CPUS]
  .sort((a, b) => a.bandwidthGBps - b.bandwidthGBps || a.name.localeCompare(b.name))
  .map((c) => ({
    id: c.id,
    label: `${c.name} · ${c.memoryChannels} × ${c.memoryType}, ${c.bandwidthGBps.toLocaleString('en-US')} GB/s`,
    bandwidthGbps: c.bandwidthGBps,
  }));
