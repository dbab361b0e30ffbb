import { formatSeconds, formatSig3 } from './format-units';
import { formatSpeedWithRange, speedRange } from './speed-range';
import { estimateFor, type Scenario } from './scenario';
import { speedFormatsView, type SpeedFormatsView } from './speed-formats';
import { VERDICT_LABEL } from './verdict';

/** Decode speed of the selected model and first format on every GPU pool. */

export interface SpeedRow {
  readonly poolKey: string;
  readonly label: string;
  readonly decode: number;
  readonly upperBound: number;
  readonly decodeLabel: string;
  readonly prefillLabel: string;
  readonly ttftLabel: string;
  readonly verdict: string;
  /** × the baseline's decode speed, when a baseline is chosen. */
  readonly relative: string;
}

export interface SpeedView {
  readonly title: string;
  readonly rows: readonly SpeedRow[];
  readonly baselineLabel: string | null;
  readonly skipped: readonly string[];
  /** Every chosen format on every pool (the per-format chart). */
  readonly byFormat: SpeedFormatsView;
}

export function speedView(s: Scenario): SpeedView {
  const m = s.selectedModel;
  const f = s.formats[0];
  if (!f) throw new Error('no format chosen');
  let baseline: number | null = null;
  if (s.baseline) {
    const b = estimateFor(s, m, s.baseline, f);
    if (b.ok && b.value.fit.verdict !== 'no') baseline = b.value.speed.decodeTokensPerSecond;
  }
  const rows: SpeedRow[] = [];
  const skipped: string[] = [];
  for (const p of s.pools) {
    const r = estimateFor(s, m, p, f);
    if (!r.ok || r.value.fit.verdict === 'no') {
      skipped.push(p.label);
      continue;
    }
    const { speed, fit } = r.value;
    rows.push({
      poolKey: p.key,
      label: p.shortLabel,
      decode: speed.decodeTokensPerSecond,
      upperBound: speed.decodeUpperBoundTokensPerSecond,
      decodeLabel: formatSpeedWithRange(
        speed.decodeTokensPerSecond,
        speedRange(speed.decodeTokensPerSecond, s.runtime, p.devices, 'decode'),
      ),
      prefillLabel:
        speed.prefillTokensPerSecond === null
          ? 'unknown'
          : formatSpeedWithRange(
              speed.prefillTokensPerSecond,
              speedRange(speed.prefillTokensPerSecond, s.runtime, p.devices, 'prefill'),
            ),
      ttftLabel: formatSeconds(speed.timeToFirstTokenSeconds),
      verdict: VERDICT_LABEL[fit.verdict],
      relative: baseline === null ? '' : `${formatSig3(speed.decodeTokensPerSecond / baseline)}×`,
    });
  }
  return {
    title: `${m.name} · ${f.label} · decode tokens per second for one sequence`,
    rows,
    baselineLabel: s.baseline ? s.baseline.label : null,
    skipped,
    byFormat: speedFormatsView(s),
  };
}
