import { Component, type ReactNode } from 'react';
import { cutCodePoints } from '../core/input-text';

interface State {
  readonly error: Error | null;
}

/**
 * The last line of defence around the page shell: every part has its own boundary, so this only
 * shows if the shell itself fails, and then offers the page without the link's settings.
 */
export class PageBoundary extends Component<{ readonly children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="view-error page-error" role="alert">
        <strong>Headroom could not show this page.</strong> {cutCodePoints(error.message, 200)}.{' '}
        <a href={typeof window === 'undefined' ? './' : window.location.pathname}>
          Open it without this link&apos;s settings
        </a>
        .
      </div>
    );
  }
}
