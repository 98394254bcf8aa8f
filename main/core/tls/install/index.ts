// The TLS wizard's "Install over SSH" and "Verify" steps, for the main process to call.
export { installTlsOverSsh } from './install-tls-over-ssh.js';
export type { TlsInstallDependencies } from './install-tls-over-ssh.js';
export { toInstallReport } from './install-report.js';
export type { TlsInstallReport } from './install-report.js';
export { rollbackTlsInstall, rollbackInstructionsFor } from './rollback.js';
export type { TlsRollbackOptions } from './rollback.js';
export { verifyTlsHost } from './verify-tls-host.js';
export type { TlsHostVerification, VerifyTlsHostOptions } from './verify-tls-host.js';
export { tlsInstallSteps, tlsRollbackSteps } from './install-types.js';
export type * from './install-types.js';
export type { InstallSshOptions } from './ssh-remote-host.js';
export { defaultSystemdDropInPath, defaultDaemonReloadCommand } from './systemd-drop-in.js';
export { mergeTlsSettings, parseDaemonJson } from './daemon-json.js';
