import type { Transport } from '../../shared/profile.js';
import type { HostSnapshot } from '../../shared/snapshot.js';
import { readSnapshot } from './snapshot-reader.js';
import { HostKeyError } from './ssh/host-key-error.js';
import type { KnownHosts } from './ssh/known-hosts.js';
import { type DockerConnection, openDockerConnection } from './transports/docker-connection.js';

export interface ProbeOptions {
  timeoutMs: number;
  knownHosts: KnownHosts;
  /** Trust and record the key of a host never seen before (like OpenSSH's accept-new); a changed key, of any type, still fails. */
  acceptNewHostKey: boolean;
}

/** Connects once, reads the full snapshot, and closes: the CLI's `probe`. */
export function probeDaemon(transport: Transport, options: ProbeOptions): Promise<HostSnapshot> {
  return withDaemon(transport, options, (connection) => readSnapshot(connection.api, 'probe'));
}

/**
 * Connects once (recording an unknown SSH host key when asked to), runs `use`, and closes: the
 * CLI commands' one connection.
 */
export async function withDaemon<T>(
  transport: Transport,
  options: ProbeOptions,
  use: (connection: DockerConnection) => Promise<T>,
): Promise<T> {
  const connection = await connect(transport, options);
  try {
    return await use(connection);
  } finally {
    await connection.close();
  }
}

async function connect(transport: Transport, options: ProbeOptions): Promise<DockerConnection> {
  const open = () => openDockerConnection(transport, { timeoutMs: options.timeoutMs, knownHosts: options.knownHosts });
  // Each jump host and the Docker host may be new: one more try per hop at most.
  const hops = transport.type === 'ssh' ? 1 + (transport.jumpHosts?.length ?? 0) : 1;
  for (let attempt = 0; ; attempt++) {
    try {
      return await open();
    } catch (error) {
      // Only a first contact: a changed key (of the same or another type) or a revoked one fails.
      if (!(options.acceptNewHostKey && attempt < hops && error instanceof HostKeyError && error.code === 'SSH_HOST_KEY_UNKNOWN'))
        throw error;
      const { prompt, keyBlob } = error;
      if (keyBlob === undefined) throw error;
      await options.knownHosts.trust(prompt.host, prompt.port, prompt.keyType, keyBlob, { persist: true });
    }
  }
}
