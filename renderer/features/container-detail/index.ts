// The container detail's public entry: app/ and other features import only from here.
export { ContainerDetail } from './container-detail';
// The logs view, also for a compose project's merged log (the resources feature).
export { LogsTab } from './logs/logs-tab';
