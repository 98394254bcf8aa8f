// The audit feature's public entry: app/ and other features import only from here.
export { AuditView } from './audit-view';
