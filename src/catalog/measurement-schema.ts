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
    // Serving: output tokens/s of all requests together, and what an engine logs at start-up.
    'output_throughput_tps',
    'kv_pool_tokens',
    'kv_pool_bytes',
    'max_concurrency',
    'cuda_graph_bytes',
    'activation_peak_bytes',
    'non_torch_bytes',
  ]),
  value: z.number().check(z.positive()),
  valueText: z.optional(z.string()),
  model: z.string().check(z.minLength(1)),
  format: z.string().check(z.minLength(1)),
  runtime: z.enum(['llama.cpp', 'ollama', 'vllm', 'transformers', 'mlx', 'sglang', 'tensorrt-llm']),
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
  /**
   * What a memory figure counts: "device" is everything on the GPU (nvidia-smi, NVML, CUDA context
   * included); "allocated" is what the framework allocated for weights, caches and working buffers
   * (torch.cuda.max_memory_allocated, llama.cpp's logged buffers), without the runtime's own
   * overhead. Memory rows without it are "device".
   */
  memoryScope: z.optional(z.enum(['device', 'allocated'])),
  kvCacheType: z.optional(z.enum(['f16', 'bf16', 'f32', 'fp8', 'q8_0', 'q4_0'])),
  build: z.string().check(z.minLength(1)),
  /**
   * Why a measurement is kept but neither fitted nor scored: it reflects software behaviour the
   * estimator deliberately does not model (an old build). Shown by `npm run accuracy`.
   */
  excluded: z.optional(z.string().check(z.minLength(1))),
  date: z.string().check(z.regex(/^\d{4}-\d{2}$/)),
  source: z.url(),
  /**
   * How a server was set up (engine logs and serving benchmarks): parallel degrees, the engine's
   * memory fraction (gpu_memory_utilization, mem_fraction_static or free_gpu_memory_fraction),
   * max_model_len, max_num_seqs, the tokens per step and the total output rate it reached.
   * Memory figures of a multi-GPU server are per GPU; token counts and concurrency per replica.
   */
  serving: z.optional(
    z.object({
      tensorParallel: z.optional(z.int().check(z.positive())),
      pipelineParallel: z.optional(z.int().check(z.positive())),
      expertParallel: z.optional(z.int().check(z.positive())),
      dataParallel: z.optional(z.int().check(z.positive())),
      nodes: z.optional(z.int().check(z.positive())),
      memoryFraction: z.optional(z.number().check(z.positive(), z.maximum(1))),
      maxModelLen: z.optional(z.int().check(z.positive())),
      maxNumSeqs: z.optional(z.int().check(z.positive())),
      batchedTokens: z.optional(z.int().check(z.positive())),
      blockTokens: z.optional(z.int().check(z.positive())),
      totalTokensPerSecond: z.optional(z.number().check(z.positive())),
      enforceEager: z.optional(z.boolean()),
      speculative: z.optional(z.string()),
    }),
  ),
  /** llama.cpp --n-cpu-moe N (experts of layers 0..N-1 in system RAM), or "all" for --cpu-moe. */
  cpuMoeLayers: z.optional(z.union([z.int().check(z.nonnegative()), z.literal('all')])),
  /** llama.cpp --split-mode: layer (the default) or row (each matrix sharded over the GPUs). */
  splitMode: z.optional(z.enum(['layer', 'row'])),
  /** llama.cpp -ngl when it was set below the layer count (the rest on the CPU). */
  ngl: z.optional(z.int().check(z.nonnegative())),
  /** What the source says about the host's system RAM. */
  ramNote: z.optional(z.string().check(z.minLength(1))),
  /** The file's size as llama-bench prints it (GiB); for mixes without a recipe, its bits per weight. */
  fileSizeGiB: z.optional(z.number().check(z.positive())),
  /** The file or tag that was run, and the Hugging Face repository it came from. */
  modelName: z.optional(z.string().check(z.minLength(1))),
  hfModel: z.optional(z.string().check(z.minLength(1))),
});

export const measurementsSchema = z.array(measurementSchema);
export type Measurement = z.infer<typeof measurementSchema>;
