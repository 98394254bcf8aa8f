import type { ErrorEnvelope } from './errors.js';
import type { PemSource, SshAuth, Transport } from './profile.js';

/*
 * The docker-style endpoint parser, pure so that the main side (the CLI's -H, DOCKER_HOST, the
 * endpoint:parse channel) and the renderer's demo read an endpoint the same way.
 */

/** TLS material from `--tlscacert/--tlscert/--tlskey` or `DOCKER_CERT_PATH`. */
export interface TlsFiles {
  ca: PemSource;
  cert: PemSource;
  key: PemSource;
  serverName?: string;
}

export interface EndpointOptions {
  /** When set, a tcp:// endpoint becomes a TLS transport with these files. */
  tls?: TlsFiles;
  /** SSH authentication for ssh:// endpoints; defaults to the ssh-agent. */
  sshAuth?: SshAuth;
  remoteSocket?: string;
}

export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';
const DEFAULT_PIPE = '//./pipe/docker_engine';

/** What is wrong with an endpoint; only thrown inside this module. */
class EndpointProblem extends Error {
  constructor(readonly envelope: ErrorEnvelope) {
    super(envelope.message);
  }
}

function problem(message: string, code: ErrorEnvelope['code'] = 'INVALID_ENDPOINT'): EndpointProblem {
  return new EndpointProblem({ code, message });
}

/**
 * Parses a docker-style endpoint (`unix:///p`, `tcp://h:p`, `ssh://user@h:p`, `npipe:////./pipe/x`)
 * the way the docker CLI reads `-H` and `DOCKER_HOST`: the transport, or an error saying what to write.
 */
export function readEndpoint(endpoint: string, options: EndpointOptions = {}): { transport: Transport } | ErrorEnvelope {
  try {
    return { transport: transportOf(endpoint, options) };
  } catch (error) {
    if (error instanceof EndpointProblem) return error.envelope;
    throw error;
  }
}

function transportOf(endpoint: string, options: EndpointOptions): Transport {
  const trimmed = endpoint.trim();
  if (trimmed === '') {
    throw problem('The Docker endpoint is empty. Give one like tcp://10.0.0.5:2376, ssh://user@host or unix:///var/run/docker.sock.');
  }
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(trimmed);
  if (!schemeMatch) {
    if (trimmed.startsWith('/')) return { type: 'unix', socketPath: trimmed };
    throw problem(
      `"${endpoint}" is not a Docker endpoint URL. Write it with a scheme, e.g. tcp://${trimmed}, ssh://user@${trimmed} or unix:///var/run/docker.sock.`,
    );
  }
  const scheme = schemeMatch[1]!.toLowerCase();
  const rest = trimmed.slice(schemeMatch[0].length);
  switch (scheme) {
    case 'unix':
      return { type: 'unix', socketPath: rest === '' ? DEFAULT_DOCKER_SOCKET : rest };
    case 'npipe':
      return { type: 'npipe', pipePath: rest === '' ? DEFAULT_PIPE : rest };
    case 'tcp':
    case 'http':
    case 'https':
      return tcpTransport(endpoint, scheme, options);
    case 'ssh':
      return sshTransport(endpoint, options);
    default:
      throw problem(
        `Unsupported scheme "${scheme}://" in "${endpoint}". Berth speaks unix://, tcp://, ssh:// and npipe://.`,
        'UNSUPPORTED_SCHEME',
      );
  }
}

function parseUrl(endpoint: string): URL {
  try {
    return new URL(endpoint.trim());
  } catch {
    throw problem(`"${endpoint}" is not a valid URL. Check the host and port, e.g. tcp://10.0.0.5:2376.`);
  }
}

function parsePort(url: URL, endpoint: string, fallback: number): number {
  if (url.port === '') return fallback;
  const port = Number(url.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw problem(`Port "${url.port}" in "${endpoint}" is not a port number (1–65535).`);
  }
  return port;
}

function hostOf(url: URL, endpoint: string): string {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') throw problem(`"${endpoint}" names no host. Write it like tcp://10.0.0.5:2376.`);
  return host;
}

function tcpTransport(endpoint: string, scheme: string, options: EndpointOptions): Transport {
  const url = parseUrl(endpoint.replace(/^[a-z]+:/i, 'http:'));
  if (url.pathname !== '/' && url.pathname !== '') {
    throw problem(`"${endpoint}" has a path; a Docker tcp endpoint is only host and port.`);
  }
  const host = hostOf(url, endpoint);
  const wantsTls = options.tls !== undefined || scheme === 'https';
  if (!wantsTls) return { type: 'tcp', host, port: parsePort(url, endpoint, 2375) };
  if (!options.tls) {
    throw problem(
      `"${endpoint}" asks for TLS but no certificates were given. Pass --tlscacert, --tlscert and --tlskey, or set DOCKER_CERT_PATH.`,
      'INVALID_ARGUMENT',
    );
  }
  return {
    type: 'tls',
    host,
    port: parsePort(url, endpoint, 2376),
    ca: options.tls.ca,
    cert: options.tls.cert,
    key: options.tls.key,
    ...(options.tls.serverName ? { serverName: options.tls.serverName } : {}),
  };
}

function sshTransport(endpoint: string, options: EndpointOptions): Transport {
  const url = parseUrl(endpoint);
  if (url.password !== '') {
    throw problem(
      `Do not put a password in the ssh:// URL "${url.protocol}//${url.username}@${url.host}"; use a key, the ssh-agent or the password field.`,
    );
  }
  const user = decodeURIComponent(url.username);
  if (user === '') throw problem(`"${endpoint}" names no user. Write it like ssh://deploy@${url.host || 'host'}.`);
  const remoteSocket = options.remoteSocket ?? (url.pathname !== '' && url.pathname !== '/' ? url.pathname : DEFAULT_DOCKER_SOCKET);
  return {
    type: 'ssh',
    host: hostOf(url, endpoint),
    port: parsePort(url, endpoint, 22),
    user,
    auth: options.sshAuth ?? { method: 'agent' },
    remoteSocket,
  };
}
