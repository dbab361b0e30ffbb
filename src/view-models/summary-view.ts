import type { Verdict } from '../core/fit';
import { explain, type Explanations } from './explain';
import { MEASUREMENTS } from '../catalog/measurements';
import { formatContext, formatGiB, formatSig3 } from './format-units';
import { contextFor, estimateInput, type Scenario } from './scenario';
import { estimate } from '../core/estimate';
import { verdictWords } from './verdict';
import { formatSpeedWithRange, speedRange } from './speed-range';

/** The one-line verdict for the selected model × GPUs, and its numbers with their explanations. */
export interface SummaryView {
  readonly heading: string;
  readonly verdict: Verdict | 'error';
  readonly sentence: string;
  readonly parts: readonly { readonly key: keyof Explanations; readonly label: string; readonly value: string }[];
  readonly explanations: Explanations | null;
  /** A published measurement of this exact model, format, runtime and GPUs, if one exists. */
  readonly measured: { readonly text: string; readonly source: string } | null;
}

/** Decode speed measured for the same model, format, runtime and GPUs (llama-bench style, short context). */
function measuredDecode(s: Scenario, format: string): SummaryView['measured'] {
  const pool = s.selectedPool;
  const gpu = pool.gpus.length === 1 ? pool.gpus[0] : undefined;
  if (!gpu) return null;
  const count = pool.devices.length;
  const hits = MEASUREMENTS.filter(
    (m) =>
      m.quantity === 'decode_tps' &&
      m.model === s.selectedModel.key &&
      m.format === format &&
      m.runtime === s.runtime &&
      m.gpu === gpu.id &&
      m.gpuCount === count &&
      (m.batch ?? 1) === s.batch,
  ).sort((a, b) => b.date.localeCompare(a.date));
  const m = hits[0];
  if (!m) return null;
  const test = `tg${m.generatedTokens ?? ''}${m.contextDepth ? ` at depth ${m.contextDepth}` : ''}`;
  return { text: `measured ${formatSig3(m.value)} tok/s (${test}, ${m.build}, ${m.date})`, source: m.source };
}

export function summaryView(s: Scenario): SummaryView {
  const m = s.selectedModel;
  const p = s.selectedPool;
  const f = s.formats[0];
  if (!f) throw new Error('no format chosen');
  const heading = `${m.name} · ${f.label} · ${formatContext(contextFor(s, m))} ctx${s.batch > 1 ? ` × ${s.batch}` : ''} on ${p.label}`;
  const input = estimateInput(s, m, p, f);
  const r = estimate(input);
  if (!r.ok) return { heading, verdict: 'error', sentence: r.error, parts: [], explanations: null, measured: null };
  const e = r.value;
  const decodeRange = speedRange(e.speed.decodeTokensPerSecond, s.runtime, p.devices, 'decode');
  const decodeText = formatSpeedWithRange(e.speed.decodeTokensPerSecond, decodeRange);
  const prefill = e.speed.prefillTokensPerSecond;
  const prefillText =
    prefill === null ? 'unknown' : formatSpeedWithRange(prefill, speedRange(prefill, s.runtime, p.devices, 'prefill'));
  const speed = e.fit.verdict === 'no' ? '' : `, ${decodeText}`;
  return {
    heading,
    verdict: e.fit.verdict,
    sentence: `${verdictWords(e)}${speed}`,
    parts: [
      { key: 'weights', label: 'Weights', value: formatGiB(e.memory.weightsBytes) },
      { key: 'kvCache', label: 'KV cache', value: formatGiB(e.memory.kvCacheBytes) },
      { key: 'activations', label: 'Activations', value: formatGiB(e.memory.activationBytes) },
      { key: 'overhead', label: 'Overhead', value: formatGiB(e.memory.overheadBytes) },
      {
        key: 'verdict',
        label: 'Needed / usable',
        value: `${formatGiB(e.memory.deviceBytes)} / ${formatGiB(e.fit.usableBytes)}`,
      },
      {
        key: 'decode',
        label: 'Decode',
        value: e.fit.verdict === 'no' ? '–' : decodeText,
      },
      {
        key: 'prefill',
        label: 'Prefill',
        value: e.fit.verdict === 'no' ? '–' : prefillText,
      },
    ],
    explanations: explain(input, e),
    measured: measuredDecode(s, f.id),
  };
}
