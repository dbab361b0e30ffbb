import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE } from '../url/share-state';
import { buildScenario, resolveModel, type ScenarioModel } from '../view-models/scenario';
import { createAsyncModelStore, type AsyncModelSource } from './async-models';

/** A source whose loads finish when the test says so. */
function fakeSource() {
  const pending = new Map<
    string,
    { resolve: (m: ScenarioModel) => void; reject: (e: Error) => void; signal: AbortSignal }
  >();
  const source: AsyncModelSource = {
    matches: (key) => key.startsWith('fake:'),
    label: (key) => key.slice(5),
    load: (key, signal, progress) =>
      new Promise((resolve, reject) => {
        progress('reading 2 headers…');
        pending.set(key, { resolve, reject, signal });
      }),
  };
  return { source, pending };
}

const flush = () => new Promise((r) => setTimeout(r, 0));
const llama = resolveModel('llama-3-1-8b', null);

describe('asynchronously resolved models', () => {
  it('are loading, then ready, while the other models of the link are already shown', async () => {
    const { source, pending } = fakeSource();
    const store = createAsyncModelStore([source]);
    const state = { ...DEFAULT_STATE, models: ['qwen2-5-7b', 'fake:org/model'] };
    store.want(state.models);
    const loading = buildScenario(state, store.resolve);
    expect(loading.models.map((m) => m.key)).toEqual(['qwen2-5-7b']);
    expect(loading.pendingModels).toEqual([
      { key: 'fake:org/model', label: 'org/model', status: 'loading', progress: 'reading 2 headers…' },
    ]);
    if (!llama) throw new Error('catalogue changed');
    pending.get('fake:org/model')?.resolve({ ...llama, key: 'fake:org/model', name: 'Org Model' });
    await flush();
    const ready = buildScenario(state, store.resolve);
    expect(ready.models.map((m) => m.name)).toEqual(['Qwen2.5 7B', 'Org Model']);
    expect(ready.pendingModels).toEqual([]);
  });

  it('report a failure in words and can be retried', async () => {
    const { source, pending } = fakeSource();
    const store = createAsyncModelStore([source]);
    store.want(['fake:gated/repo']);
    pending.get('fake:gated/repo')?.reject(new Error('gated/repo is gated: paste a read token'));
    await flush();
    expect(store.resolve('fake:gated/repo')).toMatchObject({ status: 'failed', error: /gated/ });
    const before = store.version();
    store.retry('fake:gated/repo');
    expect(store.version()).toBeGreaterThan(before);
    expect(store.resolve('fake:gated/repo')).toMatchObject({ status: 'loading' });
  });

  it('cancel a load whose model was removed, and ignore its late answer', async () => {
    const { source, pending } = fakeSource();
    const store = createAsyncModelStore([source]);
    store.want(['fake:a', 'fake:b']);
    const a = pending.get('fake:a');
    store.want(['fake:b']);
    expect(a?.signal.aborted).toBe(true);
    if (llama) a?.resolve({ ...llama, key: 'fake:a' });
    await flush();
    expect(store.resolve('fake:a')).toBeUndefined();
  });
});
