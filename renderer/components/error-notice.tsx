import type { ReactNode } from 'react';
import type { ErrorEnvelope } from '../../shared/errors';

/** An error with its code (for support and docs) and the message that says what to do. */
export function ErrorNotice({ error, title, children }: { error: ErrorEnvelope; title?: string; children?: ReactNode }) {
  return (
    <div className="notice notice--error" role="alert">
      <div className="notice-title">
        {title ? `${title} ` : ''}
        <code className="error-code">{error.code}</code>
      </div>
      <p className="notice-body">{error.message}</p>
      {children}
    </div>
  );
}
