import { describe, expect, it } from 'vitest';
import { decodeNoteKey, decodeNotes } from './decode-notes';
import { MEASUREMENTS } from './measurements';

const decode = MEASUREMENTS.filter((m) => m.quantity === 'decode_tps' && m.gpu !== null && m.excluded === undefined);
const row = decode[0];
if (!row) throw new Error('no decode measurement in data/benchmarks');
const key = decodeNoteKey({ ...row, gpu: row.gpu ?? '', batch: row.batch ?? 1 });

describe('decode notes', () => {
  it('keeps the newest row of a configuration and drops excluded ones', () => {
    const older = { ...row, date: '2020-01', value: 1, source: 'https://example.org/old' };
    const newer = { ...row, date: '2030-01', value: 2, source: 'https://example.org/new' };
    const excluded = { ...row, date: '2031-01', value: 3, excluded: 'old build' };
    const table = decodeNotes([older, newer, excluded]);
    expect(Object.keys(table.notes)).toEqual([key]);
    expect(table.notes[key]?.tps).toBe(2);
    expect(table.sources[table.notes[key]?.source ?? -1]).toBe('https://example.org/new');
  });

  it('holds one note per scored GPU decode configuration of data/benchmarks, each with its source', () => {
    const table = decodeNotes(MEASUREMENTS);
    const configurations = new Set(decode.map((m) => decodeNoteKey({ ...m, gpu: m.gpu ?? '', batch: m.batch ?? 1 })));
    expect(Object.keys(table.notes).length).toBe(configurations.size);
    for (const note of Object.values(table.notes)) expect(table.sources[note.source]).toMatch(/^https:\/\//);
    expect(JSON.stringify(table).length).toBeLessThan(JSON.stringify(MEASUREMENTS).length / 3);
  });
});
