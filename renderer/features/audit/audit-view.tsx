import { useCallback, useEffect, useState } from 'react';
import type { AuditList } from '../../../shared/containers';
import type { ErrorEnvelope } from '../../../shared/errors';
import { useServices, useStoreState } from '../../lib/services';
import { EmptyState } from '../../components/empty-state';
import { HostFilterSelect } from '../../components/host-filter-select';
import { ErrorNotice } from '../../components/error-notice';
import { Panel } from '../../components/panel';
import { toApiError } from '../../lib/api';
import { formatBytes } from '../../../shared/format';
import { formatTimestamp, pluralize } from '../../lib/format';
import './audit.css';

/** The shared pill tone of each result (components.css). */
const resultTone: Record<AuditList['entries'][number]['result'], 'ok' | 'error' | 'warning'> = {
  ok: 'ok',
  error: 'error',
  partial: 'warning',
  unknown: 'warning',
};

function details(entry: AuditList['entries'][number]): string {
  if (!entry.details) return '';
  return Object.entries(entry.details)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
}

/** The audit log of container actions (newest first), filterable by host. */
export function AuditView() {
  const { api } = useServices();
  const hosts = useStoreState((state) => state.hosts);
  const [hostId, setHostId] = useState('');
  const [list, setList] = useState<AuditList | null>(null);
  const [error, setError] = useState<ErrorEnvelope | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(() => {
    setLoading(true);
    api.invoke('audit:list', { ...(hostId ? { hostId } : {}), limit: 500 }).then(
      (value) => {
        setList(value);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        setError(toApiError(failure).toEnvelope());
        setLoading(false);
      },
    );
  }, [api, hostId]);
  useEffect(load, [load]);

  const entries = list?.entries ?? [];
  return (
    <div className="audit-view">
      <Panel
        title="Audit log"
        className="audit-panel"
        actions={
          list ? (
            <span className="muted">
              Kept: {list.rotation.files} files of at most {formatBytes(list.rotation.maxBytes)} each
            </span>
          ) : null
        }
      >
        <div className="toolbar">
          <HostFilterSelect hosts={hosts} value={hostId} onChange={setHostId} />
          <button type="button" className="button button--small" onClick={load} disabled={loading}>
            {loading ? 'Reading…' : 'Reload'}
          </button>
          <span className="toolbar-count" role="status">
            {list ? pluralize(entries.length, 'entry', 'entries') : ''}
          </span>
        </div>
        {error ? <ErrorNotice error={error} title="The audit log could not be read:" /> : null}
        {list && entries.length === 0 ? (
          <EmptyState title="No actions recorded">
            Container actions (start, stop, remove, …) appear here with who did them and how they ended.
          </EmptyState>
        ) : null}
        {entries.length > 0 ? (
          <div className="audit-scroll">
            <table className="audit-table" aria-label="Audit entries">
              <thead>
                <tr>
                  <th>Time</th>
                  <th>User</th>
                  <th>Host</th>
                  <th>Action</th>
                  <th>Target</th>
                  <th>Result</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry, index) => (
                  <tr key={`${entry.time}-${index}`}>
                    <td className="audit-time">{formatTimestamp(Date.parse(entry.time))}</td>
                    <td>{entry.user}</td>
                    <td>{entry.hostName}</td>
                    <td>
                      <strong>{entry.action}</strong>
                      {entry.details ? <span className="muted mono audit-details"> {details(entry)}</span> : null}
                    </td>
                    <td className="mono audit-targets" title={entry.targets.join('\n')}>
                      {entry.targets.length > 3
                        ? `${entry.targets.slice(0, 3).join(', ')} +${entry.targets.length - 3}`
                        : entry.targets.join(', ')}
                    </td>
                    <td>
                      <span className={`pill audit-result pill--${resultTone[entry.result]}`}>{entry.result}</span>
                      {entry.errorCode ? <code className="error-code">{entry.errorCode}</code> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Panel>
    </div>
  );
}
