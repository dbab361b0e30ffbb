import { maxContext } from '../core/estimate';
import type { Verdict } from '../core/fit';
import type { WeightFormat } from '../core/formats/weight-formats';
import { estimateFor, estimateInput, type Scenario, type ScenarioModel, type ScenarioPool } from './scenario';
import { formatFixed } from './format-units';
import type { ServingState } from '../url/serving-state';
import { servingFor } from './serving-for';

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
  /** Serve task: the most concurrent users who each get the floor (0 when the engine would not start). */
  readonly maxUsersAtFloor: number | null;
}

const GiB = 1024 ** 3;

/** The most users who each get the floor, 0 when the engine would not start or cannot be laid out. */
function maxUsersAtFloor(
  s: Scenario,
  serving: ServingState,
  m: ScenarioModel,
  p: ScenarioPool,
  f: WeightFormat,
): number {
  const r = servingFor(s, serving, m, p, f, 'summary');
  return r.ok && r.value.pool.startsUp ? (r.value.maxUsersAtFloor ?? 0) : 0;
}

export function comparisonRows(
  s: Scenario,
  withMaxContext = false,
  serving: ServingState | null = null,
): ComparisonRow[] {
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
          maxUsersAtFloor: serving ? maxUsersAtFloor(s, serving, m, p, f) : null,
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
  ['bits_per_weight', (r) => formatFixed(r.bitsPerWeight, 3)],
  ['verdict', (r) => r.verdict],
  ['weights_gib', (r) => formatFixed(r.weightsGiB, 2)],
  ['kv_cache_gib', (r) => formatFixed(r.kvCacheGiB, 2)],
  ['needed_gib', (r) => formatFixed(r.totalGiB, 2)],
  ['usable_gib', (r) => formatFixed(r.usableGiB, 2)],
  ['spare_gib', (r) => formatFixed(r.spareGiB, 2)],
  ['decode_tok_s', (r) => (r.decodeTokensPerSecond === null ? null : formatFixed(r.decodeTokensPerSecond, 1))],
  ['prefill_tok_s', (r) => (r.prefillTokensPerSecond === null ? null : formatFixed(r.prefillTokensPerSecond, 0))],
  ['max_users_at_floor', (r) => r.maxUsersAtFloor],
];

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV of the given rows (the table's filtered, sorted rows). */
export function rowsToCsv(rows: readonly ComparisonRow[]): string {
  // The max-users column belongs to the Serve task: left out when no row has it.
  const serving = rows.some((r) => r.maxUsersAtFloor !== null);
  const columns = CSV_COLUMNS.filter(([name]) => serving || name !== 'max_users_at_floor');
  const header = columns.map(([name]) => name).join(',');
  const body = rows.map((r) => columns.map(([, get]) => csvCell(get(r))).join(','));
  return `${[header, ...body].join('\r\n')}\r\n`;
}
