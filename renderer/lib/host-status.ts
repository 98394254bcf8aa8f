import type { ErrorEnvelope } from '../../shared/errors';
import type { HostKeyPrompt, HostStatus } from '../../shared/snapshot';
import { formatAgo } from './format';

/** `standby`: ready, but not held live (it answered its last health read); see shared/fleet-contract.ts. */
export type StatusTone = 'ok' | 'standby' | 'busy' | 'warn' | 'error' | 'key' | 'idle';

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

/** When a host on standby last answered its health read, and when the next one is due; undefined when it is live or not ready. */
export function standbyOf(status: HostStatus): { checkedAt: number; nextCheckAt: number } | undefined {
  return status.state === 'ready' ? status.standby : undefined;
}

/** Ready and followed live (connection, events stream), as opposed to on standby. */
export function isLive(status: HostStatus): boolean {
  return status.state === 'ready' && status.standby === undefined;
}

/**
 * The status in a few words. Given `now`, a standby host says how long ago it was checked
 * ("Standby · checked 40 s ago", or `brief` for the narrow sidebar: "Standby · 40 s ago");
 * without it, just "Standby".
 */
export function summarizeStatus(status: HostStatus, now?: number, brief = false): StatusSummary {
  switch (status.state) {
    case 'idle':
      return { tone: 'idle', label: 'Idle' };
    case 'connecting':
      return { tone: 'busy', label: 'Connecting…' };
    case 'ready':
      if (status.standby) {
        if (now === undefined) return { tone: 'standby', label: 'Standby' };
        const ago = formatAgo(status.standby.checkedAt, now);
        return { tone: 'standby', label: brief ? `Standby · ${ago}` : `Standby · checked ${ago}` };
      }
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
