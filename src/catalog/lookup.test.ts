import { describe, expect, it } from 'vitest';
import { GPUS, MODELS } from './catalog';
import { gpuLabel, lookupEntry } from './lookup';

describe('catalogue lookup', () => {
  it('prefers the card whose name ends with the fragment: "3090" is the RTX 3090, not the 3090 Ti', () => {
    const r = lookupEntry(GPUS, '3090');
    expect(r.kind === 'found' && r.entry.id).toBe('rtx-3090');
  });

  it('finds a GPU by id or by an unambiguous fragment', () => {
    const byFragment = lookupEntry(GPUS, '4090');
    expect(byFragment.kind === 'found' && byFragment.entry.id).toBe('rtx-4090');
    const byId = lookupEntry(GPUS, 'h100-80gb-sxm');
    expect(byId.kind === 'found' && byId.entry.id).toBe('h100-80gb-sxm');
  });

  it('lists the candidates of an ambiguous name', () => {
    const r = lookupEntry(GPUS, 'a100');
    expect(r.kind).toBe('ambiguous');
    if (r.kind === 'ambiguous')
      expect(r.candidates.map((g) => g.id).sort()).toEqual([
        'a100-40gb-pcie',
        'a100-40gb-sxm',
        'a100-80gb-pcie',
        'a100-80gb-sxm',
      ]);
  });

  it('suggests close matches for a typo', () => {
    const r = lookupEntry(MODELS, 'llama-3-1-9b');
    expect(r.kind).toBe('unknown');
    if (r.kind === 'unknown') expect(r.suggestions.map((m) => m.id)).toContain('llama-3-1-8b');
  });

  it('labels GPUs with their marketing memory size once', () => {
    const find = (id: string) => GPUS.find((g) => g.id === id);
    const g4090 = find('rtx-4090');
    const g3060 = find('rtx-3060-12gb');
    if (!g4090 || !g3060) throw new Error('catalogue changed');
    expect(gpuLabel(g4090)).toBe('RTX 4090 24 GB');
    expect(gpuLabel(g3060)).toBe('RTX 3060 12 GB');
  });
});

describe('near-miss names', () => {
  it('"llama70b" lists the Llama 70B models instead of silently picking the R1 distill', () => {
    const r = lookupEntry(MODELS, 'llama70b');
    expect(r.kind).toBe('ambiguous');
    if (r.kind === 'ambiguous') {
      const ids = r.candidates.map((m) => m.id);
      expect(ids).toContain('llama-3-1-70b');
      expect(ids).toContain('deepseek-r1-distill-llama-70b');
    }
  });

  it('"4090ti" suggests the RTX 4090', () => {
    const r = lookupEntry(GPUS, '4090ti');
    expect(r.kind).toBe('unknown');
    if (r.kind === 'unknown') expect(r.suggestions.map((g) => g.id)).toEqual(['rtx-4090']);
  });

  it('finds names written with their words in order: "h100 sxm", "llama 3.1 8b"', () => {
    const gpu = lookupEntry(GPUS, 'h100 sxm');
    expect(gpu.kind === 'found' && gpu.entry.id).toBe('h100-80gb-sxm');
    const model = lookupEntry(MODELS, 'llama 3.1 8b');
    expect(model.kind === 'found' && model.entry.id).toBe('llama-3-1-8b');
  });
});
