import type { PruneResult } from '../../../shared/cleanup';
import { formatBytes } from '../../lib/format';

const SHOWN = 20;

/** What the daemon reported removing and reclaiming, beside what the preview said; or, after a dropped connection, that nobody knows. */
export function PruneResultView({ result }: { result: PruneResult }) {
  const previewText = `preview: ${result.preview.count} · ${formatBytes(result.preview.bytes)}`;
  if (result.outcome === 'unknown') {
    return (
      <div className="prune-result prune-result--unknown" role="status" aria-label="Prune result">
        <div className="prune-result-head">
          <strong>Outcome unknown</strong> <code className="error-code">{result.error.code}</code>
          <span className="muted">{previewText}</span>
        </div>
        <p>{result.error.message}</p>
        {result.after ? (
          <p>
            Read again after the host answered: <strong>{result.after.count}</strong> left ({formatBytes(result.after.bytes)}).
          </p>
        ) : (
          <p className="muted">Not read again: {result.afterError?.message ?? 'the host did not answer.'}</p>
        )}
      </div>
    );
  }
  const { report } = result;
  // Containers come back as ids: name them from the preview when it listed them.
  const names = new Map(result.preview.items.map((item) => [item.id, item.name]));
  return (
    <div className="prune-result prune-result--done" role="status" aria-label="Prune result">
      <div className="prune-result-head">
        <strong>
          Daemon removed {report.removedCount}
          {report.reclaimedBytes !== null ? ` · reclaimed ${formatBytes(report.reclaimedBytes)}` : ''}
        </strong>
        <span className="muted">{previewText}</span>
      </div>
      {report.removed.length > 0 ? (
        <ul className="prune-removed mono" aria-label="Removed">
          {report.removed.slice(0, SHOWN).map((item) => (
            <li key={item} title={item}>
              {names.get(item) ?? item}
            </li>
          ))}
          {report.removedCount > SHOWN ? <li className="muted">… and {report.removedCount - SHOWN} more</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
