// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_STATE } from '../../url/share-state';
import { DEFAULT_TRAINING } from '../../url/training-state';
import { buildScenario } from '../../view-models/scenario';
import TrainingOptions from './training-options';

afterEach(cleanup);

const scenario = buildScenario({
  ...DEFAULT_STATE,
  task: 'train',
  selected: { model: 'llama-3-1-8b', pool: 'rtx-4090' },
});

describe('TrainingOptions', () => {
  it('shows the settings in effect (the framework’s defaults) and writes a choice as a patch', () => {
    const onChange = vi.fn();
    render(<TrainingOptions training={DEFAULT_TRAINING} scenario={scenario} onChange={onChange} />);
    const method = screen.getByRole('combobox', { name: 'Method' });
    expect((method as HTMLSelectElement).value).toBe('lora');
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'LoRA rank' }).value).toBe('8');
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Gradient checkpointing' }).checked).toBe(true);
    fireEvent.change(method, { target: { value: 'qlora' } });
    expect(onChange).toHaveBeenCalledWith({ method: 'qlora' });
    fireEvent.change(screen.getByRole('combobox', { name: 'Framework' }), { target: { value: 'unsloth' } });
    expect(onChange).toHaveBeenCalledWith({ framework: 'unsloth' });
  });

  it('hides the LoRA settings for full fine-tuning', () => {
    render(
      <TrainingOptions training={{ ...DEFAULT_TRAINING, method: 'full' }} scenario={scenario} onChange={vi.fn()} />,
    );
    expect(screen.queryByRole('combobox', { name: 'LoRA rank' })).toBeNull();
  });

  it('takes dataset sizes as 1e8, 100m or 2.5b and explains a bad one', async () => {
    const onChange = vi.fn();
    render(<TrainingOptions training={DEFAULT_TRAINING} scenario={scenario} onChange={onChange} />);
    const box = screen.getByRole('textbox', { name: 'Dataset tokens' });
    await userEvent.clear(box);
    await userEvent.type(box, '2.5b{Enter}');
    expect(onChange).toHaveBeenCalledWith({ datasetTokens: 2.5e9 });
    await userEvent.clear(box);
    await userEvent.type(box, 'lots{Enter}');
    expect(screen.getByRole('alert').textContent).toBe(
      "Dataset tokens must be a number of tokens such as 1e8, 100m or 2.5b, from 1 to 100T; got 'lots'.",
    );
  });
});
