import { CPUS, GPUS, MODELS, gpuDevice } from '../catalog/catalog';
import type { Device } from '../core/devices';
import { estimateUnchecked, inputProblem, type EstimateInput } from '../core/estimate';
import { weightFormatById } from '../core/formats/weight-formats';
import type { SpeedConstants } from '../core/runtimes/profile';
import type { Measurement } from '../catalog/measurement-schema';
import type { ServingInput } from '../core/serving/serving-types';
import { predictServing, servingInputFor } from './serving-rows';

/** Turns a published measurement into the estimator's inputs and its prediction for the same quantity. */

export interface Prepared {
  readonly m: Measurement;
  readonly input: EstimateInput;
  /** "llama.cpp/nvidia": the constants this measurement calibrates. */
  readonly backend: string;
  readonly layers: number;
  /** For rows measured on a server: the serving input that predicts them. */
  readonly serving: ServingInput | null;
}

const GiB = 1024 ** 3;

function cpuDevice(id: string): Device | null {
  const cpu = CPUS.find((c) => c.id === id);
  if (!cpu) return null;
  // Enough memory for any model: CPU runs are limited by bandwidth, not capacity.
  return {
    name: cpu.name,
    vendor: 'cpu',
    memoryBytes: 4096 * GiB,
    bandwidthBytesPerSecond: cpu.bandwidthGBps * 1e9,
    fp16FlopsPerSecond: 0,
    unifiedMemory: true,
  };
}

/** The measurement as estimator input, or a reason it cannot be modelled. */
export function prepare(m: Measurement): Prepared | string {
  const model = MODELS.find((x) => x.id === m.model);
  if (!model) return `unknown model ${m.model}`;
  const format = weightFormatById(m.format);
  if (!format) return `unknown format ${m.format}`;
  let devices: Device[];
  const gpu = GPUS.find((g) => g.id === m.gpu);
  if (m.backend === 'cpu') {
    const d = m.cpu ? cpuDevice(m.cpu) : null;
    if (!d) return `CPU run without a catalogue CPU`;
    devices = [d];
  } else {
    if (!gpu) return `unknown GPU ${m.gpu ?? 'none'}`;
    devices = Array.from({ length: Math.max(1, m.gpuCount) }, () => gpuDevice(gpu));
  }
  const depth = m.contextDepth ?? 0;
  const prompt = m.promptTokens ?? 0;
  const generated = m.generatedTokens ?? 0;
  // llama-bench runs each test in its own context: tg128 decodes 128 tokens after `depth`, pp512
  // processes a 512-token prompt after `depth`.
  const contextTokens = Math.max(1, m.contextTokens ?? depth + prompt + generated);
  const input: EstimateInput = {
    arch: model.arch,
    format,
    contextTokens,
    sequences: m.batch ?? 1,
    kvCacheType: m.kvCacheType ?? 'f16',
    runtime: m.runtime,
    devices,
    flashAttention: m.flashAttention ?? true,
    // Speed rows time the prompt they name; memory rows peak while prefilling it.
    promptTokens:
      m.quantity === 'prefill_tps' || (m.quantity === 'peak_memory_bytes' && prompt > 0)
        ? Math.max(1, prompt)
        : undefined,
  };
  const problem = inputProblem(input);
  if (problem) return problem;
  const serving = servingInputFor(m, input, gpu);
  if (typeof serving === 'string') return serving;
  const vendor = m.backend === 'cpu' ? 'cpu' : (devices[0]?.vendor ?? 'nvidia');
  return { m, input, backend: `${m.runtime}/${vendor}`, layers: model.arch.layers, serving };
}

/** The estimator's figure for the measured quantity (tokens/s or bytes), or null if it has none. */
export function predict(p: Prepared, constants?: SpeedConstants): number | null {
  if (p.serving) return predictServing(p.m, p.serving, constants);
  const e = estimateUnchecked({ ...p.input, speedConstants: constants });
  switch (p.m.quantity) {
    case 'decode_tps':
      return e.fit.verdict === 'no' ? null : e.speed.decodeTokensPerSecond;
    case 'prefill_tps':
      return e.fit.verdict === 'no' ? null : e.speed.prefillTokensPerSecond;
    case 'weights_bytes':
      return e.memory.weightsBytes;
    case 'kv_bytes':
      return e.memory.kvCacheBytes;
    case 'compute_buffer_bytes':
      return e.memory.activationBytes / p.input.devices.length;
    case 'peak_memory_bytes':
      return p.m.memoryScope === 'allocated' ? e.memory.deviceBytes - e.memory.overheadBytes : e.memory.deviceBytes;
    default:
      // The other quantities (pools, concurrency, total throughput, graph memory) come from servers.
      return null;
  }
}
