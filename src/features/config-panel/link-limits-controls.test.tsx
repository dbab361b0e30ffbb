// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_MODELS, MAX_POOLS } from '../../url/link-limits';
import { GPU_OPTIONS, MODEL_OPTIONS } from '../../view-models/picker-options';
import { CustomModelForm } from './custom-model-form';
import { GpuPicker } from './gpu-picker';
import { ModelPicker } from './model-picker';

afterEach(cleanup);

/** Issue 16: a 61st model from the picker did nothing; controls now say where a link's limits are. */
describe('controls at the link limits', () => {
  it('the model picker stops at 60 models and says why', () => {
    const selected = MODEL_OPTIONS.slice(0, MAX_MODELS).map((o) => ({ key: o.key, label: o.name }));
    render(<ModelPicker options={MODEL_OPTIONS} selected={selected} onChange={vi.fn()} />);
    expect(screen.getByRole<HTMLInputElement>('combobox').disabled).toBe(true);
    expect(screen.getByText('A link carries at most 60 models; remove one to add another.')).toBeTruthy();
  });

  it('the GPU picker stops at 60 configurations and at 64 GPUs in one pool', async () => {
    const pools = Array.from({ length: MAX_POOLS }, (_, i) => ({ key: `pool-${i}`, label: `Pool ${i}` }));
    const onAdd = vi.fn();
    const { rerender } = render(
      <GpuPicker options={GPU_OPTIONS} unavailable={() => null} pools={pools} onAdd={onAdd} onRemove={vi.fn()} />,
    );
    expect(screen.getByText(/A link carries at most 60 GPU configurations/)).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Add configuration' }).disabled).toBe(true);
    rerender(<GpuPicker options={GPU_OPTIONS} unavailable={() => null} pools={[]} onAdd={onAdd} onRemove={vi.fn()} />);
    // 8 GPUs at a time: the ninth mix would make 72.
    await userEvent.selectOptions(screen.getByLabelText('Count'), '8');
    for (let i = 0; i < 8; i++) await userEvent.click(screen.getByRole('button', { name: '+ mix with another GPU' }));
    expect(screen.getByText('A pool holds at most 64 GPUs; this one would have 72.')).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Add mixed pool' }).disabled).toBe(true);
    expect(onAdd).not.toHaveBeenCalled();
  });

  it('the custom model form refuses sizes a link cannot carry and writes the link spelling', async () => {
    const onAddSize = vi.fn();
    render(<CustomModelForm onAddSize={onAddSize} onAddConfig={vi.fn()} />);
    const box = screen.getByLabelText('Parameter count');
    await userEvent.type(box, '0b{Enter}');
    expect(screen.getByRole('alert').textContent).toBe(
      "Enter a size such as 7b, 13b or 1.5t (from 100M to 10T); got '0b'.",
    );
    await userEvent.clear(box);
    await userEvent.type(box, '7.50 B{Enter}');
    expect(onAddSize).toHaveBeenCalledWith('7.5b');
  });

  it('the custom model form says when the link is full', async () => {
    const onAddSize = vi.fn();
    render(<CustomModelForm onAddSize={onAddSize} onAddConfig={vi.fn()} full="A link carries at most 60 models." />);
    await userEvent.type(screen.getByLabelText('Parameter count'), '7b{Enter}');
    expect(screen.getByRole('alert').textContent).toBe('A link carries at most 60 models.');
    expect(onAddSize).not.toHaveBeenCalled();
  });
});
