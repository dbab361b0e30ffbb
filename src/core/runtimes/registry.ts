import { EXLLAMAV2 } from './exllamav2';
import { LLAMA_CPP } from './llama-cpp';
import { MLX } from './mlx';
import { SGLANG } from './sglang';
import { TENSORRT_LLM } from './tensorrt-llm';
import { OLLAMA } from './ollama';
import type { RuntimeProfile } from './profile';
import { TRANSFORMERS } from './transformers';
import { VLLM } from './vllm';

/** Every engine the estimator knows, in the order pickers list them. A new engine is added here. */
const PROFILES = [LLAMA_CPP, OLLAMA, VLLM, TRANSFORMERS, MLX, EXLLAMAV2, SGLANG, TENSORRT_LLM] as const;

export type RuntimeId = (typeof PROFILES)[number]['id'];

export const RUNTIME_PROFILES: readonly RuntimeProfile[] = PROFILES;

export const RUNTIME_IDS: readonly RuntimeId[] = PROFILES.map((p) => p.id);

export const RUNTIMES: Readonly<Record<RuntimeId, RuntimeProfile>> = (() => {
  const out = {} as Record<RuntimeId, RuntimeProfile>;
  for (const p of PROFILES) out[p.id] = p;
  return out;
})();

export function isRuntimeId(name: string): name is RuntimeId {
  return Object.hasOwn(RUNTIMES, name);
}

/** The runtime a user means by a name: its id or an alias, in any case; null if none. */
export function runtimeByName(name: string): RuntimeId | null {
  const key = name.trim().toLowerCase();
  const found = PROFILES.find((p) => p.id === key || (p.aliases as readonly string[]).includes(key));
  return found ? found.id : null;
}

/** A profile by id, or the profile itself (tests and callers may bring their own). */
export function runtimeProfile(runtime: RuntimeId | RuntimeProfile): RuntimeProfile {
  return typeof runtime === 'string' ? RUNTIMES[runtime] : runtime;
}
