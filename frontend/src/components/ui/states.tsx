import type { ReactNode } from 'react';

import { ApiError } from '@/lib/api-client';
import { errorMessage } from '@/lib/error-messages';

import { Button } from './button';

/**
 * Asking again cannot find what is not there or fix what was refused; it
 * may help when the server or the network failed, or asked to wait.
 */
function mayHelpToRetry(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;

  return (
    error.status === 0 ||
    error.status === 408 ||
    error.status === 429 ||
    error.status >= 500
  );
}

export function ErrorState({
  title = 'Something went wrong',
  error,
  onRetry,
}: {
  title?: string;
  error: unknown;
  onRetry?: () => void;
}) {
  return (
    <div className="state state--error" role="alert">
      <h2 className="state__title">{title}</h2>
      <p>{errorMessage(error)}</p>
      {onRetry && mayHelpToRetry(error) && (
        <Button variant="secondary" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}

export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="state state--empty">
      <h2 className="state__title">{title}</h2>
      {children && <p>{children}</p>}
      {action}
    </div>
  );
}
