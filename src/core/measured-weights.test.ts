import { describe, expect, it } from 'vitest';
import { estimate, type EstimateInput } from './estimate';
import { ggmlRowBytes } from './formats/ggml-types';
import { ggufTensorType, recipeContext } from './formats/gguf-recipes';
import { placeTensor, type MeasuredTensor, type TensorInventory } from './measured-weights';
import { tensorElements, tensorInventory } from './tensors';
import { LLAMA_3_8B, MIXTRAL_8X7B } from './test-architectures';
import { RTX_4090 } from './test-devices';
import { format } from './test-formats';

/** The GGUF header a Q4_K_M file of this architecture would have, written by the recipe. */
function ggufHeader(arch: typeof LLAMA_3_8B): TensorInventory {
  const ctx = recipeContext(arch, 'Q4_K_M');
  const counters = { attnV: 0, ffnDown: 0 };
  const tensors: MeasuredTensor[] = tensorInventory(arch).map((t) => {
    const type = ggufTensorType('Q4_K_M', t, ctx, counters);
    const name =
      t.layer >= 0 ? `blk.${t.layer}.${t.name}.weight` : `${t.name}${t.name.endsWith('.weight') ? '' : '.weight'}`;
    return {
      name,
      elements: tensorElements(t),
      bytes: ggmlRowBytes(type, t.ne0) * t.rows * t.experts,
      storedType: type,
    };
  });
  return { tensors, source: 'test' };
}

describe('measured weights', () => {
  const base: EstimateInput = {
    arch: LLAMA_3_8B,
    format: format('Q4_K_M'),
    contextTokens: 8192,
    sequences: 1,
    kvCacheType: 'f16',
    runtime: 'llama.cpp',
    devices: [RTX_4090],
  };

  it.each([
    ['Llama 3 8B', LLAMA_3_8B],
    ['Mixtral 8x7B', MIXTRAL_8X7B],
  ])('a header with the same tensors gives the same bytes, counts and speed as the derived model (%s)', (_, arch) => {
    const derived = estimate({ ...base, arch });
    const measured = estimate({ ...base, arch, tensors: ggufHeader(arch) });
    if (!derived.ok || !measured.ok) throw new Error('not estimated');
    expect(measured.value.weights.basis).toBe('measured');
    expect(derived.value.weights.basis).toBe('derived');
    expect(measured.value.memory.weightsBytes).toBe(derived.value.memory.weightsBytes);
    expect(measured.value.memory.hostWeightsBytes).toBe(derived.value.memory.hostWeightsBytes);
    expect(measured.value.params.total).toBe(derived.value.params.total);
    expect(measured.value.params.activePerToken).toBeCloseTo(derived.value.params.activePerToken, 0);
    expect(measured.value.weights.bytesPerToken).toBeCloseTo(derived.value.weights.bytesPerToken, 0);
    expect(measured.value.speed.decodeTokensPerSecond).toBeCloseTo(derived.value.speed.decodeTokensPerSecond, 6);
  });

  it('sizes exactly what the header states, whatever the format says', () => {
    const tensors: TensorInventory = {
      source: 'test',
      tensors: [
        { name: 'model.embed_tokens.weight', elements: 1000, bytes: 2000, storedType: 'BF16' },
        { name: 'model.layers.0.self_attn.q_proj.weight', elements: 4000, bytes: 2100, storedType: 'U8' },
        { name: 'lm_head.weight', elements: 1000, bytes: 2000, storedType: 'BF16' },
      ],
    };
    const r = estimate({ ...base, arch: { ...LLAMA_3_8B, layers: 1 }, format: format('f16'), tensors });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.memory.weightsBytes).toBe(6100);
    expect(r.value.params.total).toBe(6000);
    expect(r.value.weights.bitsPerWeight).toBeCloseTo((6100 * 8) / 6000, 9);
  });

  it.each([
    ['token_embd.weight', 'input-embedding', -1, false],
    ['model.language_model.embed_tokens.weight', 'input-embedding', -1, false],
    ['output.weight', 'output', -1, false],
    ['lm_head.weight', 'output', -1, false],
    ['blk.7.ffn_up_exps.weight', 'layer', 7, true],
    ['model.layers.3.mlp.experts.17.down_proj.weight', 'layer', 3, true],
    ['model.layers.3.mlp.experts.gate_up_proj_blocks', 'layer', 3, true],
    ['model.layers.3.mlp.shared_experts.down_proj.weight', 'layer', 3, false],
    ['model.layers.61.self_attn.q_a_proj.weight', 'extra', -1, false],
    ['model.visual.blocks.0.attn.qkv.weight', 'extra', -1, false],
    ['v.blk.0.attn_q.weight', 'extra', -1, false],
    ['output_norm.weight', 'outside', -1, false],
  ] as const)('%s is %s (layer %i, routed %s) in a 61-layer model', (name, role, layer, routed) => {
    expect(placeTensor(name, 61)).toEqual({ role, layer, routed });
  });
});
