import { describe, expect, it } from 'vitest';
import { familyUnavailable, kvOptions, switchRuntime, vendorUnavailable } from './runtime-choices';

describe('runtime choices in the configuration panel', () => {
  it('switching llama.cpp to vLLM swaps GGUF formats for the nearest vLLM ones and keeps f16', () => {
    expect(switchRuntime('vllm', ['Q4_K_M', 'Q8_0', 'f16'], 'q8_0')).toEqual({
      runtime: 'vllm',
      formats: ['awq-4bit-g128', 'fp8', 'f16'],
      kv: 'f16',
    });
  });

  it('switching to MLX keeps what it loads and falls back to its default format', () => {
    expect(switchRuntime('mlx', ['awq-4bit-g128'], 'fp8')).toEqual({
      runtime: 'mlx',
      formats: ['mlx-4bit'],
      kv: 'f16',
    });
    expect(switchRuntime('mlx', ['bf16', 'mlx-8bit'], 'q4_0')).toEqual({
      runtime: 'mlx',
      formats: ['bf16', 'mlx-8bit'],
      kv: 'q4_0',
    });
  });

  it('greys out what the runtime cannot do and says where it runs', () => {
    const vllm = kvOptions('vllm');
    expect(vllm.find((o) => o.id === 'q4_0')).toEqual({
      id: 'q4_0',
      label: 'q4_0 (llama.cpp, Ollama or Apple MLX)',
      unavailable: 'vLLM has no q4_0 KV cache',
    });
    expect(vllm.find((o) => o.id === 'fp8')?.unavailable).toBeNull();
    expect(familyUnavailable('vllm', 'gguf')).toBe('runs in llama.cpp or Ollama, not vLLM');
    expect(familyUnavailable('llama.cpp', 'awq')).toBe(
      'runs in vLLM, HF transformers, SGLang or TensorRT-LLM, not llama.cpp',
    );
    expect(vendorUnavailable('mlx', 'nvidia')).toBe('not for Apple MLX');
    expect(vendorUnavailable('llama.cpp', 'nvidia')).toBeNull();
  });
});
