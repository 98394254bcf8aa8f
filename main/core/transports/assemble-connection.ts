import type http from 'node:http';
import Dockerode from 'dockerode';
import type { BerthError } from '../errors.js';
import type { HttpTarget } from './daemon-http.js';
import { DockerApi } from './docker-api.js';

/** One live session to a daemon: the agents, the API over them, and how to end it. */
export interface DockerConnection {
  readonly endpoint: string;
  /** Short requests over a keep-alive agent. */
  readonly api: DockerApi;
  /** Long-lived streams (/events) on a connection of their own, with no idle timeout. */
  readonly streamApi: DockerApi;
  /**
   * dockerode over the stream agent, for hijacked and long-running endpoints (exec start and
   * resize, container actions that wait for the daemon). Plain reads go through `api`, which bounds them.
   */
  readonly docker: Dockerode;
  /** Called once if the underlying transport dies on its own (e.g. the SSH connection drops). */
  onLost(listener: (error: BerthError) => void): void;
  /**
   * Sockets (SSH: channels) the two agents hold now, for leak checks: in use by each, and kept
   * alive idle by both. A hijacked exec socket leaves its agent, so it shows only in the
   * process's own handles (SSH: the agent's open channel count).
   */
  openSockets(): { requests: number; streams: number; free: number };
  close(): Promise<void>;
}

export interface ConnectionParts {
  endpoint: string;
  tls: boolean;
  timeoutMs: number;
  /** Where the daemon is, in dockerode's terms (socketPath, or protocol, host and port). */
  modemOptions: Dockerode.DockerOptions;
  requestAgent: http.Agent;
  streamAgent: http.Agent;
  /** For transports with a session of their own (SSH). */
  session?: {
    onLost(listener: (error: BerthError) => void): void;
    close(): Promise<void>;
  };
}

export function assembleConnection(parts: ConnectionParts): DockerConnection {
  const context = { endpoint: parts.endpoint, tls: parts.tls };
  const { requestAgent, streamAgent, session } = parts;
  return {
    endpoint: parts.endpoint,
    api: new DockerApi(httpTarget(parts, requestAgent), context, parts.timeoutMs),
    streamApi: new DockerApi(httpTarget(parts, streamAgent), context, parts.timeoutMs),
    // docker-modem takes an `agent` option that @types/dockerode does not list yet.
    docker: new Dockerode({ ...parts.modemOptions, agent: streamAgent } as Dockerode.DockerOptions),
    onLost: (listener) => session?.onLost(listener),
    openSockets: () => ({
      requests: pooled(requestAgent.sockets),
      streams: pooled(streamAgent.sockets),
      free: pooled(requestAgent.freeSockets) + pooled(streamAgent.freeSockets),
    }),
    close: async () => {
      requestAgent.destroy();
      streamAgent.destroy();
      await session?.close();
    },
  };
}

function pooled(pool: NodeJS.ReadOnlyDict<unknown[]>): number {
  let count = 0;
  for (const list of Object.values(pool)) count += list?.length ?? 0;
  return count;
}

/** Plain reads go through Berth's bounded HTTP reader over the same agents dockerode would use. */
function httpTarget(parts: ConnectionParts, agent: http.Agent): HttpTarget {
  const { socketPath, host, port } = parts.modemOptions;
  if (typeof socketPath === 'string') return { agent, tls: parts.tls, socketPath };
  return { agent, tls: parts.tls, ...(host === undefined ? {} : { host }), ...(port === undefined ? {} : { port: Number(port) }) };
}
