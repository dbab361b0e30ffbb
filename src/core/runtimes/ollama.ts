import { usableBytes, type Device } from '../devices';
import { LLAMA_CPP } from './llama-cpp';
import type { RuntimeProfile } from './profile';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

/**
 * Ollama's default context (num_ctx) when neither the request, the Modelfile nor
 * OLLAMA_CONTEXT_LENGTH sets one: tiered by the GPUs' total memory, 262,144 from 47 GiB, 32,768
 * from 23 GiB, else 4,096 (server/routes.go since v0.15.5; docs/context-length.mdx), and capped at
 * the model's training context by the scheduler (server/sched.go).
 */
export function ollamaDefaultContext(devices: readonly Device[]): number {
  let total = 0;
  for (const d of devices) total += usableBytes(d, 1);
  return total >= 47 * GiB ? 262_144 : total >= 23 * GiB ? 32_768 : 4_096;
}

/**
 * Ollama as a preset of llama.cpp: since v0.30 it runs GGUF models only on upstream llama-server
 * (https://github.com/ollama/ollama/commit/9db4bdbad6a4981ad761aa2b603e69e8fb83212c), so memory
 * layout, speed and its calibration are llama.cpp's; what differs is its defaults
 * (https://github.com/ollama/ollama/blob/fb30760996871fa9460115c753afd2c60d4ab0f7): one request
 * at a time (OLLAMA_NUM_PARALLEL 1, envconfig/config.go), flash attention auto and an f16 KV
 * cache (llm/llama_server.go passes no cache-type flags), no user control over where experts go
 * (it lets llama-server fit the model), 457 MiB per GPU set aside for context structures, 512 MiB
 * on Metal (ml/device.go, MinimumMemory), the context tiered by GPU memory, and library tags at
 * Q4_K_M (docs/api.md lists llama3.2:latest and deepseek-r1:latest as Q4_K_M; gpt-oss ships MXFP4).
 */
export const OLLAMA = {
  ...LLAMA_CPP,
  id: 'ollama',
  label: 'Ollama',
  aliases: [],
  source: 'https://github.com/ollama/ollama',
  deviceOverheadBytes: (vendor) => (vendor === 'apple' ? 512 * MiB : vendor === 'cpu' ? 0 : 457 * MiB),
  expertOffload: false,
  speedOf: 'llama.cpp',
  defaultContextTokens: ollamaDefaultContext,
  // The scheduler caps num_ctx at the GGUF's context_length (server/sched.go): no flag extends it.
  ropeScalingHow: () =>
    "Ollama caps num_ctx at the GGUF's context_length, so it needs a GGUF whose metadata carries the scaled window",
} as const satisfies RuntimeProfile;
