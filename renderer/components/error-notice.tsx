import type { ReactNode } from 'react';
import type { ErrorEnvelope } from '../../shared/errors';
import { errorHeadline } from '../lib/error-headline';

/**
 * An error: a plain sentence as the headline (the caller's title, else one for the code), the
 * code small beside it (for support and docs), and the message that says what to do.
 */
export function ErrorNotice({ error, title, children }: { error: ErrorEnvelope; title?: string; children?: ReactNode }) {
  return (
    <div className="notice notice--error" role="alert">
      <div className="notice-title">
        {title ?? errorHeadline(error.code)} <code className="error-code">{error.code}</code>
      </div>
      <p className="notice-body">{error.message}</p>
      {children}
    </div>
  );
}
