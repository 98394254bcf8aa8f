import type { ErrorEnvelope } from '../../../../shared/errors.js';
import type { RollbackInstructions, TlsInstallChanges, TlsInstallOutcome, TlsInstallResult, TlsInstallStep } from './install-types.js';
import type { TlsHostVerification } from './verify-tls-host.js';

/** A TlsInstallResult as plain data, for IPC and storage: no closure, the error as an envelope. */
export interface TlsInstallReport {
  outcome: TlsInstallOutcome;
  steps: TlsInstallStep[];
  error: ErrorEnvelope | undefined;
  /** Pass back to rollbackTlsInstall to undo the install later. */
  changes: TlsInstallChanges | undefined;
  rollbackInstructions: RollbackInstructions;
  daemon: TlsHostVerification | undefined;
}

export function toInstallReport(result: TlsInstallResult): TlsInstallReport {
  return {
    outcome: result.outcome,
    steps: result.steps,
    error: result.error?.toEnvelope(),
    changes: result.changes,
    rollbackInstructions: result.rollbackInstructions,
    daemon: result.daemon,
  };
}
