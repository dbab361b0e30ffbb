// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MODEL_OPTIONS } from '../../view-models/picker-options';
import { ModelPicker } from './model-picker';

afterEach(cleanup);

describe('ModelPicker with the Hugging Face Hub', () => {
  const chosen = [{ key: 'llama-3-1-8b', label: 'Llama 3.1 8B' }];

  it('offers a pasted repo id or link as a Hub model and reads it on Enter', async () => {
    const onHub = vi.fn();
    const onChange = vi.fn();
    render(<ModelPicker options={MODEL_OPTIONS} selected={chosen} onChange={onChange} onHub={onHub} />);
    const box = screen.getByRole('combobox');
    await userEvent.type(box, 'https://hf.co/unsloth/Qwen3-30B-A3B-GGUF/blob/main/Qwen3-30B-A3B-Q4_K_M.gguf');
    expect(
      screen.getByRole('option', {
        name: /Read unsloth\/Qwen3-30B-A3B-GGUF · Qwen3-30B-A3B-Q4_K_M\.gguf @ main from the Hugging Face Hub/,
      }),
    ).toBeTruthy();
    await userEvent.keyboard('{Enter}');
    expect(onHub).toHaveBeenCalledWith({
      repo: 'unsloth/Qwen3-30B-A3B-GGUF',
      revision: 'main',
      file: 'Qwen3-30B-A3B-Q4_K_M.gguf',
      quant: null,
    });
    expect(onChange).not.toHaveBeenCalled();
  });

  it('reads <repo>:Q4_K_M as a quant, and names a link that is not the Hub', async () => {
    const onHub = vi.fn();
    render(<ModelPicker options={MODEL_OPTIONS} selected={chosen} onChange={vi.fn()} onHub={onHub} />);
    const box = screen.getByRole('combobox');
    await userEvent.type(box, 'bartowski/Some-Model-GGUF:Q4_K_M{Enter}');
    expect(onHub).toHaveBeenCalledWith({
      repo: 'bartowski/Some-Model-GGUF',
      revision: null,
      file: null,
      quant: 'Q4_K_M',
    });
    await userEvent.type(box, 'https://example.com/a/b');
    expect(screen.getByRole('status').textContent).toMatch(/example.com is not the Hugging Face Hub/);
  });

  it('search text still searches the catalogue', async () => {
    render(<ModelPicker options={MODEL_OPTIONS} selected={chosen} onChange={vi.fn()} onHub={vi.fn()} />);
    await userEvent.type(screen.getByRole('combobox'), 'mixtral');
    expect(screen.queryByRole('option', { name: /Hugging Face Hub/ })).toBeNull();
    expect(screen.getByRole('option', { name: /Mixtral 8x7B/ })).toBeTruthy();
  });
});
