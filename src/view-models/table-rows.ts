import { maxContext } from '../core/estimate';
import type { Verdict } from '../core/fit';
import { estimateFor, estimateInput, type Scenario } from './scenario';

/** One row per model × GPU pool × format, with raw numbers for sorting and CSV. */

export interface ComparisonRow {
  readonly id: string;
  readonly model: string;
  readonly gpu: string;
  readonly format: string;
  readonly bitsPerWeight: number;
  readonly verdict: Verdict;
  readonly weightsGiB: number;
  readonly kvCacheGiB: number;
  readonly totalGiB: number;
  readonly usableGiB: number;
  readonly spareGiB: number;
  readonly decodeTokensPerSecond: number | null;
  readonly prefillTokensPerSecond: number | null;
  readonly maxContext: number | null;
}

const GiB = 1024 ** 3;

export function comparisonRows(s: Scenario, withMaxContext = false): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  for (const m of s.models) {
    for (const p of s.pools) {
      for (const f of s.formats) {
        const r = estimateFor(s, m, p, f);
        if (!r.ok) continue;
        const e = r.value;
        const runs = e.fit.verdict !== 'no';
        rows.push({
          id: `${m.key}|${p.key}|${f.id}`,
          model: m.name,
          gpu: p.shortLabel,
          format: f.label,
          bitsPerWeight: e.weights.bitsPerWeight,
          verdict: e.fit.verdict,
          weightsGiB: e.memory.weightsBytes / GiB,
          kvCacheGiB: e.memory.kvCacheBytes / GiB,
          totalGiB: e.memory.deviceBytes / GiB,
          usableGiB: e.fit.usableBytes / GiB,
          spareGiB: e.fit.spareBytes / GiB,
          decodeTokensPerSecond: runs ? e.speed.decodeTokensPerSecond : null,
          prefillTokensPerSecond: runs ? e.speed.prefillTokensPerSecond : null,
          maxContext: withMaxContext ? maxContext(estimateInput(s, m, p, f), m.scaledContextLimit) : null,
        });
      }
    }
  }
  return rows;
}

const CSV_COLUMNS: readonly [string, (r: ComparisonRow) => string | number | null][] = [
  ['model', (r) => r.model],
  ['gpu', (r) => r.gpu],
  ['format', (r) => r.format],
  ['bits_per_weight', (r) => r.bitsPerWeight.toFixed(3)],
  ['verdict', (r) => r.verdict],
  ['weights_gib', (r) => r.weightsGiB.toFixed(2)],
  ['kv_cache_gib', (r) => r.kvCacheGiB.toFixed(2)],
  ['needed_gib', (r) => r.totalGiB.toFixed(2)],
  ['usable_gib', (r) => r.usableGiB.toFixed(2)],
  ['spare_gib', (r) => r.spareGiB.toFixed(2)],
  ['decode_tok_s', (r) => (r.decodeTokensPerSecond === null ? null : r.decodeTokensPerSecond.toFixed(1))],
  ['prefill_tok_s', (r) => (r.prefillTokensPerSecond === null ? null : r.prefillTokensPerSecond.toFixed(0))],
];

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV of the given rows (the table's filtered, sorted rows). */
export function rowsToCsv(rows: readonly ComparisonRow[]): string {
  const header = CSV_COLUMNS.map(([name]) => name).join(',');
  const body = rows.map((r) => CSV_COLUMNS.map(([, get]) => csvCell(get(r))).join(','));
  return `${[header, ...body].join('\r\n')}\r\n`;
}
