import { describe, expect, it } from 'vitest';
import { estimate } from '../estimate';
import { weightFormatById } from '../formats/weight-formats';
import { LLAMA_3_8B } from '../test-architectures';
import { M2_ULTRA_192, RTX_4090 } from '../test-devices';
import { ollamaDefaultContext } from './ollama';
import { RUNTIMES } from './registry';

const GiB = 1024 ** 3;

describe('Ollama, a preset of llama.cpp', () => {
  it('gives 4K, 32K or 256K of context by the GPUs’ memory (47 and 23 GiB steps)', () => {
    expect(ollamaDefaultContext([{ ...RTX_4090, memoryBytes: 16 * GiB }])).toBe(4096);
    expect(ollamaDefaultContext([RTX_4090])).toBe(32768);
    expect(ollamaDefaultContext([RTX_4090, RTX_4090])).toBe(262144);
    // A Mac counts the share Metal lets the GPU wire: 3/4 of 192 GB.
    expect(ollamaDefaultContext([M2_ULTRA_192])).toBe(262144);
  });

  it('estimates as llama.cpp does, with its 457 MiB per GPU and no expert offload', () => {
    const format = weightFormatById('Q4_K_M');
    if (!format) throw new Error('no Q4_K_M');
    const input = {
      arch: LLAMA_3_8B,
      format,
      contextTokens: 8192,
      sequences: 1,
      kvCacheType: 'f16' as const,
      devices: [RTX_4090],
    };
    const ollama = estimate({ ...input, runtime: 'ollama' });
    const llama = estimate({ ...input, runtime: 'llama.cpp' });
    if (!ollama.ok || !llama.ok) throw new Error('not estimated');
    expect(ollama.value.memory.kvCacheBytes).toBe(llama.value.memory.kvCacheBytes);
    expect(ollama.value.memory.overheadBytes).toBe(457 * 1024 ** 2);
    expect(ollama.value.speed.decodeTokensPerSecond).toBe(llama.value.speed.decodeTokensPerSecond);
    expect(RUNTIMES.ollama.expertOffload).toBe(false);
  });
});
