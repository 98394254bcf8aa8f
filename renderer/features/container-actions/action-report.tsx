import { pluralize } from '../../lib/format';
import { ACTION_LABELS, type ActionTarget } from './action-model';
import type { ActionReport } from './use-container-actions';

/** What the last action did, next to its buttons: one line for success, each failure named. */
export function ActionReportView({
  report,
  targets,
  onDismiss,
}: {
  report: ActionReport;
  targets: readonly ActionTarget[];
  onDismiss: () => void;
}) {
  const label = ACTION_LABELS[report.action];
  if (report.state === 'running') {
    return (
      <div className="action-report" role="status" aria-live="polite">
        {label}: {pluralize(report.count, 'container')}…
      </div>
    );
  }
  if (report.state === 'failed') {
    return (
      <div className="action-report action-report--error" role="alert">
        <span>
          {label} refused: <code className="error-code">{report.error.code}</code> {report.error.message}
        </span>
        <button type="button" className="link-button" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    );
  }
  const failures = report.outcomes.filter((outcome) => !outcome.ok);
  const nameOf = (id: string, name?: string) => name ?? targets.find((target) => target.id === id)?.name ?? id.slice(0, 12);
  return (
    <div
      className={`action-report${failures.length > 0 ? ' action-report--error' : ' action-report--ok'}`}
      role={failures.length > 0 ? 'alert' : 'status'}
    >
      <span>
        {label}: {pluralize(report.outcomes.length - failures.length, 'container')} done
        {failures.length > 0 ? `, ${failures.length} failed` : ''}.
      </span>
      {failures.length > 0 ? (
        <ul className="action-failures">
          {failures.map((outcome) =>
            outcome.ok ? null : (
              <li key={outcome.containerId}>
                <strong>{nameOf(outcome.containerId, outcome.name)}</strong>: <code className="error-code">{outcome.error.code}</code>{' '}
                {outcome.error.message}
              </li>
            ),
          )}
        </ul>
      ) : null}
      <button type="button" className="link-button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
