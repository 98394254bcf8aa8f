import http from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Client as SshClient, ClientChannel } from 'ssh2';
import { BerthError } from '../errors.js';
import { asHttpSocket } from './channel-socket.js';
import { diagnoseRemoteSocket, remoteSocketError } from './remote-socket-diagnosis.js';

export interface RemoteSocketAgentOptions extends Omit<http.AgentOptions, 'keepAlive'> {
  /** Names the remote host in messages; defaults to the host the client connected to. */
  host?: string;
  /** Names the SSH user in messages; defaults to the client's user. */
  user?: string;
  /** Bound for each check (SFTP, then shell) that explains a refused forward. Default 5 s. */
  diagnoseTimeoutMs?: number;
}

type SocketCallback = (error: Error | null, socket: Duplex) => void;

const DEFAULT_DIAGNOSE_MS = 5_000;

/**
 * An http.Agent that carries every request over the ONE held SSH connection: each socket
 * is a `direct-streamlocal@openssh.com` channel to the remote Docker socket. Keep-alive is
 * always on, so sequential requests reuse one channel (docker-modem's ssh mode opens an SSH
 * connection per request instead).
 */
export class RemoteSocketAgent extends http.Agent {
  /** Channels opened so far (for benchmarks: keep-alive keeps this low). */
  channelsOpened = 0;
  /** Channels open now (for leak checks: a closed stream gives its channel back). */
  channelsOpen = 0;
  readonly remoteSocket: string;
  private readonly client: SshClient;
  private readonly label: { host: string; user: string };
  private readonly diagnoseTimeoutMs: number;

  constructor(client: SshClient, remoteSocket: string, options: RemoteSocketAgentOptions = {}) {
    const { host, user, diagnoseTimeoutMs, ...agentOptions } = options;
    super({ ...agentOptions, keepAlive: true });
    this.client = client;
    this.remoteSocket = remoteSocket;
    const config = (client as unknown as { config?: { host?: unknown; username?: unknown } }).config;
    this.label = {
      host: host ?? (typeof config?.host === 'string' ? config.host : 'the remote host'),
      user: user ?? (typeof config?.username === 'string' ? config.username : 'the SSH user'),
    };
    this.diagnoseTimeoutMs = diagnoseTimeoutMs ?? DEFAULT_DIAGNOSE_MS;
  }

  override createConnection(options: http.ClientRequestArgs, callback?: SocketCallback): Duplex | null | undefined {
    // http.Agent counts a socket only once it exists, so while channels are still opening
    // it would create one per request and ignore maxSockets. A placeholder in the agent's
    // own `sockets` list counts the pending channel until the channel replaces it.
    const pending = new PendingChannel();
    const name = (options as { _agentKey?: string })._agentKey ?? this.getName(options);
    ((this.sockets as NodeJS.Dict<Socket[]>)[name] ??= []).push(pending as unknown as Socket);

    let called = false;
    const done = (error: Error | null, channel?: ClientChannel): void => {
      if (called) return;
      called = true;
      if (error === null && channel !== undefined && !pending.destroyed) {
        removeFrom(this.sockets, name, pending);
        callback?.(null, asHttpSocket(channel));
        return;
      }
      channel?.destroy();
      removeFrom(this.sockets, name, pending);
      const failure = error ?? new BerthError('CONNECTION_RESET', 'The HTTP agent was destroyed while a channel was opening.');
      // Requests queued behind this channel (maxSockets reached) would wait forever: the
      // agent only serves its queue when a socket frees or closes. The remote socket just
      // failed, so they fail the same way.
      const queued = (this.requests as NodeJS.Dict<http.ClientRequest[]>)[name];
      if (queued !== undefined) {
        delete (this.requests as NodeJS.Dict<http.ClientRequest[]>)[name];
        // What http.Agent itself does when it cannot create a socket for a request.
        for (const request of queued) (request as unknown as QueuedRequest).onSocket(null, failure);
      }
      callback?.(failure, undefined as unknown as Duplex);
    };
    try {
      this.client.openssh_forwardOutStreamLocal(this.remoteSocket, (error, channel) => {
        if (error) {
          void this.diagnose(error).then((diagnosis) => done(diagnosis));
          return;
        }
        this.channelsOpened++;
        this.channelsOpen++;
        channel.once('close', () => this.channelsOpen--);
        done(null, channel);
      });
    } catch (error) {
      // ssh2 throws synchronously when the SSH connection is gone.
      const lost = new BerthError('CONNECTION_RESET', `The SSH connection to ${this.label.host} is closed. Berth will reconnect.`, {
        cause: error,
      });
      process.nextTick(() => done(lost));
    }
    return undefined;
  }

  /** Explains a failed forward: missing socket, no permission, or forwarding refused. */
  private async diagnose(forwardError: Error): Promise<BerthError> {
    if (/no response from server|not connected/i.test(forwardError.message)) {
      return new BerthError(
        'CONNECTION_RESET',
        `The SSH connection to ${this.label.host} closed while opening a channel. Berth will reconnect.`,
        { cause: forwardError },
      );
    }
    const access = await diagnoseRemoteSocket(this.client, this.remoteSocket, this.diagnoseTimeoutMs);
    return remoteSocketError(access, { path: this.remoteSocket, ...this.label }, forwardError);
  }
}

interface QueuedRequest {
  onSocket(socket: null, error: Error): void;
}

/** Stands in for a channel that is still opening; Agent.destroy() may destroy it. */
class PendingChannel {
  destroyed = false;
  readonly writable = false;
  destroy(): void {
    this.destroyed = true;
  }
}

function removeFrom(lists: NodeJS.ReadOnlyDict<Socket[]>, name: string, item: unknown): void {
  const list = lists[name];
  if (list === undefined) return;
  const index = list.indexOf(item as Socket);
  if (index !== -1) list.splice(index, 1);
  if (list.length === 0) delete (lists as NodeJS.Dict<Socket[]>)[name];
}
