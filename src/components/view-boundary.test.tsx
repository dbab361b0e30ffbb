// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ViewBoundary } from './view-boundary';

afterEach(cleanup);

function Broken(): never {
  throw new Error('the chart lost its axis');
}

describe('ViewBoundary', () => {
  it('shows the error inside the failing view and keeps the rest of the page', () => {
    // React logs caught render errors; keep the test output clean.
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <>
        <ViewBoundary name="Speed">
          <Broken />
        </ViewBoundary>
        <p>still here</p>
      </>,
    );
    expect(screen.getByRole('alert').textContent).toContain(
      'The Speed view could not be drawn. the chart lost its axis',
    );
    expect(screen.getByText('still here')).toBeTruthy();
    spy.mockRestore();
  });

  it('catches a view model that throws while the view is built (issue 16: the page unmounted)', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const viewModel = (): string => {
      throw new RangeError('toFixed() digits argument must be between 0 and 100');
    };
    const { rerender } = render(
      <ViewBoundary name="verdict" resetKey={1}>
        {() => <p>{viewModel()}</p>}
      </ViewBoundary>,
    );
    expect(screen.getByRole('alert').textContent).toContain('The verdict view could not be drawn. toFixed()');
    // A new configuration tries again.
    rerender(
      <ViewBoundary name="verdict" resetKey={2}>
        {() => <p>fits</p>}
      </ViewBoundary>,
    );
    expect(screen.getByText('fits')).toBeTruthy();
    spy.mockRestore();
  });

  it('cuts a long error message', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <ViewBoundary name="Table">
        {() => {
          throw new Error('x'.repeat(10_000));
        }}
      </ViewBoundary>,
    );
    expect(screen.getByRole('alert').textContent.length).toBeLessThan(400);
    spy.mockRestore();
  });
});
