import { z } from 'zod';

/** One schema for the catalogue: tests and the loader both validate data/*.json with it. */

const url = z.url({ protocol: /^https$/ });
const positive = z.number().positive();
const count = z.number().int().positive();
const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are kebab-case');

export const gpuSchema = z.strictObject({
  id,
  name: z.string().min(1),
  shortName: z.string().min(1),
  vendor: z.enum(['nvidia', 'amd', 'apple', 'intel']),
  class: z.enum(['consumer', 'workstation', 'datacenter', 'apple']),
  /** Marketed "GB" of VRAM and unified memory are binary gibibytes. */
  memoryGiB: positive.max(4096),
  memoryType: z.string().min(1),
  busWidthBits: count.optional(),
  /** Decimal GB/s, as datasheets state it. */
  bandwidthGBps: positive.max(100_000),
  /** Dense FP16/BF16 matrix TFLOPS (FP32 accumulate where the vendor distinguishes). */
  fp16Tflops: positive.max(100_000),
  fp16Note: z.string().min(1),
  tdpWatts: count.nullable(),
  releaseYear: z.number().int().min(2010).max(2030),
  source: url,
});

const moeSchema = z.strictObject({
  experts: count,
  activeExperts: count,
  sharedExperts: z.number().int().min(0),
  expertIntermediateSize: count,
  denseLayers: z.number().int().min(0),
});

const mlaSchema = z.strictObject({
  qLoraRank: z.number().int().min(0),
  kvLoraRank: count,
  qkNopeHeadDim: count,
  qkRopeHeadDim: count,
  vHeadDim: count,
});

export const architectureSchema = z.strictObject({
  layers: count,
  hiddenSize: count,
  intermediateSize: count,
  attentionHeads: count,
  kvHeads: count,
  headDim: count,
  vocabSize: count,
  tiedEmbeddings: z.boolean(),
  mlp: z.enum(['gated', 'plain']),
  attentionBias: z.boolean(),
  mlpBias: z.boolean(),
  norm: z.enum(['rmsnorm', 'layernorm']).default('rmsnorm'),
  fusedQkv: z.boolean().default(false),
  ggufArch: z.literal('falcon').optional(),
  moe: moeSchema.optional(),
  mla: mlaSchema.optional(),
  slidingWindow: z.strictObject({ window: count, pattern: z.number().int().min(2) }).optional(),
});

export const modelSchema = z.strictObject({
  id,
  name: z.string().min(1),
  family: z.string().min(1),
  hfId: z.string().regex(/^[\w.-]+\/[\w.-]+$/),
  architecture: architectureSchema,
  contextLength: count,
  nativeDtype: z.enum(['fp32', 'fp16', 'bf16', 'fp8', 'mxfp4']),
  license: z.string().min(1),
  publishedParams: z.strictObject({
    total: positive,
    active: positive,
    /** "excludes-embedding": the published active count leaves out the input embedding table. */
    activeConvention: z.enum(['all', 'excludes-embedding']),
    /** Step the published figures were rounded to ("3.3B" → 1e8), when they have two significant digits. */
    roundedTo: positive.optional(),
  }),
  paramsSource: url,
  releaseDate: z.iso.date(),
  source: url,
});

export const gpuCatalogSchema = z.array(gpuSchema).min(1);
export const modelCatalogSchema = z.array(modelSchema).min(1);

export type GpuEntry = z.infer<typeof gpuSchema>;
export type ModelEntry = z.infer<typeof modelSchema>;
