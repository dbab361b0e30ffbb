import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, reuseUnchanged } from './share-state';

describe('reuseUnchanged', () => {
  it('keeps the identity of every field whose value did not change', () => {
    const previous = { ...DEFAULT_STATE, table: { ...DEFAULT_STATE.table, search: 'llama' } };
    const next = { ...structuredClone(previous), batch: 4 };
    const shared = reuseUnchanged(previous, next);
    expect(shared).toEqual(next);
    expect(shared.table).toBe(previous.table);
    expect(shared.plan).toBe(previous.plan);
    expect(shared.pools).toBe(previous.pools);
    expect(shared.batch).toBe(4);
  });

  it('takes a changed field from the new state', () => {
    const previous = DEFAULT_STATE;
    const table = { ...DEFAULT_STATE.table, sort: [{ id: 'decode' as const, desc: true }] };
    const shared = reuseUnchanged(previous, { ...structuredClone(previous), table });
    expect(shared.table).toBe(table);
    expect(reuseUnchanged(null, previous)).toBe(previous);
  });
});
