// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
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
        selected={[{ key: 'llama-3-1-8b', name: 'Llama 3.1 8B' }]}
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
          { key: 'llama-3-1-8b', name: 'Llama 3.1 8B' },
          { key: 'qwen2-5-7b', name: 'Qwen2.5 7B' },
        ]}
        onChange={onChange}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Remove Qwen2.5 7B' }));
    expect(onChange).toHaveBeenCalledWith(['llama-3-1-8b']);
    rerender(
      <ModelPicker
        options={MODEL_OPTIONS}
        selected={[{ key: 'llama-3-1-8b', name: 'Llama 3.1 8B' }]}
        onChange={onChange}
      />,
    );
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Remove Llama 3.1 8B' }).disabled).toBe(true);
  });
});
