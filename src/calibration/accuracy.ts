import { errorSummary, scoredRows, type Split } from './metrics';
import { predict, prepare, type Prepared } from './predict';
import type { Measurement } from '../catalog/measurement-schema';

/** Accuracy of the estimator against the evaluation split, per quantity and backend. */

export interface AccuracyPoint {
  readonly id: string;
  readonly quantity: Measurement['quantity'];
  readonly backend: string;
  readonly measured: number;
  readonly predicted: number;
  /** Model, format, test and hardware. */
  readonly label: string;
  /** The runtime and software build it was measured with. */
  readonly build: string;
  readonly source: string;
  /** A mixture-of-experts model (scored again on its own, as backend "moe"). */
  readonly moe: boolean;
}

export interface AccuracyRow {
  readonly quantity: Measurement['quantity'];
  readonly backend: string;
  readonly n: number;
  readonly median: number;
  readonly p90: number;
  readonly worst: number;
  readonly worstLabel: string;
  readonly worstBuild: string;
  readonly spearman: number;
}

/** What a measured memory figure covers, in words. */
function memoryTest(p: Prepared): string {
  const m = p.m;
  const batch = (m.batch ?? 1) > 1 ? ` × ${m.batch ?? 1}` : '';
  switch (m.quantity) {
    case 'weights_bytes':
      return 'file size';
    case 'kv_bytes':
      return `KV cache at ${p.input.contextTokens} tokens${batch}`;
    case 'compute_buffer_bytes':
      return `compute buffer at ${p.input.contextTokens} tokens`;
    case 'kv_pool_bytes':
      return `KV pool bytes at ${p.input.contextTokens} tokens per request`;
    case 'kv_pool_tokens':
      return `KV pool tokens at ${p.input.contextTokens} tokens per request`;
    case 'max_concurrency':
      return `max concurrency at ${p.input.contextTokens} tokens per request`;
    case 'activation_peak_bytes':
      return 'profiled activation peak';
    case 'non_torch_bytes':
      return 'non-torch memory';
    case 'cuda_graph_bytes':
      return 'CUDA graph memory';
    default:
      return `peak memory at ${p.input.contextTokens} tokens${batch}`;
  }
}

export function describe(p: Prepared): string {
  const m = p.m;
  const test =
    m.quantity === 'prefill_tps'
      ? `pp${m.promptTokens ?? ''}`
      : m.quantity === 'decode_tps'
        ? `tg${m.generatedTokens ?? ''}${(m.batch ?? 1) > 1 ? ` × ${m.batch ?? 1} users` : ''}`
        : m.quantity === 'output_throughput_tps'
          ? `output of ${m.batch === null ? 'a full pool' : `${m.batch} users`}, ${m.promptTokens ?? 0} in / ${m.generatedTokens ?? 0} out`
          : memoryTest(p);
  const where = m.backend === 'cpu' ? (m.cpu ?? 'cpu') : `${m.gpuCount > 1 ? `${m.gpuCount}× ` : ''}${m.gpu ?? ''}`;
  return `${m.model} ${m.format} ${test}${m.contextDepth ? `@d${m.contextDepth}` : ''} on ${where}`;
}

export function accuracyPoints(measurements: readonly Measurement[], split: Split = 'evaluation'): AccuracyPoint[] {
  return scoredRows(measurements, split, prepare, predict).map(({ m, p, predicted }) => ({
    id: m.id,
    quantity: m.quantity,
    backend: p.backend,
    measured: m.value,
    predicted,
    label: describe(p),
    build: m.build.toLowerCase().startsWith(m.runtime) ? m.build : `${m.runtime} ${m.build}`,
    source: m.source,
    moe: p.moeLayers > 0,
  }));
}

/** "all" first, then "moe" (mixture-of-experts models on every backend), then each backend. */
export const MOE_GROUP = 'moe';
const GROUP_ORDER = (backend: string) => (backend === 'all' ? 0 : backend === MOE_GROUP ? 1 : 2);

export function accuracyTable(points: readonly AccuracyPoint[]): AccuracyRow[] {
  const groups = new Map<string, AccuracyPoint[]>();
  for (const p of points) {
    // Speed of mixture-of-experts models is also scored on its own, across backends.
    const speed = p.quantity === 'decode_tps' || p.quantity === 'prefill_tps';
    const keys = [`${p.quantity}|${p.backend}`, `${p.quantity}|all`, ...(speed && p.moe ? [`${p.quantity}|moe`] : [])];
    for (const key of keys) {
      const g = groups.get(key) ?? [];
      g.push(p);
      groups.set(key, g);
    }
  }
  return [...groups.entries()]
    .map(([key, ps]) => {
      const [quantity, backend] = key.split('|') as [Measurement['quantity'], string];
      const { worstIndex, ...summary } = errorSummary(ps);
      return {
        quantity,
        backend,
        ...summary,
        worstLabel: ps[worstIndex]?.label ?? '',
        worstBuild: ps[worstIndex]?.build ?? '',
      };
    })
    .sort(
      (a, b) =>
        a.quantity.localeCompare(b.quantity) ||
        GROUP_ORDER(a.backend) - GROUP_ORDER(b.backend) ||
        a.backend.localeCompare(b.backend),
    );
}
