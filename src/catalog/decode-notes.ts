// With extensions: vite.config.ts builds the page's copy of these notes with this file.
import type { Measurement } from './measurement-schema.ts';

/**
 * The newest published decode speed per configuration (model, format, runtime, GPU, GPU count,
 * batch): all the verdict banner needs of data/benchmarks to put a measurement beside the
 * estimate. The page ships this table (a few KB) instead of every measurement; the Accuracy
 * view loads those when it is opened.
 */
export interface DecodeNote {
  readonly tps: number;
  /** How it was measured: llama-bench's test (tg128, at a context depth) and the build. */
  readonly test: string;
  readonly build: string;
  readonly date: string;
  /** Index into the table's `sources`, which every note of one page shares. */
  readonly source: number;
}

export interface DecodeNotes {
  readonly notes: Readonly<Record<string, DecodeNote>>;
  readonly sources: readonly string[];
}

export interface DecodeKey {
  readonly model: string;
  readonly format: string;
  readonly runtime: string;
  readonly gpu: string;
  readonly gpuCount: number;
  readonly batch: number;
}

export const decodeNoteKey = (q: DecodeKey) =>
  `${q.model}|${q.format}|${q.runtime}|${q.gpu}|${String(q.gpuCount)}|${String(q.batch)}`;

/** The newest scored decode row per configuration; excluded rows and CPU-only rows have no note. */
export function decodeNotes(measurements: readonly Measurement[]): DecodeNotes {
  const newest = new Map<string, Measurement>();
  for (const m of measurements) {
    if (m.quantity !== 'decode_tps' || m.excluded !== undefined || m.gpu === null) continue;
    const key = decodeNoteKey({ ...m, gpu: m.gpu, batch: m.batch ?? 1 });
    const before = newest.get(key);
    if (!before || m.date > before.date) newest.set(key, m);
  }
  const sources: string[] = [];
  const notes: Record<string, DecodeNote> = {};
  for (const [key, m] of [...newest].sort(([a], [b]) => a.localeCompare(b))) {
    let source = sources.indexOf(m.source);
    if (source < 0) source = sources.push(m.source) - 1;
    const depth = m.contextDepth ? ` at depth ${String(m.contextDepth)}` : '';
    notes[key] = {
      tps: m.value,
      test: `tg${String(m.generatedTokens ?? '')}${depth}`,
      build: m.build,
      date: m.date,
      source,
    };
  }
  return { notes, sources };
}
