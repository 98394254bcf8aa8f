import type { Alert } from '../../../shared/alerts-contract';
import { formatTimestamp } from '../../lib/format';

const severityLabel: Record<Alert['severity'], string> = { info: 'Info', warning: 'Warning', critical: 'Critical' };

/** The alerts as rows: severity, time, title and message, and an Acknowledge button while open. */
export function AlertList({ alerts, onAcknowledge }: { alerts: readonly Alert[]; onAcknowledge: (id: string) => void }) {
  return (
    <ul className="alert-list" aria-label="Alerts">
      {alerts.map((alert) => (
        <li key={alert.id} className={`alert-item alert-item--${alert.severity}${alert.acknowledgedAt ? ' alert-item--acknowledged' : ''}`}>
          <span className={`alert-severity alert-severity--${alert.severity}`}>{severityLabel[alert.severity]}</span>
          <div className="alert-text">
            <div className="alert-title">{alert.title}</div>
            <div className="alert-message muted">{alert.message}</div>
          </div>
          <time className="alert-time muted" dateTime={new Date(alert.at).toISOString()}>
            {formatTimestamp(alert.at)}
          </time>
          {alert.acknowledgedAt ? (
            <span className="alert-acknowledged muted">Acknowledged</span>
          ) : (
            <button type="button" className="button button--small" onClick={() => onAcknowledge(alert.id)}>
              Acknowledge
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
