import type { ErrorEnvelope } from '../../shared/errors';
import type { HostKeyPrompt, HostStatus } from '../../shared/snapshot';

export type StatusTone = 'ok' | 'busy' | 'warn' | 'error' | 'key' | 'idle';

export interface StatusSummary {
  tone: StatusTone;
  /** Short, for the sidebar: "Ready", "Reconnecting · attempt 3". */
  label: string;
  /** The reason, when there is one: the error code and message. */
  reason?: ErrorEnvelope;
}

/** A changed (or revoked) host key: a possible attack, never a routine prompt. */
export function changedHostKey(status: HostStatus): HostKeyPrompt | undefined {
  if (status.state !== 'failed') return undefined;
  if (status.error.code !== 'SSH_HOST_KEY_CHANGED') return undefined;
  return status.hostKey ?? { host: '', port: 0, keyType: '', fingerprint: '', changed: true };
}

export function summarizeStatus(status: HostStatus): StatusSummary {
  switch (status.state) {
    case 'idle':
      return { tone: 'idle', label: 'Idle' };
    case 'connecting':
      return { tone: 'busy', label: 'Connecting…' };
    case 'ready':
      return { tone: 'ok', label: 'Ready' };
    case 'reconnecting':
      return { tone: 'warn', label: `Reconnecting · attempt ${status.attempt}`, reason: status.lastError };
    case 'failed':
      if (changedHostKey(status)) return { tone: 'error', label: 'Host key changed', reason: status.error };
      return { tone: 'error', label: 'Failed', reason: status.error };
    case 'needs-host-key-confirmation':
      return { tone: 'key', label: 'Confirm host key' };
  }
}

export function isOnline(status: HostStatus): boolean {
  return status.state === 'ready';
}
