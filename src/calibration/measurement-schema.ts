import * as z from 'zod/mini';

/** One published measurement: what was run, on what, with which build, and the figure it gave. */
export const measurementSchema = z.object({
  id: z.string().check(z.minLength(1)),
  quantity: z.enum([
    'decode_tps',
    'prefill_tps',
    'peak_memory_bytes',
    'weights_bytes',
    'kv_bytes',
    'compute_buffer_bytes',
  ]),
  value: z.number().check(z.positive()),
  valueText: z.optional(z.string()),
  model: z.string().check(z.minLength(1)),
  format: z.string().check(z.minLength(1)),
  runtime: z.enum(['llama.cpp', 'vllm', 'transformers', 'mlx']),
  backend: z.enum(['cuda', 'rocm', 'vulkan', 'metal', 'sycl', 'cpu']),
  gpu: z.nullable(z.string()),
  gpuCount: z.int().check(z.nonnegative()),
  cpu: z.optional(z.nullable(z.string())),
  promptTokens: z.nullable(z.int().check(z.nonnegative())),
  generatedTokens: z.nullable(z.int().check(z.nonnegative())),
  contextDepth: z.optional(z.nullable(z.int().check(z.nonnegative()))),
  contextTokens: z.optional(z.nullable(z.int().check(z.positive()))),
  batch: z.nullable(z.int().check(z.positive())),
  ubatch: z.optional(z.nullable(z.int().check(z.positive()))),
  flashAttention: z.nullable(z.boolean()),
  kvCacheType: z.optional(z.enum(['f16', 'bf16', 'f32', 'fp8', 'q8_0', 'q4_0'])),
  build: z.string().check(z.minLength(1)),
  date: z.string().check(z.regex(/^\d{4}-\d{2}$/)),
  source: z.url(),
});

export const measurementsSchema = z.array(measurementSchema);
export type Measurement = z.infer<typeof measurementSchema>;
