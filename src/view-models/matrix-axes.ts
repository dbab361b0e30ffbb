import { formatParams, formatSig3 } from './format-units';
import { contextFor, type Scenario } from './scenario';

export interface MatrixAxis {
  readonly key: string;
  readonly label: string;
  readonly detail: string;
}

/** The matrix's rows (models) and columns (GPU pools), and the models whose context was capped. */
export function matrixAxes(s: Scenario): {
  readonly rows: MatrixAxis[];
  readonly columns: MatrixAxis[];
  readonly capped: string[];
} {
  const rows = s.models.map((m) => ({
    key: m.key,
    label: m.name,
    detail: m.moe
      ? `${formatParams(m.totalParams)} MoE, ${formatParams(m.activeParams)} active`
      : `${formatParams(m.totalParams)} dense`,
  }));
  const columns = s.pools.map((p) => {
    const gib = p.devices.reduce((a, d) => a + d.memoryBytes, 0) / 1024 ** 3;
    // The memory size is added unless the name already carries it ("RTX 3060 12GB").
    return {
      key: p.key,
      label: p.shortLabel,
      detail: /\d\s?GB/.test(p.shortLabel) && p.devices.length === 1 ? '' : `${formatSig3(gib)} GB`,
    };
  });
  const capped = s.models.filter((m) => contextFor(s, m) < s.context).map((m) => m.name);
  return { rows, columns, capped };
}
