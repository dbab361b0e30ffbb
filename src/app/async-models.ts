import type { AsyncModels, ModelResolution, ScenarioModel } from '../view-models/scenario';

/**
 * Models the link names that resolve asynchronously (read from the Hugging Face Hub or a file):
 * each is "loading" with a progress line, then ready or failed, while the rest of the page keeps
 * working. The page subscribes to the store and rebuilds its scenario when an entry changes.
 */
export interface AsyncModelSource {
  /** Whether this source reads that link token. */
  readonly matches: (key: string) => boolean;
  /** The token in words while nothing is known yet ("Qwen/Qwen3-32B"). */
  readonly label: (key: string) => string;
  readonly load: (key: string, signal: AbortSignal, progress: (text: string) => void) => Promise<ScenarioModel>;
}

export interface AsyncModelStore {
  /** Starts loading the tokens not yet known and cancels loads no longer wanted. */
  readonly want: (keys: readonly string[]) => void;
  /** Forgets a failed token and loads it again. */
  readonly retry: (key: string) => void;
  readonly resolve: AsyncModels;
  readonly subscribe: (onChange: () => void) => () => void;
  /** Changes whenever an entry does (the store's snapshot for useSyncExternalStore). */
  readonly version: () => number;
}

export function createAsyncModelStore(sources: readonly AsyncModelSource[]): AsyncModelStore {
  const entries = new Map<string, { resolution: ModelResolution; controller: AbortController }>();
  const listeners = new Set<() => void>();
  let version = 0;
  const changed = () => {
    version++;
    for (const l of listeners) l();
  };
  const set = (key: string, controller: AbortController, resolution: ModelResolution) => {
    if (entries.get(key)?.controller !== controller || controller.signal.aborted) return;
    entries.set(key, { resolution, controller });
    changed();
  };
  const start = (key: string, source: AsyncModelSource) => {
    const controller = new AbortController();
    const label = source.label(key);
    entries.set(key, { resolution: { status: 'loading', key, label, progress: 'starting…' }, controller });
    const progress = (text: string) => set(key, controller, { status: 'loading', key, label, progress: text });
    source.load(key, controller.signal, progress).then(
      (model) => set(key, controller, { status: 'ready', model }),
      (e: unknown) =>
        set(key, controller, { status: 'failed', key, label, error: e instanceof Error ? e.message : String(e) }),
    );
  };
  const want = (keys: readonly string[]) => {
    const wanted = new Set(keys);
    let dirty = false;
    for (const [key, entry] of entries) {
      if (wanted.has(key)) continue;
      entry.controller.abort();
      entries.delete(key);
      dirty = true;
    }
    for (const key of wanted) {
      if (entries.has(key)) continue;
      const source = sources.find((s) => s.matches(key));
      if (!source) continue;
      start(key, source);
      dirty = true;
    }
    if (dirty) changed();
  };
  return {
    want,
    retry: (key) => {
      const entry = entries.get(key);
      if (entry?.resolution.status !== 'failed') return;
      entries.delete(key);
      want([...entries.keys(), key]);
    },
    resolve: (key) => entries.get(key)?.resolution,
    subscribe: (onChange) => {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    version: () => version,
  };
}
