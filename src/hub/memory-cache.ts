import type { ByteCache } from './hub-client';

/**
 * Fetched header bytes kept in memory, keyed by URL and range, up to `maxBytes` (oldest out
 * first): switching views or adding the same model twice reads nothing again.
 */
export function memoryCache(maxBytes = 256 * 1024 * 1024, next?: ByteCache): ByteCache {
  const entries = new Map<string, Uint8Array>();
  let total = 0;
  const remember = (key: string, bytes: Uint8Array) => {
    if (bytes.length > maxBytes) return;
    const before = entries.get(key);
    if (before) total -= before.length;
    entries.delete(key);
    entries.set(key, bytes);
    total += bytes.length;
    for (const [k, v] of entries) {
      if (total <= maxBytes) break;
      entries.delete(k);
      total -= v.length;
    }
  };
  return {
    get: async (key) => {
      const hit = entries.get(key);
      if (hit) return hit;
      const below = await next?.get(key);
      if (below) remember(key, below);
      return below;
    },
    put: async (key, bytes) => {
      remember(key, bytes);
      await next?.put(key, bytes);
    },
  };
}
