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
});
