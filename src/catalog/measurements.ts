import { measurementsSchema, type Measurement } from '../calibration/measurement-schema';
import apple from '../../data/benchmarks/llamacpp-apple-amd-intel-cpu.json';
import nvidia from '../../data/benchmarks/llamacpp-nvidia.json';
import memory from '../../data/benchmarks/memory-published.json';
import mlx from '../../data/benchmarks/mlx-apple.json';
import transformersVllm from '../../data/benchmarks/transformers-vllm.json';

/**
 * Every published measurement in data/benchmarks, validated at load. A test checks that this list
 * names every file in the folder.
 */
const parsed = measurementsSchema.safeParse([...apple, ...nvidia, ...memory, ...mlx, ...transformersVllm]);
if (!parsed.success) throw new Error(`data/benchmarks is invalid: ${parsed.error.issues[0]?.message ?? '?'}`);

export const MEASUREMENTS: readonly Measurement[] = parsed.data;
