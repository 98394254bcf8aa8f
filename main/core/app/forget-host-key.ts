import { formatHostPort } from '../../../shared/profile.js';
import { BerthError } from '../errors.js';
import type { KnownHosts } from '../ssh/known-hosts.js';
import type { HostRegistry } from './host-registry.js';

export interface ForgetHostKeyDependencies {
  hosts: Pick<HostRegistry, 'view'>;
  knownHosts: Pick<KnownHosts, 'forget'>;
  retry: (hostId: string) => Promise<void>;
}

/**
 * hosts:forget-host-key: after an SSH host presented a changed key and the operator confirmed the
 * change is expected (the UI makes them type the host's name), forget the key on record for that
 * address and connect again, so the new key is shown for review like a first contact. Only for a
 * host that failed with a changed key; revoked keys and keys in read-only files are left alone.
 */
export async function forgetChangedHostKey(hostId: string, dependencies: ForgetHostKeyDependencies): Promise<{ removed: number }> {
  const view = dependencies.hosts.view(hostId);
  const { status, profile } = view;
  if (profile.transport.type !== 'ssh') {
    throw new BerthError('INVALID_ARGUMENT', `Host "${profile.name}" is not reached over SSH, so it has no SSH host key.`);
  }
  const hostKey = status.state === 'failed' ? status.hostKey : undefined;
  const revoked = status.state === 'failed' && status.error.code === 'SSH_HOST_KEY_CHANGED' && hostKey?.knownFingerprint === undefined;
  if (revoked) {
    throw new BerthError(
      'SSH_HOST_KEY_CHANGED',
      `The key host "${profile.name}" presents is marked @revoked in a known_hosts file. Berth never forgets a revoked key: remove that line yourself only if you are certain.`,
    );
  }
  if (!hostKey?.changed) {
    throw new BerthError(
      'INVALID_ARGUMENT',
      `Host "${profile.name}" did not present a changed host key, so there is nothing to forget. Berth forgets a key only after it changed and you confirmed the change.`,
    );
  }
  const address = formatHostPort(hostKey.host, hostKey.port);
  const removed = await dependencies.knownHosts.forget(hostKey.host, hostKey.port);
  if (removed === 0) {
    throw new BerthError(
      'SSH_HOST_KEY_CHANGED',
      `The old key of ${address} is not on a line of its own in Berth's known_hosts: it is in a file Berth only reads (such as ~/.ssh/known_hosts), or on a wildcard line that also covers other hosts, which Berth never removes. Remove or edit that line yourself (ssh-keygen -R '${hostKey.port === 22 ? hostKey.host : `[${hostKey.host}]:${hostKey.port}`}' for a file of your own), then retry.`,
    );
  }
  await dependencies.retry(hostId);
  return { removed };
}
