import { describe, expect, it } from 'vitest';
import { architectureFrom } from './architecture';
import { countParameters } from './params';
import { MIXTRAL_8X7B } from './test-architectures';

describe('parameter counts', () => {
  it('counts Mixtral 8x7B as 46.7B total and 12.9B active (Mistral AI blog)', () => {
    const p = countParameters(MIXTRAL_8X7B);
    expect(p.total / 1e9).toBeCloseTo(46.7, 1);
    expect(p.active / 1e9).toBeCloseTo(12.9, 1);
  });

  it('puts experts only in every layerStep-th layer (Llama 4 interleave_moe_layer_step)', () => {
    const base = {
      layers: 4,
      hiddenSize: 64,
      intermediateSize: 256,
      attentionHeads: 4,
      kvHeads: 4,
      headDim: 16,
      vocabSize: 100,
      tiedEmbeddings: true,
    };
    const moe = { experts: 4, activeExperts: 1, sharedExperts: 0, expertIntermediateSize: 128, denseLayers: 0 };
    const every = countParameters(architectureFrom({ ...base, moe }));
    const alternate = countParameters(architectureFrom({ ...base, moe: { ...moe, layerStep: 2 } }));
    const expertLayer = 4 * 3 * 64 * 128 + 64 * 4;
    const denseLayer = 3 * 64 * 256;
    // Two of the four layers swap an expert block for a dense MLP.
    expect(every.total - alternate.total).toBe(2 * (expertLayer - denseLayer));
  });
});
