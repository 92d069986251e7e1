import { Component, type ErrorInfo, type ReactNode } from 'react';

import { Button } from './ui/button';

type Props = { children: ReactNode; title?: string };
type State = { failed: boolean };

/** Keeps one broken region from taking the whole page down. */
export class ErrorBoundary extends Component<Props, State> {
  state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  render() {
    if (!this.state.failed) return this.props.children;

    return (
      <div className="state state--error" role="alert">
        <h2 className="state__title">
          {this.props.title ?? 'This part of the page failed to load'}
        </h2>
        <p>Please try again. If it keeps happening, reload the page.</p>
        <Button
          variant="secondary"
          onClick={() => this.setState({ failed: false })}
        >
          Try again
        </Button>
      </div>
    );
  }
}
