// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContextControl } from './context-control';

afterEach(cleanup);

describe('ContextControl', () => {
  it('says the value in words and takes an exact number', async () => {
    const onChange = vi.fn();
    render(<ContextControl value={8192} max={131072} onChange={onChange} />);
    expect(screen.getByText('8K tokens per sequence')).toBeTruthy();
    const input = screen.getByRole('textbox', { name: 'Context in tokens' });
    await userEvent.clear(input);
    await userEvent.type(input, '12000{Enter}');
    expect(onChange).toHaveBeenCalledWith(12000);
  });

  it('rejects a bad number with a message that names the input and the fix', async () => {
    const onChange = vi.fn();
    render(<ContextControl value={8192} max={131072} onChange={onChange} />);
    const input = screen.getByRole('textbox', { name: 'Context in tokens' });
    await userEvent.clear(input);
    await userEvent.type(input, '-5{Enter}');
    expect(screen.getByRole('alert').textContent).toBe(
      "Context must be a whole number of tokens between 1 and 131,072; got '-5'.",
    );
    expect(onChange).not.toHaveBeenCalled();
  });

  it('moves along a log scale with the slider', () => {
    const onChange = vi.fn();
    render(<ContextControl value={8192} max={131072} onChange={onChange} />);
    const slider = screen.getByRole('slider');
    // jsdom has no keyboard stepping for range inputs; set the half step above 2^13 directly.
    fireEvent.change(slider, { target: { value: '13.5' } });
    expect(onChange).toHaveBeenLastCalledWith(12288);
    fireEvent.change(slider, { target: { value: '17' } });
    expect(onChange).toHaveBeenLastCalledWith(131072);
  });
});
