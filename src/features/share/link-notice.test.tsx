// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { LinkNotice } from './link-notice';

afterEach(cleanup);

describe('LinkNotice', () => {
  it('lists what the link could not use and can be dismissed', async () => {
    render(<LinkNotice notices={["Ignored unknown model 'llama-9000'.", "Ignored unknown GPU 'titan-z'."]} />);
    const alert = screen.getByRole('alert');
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      "Ignored unknown model 'llama-9000'.",
      "Ignored unknown GPU 'titan-z'.",
    ]);
    expect(alert.textContent).toContain('Everything else was opened as shared.');
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('renders nothing for a clean link', () => {
    const { container } = render(<LinkNotice notices={[]} />);
    expect(container.innerHTML).toBe('');
  });

  it('shows the first eight of many notices and the rest on request, repeats included', async () => {
    const notices = Array.from({ length: 30 }, (_, i) => `Ignored unknown part 'k${i % 15}=1'.`);
    render(<LinkNotice notices={notices} />);
    expect(screen.getAllByRole('listitem')).toHaveLength(8);
    await userEvent.click(screen.getByRole('button', { name: 'Show 22 more' }));
    expect(screen.getAllByRole('listitem')).toHaveLength(30);
  });
});
