import type { Transport } from '../../shared/profile.js';
import type { HostSnapshot } from '../../shared/snapshot.js';
import { readSnapshot } from './snapshot-reader.js';
import { HostKeyError } from './ssh/host-key-error.js';
import type { KnownHosts } from './ssh/known-hosts.js';
import { openDockerConnection } from './transports/docker-connection.js';

export interface ProbeOptions {
  timeoutMs: number;
  knownHosts: KnownHosts;
  /** Trust and record the key of a host never seen before (like OpenSSH's accept-new); a changed key, of any type, still fails. */
  acceptNewHostKey: boolean;
}

/** Connects once, reads the full snapshot, and closes: the CLI's `probe`. */
export async function probeDaemon(transport: Transport, options: ProbeOptions): Promise<HostSnapshot> {
  try {
    return await probeOnce(transport, options);
  } catch (error) {
    // Only a first contact: a changed key (of the same or another type) or a revoked one fails.
    if (!(options.acceptNewHostKey && error instanceof HostKeyError && error.code === 'SSH_HOST_KEY_UNKNOWN')) throw error;
    const { prompt, keyBlob } = error;
    if (keyBlob === undefined) throw error;
    await options.knownHosts.trust(prompt.host, prompt.port, prompt.keyType, keyBlob, { persist: true });
    return probeOnce(transport, options);
  }
}

async function probeOnce(transport: Transport, options: ProbeOptions): Promise<HostSnapshot> {
  const connection = await openDockerConnection(transport, { timeoutMs: options.timeoutMs, knownHosts: options.knownHosts });
  try {
    return await readSnapshot(connection.api, 'probe');
  } finally {
    await connection.close();
  }
}
