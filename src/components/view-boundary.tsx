import { Component, memo, type ReactNode } from 'react';
import { cutCodePoints } from '../core/input-text';

interface Props {
  /** What the part of the page is called in the message: "Speed", "configuration". */
  readonly name: string;
  /**
   * The part itself, or a function that builds it: a function runs while rendering inside the
   * boundary, so an error in the view model it calls is caught here too (computed in the parent,
   * it would unmount the whole page).
   */
  readonly children: ReactNode | (() => ReactNode);
  /** When this changes, a part that failed is tried again (a new configuration may fix it). */
  readonly resetKey?: unknown;
}

interface State {
  readonly error: Error | null;
}

/** Calls `render` as a child of the boundary; memoised so an unchanged function is not re-run. */
const Derived = memo(function Derived({ render }: { readonly render: () => ReactNode }) {
  return render();
});

const MESSAGE_LIMIT = 200;

/** An error in one part of the page shows a message in that part; the rest of the page keeps working. */
export class ViewBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidUpdate(previous: Props): void {
    if (this.state.error && previous.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override render() {
    const { error } = this.state;
    if (error) {
      const message = cutCodePoints(error.message, MESSAGE_LIMIT);
      return (
        <div className="view-error" role="alert">
          <strong>The {this.props.name} view could not be drawn.</strong>{' '}
          {message.length < error.message.length ? `${message}…` : message}. The rest of the page still works; changing
          the configuration may fix it.
        </div>
      );
    }
    const { children } = this.props;
    return typeof children === 'function' ? <Derived render={children} /> : children;
  }
}
