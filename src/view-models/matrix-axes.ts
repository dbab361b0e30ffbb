import { formatParams, formatSig3 } from './format-units';
import type { Scenario } from './scenario';

/** The matrix's rows (models) and columns (GPU pools), as the inference and training matrices show them. */
export function matrixAxes(s: Scenario) {
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
  return { rows, columns };
}
