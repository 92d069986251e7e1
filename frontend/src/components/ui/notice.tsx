import type { ReactNode } from 'react';

type Props = {
  tone?: 'info' | 'success' | 'warning' | 'error';
  title?: string;
  children: ReactNode;
  onDismiss?: () => void;
};

export function Notice({ tone = 'info', title, children, onDismiss }: Props) {
  const urgent = tone === 'error' || tone === 'warning';

  return (
    <div
      className={`notice notice--${tone}`}
      role={urgent ? 'alert' : 'status'}
    >
      <div className="notice__body">
        {title && <strong className="notice__title">{title}</strong>}
        <div>{children}</div>
      </div>
      {onDismiss && (
        <button
          type="button"
          className="notice__dismiss"
          onClick={onDismiss}
          aria-label="Dismiss message"
        >
          ×
        </button>
      )}
    </div>
  );
}
