import type { Verdict } from '../core/fit';
import { explain, type Explanations } from './explain';
import { MEMORY_PARTS } from './memory-parts';
import { formatContext, formatGiB, formatSig3 } from './format-units';
import { expertsInRamWords } from './host-words';
import { RUNTIMES } from '../core/runtimes/registry';
import type { MeasuredQuery } from './measured-decode';
import { contextFor, estimateInput, type Scenario } from './scenario';
import { estimate, memoryComponents } from '../core/estimate';
import { cutCodePoints } from '../core/input-text';
import { verdictWords } from './verdict';
import { formatSpeedWithRange, speedRange } from './speed-range';
import { fitSuggestionRows, type FitSuggestionRow } from './fit-suggestion-rows';

/** The one-line verdict for the selected model × GPUs, and its numbers with their explanations. */
export interface SummaryView {
  readonly heading: string;
  readonly verdict: Verdict | 'error';
  readonly sentence: string;
  readonly parts: readonly { readonly key: keyof Explanations; readonly label: string; readonly value: string }[];
  readonly explanations: Explanations | null;
  /**
   * What to look up among published measurements (loaded lazily: they are too big for the first
   * paint); null when the selection is a mixed pool.
   */
  readonly measuredQuery: MeasuredQuery | null;
  /** What would make a run that does not fit (or is tight) fit; empty when it fits. */
  readonly suggestions: readonly FitSuggestionRow[];
}

function measuredQuery(s: Scenario, format: string): MeasuredQuery | null {
  const gpus = s.selectedPool.gpus;
  const gpu = gpus.length === 1 ? gpus[0] : undefined;
  if (!gpu) return null;
  return {
    model: s.selectedModel.key,
    format,
    runtime: s.runtime,
    gpu: gpu.id,
    gpuCount: s.selectedPool.devices.length,
    batch: s.batch,
  };
}

/** " (-c 131072 --rope-scaling yarn …)": how the runtime turns the scaling on, where known. */
function scalingHow(s: Scenario, m: Scenario['selectedModel'], tokens: number): string {
  const how = m.ropeScaling && RUNTIMES[s.runtime].ropeScalingHow?.(m.ropeScaling, tokens);
  return how ? ` (${how})` : '';
}

export function summaryView(s: Scenario): SummaryView {
  const m = s.selectedModel;
  const p = s.selectedPool;
  const f = s.formats[0];
  if (!f) throw new Error('no format chosen');
  const heading = `${m.name} · ${f.label} · ${formatContext(contextFor(s, m))} ctx${s.batch > 1 ? ` × ${s.batch}` : ''} on ${p.label}`;
  const input = estimateInput(s, m, p, f);
  const r = estimate(input);
  if (!r.ok)
    return {
      heading,
      verdict: 'error',
      sentence: r.error,
      parts: [],
      explanations: null,
      measuredQuery: null,
      suggestions: [],
    };
  const e = r.value;
  const decodeRange = speedRange(e.speed.decodeTokensPerSecond, s.runtime, p.devices, 'decode');
  const decodeText = formatSpeedWithRange(e.speed.decodeTokensPerSecond, decodeRange);
  const decodeStart = `~${formatSig3(e.speed.decodeStartTokensPerSecond)} tok/s`;
  const prefill = e.speed.prefillTokensPerSecond;
  const prefillStart = e.speed.prefillStartTokensPerSecond;
  const prefillText =
    prefill === null
      ? 'unknown'
      : `${formatSpeedWithRange(prefill, speedRange(prefill, s.runtime, p.devices, 'prefill'))} · ~${formatSig3(prefillStart ?? prefill)} at the start`;
  const speed = e.fit.verdict === 'no' ? '' : `, ${decodeText} with the context full, ${decodeStart} at the start`;
  const experts =
    e.memory.hostExpertBytes > 0
      ? `; ${expertsInRamWords(e.fit.cpuMoeLayers, e.fit.totalLayers)} in ${s.hostLabel} of system RAM`
      : '';
  const context = contextFor(s, m);
  const scaling =
    m.ropeScaling && context > m.contextLimit
      ? `; past the ${formatContext(m.contextLimit)} window it lists, it needs ${m.ropeScaling.type === 'yarn' ? 'YaRN' : m.ropeScaling.type} rope scaling ×${m.ropeScaling.factor}${scalingHow(s, m, context)}`
      : '';
  return {
    heading,
    verdict: e.fit.verdict,
    sentence: `${verdictWords(e)}${speed}${experts}${scaling}`,
    parts: [
      ...memoryComponents(e.memory).flatMap((c) => {
        const key = MEMORY_PARTS[c.id].explain;
        return key ? [{ key, label: MEMORY_PARTS[c.id].label, value: formatGiB(c.bytes) }] : [];
      }),
      {
        key: 'verdict',
        label: 'Needed / usable',
        value: `${formatGiB(e.memory.deviceBytes)} / ${formatGiB(e.fit.usableBytes)}`,
      },
      {
        key: 'decode',
        label: 'Decode',
        value: e.fit.verdict === 'no' ? '–' : `${decodeText} · ${decodeStart} at the start`,
      },
      {
        key: 'prefill',
        label: 'Prefill',
        value: e.fit.verdict === 'no' ? '–' : prefillText,
      },
    ],
    explanations: explain(input, e),
    measuredQuery: measuredQuery(s, f.id),
    suggestions: e.fit.verdict === 'fits' ? [] : fitSuggestionRows(s),
  };
}

/**
 * The summary, or a banner that says which part could not be computed: the page shell reads the
 * verdict for its state oracle, so an error here must not escape into the page's own render.
 */
export function summaryOrError(s: Scenario): SummaryView {
  try {
    return summaryView(s);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return {
      heading: `${s.selectedModel.name} on ${s.selectedPool.label}`,
      verdict: 'error',
      sentence: `The verdict could not be computed: ${cutCodePoints(message, 200)}.`,
      parts: [],
      explanations: null,
      measuredQuery: null,
      suggestions: [],
    };
  }
}
