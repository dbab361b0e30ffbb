import ggufSizes from '../../data/benchmarks/gguf-sizes-2025-26.json';
import llamacpp2026 from '../../data/benchmarks/llamacpp-2025-26.json';
import apple from '../../data/benchmarks/llamacpp-apple-amd-intel-cpu.json';
import nvidia from '../../data/benchmarks/llamacpp-nvidia.json';
import memory from '../../data/benchmarks/memory-published.json';
import mlx from '../../data/benchmarks/mlx-apple.json';
import serving from '../../data/benchmarks/serving.json';
import transformersVllm from '../../data/benchmarks/transformers-vllm.json';
import type { Measurement } from './measurement-schema';

/**
 * Every published measurement in data/benchmarks, validated when the app is built (data-files.ts)
 * and by the tests, which also check that this list names every file in the folder.
 */
export const MEASUREMENTS = [
  ...ggufSizes,
  ...llamacpp2026,
  ...apple,
  ...nvidia,
  ...memory,
  ...mlx,
  ...transformersVllm,
  ...serving,
] as unknown as readonly Measurement[];
