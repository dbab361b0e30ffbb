import { RUNTIMES } from '../core/runtimes/registry';
import { memoryComponents, type MemoryEstimate } from '../core/estimate';
import type { Verdict } from '../core/fit';
import { memoryPartsLine } from './memory-parts';
import { formatGiB, formatSig3 } from './format-units';
import { contextFor, estimateFor, type Scenario } from './scenario';
import { VERDICT_LABEL } from './verdict';
import { formatSpeedWithRange, speedRange } from './speed-range';
import { matrixAxes, type MatrixAxis } from './matrix-axes';

/** Rows, columns and cells of the fit matrix for the first chosen format. */

export interface MatrixCell {
  readonly modelKey: string;
  readonly poolKey: string;
  readonly verdict: Verdict | 'error';
  /** Decode speed shown in the cell ("31"), empty when it does not run. */
  readonly speedLabel: string;
  readonly decodeTokensPerSecond: number | null;
  readonly ariaLabel: string;
  /** Raw figures; the tooltip text is built only for the cell being hovered (cellTooltip). */
  readonly memory: {
    readonly needed: number;
    readonly usable: number;
    readonly detail: MemoryEstimate;
  } | null;
  readonly title: string;
  readonly verdictText: string;
  /** "~31 tok/s (25–38)", empty when it does not run. */
  readonly speedText: string;
}

/** Tooltip lines for one cell: what it is, the verdict and speed, and the memory breakdown. */
export function cellTooltip(cell: MatrixCell): string[] {
  const lines = [cell.title, `${cell.verdictText}${cell.speedText ? ` · ${cell.speedText}` : ''}`];
  const m = cell.memory;
  if (m) {
    lines.push(`needs ${formatGiB(m.needed)} of ${formatGiB(m.usable)} usable`);
    lines.push(memoryPartsLine(memoryComponents(m.detail)));
  }
  return lines;
}

export interface MatrixView {
  /** What the matrix answers, and what the number in a cell means. */
  readonly title: string;
  readonly cellMeaning: string;
  /** What the verdict colours mean here, when not the memory verdicts. */
  readonly legend: readonly (readonly [Verdict, string])[] | null;
  readonly formatLabel: string;
  readonly contextNote: string;
  readonly rows: readonly MatrixAxis[];
  readonly columns: readonly MatrixAxis[];
  readonly cells: readonly (readonly MatrixCell[])[];
}

/** The Run task's matrix; the Serve task's is servingMatrixView (serving-matrix.ts). */
export function matrixView(s: Scenario): MatrixView {
  const format = s.formats[0];
  if (!format) throw new Error('no format chosen');
  const { rows, columns, capped } = matrixAxes(s);
  const scaled = s.models.filter((m) => contextFor(s, m) > m.contextLimit).map((m) => m.name);
  const expertLayers = s.cpuMoe === 'all' ? 'all layers' : `the first ${String(s.cpuMoe)} layers`;
  const expertsNote =
    s.cpuMoe !== null && RUNTIMES[s.runtime].expertOffload === true && s.models.some((m) => m.moe)
      ? `Mixture-of-experts models keep the experts of ${expertLayers} in ${s.hostLabel} of system RAM.`
      : '';
  const cells = s.models.map((m) =>
    s.pools.map((p): MatrixCell => {
      const r = estimateFor(s, m, p, format);
      const title = `${m.name} · ${format.label} on ${p.label}`;
      if (!r.ok) {
        return {
          modelKey: m.key,
          poolKey: p.key,
          verdict: 'error',
          speedLabel: '',
          decodeTokensPerSecond: null,
          ariaLabel: `${m.name} on ${p.label}: ${r.error}`,
          memory: null,
          title,
          verdictText: r.error,
          speedText: '',
        };
      }
      const e = r.value;
      const runs = e.fit.verdict !== 'no';
      const tps = runs ? e.speed.decodeTokensPerSecond : null;
      const speedLabel = tps === null ? '' : formatSig3(tps);
      const experts = e.memory.hostExpertBytes > 0 ? `, experts of ${e.fit.cpuMoeLayers} layers in RAM` : '';
      const verdictText = `${
        e.fit.verdict === 'offload'
          ? `offload (${e.fit.deviceLayers}/${e.fit.totalLayers} layers on GPU)`
          : VERDICT_LABEL[e.fit.verdict]
      }${experts}`;
      return {
        modelKey: m.key,
        poolKey: p.key,
        verdict: e.fit.verdict,
        speedLabel,
        decodeTokensPerSecond: tps,
        ariaLabel: `${m.name} on ${p.label}: ${verdictText}${tps === null ? '' : `, about ${speedLabel} tokens per second`}`,
        memory: { needed: e.memory.deviceBytes, usable: e.fit.usableBytes, detail: e.memory },
        title,
        verdictText,
        speedText: tps === null ? '' : formatSpeedWithRange(tps, speedRange(tps, s.runtime, p.devices, 'decode')),
      };
    }),
  );
  return {
    title: 'Which models fit on which GPUs',
    cellMeaning: 'the estimated decode speed in tokens/s for one sequence',
    legend: null,
    formatLabel: format.label,
    contextNote: [
      capped.length > 0 ? `Context capped at the model's limit for ${capped.join(', ')}.` : '',
      scaled.length > 0 ? `${scaled.join(', ')}: past the listed window, with RoPE scaling (YaRN) turned on.` : '',
      expertsNote,
    ]
      .filter(Boolean)
      .join(' '),
    rows,
    columns,
    cells,
  };
}
