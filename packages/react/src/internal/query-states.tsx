'use client';
import type { ReactNode } from 'react';

/** Loading placeholder: announced once to screen readers, shaped like what is coming. */
export function Skeleton({
  label,
  rows = 3,
  className,
}: {
  label: string;
  rows?: number;
  className?: string;
}) {
  return (
    <div role="status" aria-live="polite" className={['bk-skeleton', className].filter(Boolean).join(' ')}>
      <span className="bk-visually-hidden">{label}</span>
      {Array.from({ length: rows }, (_, row) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity
        <span key={row} aria-hidden="true" className="bk-skeleton__row" />
      ))}
    </div>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div role="alert" className="bk-error">
      <p className="bk-error__message">{message}</p>
      <button type="button" className="bk-button" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="bk-empty">{children}</p>;
}
