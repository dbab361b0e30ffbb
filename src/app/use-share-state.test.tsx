// @vitest-environment jsdom
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useShareState } from './use-share-state';

afterEach(cleanup);

describe('history entries of link changes', () => {
  it('pushes the first change after load, even at once, so Back returns to the opening view', () => {
    const start = window.history.length;
    const { result } = renderHook(() => useShareState());
    act(() => result.current.update({ selected: { model: 'llama-3-1-70b', pool: 'rtx-4090*2' } }));
    act(() => result.current.update({ context: 32768 }));
    act(() => result.current.update({ view: 'speed' }));
    // Three different controls within a few milliseconds: three entries.
    expect(window.history.length).toBe(start + 3);
    expect(result.current.state.view).toBe('speed');
  });

  it('folds a burst of changes to one control into one entry', () => {
    const { result } = renderHook(() => useShareState());
    act(() => result.current.update({ view: 'table' }));
    const afterFirst = window.history.length;
    for (const context of [1024, 2048, 4096, 8192, 16384]) act(() => result.current.update({ context }));
    expect(window.history.length).toBe(afterFirst + 1);
    expect(result.current.state.context).toBe(16384);
  });
});
