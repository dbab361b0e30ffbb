// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TaskSwitch } from './task-switch';

afterEach(cleanup);

describe('TaskSwitch', () => {
  it('is a radio group of the tasks given: click or arrow keys choose the task', async () => {
    const onTask = vi.fn();
    render(<TaskSwitch task="run" tasks={['run', 'serve', 'train']} onTask={onTask} />);
    const run = screen.getByRole('radio', { name: 'Run' });
    expect(run.getAttribute('aria-checked')).toBe('true');
    expect(screen.getByRole('radio', { name: 'Serve' }).getAttribute('aria-checked')).toBe('false');
    expect(screen.getByRole('radio', { name: 'Fine-tune' }).getAttribute('title')).toMatch(/LoRA/);
    await userEvent.click(screen.getByRole('radio', { name: 'Fine-tune' }));
    expect(onTask).toHaveBeenLastCalledWith('train');
    run.focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(onTask).toHaveBeenLastCalledWith('serve');
    // Focus followed to Serve; left goes back to Run, and from Run wraps round to Fine-tune.
    await userEvent.keyboard('{ArrowLeft}');
    expect(onTask).toHaveBeenLastCalledWith('run');
    await userEvent.keyboard('{ArrowLeft}');
    expect(onTask).toHaveBeenLastCalledWith('train');
  });

  it('shows only the tasks it is given', () => {
    render(<TaskSwitch task="train" tasks={['run', 'train']} onTask={() => undefined} />);
    expect(screen.queryByRole('radio', { name: 'Serve' })).toBeNull();
    expect(screen.getByRole('radio', { name: 'Fine-tune' }).getAttribute('aria-checked')).toBe('true');
  });
});
