import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE } from '../url/share-state';
import { quantView } from './quant-view';
import { buildScenario } from './scenario';

const scenario = (model: string, pool: string) =>
  buildScenario({
    ...DEFAULT_STATE,
    models: [model],
    pools: [{ parts: [{ id: pool, count: 1 }] }],
    selected: { model, pool },
  });

describe('quality against size in the Quantization view', () => {
  it('picks Q6_K for Llama 3.1 8B on an RTX 3060 12 GB and says the figure is Llama 3 8B’s', () => {
    const v = quantView(scenario('llama-3-1-8b', 'rtx-3060-12gb'));
    expect(v.quality.recommendation).toMatch(
      /^Q6_K: the smallest format within 0\.01 KLD of 16-bit for Llama 3\.1 8B \(mean KLD 0\.00545, figure from Llama 3 8B\), leaves \d+\.\d GiB free \(needs 1\.0 GiB\)\.$/,
    );
    expect(v.quality.recommendationSource).toContain('llama-3-8b-scoreboard');
    const picked = v.quality.points.filter((p) => p.recommended);
    expect(picked.map((p) => p.formatId)).toEqual(['Q6_K']);
    // The table says where each borrowed figure comes from.
    expect(v.rows.find((r) => r.formatId === 'Q6_K')?.qualityDetail).toContain('figure from Llama 3 8B');
  });

  it('draws a Pareto front: along it, each larger format loses less', () => {
    const { points } = quantView(scenario('llama-3-1-8b', 'rtx-3060-12gb')).quality;
    const front = points.filter((p) => p.pareto);
    expect(front.length).toBeGreaterThan(3);
    for (let i = 1; i < front.length; i++) {
      expect(front[i]?.sizeGiB ?? 0).toBeGreaterThanOrEqual(front[i - 1]?.sizeGiB ?? 0);
      expect(front[i]?.loss ?? 0).toBeLessThan(front[i - 1]?.loss ?? 0);
    }
    // Q4_0 loses more than the smaller Q4_K_S: off the front.
    expect(points.find((p) => p.formatId === 'Q4_0')?.pareto).toBe(false);
  });

  it('follows the threshold and says when nothing fits with room to spare', () => {
    expect(quantView(scenario('llama-3-1-8b', 'rtx-3060-12gb'), 0.011).quality.recommendation).toMatch(/^Q5_K_M: /);
    expect(quantView(scenario('llama-3-1-70b', 'rtx-3060-12gb')).quality.recommendation).toBe(
      'No format within 0.01 KLD of 16-bit fits RTX 3060 12 GB with 1 GiB and 5% of memory free; the chart shows what each format would cost.',
    );
  });
});
