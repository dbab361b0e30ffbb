import * as z from 'zod/mini';

/**
 * One schema for the catalogue: the build (data-files.ts, through the data plugin in
 * vite.config.ts) and the tests validate data/*.json with it; nothing validates at run time.
 */

const url = z.url({ protocol: /^https$/ });
const text = z.string().check(z.minLength(1));
const positive = z.number().check(z.positive());
const count = z.int().check(z.positive());
const nonNegativeInt = z.int().check(z.nonnegative());
const id = z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are kebab-case'));

export const gpuSchema = z.strictObject({
  id,
  name: text,
  shortName: text,
  vendor: z.enum(['nvidia', 'amd', 'apple', 'intel']),
  /** "unified": a non-Apple machine whose GPU shares the system's memory (DGX Spark, Ryzen AI Max, Jetson). */
  class: z.enum(['consumer', 'workstation', 'datacenter', 'apple', 'unified']),
  /** Marketed "GB" of VRAM and unified memory are binary gibibytes. */
  memoryGiB: positive.check(z.maximum(4096)),
  memoryType: text,
  busWidthBits: z.optional(count),
  /** Decimal GB/s, as datasheets state it. */
  bandwidthGBps: positive.check(z.maximum(100_000)),
  /** Dense FP16/BF16 matrix TFLOPS (FP32 accumulate where the vendor distinguishes). */
  fp16Tflops: positive.check(z.maximum(100_000)),
  fp16Note: text,
  tdpWatts: z.nullable(count),
  releaseYear: z.int().check(z.minimum(2010), z.maximum(2030)),
  source: url,
  /** Dense FP8 matrix TFLOPS, where the hardware has FP8. */
  fp8Tflops: z.optional(positive),
  /** Dense INT8 matrix TOPS, where the hardware has INT8 matrix units. */
  int8Tops: z.optional(positive),
  /** Dense FP4 matrix TFLOPS, where the hardware has FP4. */
  fp4Tflops: z.optional(positive),
  /**
   * A unified-memory machine other than Apple's: how much of the memory its GPU may use by default
   * or at most (BIOS UMA size, Linux GTT limit, what CUDA reports), with how that is set.
   */
  unifiedMemory: z.optional(z.strictObject({ gpuMaxGiB: z.optional(positive), note: text, source: url })),
  /** Launch price (MSRP) in US dollars, with the month it refers to and where it is stated. */
  launchPrice: z.optional(
    z.strictObject({ usd: positive, date: z.string().check(z.regex(/^\d{4}-\d{2}$/)), source: url }),
  ),
  /** How the device talks to its peers: host PCIe link and, where present, NVLink/Infinity Fabric. */
  interconnect: z.optional(
    z.strictObject({
      pcieGen: z.optional(count),
      pcieLanes: z.optional(count),
      /** Total peer-to-peer bandwidth per GPU, GB/s (both directions), e.g. 900 for H100 SXM NVLink 4. */
      peerGBps: z.optional(positive),
      peerLink: z.optional(text),
    }),
  ),
});

/** CPUs whose system RAM can hold offloaded layers: what matters is the memory bandwidth. */
export const cpuSchema = z.strictObject({
  id,
  name: text,
  vendor: z.enum(['intel', 'amd', 'apple', 'ampere', 'nvidia']),
  memoryType: text,
  memoryChannels: count,
  /** Peak system-memory bandwidth, decimal GB/s: channels × 8 bytes × MT/s. */
  bandwidthGBps: positive,
  maxMemoryGiB: z.optional(positive),
  cores: z.optional(count),
  releaseYear: z.int().check(z.minimum(2010), z.maximum(2030)),
  source: url,
});

export const cpuCatalogSchema = z.array(cpuSchema).check(z.minLength(1));
export type CpuEntry = z.infer<typeof cpuSchema>;

const moeSchema = z.strictObject({
  experts: count,
  activeExperts: count,
  sharedExperts: nonNegativeInt,
  expertIntermediateSize: count,
  denseLayers: nonNegativeInt,
  layerStep: z.optional(count),
  sharedIntermediateSize: z.optional(count),
  sharedExpertGate: z.optional(z.boolean()),
  expertFormat: z.optional(z.literal('mxfp4')),
});

/** Hybrid attention / recurrent layouts (architecture.ts HybridShape): one letter per layer. */
const hybridSchema = z.strictObject({
  mixers: z.string().check(z.regex(/^[AMLP-]+$/)),
  ffn: z.optional(z.string().check(z.regex(/^[DE-]+$/))),
  ssm: z.strictObject({
    kind: z.enum(['mamba2', 'mamba', 'gated-deltanet', 'lightning']),
    innerSize: count,
    stateSize: count,
    groups: nonNegativeInt,
    heads: nonNegativeInt,
    convKernel: nonNegativeInt,
    dtRank: nonNegativeInt,
    stateF32: z.optional(z.boolean()),
  }),
  gatedAttention: z.optional(z.boolean()),
});

const mlaSchema = z.strictObject({
  qLoraRank: nonNegativeInt,
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
  norm: z._default(z.enum(['rmsnorm', 'layernorm']), 'rmsnorm'),
  fusedQkv: z._default(z.boolean(), false),
  ggufArch: z.optional(z.literal('falcon')),
  moe: z.optional(moeSchema),
  mla: z.optional(mlaSchema),
  slidingWindow: z.optional(
    z.strictObject({ window: count, pattern: z.int().check(z.minimum(2)), chunked: z.optional(z.boolean()) }),
  ),
  embeddingNorm: z.optional(z.boolean()),
  hybrid: z.optional(hybridSchema),
  mtpLayers: z.optional(nonNegativeInt),
});

export const modelSchema = z.strictObject({
  id,
  name: text,
  family: text,
  hfId: z.string().check(z.regex(/^[\w.-]+\/[\w.-]+$/)),
  architecture: architectureSchema,
  contextLength: count,
  /**
   * RoPE scaling the model's makers validated beyond contextLength (Qwen3: YaRN ×4 from 32,768 to
   * 131,072), with where they say so; the scaled limit is originalContext × factor.
   */
  ropeScaling: z.optional(
    z.strictObject({
      type: z.enum(['yarn', 'linear', 'dynamic']),
      factor: positive,
      originalContext: count,
      source: url,
    }),
  ),
  nativeDtype: z.enum(['fp32', 'fp16', 'bf16', 'fp8', 'mxfp4']),
  license: text,
  publishedParams: z.strictObject({
    total: positive,
    active: positive,
    /** "excludes-embedding": the published active count leaves out the input embedding table. */
    activeConvention: z.enum(['all', 'excludes-embedding']),
    /** Step the published figures were rounded to ("3.3B" → 1e8), when they have two significant digits. */
    roundedTo: z.optional(positive),
  }),
  paramsSource: url,
  releaseDate: z.iso.date(),
  source: url,
});

export const gpuCatalogSchema = z.array(gpuSchema).check(z.minLength(1));

const month = z.string().check(z.regex(/^\d{4}-\d{2}$/));

/**
 * How serving layouts move data: the links inside a machine (their bandwidth is each GPU's own
 * interconnect in gpus.json) and the networks between machines, each with the collective latency
 * a measurement gives.
 */
export const systemsSchema = z.strictObject({
  nodeLinks: z.array(
    z.strictObject({
      id: z.enum(['nvlink', 'pcie']),
      name: text,
      latencyMicroseconds: positive,
      note: text,
      source: url,
      date: month,
    }),
  ),
  fabrics: z
    .array(
      z.strictObject({
        id,
        name: text,
        kind: z.enum(['infiniband', 'ethernet']),
        /** Line rate of the adapter each GPU sends through, Gb/s (decimal). */
        gbitsPerGpu: positive,
        note: text,
        source: url,
        date: month,
        latencyMicroseconds: positive,
        latencyNote: text,
        latencySource: url,
        latencyDate: month,
      }),
    )
    .check(z.minLength(1)),
});
export type SystemsCatalog = z.infer<typeof systemsSchema>;
export const modelCatalogSchema = z.array(modelSchema).check(z.minLength(1));

export const qualityEntrySchema = z.object({
  model: text,
  format: text,
  metric: z.enum([
    'ppl-wikitext2',
    'kld-mean',
    'ppl-delta-pct',
    'ppl-ratio',
    'ln-ppl-ratio',
    'openllm-v1-recovery-pct',
    'benchmark-score',
  ]),
  value: z.number().check(z.nonnegative()),
  baseline: z.nullable(positive),
  context: z.nullable(count),
  imatrix: z.nullable(z.string()),
  software: text,
  source: z.url(),
  notes: z.string(),
  variant: z.optional(z.string()),
  /** The date the source states, or the day it was read where it states none. */
  date: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}(-\d{2})?$/))),
});

export const qualitySchema = z.object({
  description: z.string(),
  entries: z.array(qualityEntrySchema).check(z.minLength(1)),
});

export type GpuEntry = z.infer<typeof gpuSchema>;
/** As written in data/models.json: the architecture's defaults are filled by architectureFrom. */
export type ModelEntry = z.input<typeof modelSchema>;
export type QualityEntry = z.infer<typeof qualityEntrySchema>;
