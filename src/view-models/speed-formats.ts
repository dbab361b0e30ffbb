import { formatSig3 } from './format-units';
import { estimateFor, type Scenario } from './scenario';

/** Decode speed of the selected model at each chosen format on each GPU pool (the Speed view's second chart). */

export interface SpeedFormatSeries {
  /** The chart's data key ("f0", "f1"…): format ids hold characters a data key path cannot. */
  readonly key: string;
  readonly label: string;
  /** A CSS colour token; the series palette has six. */
  readonly color: string;
}

export interface SpeedFormatRow {
  readonly poolKey: string;
  readonly label: string;
  /** Decode tok/s per series key; null where the format does not run on this pool. */
  readonly values: Readonly<Record<string, number | null>>;
  /** "Q4_K_M ~41.2 · Q8_0 ~23.9 · F16 does not fit". */
  readonly summary: string;
}

export interface SpeedFormatsView {
  readonly series: readonly SpeedFormatSeries[];
  readonly rows: readonly SpeedFormatRow[];
}

export function speedFormatsView(s: Scenario): SpeedFormatsView {
  const m = s.selectedModel;
  const series = s.formats.map((f, i) => ({ key: `f${i}`, label: f.label, color: `var(--series-${(i % 6) + 1})` }));
  const rows = s.pools.map((p): SpeedFormatRow => {
    const values: Record<string, number | null> = {};
    const words: string[] = [];
    s.formats.forEach((f, i) => {
      const r = estimateFor(s, m, p, f);
      const tps = r.ok && r.value.fit.verdict !== 'no' ? r.value.speed.decodeTokensPerSecond : null;
      values[`f${i}`] = tps;
      words.push(`${f.label} ${tps === null ? 'does not run' : `~${formatSig3(tps)} tok/s`}`);
    });
    return { poolKey: p.key, label: p.shortLabel, values, summary: words.join(' · ') };
  });
  return { series, rows };
}
