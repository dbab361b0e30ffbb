import { Component, type ReactNode } from 'react';

interface Props {
  readonly name: string;
  readonly children: ReactNode;
}

interface State {
  readonly error: Error | null;
}

/** An error in one view shows a message in that view; the rest of the page keeps working. */
export class ViewBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override render() {
    if (this.state.error) {
      return (
        <div className="view-error" role="alert">
          <strong>The {this.props.name} view could not be drawn.</strong> {this.state.error.message}. The rest of the
          page still works; changing the configuration may fix it.
        </div>
      );
    }
    return this.props.children;
  }
}
