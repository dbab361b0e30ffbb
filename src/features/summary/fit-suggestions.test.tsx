// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_STATE, type ShareState } from '../../url/share-state';
import { buildScenario } from '../../view-models/scenario';
import { summaryView } from '../../view-models/summary-view';
import { VerdictBanner } from './verdict-banner';

afterEach(cleanup);

const viewFor = (pool: string) =>
  summaryView(buildScenario({ ...DEFAULT_STATE, selected: { model: 'llama-3-1-70b', pool } }));

describe('What would make it fit', () => {
  it('adds the published quality cost of a smaller format once its data has loaded', async () => {
    const view = summaryView(
      buildScenario({
        ...DEFAULT_STATE,
        models: ['gemma-3-27b'],
        formats: ['Q8_0'],
        selected: { model: 'gemma-3-27b', pool: 'rtx-4090' },
      }),
    );
    render(<VerdictBanner view={view} onApply={vi.fn()} />);
    expect(
      await screen.findByText(/^6\.56 instead of 8\.50 bits per weight; mean KLD [\d.]+ against 16-bit, measured on /),
    ).toBeTruthy();
  });

  it('offers room to spare for a tight pair', () => {
    const tight = summaryView(
      buildScenario({
        ...DEFAULT_STATE,
        models: ['llama-3-1-8b'],
        formats: ['Q8_0'],
        context: 57344,
        pools: [{ parts: [{ id: 'rtx-4060-ti-16gb', count: 1 }] }],
        selected: { model: 'llama-3-1-8b', pool: 'rtx-4060-ti-16gb' },
      }),
    );
    expect(tight.verdict).toBe('tight');
    render(<VerdictBanner view={tight} onApply={vi.fn()} />);
    expect(screen.getByRole('heading', { name: 'What would leave room to spare' })).toBeTruthy();
  });

  it('lists nothing for a pair that fits', () => {
    render(<VerdictBanner view={viewFor('rtx-4090*2')} onApply={vi.fn()} />);
    expect(screen.queryByTestId('fit-suggestions')).toBeNull();
  });

  it('offers two cards for a 70B on one, with their numbers, and applies it to the link in one click', async () => {
    const onApply = vi.fn<(patch: (current: ShareState) => Partial<ShareState>) => void>();
    render(<VerdictBanner view={viewFor('rtx-4090')} onApply={onApply} />);
    expect(screen.getByRole('heading', { name: 'What would make it fit' })).toBeTruthy();
    expect(screen.getByText(/^\d+\.\d GiB of 48\.0 GiB used, \d+\.\d GiB free, ~[\d.]+ tok\/s$/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Apply: Use 2 × RTX 4090 24 GB' }));
    expect(onApply).toHaveBeenCalledTimes(1);
    const patch = onApply.mock.calls[0]?.[0];
    expect(patch?.(DEFAULT_STATE).selected).toEqual({ model: 'llama-3-1-70b', pool: 'rtx-4090*2' });
  });
});
