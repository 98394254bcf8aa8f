import { useState } from 'react';
import type { HostView } from '../../../shared/host-view';
import { changedHostKey } from '../../lib/host-status';
import { HostKeyChangedDialog } from './host-key-changed-dialog';
import { HostKeyDialog } from './host-key-dialog';
import './host-key.css';

/**
 * Opens the host-key dialog for the selected host when it waits for a confirmation, or the
 * changed-key alarm when its key changed: once per key, and again on request (`requested`).
 */
export function HostKeyGate({
  host,
  requested,
  onRequestHandled,
}: {
  host: HostView | undefined;
  requested: boolean;
  onRequestHandled: () => void;
}) {
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(() => new Set());
  if (!host) return null;
  const { status } = host;
  const prompt = status.state === 'needs-host-key-confirmation' ? status.hostKey : undefined;
  const changed = changedHostKey(status);
  const shown = prompt ?? changed;
  // Each hop of a jump-host chain is asked about in turn, and hops may share a key: the address is part of what was answered.
  const key = `${host.profile.id}:${shown ? `${shown.host}:${shown.port}:${shown.fingerprint}` : ''}:${prompt ? 'prompt' : 'changed'}`;
  const open = (prompt !== undefined || changed !== undefined) && (requested || !dismissed.has(key));
  if (!open) return null;
  const close = () => {
    setDismissed((current) => new Set(current).add(key));
    onRequestHandled();
  };
  if (prompt) return <HostKeyDialog host={host} hostKey={prompt} onClose={close} />;
  if (changed && status.state === 'failed')
    return <HostKeyChangedDialog host={host} hostKey={changed} error={status.error} onClose={close} />;
  return null;
}
