import { useEffect, useState } from 'react';
import type { Alert } from '../../../shared/alerts-contract';
import type { BerthApi } from '../../lib/api';

/** Shows an alert with the page's Notification API (the browser shell; Electron's main process shows its own). */
export function showBrowserNotification(alert: Alert): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const notification = new Notification(alert.title, { body: alert.message, tag: alert.id });
  notification.onclick = () => window.focus();
}

/**
 * The count of unacknowledged alerts for the top bar, kept current by the alerts pushes; in the
 * browser shell it also shows each new alert as a desktop notification when asked to.
 */
export function useAlertFeed(api: Pick<BerthApi, 'invoke' | 'on'>, shell: 'electron' | 'browser' | undefined): number {
  const [unacknowledged, setUnacknowledged] = useState(0);
  useEffect(() => {
    let current = true;
    api.invoke('alerts:list', { unacknowledgedOnly: true, limit: 1 }).then(
      (list) => current && setUnacknowledged(list.unacknowledged),
      () => undefined,
    );
    const offRaised = api.on('alerts:raised', ({ alert, notify, unacknowledged: count }) => {
      setUnacknowledged(count);
      if (notify && shell === 'browser') showBrowserNotification(alert);
    });
    const offAcknowledged = api.on('alerts:acknowledged', ({ unacknowledged: count }) => setUnacknowledged(count));
    return () => {
      current = false;
      offRaised();
      offAcknowledged();
    };
  }, [api, shell]);
  return unacknowledged;
}
