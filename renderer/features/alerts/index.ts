// The alerts feature's public entry: app/ and other features import only from here.
export { AlertsView } from './alerts-view';
export { useAlertFeed } from './use-alert-feed';
