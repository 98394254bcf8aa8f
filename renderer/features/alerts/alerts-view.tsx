import { useCallback, useEffect, useState } from 'react';
import type { Alert, AlertSettings } from '../../../shared/alerts-contract';
import type { ErrorEnvelope } from '../../../shared/errors';
import { EmptyState } from '../../components/empty-state';
import { HostFilterSelect } from '../../components/host-filter-select';
import { ErrorNotice } from '../../components/error-notice';
import { Panel } from '../../components/panel';
import { toApiError } from '../../lib/api';
import { pluralize } from '../../lib/format';
import { useServices, useStoreState } from '../../lib/services';
import { AlertList } from './alert-list';
import { AlertSettingsForm } from './alert-settings-form';
import './alerts.css';

/** The alerts list with history and acknowledge, and the rules and delivery settings beside it. */
export function AlertsView() {
  const { api } = useServices();
  const hosts = useStoreState((state) => state.hosts);
  const shell = useStoreState((state) => state.appInfo?.shell);
  const [hostId, setHostId] = useState('');
  const [openOnly, setOpenOnly] = useState(false);
  const [alerts, setAlerts] = useState<Alert[] | null>(null);
  const [unacknowledged, setUnacknowledged] = useState(0);
  const [settings, setSettings] = useState<AlertSettings | null>(null);
  const [error, setError] = useState<ErrorEnvelope | null>(null);

  const load = useCallback(() => {
    api.invoke('alerts:list', { ...(hostId !== '' && { hostId }), unacknowledgedOnly: openOnly, limit: 500 }).then(
      (list) => {
        setAlerts(list.alerts);
        setUnacknowledged(list.unacknowledged);
        setError(null);
      },
      (failure: unknown) => setError(toApiError(failure).toEnvelope()),
    );
  }, [api, hostId, openOnly]);
  useEffect(load, [load]);
  useEffect(() => {
    api.invoke('alerts:settings', {}).then(setSettings, (failure: unknown) => setError(toApiError(failure).toEnvelope()));
  }, [api]);
  useEffect(() => {
    const offRaised = api.on('alerts:raised', ({ alert, unacknowledged: count }) => {
      setUnacknowledged(count);
      if (hostId === '' || alert.hostId === hostId) setAlerts((current) => [alert, ...(current ?? [])]);
    });
    const offAcknowledged = api.on('alerts:acknowledged', () => load());
    return () => {
      offRaised();
      offAcknowledged();
    };
  }, [api, hostId, load]);

  const acknowledge = (input: { ids: string[] } | { all: true }) =>
    api.invoke('alerts:acknowledge', input).then(load, (failure: unknown) => setError(toApiError(failure).toEnvelope()));

  return (
    <div className="alerts-view">
      <Panel
        title="Alerts"
        className="alerts-panel"
        actions={
          <button
            type="button"
            className="button button--small"
            disabled={unacknowledged === 0}
            onClick={() => void acknowledge({ all: true })}
          >
            Acknowledge all
          </button>
        }
      >
        <div className="toolbar">
          <HostFilterSelect hosts={hosts} value={hostId} onChange={setHostId} />
          <label className="checkbox">
            <input type="checkbox" checked={openOnly} onChange={(event) => setOpenOnly(event.target.checked)} />
            Unacknowledged only
          </label>
          <span className="toolbar-count" role="status">
            {pluralize(unacknowledged, 'open alert')}
          </span>
        </div>
        {error ? <ErrorNotice error={error} title="Alerts could not be read:" /> : null}
        {alerts && alerts.length === 0 ? (
          <EmptyState title="No alerts">
            Hosts that stop answering, containers that die, are OOM-killed, turn unhealthy or restart in a loop, certificates about to
            expire and storage filling up are reported here.
          </EmptyState>
        ) : null}
        {alerts && alerts.length > 0 ? <AlertList alerts={alerts} onAcknowledge={(id) => void acknowledge({ ids: [id] })} /> : null}
      </Panel>
      <Panel title="Rules and delivery" className="alert-settings-panel">
        {settings ? (
          <AlertSettingsForm
            settings={settings}
            hosts={hosts}
            shell={shell}
            onSave={async (next) => {
              try {
                setSettings(await api.invoke('alerts:save-settings', { settings: next }));
              } catch (failure) {
                throw toApiError(failure).toEnvelope();
              }
            }}
          />
        ) : null}
      </Panel>
    </div>
  );
}
