// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TaskSwitch } from './task-switch';

afterEach(cleanup);

describe('TaskSwitch', () => {
  it('shows the implemented tasks, the current one pressed, and reports a choice', () => {
    const onTask = vi.fn();
    render(<TaskSwitch task="run" tasks={['run', 'train']} onTask={onTask} />);
    const run = screen.getByRole('button', { name: /Run/ });
    const train = screen.getByRole('button', { name: /Fine-tune/ });
    expect(run.getAttribute('aria-pressed')).toBe('true');
    expect(train.getAttribute('aria-pressed')).toBe('false');
    expect(screen.queryByRole('button', { name: /Serve/ })).toBeNull();
    fireEvent.click(train);
    expect(onTask).toHaveBeenCalledWith('train');
  });
});
