import { decodeNoteKey, type DecodeNotes } from '../catalog/decode-notes';
import type { RuntimeId } from '../core/runtimes/registry';
import { formatSig3 } from './format-units';

/** The configuration on screen, as a published decode measurement would record it. */
export interface MeasuredQuery {
  readonly model: string;
  readonly format: string;
  readonly runtime: RuntimeId;
  readonly gpu: string;
  readonly gpuCount: number;
  readonly batch: number;
}

export interface MeasuredNote {
  readonly text: string;
  readonly source: string;
}

/** The newest decode speed published for exactly this model, format, runtime, GPUs and batch. */
export function measuredDecode(q: MeasuredQuery, table: DecodeNotes): MeasuredNote | null {
  const note = table.notes[decodeNoteKey(q)];
  const source = note && table.sources[note.source];
  if (!note || source === undefined) return null;
  return { text: `measured ${formatSig3(note.tps)} tok/s (${note.test}, ${note.build}, ${note.date})`, source };
}
