import path from 'node:path';
import { dockerPorts, type PemSource, type SshAuth, type Transport } from '../../shared/profile.js';
import { BerthError } from './errors.js';

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

const DEFAULT_SOCKET = '/var/run/docker.sock';
const DEFAULT_PIPE = '//./pipe/docker_engine';

/**
 * Parses a docker-style endpoint (`unix:///p`, `tcp://h:p`, `ssh://user@h:p`, `npipe:////./pipe/x`)
 * the way the docker CLI reads `-H` and `DOCKER_HOST`.
 */
export function transportFromEndpoint(endpoint: string, options: EndpointOptions = {}): Transport {
  const trimmed = endpoint.trim();
  if (trimmed === '') {
    throw new BerthError(
      'INVALID_ENDPOINT',
      'The Docker endpoint is empty. Give one like tcp://10.0.0.5:2376, ssh://user@host or unix:///var/run/docker.sock.',
    );
  }
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(trimmed);
  if (!schemeMatch) {
    if (trimmed.startsWith('/')) return { type: 'unix', socketPath: trimmed };
    throw new BerthError(
      'INVALID_ENDPOINT',
      `"${endpoint}" is not a Docker endpoint URL. Write it with a scheme, e.g. tcp://${trimmed}, ssh://user@${trimmed} or unix:///var/run/docker.sock.`,
    );
  }
  const scheme = schemeMatch[1]!.toLowerCase();
  const rest = trimmed.slice(schemeMatch[0].length);
  switch (scheme) {
    case 'unix':
      return { type: 'unix', socketPath: rest === '' ? DEFAULT_SOCKET : rest };
    case 'npipe':
      return { type: 'npipe', pipePath: rest === '' ? DEFAULT_PIPE : rest };
    case 'tcp':
    case 'http':
    case 'https':
      return tcpTransport(endpoint, scheme, options);
    case 'ssh':
      return sshTransport(endpoint, options);
    default:
      throw new BerthError(
        'UNSUPPORTED_SCHEME',
        `Unsupported scheme "${scheme}://" in "${endpoint}". Berth speaks unix://, tcp://, ssh:// and npipe://.`,
      );
  }
}

function parseUrl(endpoint: string): URL {
  try {
    return new URL(endpoint.trim());
  } catch {
    throw new BerthError('INVALID_ENDPOINT', `"${endpoint}" is not a valid URL. Check the host and port, e.g. tcp://10.0.0.5:2376.`);
  }
}

function parsePort(url: URL, endpoint: string, fallback: number): number {
  if (url.port === '') return fallback;
  const port = Number(url.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new BerthError('INVALID_ENDPOINT', `Port "${url.port}" in "${endpoint}" is not a port number (1–65535).`);
  }
  return port;
}

function hostOf(url: URL, endpoint: string): string {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') {
    throw new BerthError('INVALID_ENDPOINT', `"${endpoint}" names no host. Write it like tcp://10.0.0.5:2376.`);
  }
  return host;
}

function tcpTransport(endpoint: string, scheme: string, options: EndpointOptions): Transport {
  const url = parseUrl(endpoint.replace(/^[a-z]+:/i, 'http:'));
  if (url.pathname !== '/' && url.pathname !== '') {
    throw new BerthError('INVALID_ENDPOINT', `"${endpoint}" has a path; a Docker tcp endpoint is only host and port.`);
  }
  const host = hostOf(url, endpoint);
  const wantsTls = options.tls !== undefined || scheme === 'https';
  if (!wantsTls) return { type: 'tcp', host, port: parsePort(url, endpoint, dockerPorts.tcp) };
  if (!options.tls) {
    throw new BerthError(
      'INVALID_ARGUMENT',
      `"${endpoint}" asks for TLS but no certificates were given. Pass --tlscacert, --tlscert and --tlskey, or set DOCKER_CERT_PATH.`,
    );
  }
  return {
    type: 'tls',
    host,
    port: parsePort(url, endpoint, dockerPorts.tls),
    ca: options.tls.ca,
    cert: options.tls.cert,
    key: options.tls.key,
    ...(options.tls.serverName ? { serverName: options.tls.serverName } : {}),
  };
}

function sshTransport(endpoint: string, options: EndpointOptions): Transport {
  const url = parseUrl(endpoint);
  if (url.password !== '') {
    throw new BerthError(
      'INVALID_ENDPOINT',
      `Do not put a password in the ssh:// URL "${url.protocol}//${url.username}@${url.host}"; use a key, the ssh-agent or the password field.`,
    );
  }
  const user = decodeURIComponent(url.username);
  if (user === '') {
    throw new BerthError('INVALID_ENDPOINT', `"${endpoint}" names no user. Write it like ssh://deploy@${url.host || 'host'}.`);
  }
  const remoteSocket = options.remoteSocket ?? (url.pathname !== '' && url.pathname !== '/' ? url.pathname : DEFAULT_SOCKET);
  return {
    type: 'ssh',
    host: hostOf(url, endpoint),
    port: parsePort(url, endpoint, 22),
    user,
    auth: options.sshAuth ?? { method: 'agent' },
    remoteSocket,
  };
}

export type DockerEnvironment = Partial<Record<'DOCKER_HOST' | 'DOCKER_CERT_PATH' | 'DOCKER_TLS_VERIFY', string>>;

/** The TLS files of a docker cert directory (`ca.pem`, `cert.pem`, `key.pem`). */
export function tlsFilesFromCertDir(certDir: string): TlsFiles {
  return {
    ca: { kind: 'path', path: path.join(certDir, 'ca.pem') },
    cert: { kind: 'path', path: path.join(certDir, 'cert.pem') },
    key: { kind: 'path', path: path.join(certDir, 'key.pem') },
  };
}

/**
 * Reads the docker client's environment like the docker CLI: `DOCKER_HOST` (default: the local
 * socket), `DOCKER_TLS_VERIFY` (any non-empty value turns TLS with verification on) and
 * `DOCKER_CERT_PATH` (default `~/.docker`).
 */
export function transportFromDockerEnvironment(env: DockerEnvironment, homeDir: string, options: EndpointOptions = {}): Transport {
  const endpoint = env.DOCKER_HOST && env.DOCKER_HOST !== '' ? env.DOCKER_HOST : `unix://${DEFAULT_SOCKET}`;
  const tlsVerify = env.DOCKER_TLS_VERIFY !== undefined && env.DOCKER_TLS_VERIFY !== '';
  const certDir = env.DOCKER_CERT_PATH && env.DOCKER_CERT_PATH !== '' ? env.DOCKER_CERT_PATH : path.join(homeDir, '.docker');
  const tls = options.tls ?? (tlsVerify ? tlsFilesFromCertDir(certDir) : undefined);
  return transportFromEndpoint(endpoint, { ...options, ...(tls ? { tls } : {}) });
}
