import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attentionLayerCount, recurrentLayerCount } from '../core/architecture';
import { estimate, memoryComponents, type EstimateInput } from '../core/estimate';
import { weightFormatById } from '../core/formats/weight-formats';
import { countParameters } from '../core/params';
import type { Device } from '../core/devices';
import { parseHfConfig, parseHfConfigObject } from './hf-config';

// Configs as published on the Hugging Face Hub (each file's model card names the repository):
// Qwen/Qwen3-Next-80B-A3B-Instruct, nvidia/Nemotron-H-56B-Base-8K, nvidia/NVIDIA-Nemotron-Nano-9B-v2,
// nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-BF16, ibm-granite/granite-4.0-h-small, MiniMaxAI/MiniMax-M1-80k,
// mistralai/Mistral-Small-3.2-24B-Instruct-2506, Qwen/Qwen3-4B-Instruct-2507, deepseek-ai/DeepSeek-V3.2,
// Qwen/Qwen3-VL-30B-A3B-Instruct.
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../test/fixtures/configs', name), 'utf8');
function parsed(name: string) {
  const r = parseHfConfig(fixture(name));
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
// A large device so that every model here fits: the checks are about memory, not the verdict.
const H100: Device = {
  name: 'H100 80GB',
  vendor: 'nvidia',
  memoryBytes: 80 * 1024 ** 3,
  bandwidthBytesPerSecond: 3.35e12,
  fp16FlopsPerSecond: 989e12,
  unifiedMemory: false,
};
const f16 = weightFormatById('bf16');
if (!f16) throw new Error('no bf16 format');

function run(arch: EstimateInput['arch'], overrides: Partial<EstimateInput> = {}) {
  const r = estimate({
    arch,
    format: f16 as NonNullable<typeof f16>,
    contextTokens: 8192,
    sequences: 1,
    kvCacheType: 'f16',
    runtime: 'llama.cpp',
    devices: [H100],
    ...overrides,
  });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('hybrid attention / state-space models from config.json', () => {
  it('Nemotron-Nano-9B-v2: exact published count, KV cache in 4 of 56 layers, Mamba state in 27', () => {
    const { arch } = parsed('nemotron-nano-9b-v2.json');
    // The Hub's safetensors total for nvidia/NVIDIA-Nemotron-Nano-9B-v2.
    expect(countParameters(arch).total).toBe(8_888_227_328);
    expect(attentionLayerCount(arch)).toBe(4);
    expect(recurrentLayerCount(arch)).toBe(27);
    const e = run(arch);
    // 4 layers × 2 (K, V) × 8 heads × 128 dims × 8,192 cells × 2 bytes = 128 MiB.
    expect(e.memory.kvCacheBytes).toBe(4 * 2 * 8 * 128 * 8192 * 2);
    // 27 layers × ((4 − 1) × (10,240 + 2 × 8 × 128) conv + 128 × 10,240 state) × 4 bytes (F32 in llama.cpp).
    expect(e.memory.recurrentStateBytes).toBe(27 * (3 * (10240 + 2 * 8 * 128) + 128 * 10240) * 4);
    expect(memoryComponents(e.memory).map((c) => c.id)).toEqual([
      'weights',
      'kv-cache',
      'recurrent-state',
      'activations',
      'overhead',
    ]);
  });

  it('the recurrent state does not grow with the context; the KV cache does', () => {
    const { arch } = parsed('nemotron-nano-9b-v2.json');
    const short = run(arch, { contextTokens: 4096 });
    const long = run(arch, { contextTokens: 65536 });
    expect(long.memory.recurrentStateBytes).toBe(short.memory.recurrentStateBytes);
    expect(long.memory.kvCacheBytes).toBe(16 * short.memory.kvCacheBytes);
    // …and it is per sequence.
    expect(run(arch, { sequences: 3 }).memory.recurrentStateBytes).toBe(3 * short.memory.recurrentStateBytes);
  });

  it('vLLM keeps the state in the model dtype, unless the config asks for an fp32 SSM state', () => {
    const { arch } = parsed('nemotron-nano-9b-v2.json');
    const vllm = run(arch, { runtime: 'vllm' });
    expect(vllm.memory.recurrentStateBytes).toBe(27 * (3 * (10240 + 2 * 8 * 128) + 128 * 10240) * 2);
    const nano3 = parsed('nemotron-3-nano-30b-a3b.json').arch;
    expect(nano3.hybrid?.ssm.stateF32).toBe(true);
    // 23 Mamba layers: conv (3 × (4,096 + 2 × 8 × 128)) at 2 bytes, state 128 × 4,096 at 4 bytes.
    expect(run(nano3, { runtime: 'vllm' }).memory.recurrentStateBytes).toBe(
      23 * (3 * (4096 + 2 * 8 * 128) * 2 + 128 * 4096 * 4),
    );
  });

  it('Granite-4.0-H-Small: exact published count; experts and a shared MLP in every layer', () => {
    const { arch } = parsed('granite-4-0-h-small.json');
    expect(countParameters(arch).total).toBe(32_207_337_984);
    expect(attentionLayerCount(arch)).toBe(4);
    // 4 attention layers × 2 × 8 × 128 × 8,192 × 2 bytes.
    expect(run(arch).memory.kvCacheBytes).toBe(4 * 2 * 8 * 128 * 8192 * 2);
  });

  it('Qwen3-Next: 12 of 48 layers attend; Gated DeltaNet state in the other 36', () => {
    const { arch } = parsed('qwen3-next-80b-a3b-instruct.json');
    expect(attentionLayerCount(arch)).toBe(12);
    expect(recurrentLayerCount(arch)).toBe(36);
    // The config has no MTP entry: its count is the Hub total (81,324,862,720) less the MTP
    // block of 1,650,471,424 that only the checkpoint's header shows.
    expect(countParameters(arch).total).toBe(81_324_862_720 - 1_650_471_424);
    const e = run(arch);
    // 12 layers × 2 × 2 KV heads × 256 dims × 8,192 × 2 bytes.
    expect(e.memory.kvCacheBytes).toBe(12 * 2 * 2 * 256 * 8192 * 2);
    // 36 layers × (3 × (2 × 16 × 128 + 32 × 128) conv + 32 value heads × 128 × 128 state) × 4 bytes.
    expect(e.memory.recurrentStateBytes).toBe(36 * (3 * (2 * 16 * 128 + 32 * 128) + 32 * 128 * 128) * 4);
  });

  it('Nemotron-H-56B: a bare Infinity in the file is read, not refused', () => {
    const text = fixture('nemotron-h-56b-base-8k.json');
    expect(text).toContain('Infinity');
    const { arch } = parsed('nemotron-h-56b-base-8k.json');
    expect(attentionLayerCount(arch)).toBe(10);
    // attention_head_dim (128), not 8,192 / 64.
    expect(arch.headDim).toBe(128);
    expect(countParameters(arch).total).toBe(56_324_350_464);
  });

  it('Nemotron 3 Nano: shared expert width from moe_shared_expert_intermediate_size', () => {
    const { arch } = parsed('nemotron-3-nano-30b-a3b.json');
    expect(arch.moe?.sharedIntermediateSize).toBe(3712);
    expect(attentionLayerCount(arch)).toBe(6);
    // Within 0.1% of NVIDIA's 31.6B total.
    expect(Math.abs(countParameters(arch).total / 31.6e9 - 1)).toBeLessThan(0.001);
  });

  it('MiniMax-M1: lightning-attention layers keep a head × head state, 10 of 80 layers a KV cache', () => {
    const { arch } = parsed('minimax-m1-80k.json');
    expect(attentionLayerCount(arch)).toBe(10);
    // MiniMax's card: 456B total.
    expect(Math.abs(countParameters(arch).total / 456e9 - 1)).toBeLessThan(0.005);
    // 70 layers × 64 heads × 128 × 128 values × 4 bytes; no convolution.
    expect(run(arch).memory.recurrentStateBytes).toBe(70 * 64 * 128 * 128 * 4);
  });
});

describe('attention shapes that break simple calculators', () => {
  it('head_dim ≠ hidden / heads (Mistral Small 3.2: 128, not 5,120 / 32 = 160)', () => {
    const { arch } = parsed('mistral-small-3-2-24b-instruct-2506.json');
    expect(arch.headDim).toBe(128);
    // 40 layers × 2 × 8 × 128 × 8,192 × 2 bytes = 1.25 GiB.
    expect(run(arch).memory.kvCacheBytes).toBe(40 * 2 * 8 * 128 * 8192 * 2);
  });

  it('MLA ignores num_key_value_heads (DeepSeek-V3.2 states 128)', () => {
    const text = fixture('deepseek-v3-2.json');
    const as128 = parseHfConfig(text);
    const as1 = parseHfConfigObject({ ...(JSON.parse(text) as object), num_key_value_heads: 1 });
    if (!as128.ok || !as1.ok) throw new Error('not parsed');
    const kv = (arch: EstimateInput['arch']) => run(arch, { devices: [H100, H100, H100, H100] }).memory.kvCacheBytes;
    // llama.cpp caches kv_lora_rank + rope (512 + 64) for K and kv_lora_rank (512) for V:
    // 61 layers × 1,088 × 8,192 cells × 2 bytes.
    expect(kv(as128.value.arch)).toBe(61 * (2 * 512 + 64) * 8192 * 2);
    expect(kv(as1.value.arch)).toBe(kv(as128.value.arch));
    expect(as128.value.storedFormat).toBe('fp8');
  });

  it('Llama 4 chunked attention: three of four layers keep one chunk', () => {
    const cfg = {
      model_type: 'llama4_text',
      num_hidden_layers: 48,
      hidden_size: 5120,
      intermediate_size: 8192,
      intermediate_size_mlp: 16384,
      num_attention_heads: 40,
      num_key_value_heads: 8,
      head_dim: 128,
      vocab_size: 202048,
      num_local_experts: 16,
      num_experts_per_tok: 1,
      attention_chunk_size: 8192,
      max_position_embeddings: 10485760,
    };
    const r = parseHfConfigObject(cfg);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.arch.slidingWindow).toEqual({ window: 8192, pattern: 4, chunked: true });
    const e = run(r.value.arch, { contextTokens: 65536, devices: [H100, H100] });
    // 12 global layers × 65,536 cells + 36 chunked layers × (8,192 + 512) cells, × 2 × 8 × 128 × 2 bytes.
    expect(e.memory.kvCacheBytes).toBe((12 * 65536 + 36 * (8192 + 512)) * 2 * 8 * 128 * 2);
  });

  it('sliding_window_pattern and layer_types set which layers slide', () => {
    const base = {
      model_type: 'gemma3_text',
      num_hidden_layers: 12,
      hidden_size: 256,
      intermediate_size: 512,
      num_attention_heads: 4,
      num_key_value_heads: 1,
      head_dim: 64,
      vocab_size: 1000,
      sliding_window: 512,
    };
    const byPattern = parseHfConfigObject({ ...base, sliding_window_pattern: 4 });
    const byTypes = parseHfConfigObject({
      ...base,
      layer_types: Array.from({ length: 12 }, (_, i) => ((i + 1) % 4 === 0 ? 'full_attention' : 'sliding_attention')),
    });
    if (!byPattern.ok || !byTypes.ok) throw new Error('not parsed');
    expect(byPattern.value.arch.slidingWindow).toEqual({ window: 512, pattern: 4 });
    expect(byTypes.value.arch.slidingWindow).toEqual({ window: 512, pattern: 4 });
  });

  it('vision models: the language model in text_config, the top-level dtype inherited', () => {
    const r = parsed('qwen3-vl-30b-a3b-instruct.json');
    expect(r.arch.layers).toBe(48);
    expect(r.arch.moe?.experts).toBe(128);
    expect(r.arch.headDim).toBe(128);
  });
});

describe('renamed keys and unknown model types', () => {
  it('GPT-2: n_layer / n_embd / n_head, fused biased c_attn, tied embeddings', () => {
    const r = parseHfConfigObject({
      model_type: 'gpt2',
      n_layer: 12,
      n_embd: 768,
      n_head: 12,
      n_positions: 1024,
      vocab_size: 50257,
    });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.arch).toMatchObject({
      layers: 12,
      hiddenSize: 768,
      intermediateSize: 3072,
      mlp: 'plain',
      fusedQkv: true,
    });
    expect(r.value.contextLength).toBe(1024);
    // GPT-2 small without its 1,024 × 768 position table: 124,439,808 − 786,432.
    expect(countParameters(r.value.arch).total).toBe(124_439_808 - 786_432);
  });

  it('DBRX: d_model, n_heads and the nested attn_config / ffn_config', () => {
    const r = parseHfConfigObject({
      model_type: 'dbrx',
      d_model: 6144,
      n_heads: 48,
      n_layers: 40,
      max_seq_len: 32768,
      vocab_size: 100352,
      attn_config: { kv_n_heads: 8 },
      ffn_config: { ffn_hidden_size: 10752, moe_num_experts: 16, moe_top_k: 4 },
    });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.arch).toMatchObject({
      kvHeads: 8,
      moe: { experts: 16, activeExperts: 4, expertIntermediateSize: 10752 },
    });
    // Databricks: 132B total parameters, 36B active (two significant figures: ±0.5B).
    const p = countParameters(r.value.arch);
    expect(Math.abs(p.total / 132e9 - 1)).toBeLessThan(0.01);
    expect(Math.abs(p.active - 36e9)).toBeLessThan(0.5e9);
    expect(r.value.contextLength).toBe(32768);
  });

  it('ChatGLM: num_layers, kv_channels, multi_query_group_num, seq_length', () => {
    const r = parseHfConfigObject({
      model_type: 'chatglm',
      num_layers: 40,
      hidden_size: 4096,
      ffn_hidden_size: 13696,
      num_attention_heads: 32,
      kv_channels: 128,
      multi_query_attention: true,
      multi_query_group_num: 2,
      padded_vocab_size: 151552,
      seq_length: 131072,
      add_qkv_bias: true,
    });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.arch).toMatchObject({ kvHeads: 2, headDim: 128, attentionBias: true, vocabSize: 151552 });
    expect(r.value.contextLength).toBe(131072);
  });

  it('MPT: expansion_ratio × d_model for the MLP', () => {
    const r = parseHfConfigObject({
      model_type: 'mpt',
      d_model: 4096,
      n_heads: 32,
      n_layers: 32,
      expansion_ratio: 4,
      max_seq_len: 2048,
      vocab_size: 50432,
    });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.arch).toMatchObject({ intermediateSize: 16384, mlp: 'plain', tiedEmbeddings: true });
  });

  it('an unknown model_type is estimated as a Llama-style decoder and says so', () => {
    const r = parseHfConfigObject({
      model_type: 'brand_new_lm',
      num_hidden_layers: 4,
      hidden_size: 512,
      intermediate_size: 1024,
      num_attention_heads: 8,
      vocab_size: 1000,
    });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.assumptions.join(' ')).toMatch(/brand_new_lm.*Llama-style/);
    expect(r.value.assumptions.join(' ')).toMatch(/num_key_value_heads not given: 8/);
    expect(r.value.assumptions.join(' ')).toMatch(/assumed 2,048 tokens/);
  });

  it('a broken hybrid pattern is refused by name', () => {
    const r = parseHfConfigObject({
      model_type: 'nemotron_h',
      num_hidden_layers: 3,
      hidden_size: 64,
      intermediate_size: 128,
      num_attention_heads: 2,
      vocab_size: 10,
      hybrid_override_pattern: 'M*',
      mamba_num_heads: 2,
      mamba_head_dim: 8,
      ssm_state_size: 4,
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/hybrid_override_pattern must have one of M, \*, -, E per layer \(3\)/);
  });
});
