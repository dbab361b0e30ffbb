import * as z from 'zod/mini';

// The estimator's lists, repeated because vite.config.ts loads this file (through data-files.ts)
// as a plain ES module; training-measurement-schema.test.ts checks they match the core's.
export const SCHEMA_LISTS = {
  methods: ['full', 'lora', 'qlora'],
  modules: ['q', 'k', 'v', 'o', 'gate', 'up', 'down', 'lm_head'],
  optimizers: ['adamw', 'adamw-8bit', 'paged-adamw-8bit', 'paged-adamw-32bit', 'adafactor', 'sgd', 'sgd-momentum'],
  precisions: ['bf16', 'fp16', 'fp32'],
  losses: ['full', 'chunked', 'fused'],
  shardings: ['none', 'ddp', 'fsdp', 'zero1', 'zero2', 'zero3'],
  offloads: ['none', 'optimizer', 'params'],
  presets: ['hf', 'trl', 'unsloth', 'torchtune', 'llama-factory', 'axolotl', 'litgpt'],
} as const;

/**
 * One published fine-tuning measurement (data/benchmarks/training/*.json): everything that was
 * run, in the estimator's terms and as the source words it, and the figure it gave. Memory rows say
 * what was read: torch.cuda.max_memory_allocated ("allocated"), max_memory_reserved ("reserved"),
 * a GPU monitor ("nvidia-smi") or an unnamed statistic ("unknown").
 */
const count = z.int().check(z.positive());
const text = z.string().check(z.minLength(1));

export const trainingMeasurementSchema = z.strictObject({
  id: text,
  quantity: z.enum(['train_peak_memory_bytes', 'train_tokens_per_second', 'train_step_seconds']),
  value: z.number().check(z.positive()),
  valueText: text,
  /** Catalogue model id (rows on other models are kept and reported as skipped). */
  model: text,
  hfModel: z.nullable(z.string()),
  method: z.enum(SCHEMA_LISTS.methods),
  rank: z.nullable(count),
  alpha: z.nullable(z.number()),
  targets: z.nullable(z.array(z.enum(SCHEMA_LISTS.modules))),
  /** The target modules as the source names them. */
  targetsText: text,
  dora: z.boolean(),
  loraDropout: z.boolean(),
  optimizer: z.enum(SCHEMA_LISTS.optimizers),
  precision: z.enum(SCHEMA_LISTS.precisions),
  masterWeights: z.boolean(),
  gradientCheckpointing: z.boolean(),
  flashAttention: z.boolean(),
  attentionText: text,
  loss: z.enum(SCHEMA_LISTS.losses),
  /** Null where the source does not state it. */
  seqTokens: z.nullable(count),
  /** fixed: every sample this long; cap-dynamic-padding: padded to the longest in the batch, capped here. */
  seqLenKind: z.enum(['fixed', 'cap-dynamic-padding', 'packed', 'dynamic']),
  microBatch: count,
  gradAccum: count,
  gpu: z.nullable(z.string()),
  gpuText: text,
  gpuCount: count,
  sharding: z.enum(SCHEMA_LISTS.shardings),
  offload: z.enum(SCHEMA_LISTS.offloads),
  doubleQuant: z.boolean(),
  /** The framework preset whose memory behaviour applies. */
  preset: z.enum(SCHEMA_LISTS.presets),
  /** Where the run differed from the preset (another version of the same libraries). */
  adapterFp32: z.optional(z.boolean()),
  upcastUnquantized: z.optional(z.boolean()),
  /** bitsandbytes before 0.43.2 (kept every 4-bit layer's input). */
  legacyBitsandbytes: z.boolean(),
  /** The framework and version as the source names them. */
  framework: text,
  frameworkVersion: text,
  measured: z.nullable(z.enum(['allocated', 'reserved', 'nvidia-smi', 'unknown'])),
  /** Throughput rows: per GPU or for all GPUs together. */
  throughputScope: z.nullable(z.enum(['per-gpu', 'total'])),
  /** Why the row is kept but neither fitted nor scored. */
  excluded: z.optional(text),
  date: z.string().check(z.regex(/^\d{4}-\d{2}$/)),
  source: z.url({ protocol: /^https$/ }),
  notes: z.string(),
});

export const trainingMeasurementsSchema = z.array(trainingMeasurementSchema);
export type TrainingMeasurement = z.infer<typeof trainingMeasurementSchema>;
