// The certificates feature's public entry: app/ and other features import only from here.
export { CertificateBadge } from './certificate-badge';
export { CertificatesPanel } from './certificates-panel';
export { ServerNameFix } from './server-name-fix';
