// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_STATE } from '../../url/share-state';
import { buildScenario } from '../../view-models/scenario';
import { summaryView } from '../../view-models/summary-view';
import { VerdictBanner } from './verdict-banner';

afterEach(cleanup);

describe('VerdictBanner', () => {
  const view = summaryView(
    buildScenario({ ...DEFAULT_STATE, selected: { model: 'llama-3-1-70b', pool: 'rtx-4090*2' } }),
  );

  it('states the selected pair and its verdict in one line', () => {
    render(<VerdictBanner view={view} />);
    expect(screen.getByRole('heading', { name: 'Llama 3.1 70B · Q4_K_M · 8K ctx on 2 × RTX 4090 24 GB' })).toBeTruthy();
    expect(
      screen.getByText(
        /^fits, \d+\.\d GiB to spare, ~\d+(\.\d)? tok\/s \([\d.]+–[\d.]+\) with the context full, ~\d+(\.\d)? tok\/s at the start$/,
      ),
    ).toBeTruthy();
  });

  it('shows a published measurement next to the estimate when one exists for the exact configuration', async () => {
    const measured = summaryView(
      buildScenario({ ...DEFAULT_STATE, models: ['llama-3-8b'], selected: { model: 'llama-3-8b', pool: 'rtx-4090' } }),
    );
    render(<VerdictBanner view={measured} />);
    await screen.findByRole('link', { name: 'source' });
    expect(screen.getByTestId('verdict-sentence').textContent).toMatch(
      /measured 131 tok\/s \(tg512, .*2024-05\) source/,
    );
    expect(screen.getByRole('link', { name: 'source' }).getAttribute('href')).toMatch(/^https:/);
  });

  it('opens the formula behind a number with the values filled in, and closes on Escape', async () => {
    render(<VerdictBanner view={view} />);
    await userEvent.click(screen.getByRole('button', { name: 'How is kv cache computed?' }));
    const note = screen.getByRole('note');
    expect(note.textContent).toContain('2 × 80 × 8 × 128 × cells');
    expect(note.textContent).toContain('8,192');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('note')).toBeNull();
  });
});
