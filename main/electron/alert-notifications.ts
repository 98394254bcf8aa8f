import { Notification } from 'electron';
import type { Alert } from '../../shared/alerts-contract.js';

/** Shows an alert as a desktop notification where the system supports them; a click focuses the window. */
export function showAlertNotification(alert: Alert, focus: () => void): void {
  if (!Notification.isSupported()) return;
  const notification = new Notification({
    title: alert.title,
    body: alert.message,
    urgency: alert.severity === 'critical' ? 'critical' : 'normal',
  });
  notification.on('click', focus);
  notification.show();
}
