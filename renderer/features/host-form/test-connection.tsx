import type { TestConnectionResult } from '../../../shared/contract';
import type { ErrorEnvelope } from '../../../shared/errors';
import { ErrorNotice } from '../../components/error-notice';
import { Spinner } from '../../components/spinner';
import { errorHeadline } from '../../lib/error-headline';

/** What 'hosts:test' answered: the daemon's version, or the specific error. */
export function TestConnectionOutcome({
  pending,
  result,
  error,
}: {
  pending: boolean;
  result: TestConnectionResult | null;
  error: ErrorEnvelope | null;
}) {
  if (pending) {
    return (
      <p className="test-outcome">
        <Spinner label="Testing connection" /> Testing connection…
      </p>
    );
  }
  if (error) return <ErrorNotice error={error} title={`Connection failed: ${errorHeadline(error.code).toLowerCase()}`} />;
  if (!result) return null;
  return (
    <div className="notice notice--ok" role="status" aria-label="Connection test result">
      <div className="notice-title">Connected</div>
      <p className="notice-body">
        Docker Engine <strong className="mono">{result.serverVersion}</strong> (API <span className="mono">{result.apiVersion}</span>)
        {result.os ? ` on ${result.os}` : ''}
        {result.driver ? (
          <>
            , storage driver <span className="mono">{result.driver}</span>
          </>
        ) : null}
        .
      </p>
    </div>
  );
}
