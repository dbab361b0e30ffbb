import type { ByteCache } from '../hub/hub-client';

/**
 * Header bytes kept across reloads in the browser's Cache API, keyed by URL and range: every
 * address cached is at a fixed commit, so an entry never goes stale. Where the Cache API is
 * missing (an insecure origin, some private windows) nothing is kept beyond the memory cache.
 */
const NAME = 'headroom-hub-headers-v1';

export function browserByteCache(): ByteCache | undefined {
  if (typeof caches === 'undefined') return undefined;
  // Cache keys must be http(s) URLs: the key is the fetched URL with the range as a fragment-free query.
  const request = (key: string) => `https://headroom.cache/${encodeURIComponent(key)}`;
  return {
    get: async (key) => {
      try {
        const store = await caches.open(NAME);
        const hit = await store.match(request(key));
        return hit ? new Uint8Array(await hit.arrayBuffer()) : undefined;
      } catch {
        return undefined;
      }
    },
    put: async (key, bytes) => {
      try {
        const store = await caches.open(NAME);
        await store.put(request(key), new Response(new Uint8Array(bytes)));
      } catch {
        // Quota or an unavailable cache: the memory cache still holds the bytes.
      }
    },
  };
}
