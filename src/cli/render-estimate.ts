import type { WeightFormat } from '../core/formats/weight-formats';
import { memoryComponents, type Estimate } from '../core/estimate';
import { RUNTIMES, type RuntimeId } from '../core/runtimes/registry';
import {
  formatContext,
  formatFixed,
  formatGiB,
  formatParams,
  formatPercent,
  formatSeconds,
  formatTokensPerSecond,
  formatWhole,
} from '../view-models/format-units';
import { MEMORY_PARTS } from '../view-models/memory-parts';
import { VERDICT_LABEL, verdictWords } from '../view-models/verdict';
import { formatSpeedWithRange, type SpeedRange } from '../view-models/speed-range';
import { expertsInRamWords } from '../view-models/host-words';
import type { FitSuggestion } from '../view-models/fit-suggestions';
import { changeFlags } from './estimate-suggestions';

export interface EstimateReport {
  readonly model: { readonly name: string };
  readonly format: WeightFormat;
  readonly runtime: RuntimeId;
  readonly contextTokens: number;
  readonly promptTokens: number;
  readonly sequences: number;
  readonly kvCacheType: string;
  readonly gpus: readonly { readonly name: string; readonly count: number }[];
  readonly estimate: Estimate;
  readonly maxContextTokens: number;
  readonly baseline: { readonly name: string; readonly speed: number } | null;
  readonly link: { readonly url: string | null; readonly why: string | null };
  /** Weights read from a file header: how many tensors and where. */
  readonly measured?: { readonly tensors: number; readonly source: string } | undefined;
  readonly assumptions?: readonly string[] | undefined;
  readonly ranges: { readonly decode: SpeedRange; readonly prefill: SpeedRange | null };
  /** Set when the context is past the model's listed window: the RoPE scaling it needs. */
  readonly scaling: {
    readonly type: string;
    readonly factor: number;
    readonly originalContext: number;
    readonly how: string | null;
  } | null;
  /** What would make a run that does not fit (or is tight) fit, cheapest first. */
  readonly suggestions?: readonly FitSuggestion[] | undefined;
}

const row = (label: string, value: string) => `  ${label.padEnd(14)}${value}`;

/** The human-readable report: same words and units as the page. */
export function renderEstimate(r: EstimateReport): string {
  const { memory, fit, params } = r.estimate;
  const gpuText = r.gpus.map((g) => `${g.count} × ${g.name}`).join(' + ');
  const deviceCount = r.gpus.reduce((n, g) => n + g.count, 0);
  const seqText = `${r.sequences} sequence${r.sequences === 1 ? '' : 's'}`;
  const lines = [
    `${r.model.name} · ${r.format.label} (${formatFixed(r.estimate.weights.bitsPerWeight, 2)} bpw) · ${formatContext(r.contextTokens)} context × ${seqText} · ${r.kvCacheType} KV · ${RUNTIMES[r.runtime].label}`,
    `on ${gpuText}`,
    '',
    row('Verdict', verdictWords(r.estimate)),
    row(
      'Memory',
      `${formatGiB(memory.deviceBytes)} needed on the GPU${deviceCount > 1 ? 's' : ''}, ${formatGiB(fit.usableBytes)} usable`,
    ),
    ...memoryComponents(memory).map((c) =>
      row(
        `  ${MEMORY_PARTS[c.id].inline}`,
        `${formatGiB(c.bytes)}${c.hostBytes > 0 ? ` (${formatGiB(c.hostBytes)} of it stays in system RAM${c.id === 'weights' && memory.hostExpertBytes > 0 ? `: ${expertsInRamWords(fit.cpuMoeLayers, fit.totalLayers)}` : ''})` : ''}`,
      ),
    ),
    row(
      'Max context',
      r.maxContextTokens > 0
        ? `${formatContext(r.maxContextTokens)} tokens per sequence fit`
        : 'the model does not fit entirely in GPU memory at any context',
    ),
  ];
  // A run that does not fit has no speed to report, as on the page ("–").
  if (fit.verdict === 'no') {
    lines.push(row('Decode', '– (it does not fit, so it does not run)'), row('Prefill', '–'));
  } else {
    lines.push(...speedRows(r));
  }
  lines.push(
    row('Parameters', `${formatParams(params.total)} total, ${formatParams(params.active)} active per token`),
    ...(r.measured
      ? [row('Weights from', `${formatWhole(r.measured.tensors)} tensors in the ${r.measured.source} (exact)`)]
      : []),
    ...(r.assumptions ?? []).map((a, i) => row(i === 0 ? 'Assumed' : '', a)),
    ...(r.scaling
      ? [
          row(
            'Context',
            `past the model's listed window: needs ${r.scaling.type === 'yarn' ? 'YaRN' : r.scaling.type} rope scaling ×${r.scaling.factor} from ${formatContext(r.scaling.originalContext)}${r.scaling.how ? ` (${r.scaling.how})` : ''}`,
          ),
        ]
      : []),
    ...suggestionRows(r.suggestions ?? []),
    '',
    `Estimates, not measurements: speed ranges are the 10th-90th percentile of measured ÷ estimated speed${r.ranges.decode.calibrated ? '' : ' (this backend is not calibrated yet: ±40%)'}; decode slows as the context fills; fits = at most ${formatPercent(0.9)} of usable memory; memory = ${memoryComponents(
      memory,
    )
      .map((c) => MEMORY_PARTS[c.id].inline)
      .join(' + ')}.`,
    r.link.url ? `Open in the app: ${r.link.url}` : `No app link: ${r.link.why ?? 'none'}.`,
  );
  return lines.join('\n');
}

function speedRows(r: EstimateReport): string[] {
  const { speed } = r.estimate;
  const seqText = `${r.sequences} sequence${r.sequences === 1 ? '' : 's'}`;
  const lines = [
    row(
      'Decode',
      `${formatSpeedWithRange(speed.decodeTokensPerSecond, r.ranges.decode)} per sequence with the context full, ~${formatTokensPerSecond(speed.decodeStartTokensPerSecond)} at the start (physical upper bound ${formatTokensPerSecond(speed.decodeUpperBoundTokensPerSecond)})`,
    ),
  ];
  if (r.baseline) {
    const ratio = speed.decodeTokensPerSecond / r.baseline.speed;
    const times = formatFixed(ratio, ratio < 10 ? 2 : 1);
    lines.push(
      row('', `${times}× the decode speed of 1 × ${r.baseline.name} (~${formatTokensPerSecond(r.baseline.speed)})`),
    );
  }
  if (r.sequences > 1)
    lines.push(row('', `~${formatTokensPerSecond(speed.decodeTotalTokensPerSecond)} across ${seqText}`));
  lines.push(
    row(
      'Prefill',
      speed.prefillTokensPerSecond === null || !r.ranges.prefill
        ? 'unknown (the GPU has no published FP16 throughput)'
        : `${formatSpeedWithRange(speed.prefillTokensPerSecond, r.ranges.prefill)} for a prompt of ${formatContext(r.promptTokens)} tokens, ~${formatTokensPerSecond(speed.prefillStartTokensPerSecond ?? 0)} for a first short one; first token after ~${formatSeconds(speed.timeToFirstTokenSeconds)}`,
    ),
  );
  return lines;
}

/** "What would make it fit": each change, its flag, its new figures and what it costs. */
function suggestionRows(suggestions: readonly FitSuggestion[]): string[] {
  if (suggestions.length === 0) return [];
  return [
    '',
    '  What would make it fit:',
    ...suggestions.flatMap((s) => [
      `    ${s.title} (${changeFlags(s.change)}): ${VERDICT_LABEL[s.verdict]}, ${s.numbers}`,
      `      ${s.cost}`,
    ]),
  ];
}
