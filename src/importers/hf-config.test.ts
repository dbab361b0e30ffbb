import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countParameters } from '../core/params';
import { MODELS } from '../catalog/catalog';
import { compactHfConfig, parseHfConfig, parseHfConfigObject } from './hf-config';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../test/fixtures/configs', name), 'utf8');
const catalogArch = (id: string) => MODELS.find((m) => m.id === id)?.arch;

describe('Hugging Face config.json', () => {
  it.each([
    ['llama-3-8b.json', 'llama-3-8b'],
    ['mixtral-8x7b.json', 'mixtral-8x7b'],
    ['deepseek-v3.json', 'deepseek-v3'],
    ['gemma-2-9b.json', 'gemma-2-9b'],
  ])('%s gives the same parameter counts as the catalogue entry (MTP blocks aside)', (file, id) => {
    const parsed = parseHfConfig(fixture(file));
    if (!parsed.ok) throw new Error(parsed.error);
    const expected = catalogArch(id);
    if (!expected) throw new Error(`no catalogue entry ${id}`);
    expect(countParameters({ ...parsed.value.arch, mtpLayers: undefined })).toEqual(countParameters(expected));
  });

  it('counts the MTP block DeepSeek-V3 stores but does not run per token', () => {
    const parsed = parseHfConfig(fixture('deepseek-v3.json'));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.value.arch.mtpLayers).toBe(1);
    const withMtp = countParameters(parsed.value.arch);
    const without = countParameters({ ...parsed.value.arch, mtpLayers: undefined });
    // The Hub's safetensors total for deepseek-ai/DeepSeek-V3 is 684,531,386,000, of which
    // 41,555,600 are F32 block scales (research exact-counts: BF16 + F8_E4M3 + F32 parts).
    expect(withMtp.total).toBe(684_531_386_000 - 41_555_600);
    expect(withMtp.active).toBe(without.active);
  });

  it('reads the sliding-window layout and context limit', () => {
    const parsed = parseHfConfig(fixture('gemma-2-9b.json'));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.value.arch.slidingWindow).toEqual({ window: 4096, pattern: 2 });
    expect(parsed.value.arch.tiedEmbeddings).toBe(true);
    expect(parsed.value.contextLength).toBe(8192);
  });

  it.each([
    ['truncated.json', /not valid JSON/],
    ['missing-layers.json', /missing num_hidden_layers/],
  ])('%s is rejected with a specific message', (file, message) => {
    const parsed = parseHfConfig(fixture(file));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });

  it.each([
    [[], /JSON object/],
    [{ num_hidden_layers: -3, hidden_size: 4096 }, /num_hidden_layers must be/],
    [
      {
        num_hidden_layers: 2,
        hidden_size: 64,
        num_attention_heads: 2,
        num_key_value_heads: 4,
        vocab_size: 10,
        intermediate_size: 8,
      },
      /kvHeads/,
    ],
    [
      {
        num_hidden_layers: 2,
        hidden_size: 64,
        num_attention_heads: 2,
        vocab_size: 10,
        intermediate_size: 8,
        tie_word_embeddings: 'yes',
      },
      /tie_word_embeddings must be true or false/,
    ],
  ])('rejects %j', (json, message) => {
    const parsed = parseHfConfigObject(json);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });
});

describe('the stored weight format', () => {
  const base = {
    num_hidden_layers: 2,
    hidden_size: 64,
    num_attention_heads: 2,
    vocab_size: 10,
    intermediate_size: 128,
  };
  it.each([
    [{ torch_dtype: 'bfloat16' }, 'bf16'],
    [{ dtype: 'float16' }, 'f16'],
    // A quantized repo's torch_dtype is the activation dtype: the quantization_config wins.
    [
      { torch_dtype: 'float16', quantization_config: { quant_method: 'awq', bits: 4, group_size: 128 } },
      'awq-4bit-g128',
    ],
    [{ quantization_config: { quant_method: 'gptq', bits: 4, group_size: 32 } }, 'gptq-4bit-g32'],
    [{ quantization_config: { quant_method: 'gptq', bits: 4, group_size: 128 } }, 'gptq-4bit-g128'],
    [{ quantization_config: { quant_method: 'fp8', weight_block_size: [128, 128] } }, 'fp8'],
    [{ quantization_config: { quant_method: 'mxfp4' } }, 'mxfp4'],
    [
      { quantization_config: { quant_method: 'bitsandbytes', load_in_4bit: true, bnb_4bit_use_double_quant: true } },
      'bnb-nf4-dq',
    ],
    [
      {
        quantization_config: {
          quant_method: 'compressed-tensors',
          config_groups: { group_0: { weights: { num_bits: 8, type: 'float' } } },
        },
      },
      'fp8',
    ],
    [{ quantization_config: { quant_method: 'hqq' } }, null],
    [{}, null],
  ])('%j is stored as %s', (extra, expected) => {
    const parsed = parseHfConfigObject({ ...base, ...extra });
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.value.storedFormat).toBe(expected);
  });

  it('keeps what it read of quantization_config in the compact form a share link carries', () => {
    const text = JSON.stringify({
      ...base,
      quantization_config: { quant_method: 'gptq', bits: 4, group_size: 32, modules_to_not_convert: ['lm_head'] },
    });
    const compact = compactHfConfig(text);
    if (!compact.ok || compact.json === undefined) throw new Error('not parsed');
    expect(JSON.parse(compact.json)).toMatchObject({
      quantization_config: { quant_method: 'gptq', bits: 4, group_size: 32 },
    });
    expect(compact.json).not.toContain('modules_to_not_convert');
    const again = parseHfConfig(compact.json);
    expect(again.ok && again.value.storedFormat).toBe('gptq-4bit-g32');
  });

  it('marks the experts of an MXFP4 checkpoint (gpt-oss) as shipped in MXFP4, and only those', () => {
    const moe = { ...base, num_local_experts: 4, num_experts_per_tok: 2 };
    const mxfp4 = parseHfConfigObject({ ...moe, quantization_config: { quant_method: 'mxfp4' } });
    const bf16 = parseHfConfigObject({ ...moe, torch_dtype: 'bfloat16' });
    if (!mxfp4.ok || !bf16.ok) throw new Error('not parsed');
    expect(mxfp4.value.arch.moe?.expertFormat).toBe('mxfp4');
    expect(bf16.value.arch.moe?.expertFormat).toBeUndefined();
  });

  it('reads rope scaling without multiplying a window that already includes it', () => {
    const yarn = { rope_type: 'yarn', factor: 4, original_max_position_embeddings: 32768 };
    const qwen = parseHfConfigObject({ ...base, max_position_embeddings: 40960, rope_scaling: yarn });
    // gpt-oss lists the scaled window: 131,072 = 4,096 × 32.
    const oss = parseHfConfigObject({
      ...base,
      max_position_embeddings: 131072,
      rope_scaling: { rope_type: 'yarn', factor: 32, original_max_position_embeddings: 4096 },
    });
    const llama3 = parseHfConfigObject({ ...base, rope_scaling: { rope_type: 'llama3', factor: 8 } });
    if (!qwen.ok || !oss.ok || !llama3.ok) throw new Error('not parsed');
    expect(qwen.value.ropeScaling).toEqual({ type: 'yarn', factor: 4, originalContext: 32768 });
    expect(oss.value.ropeScaling).toEqual({ type: 'yarn', factor: 32, originalContext: 4096 });
    expect(llama3.value.ropeScaling).toBeUndefined();
  });
});
