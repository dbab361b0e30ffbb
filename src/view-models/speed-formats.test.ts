import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE } from '../url/share-state';
import { buildScenario, estimateFor } from './scenario';
import { speedFormatsView } from './speed-formats';

const s = buildScenario({
  ...DEFAULT_STATE,
  models: ['llama-3-1-8b'],
  formats: ['Q4_K_M', 'Q8_0', 'f16'],
  pools: [{ parts: [{ id: 'rtx-4090', count: 1 }] }, { parts: [{ id: 'rtx-3060-12gb', count: 1 }] }],
});

describe('decode speed per format per GPU', () => {
  it('has one series per chosen format and the estimator’s decode speed in each cell', () => {
    const v = speedFormatsView(s);
    expect(v.series.map((x) => x.label)).toEqual(['Q4_K_M', 'Q8_0', 'FP16']);
    const p4090 = s.pools[0];
    const row = v.rows[0];
    if (!p4090 || !row) throw new Error('no pool');
    s.formats.forEach((f, i) => {
      const r = estimateFor(s, s.selectedModel, p4090, f);
      expect(row.values[`f${i}`]).toBe(r.ok ? r.value.speed.decodeTokensPerSecond : null);
    });
    // Fewer bytes per token: faster.
    expect(row.values.f0 ?? 0).toBeGreaterThan(row.values.f1 ?? 0);
    expect(row.values.f1 ?? 0).toBeGreaterThan(row.values.f2 ?? 0);
  });

  it('leaves a gap where the format does not run and says so in words', () => {
    // 405B parameters fit neither a 12 GB card nor 64 GB of system RAM at any of these formats.
    const big = buildScenario({
      ...DEFAULT_STATE,
      models: ['llama-3-1-405b'],
      formats: ['Q4_K_M', 'f16'],
      pools: [{ parts: [{ id: 'rtx-3060-12gb', count: 1 }] }],
    });
    const [row] = speedFormatsView(big).rows;
    expect(row?.values).toEqual({ f0: null, f1: null });
    expect(row?.summary).toBe('Q4_K_M does not run · FP16 does not run');
  });
});
