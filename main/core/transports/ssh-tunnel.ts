import type { TransportOf } from '../../../shared/profile.js';
import { BerthError } from '../errors.js';
import { RemoteSocketAgent } from '../ssh/remote-socket-agent.js';
import type { RemoteCommandOptions, RemoteCommandResult } from '../tls/install/remote-host.js';
import { execOverSsh } from '../tls/install/ssh-exec.js';
import { openSshConnection } from '../ssh/ssh-connection.js';
import { type DockerConnection, assembleConnection } from './assemble-connection.js';
import type { ConnectOptions } from './connect-options.js';

const SSH_KEEPALIVE_INTERVAL_MS = 10_000;

/** How much SSH a connection has used: what the benchmarks and the one-connection test count. */
export interface SshStats {
  /** SSH connections opened (1 while the first one holds). */
  sshConnections: number;
  /** Channels opened on them (keep-alive reuses channels across requests). */
  sshChannels: number;
  /** Channels open now: idle keep-alive request channels plus one per open stream. */
  openChannels: { requests: number; streams: number };
}

/** A Docker connection over an SSH tunnel, with its SSH counters. */
export interface SshTunnelConnection extends DockerConnection {
  sshStats(): SshStats;
  /**
   * Runs one command on an exec channel of the held SSH connection (no second login). Output is
   * kept to its last 64 KiB per stream; pass a `timeoutMs`.
   */
  exec(command: string, options: RemoteCommandOptions): Promise<RemoteCommandResult>;
}

export function isSshTunnel(connection: DockerConnection): connection is SshTunnelConnection {
  return typeof (connection as Partial<SshTunnelConnection>).sshStats === 'function';
}

/**
 * One SSH connection per host, carrying HTTP to the remote Docker socket through OpenSSH
 * stream-local forwarding. Unlike docker-modem's built-in ssh, no SSH connection is opened per
 * request and the remote needs no docker CLI.
 */
export async function openSshTunnel(
  transport: TransportOf<'ssh'>,
  endpoint: string,
  options: ConnectOptions,
): Promise<SshTunnelConnection> {
  const ssh = await openSshConnection({
    hop: transport,
    ...(transport.jumpHosts && { jumpHosts: transport.jumpHosts }),
    knownHosts: options.knownHosts.withReadOnlyFiles(transport.knownHostsFiles ?? []),
    timeoutMs: transport.connectTimeoutSeconds === undefined ? options.timeoutMs : transport.connectTimeoutSeconds * 1000,
    keepaliveIntervalMs:
      transport.keepaliveIntervalSeconds === undefined ? SSH_KEEPALIVE_INTERVAL_MS : transport.keepaliveIntervalSeconds * 1000,
  });
  const requestAgent = new RemoteSocketAgent(ssh.client, transport.remoteSocket);
  const streamAgent = new RemoteSocketAgent(ssh.client, transport.remoteSocket);
  let closing = false;
  const lostListeners: Array<(error: BerthError) => void> = [];
  void ssh.closed.then((cause) => {
    if (closing) return;
    const error = cause ?? new BerthError('CONNECTION_RESET', `The SSH connection to ${endpoint} closed. Berth will reconnect.`);
    for (const listener of lostListeners) listener(error);
  });
  const connection = assembleConnection({
    endpoint,
    tls: false,
    timeoutMs: options.timeoutMs,
    // host and port are placeholders for the Host header: the agents decide where bytes go.
    modemOptions: { protocol: 'http', host: 'docker', port: 80 },
    requestAgent,
    streamAgent,
    session: {
      onLost: (listener) => lostListeners.push(listener),
      close: async () => {
        closing = true;
        await ssh.dispose();
      },
    },
  });
  const sshStats = (): SshStats => ({
    sshConnections: ssh.connectionsOpened,
    sshChannels: requestAgent.channelsOpened + streamAgent.channelsOpened,
    openChannels: { requests: requestAgent.channelsOpen, streams: streamAgent.channelsOpen },
  });
  const exec = (command: string, execOptions: RemoteCommandOptions): Promise<RemoteCommandResult> =>
    execOverSsh(ssh.client, command, execOptions, (error) =>
      error instanceof BerthError
        ? error
        : new BerthError(
            'CONNECTION_RESET',
            `The SSH connection to ${endpoint} could not run a command: ${error instanceof Error ? error.message : String(error)}.`,
          ),
    );
  return Object.assign(connection, { sshStats, exec });
}
