// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MODEL_OPTIONS } from '../../view-models/picker-options';
import { ModelPicker } from './model-picker';

afterEach(cleanup);

describe('ModelPicker', () => {
  it('finds models by typing, grouped by family, and adds one with the keyboard', async () => {
    const onChange = vi.fn();
    render(
      <ModelPicker
        options={MODEL_OPTIONS}
        selected={[{ key: 'llama-3-1-8b', label: 'Llama 3.1 8B' }]}
        onChange={onChange}
      />,
    );
    const box = screen.getByRole('combobox');
    await userEvent.type(box, 'mixtral');
    const option = screen.getByRole('option', { name: /Mixtral 8x7B/ });
    expect(option.textContent).toContain('MoE');
    expect(screen.getByRole('group', { name: 'Mixtral' })).toBeTruthy();
    await userEvent.keyboard('{Enter}');
    expect(onChange).toHaveBeenCalledWith(['llama-3-1-8b', 'mixtral-8x7b']);
  });

  it('removes a chosen model but never the last one', async () => {
    const onChange = vi.fn();
    const { rerender } = render(
      <ModelPicker
        options={MODEL_OPTIONS}
        selected={[
          { key: 'llama-3-1-8b', label: 'Llama 3.1 8B' },
          { key: 'qwen2-5-7b', label: 'Qwen2.5 7B' },
        ]}
        onChange={onChange}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Remove Qwen2.5 7B' }));
    expect(onChange).toHaveBeenCalledWith(['llama-3-1-8b']);
    rerender(
      <ModelPicker
        options={MODEL_OPTIONS}
        selected={[{ key: 'llama-3-1-8b', label: 'Llama 3.1 8B' }]}
        onChange={onChange}
      />,
    );
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Remove Llama 3.1 8B' }).disabled).toBe(true);
  });
});

describe('models that load asynchronously', () => {
  it('show their progress while loading and a retry button when they failed', async () => {
    const retry = vi.fn();
    render(
      <ModelPicker
        options={[]}
        selected={[
          { key: 'llama-3-1-8b', label: 'Llama 3.1 8B' },
          { key: 'hf:a/b', label: 'a/b', status: { tone: 'busy', text: 'reading 4 safetensors headers…' } },
          { key: 'hf:c/d', label: 'c/d', status: { tone: 'error', text: 'c/d is gated' }, onRetry: retry },
        ]}
        onChange={() => undefined}
      />,
    );
    const chips = screen.getByRole('list', { name: 'Chosen models' });
    expect(within(chips).getByText('reading 4 safetensors headers…')).toBeTruthy();
    expect(within(chips).getByText('c/d is gated')).toBeTruthy();
    await userEvent.click(within(chips).getByRole('button', { name: 'Retry' }));
    expect(retry).toHaveBeenCalledOnce();
  });
});
