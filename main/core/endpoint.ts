import path from 'node:path';
import { DEFAULT_DOCKER_SOCKET, type EndpointOptions, type TlsFiles, readEndpoint } from '../../shared/endpoint.js';
import type { Transport } from '../../shared/profile.js';
import { BerthError } from './errors.js';

export type { EndpointOptions, TlsFiles };

/**
 * Parses a docker-style endpoint (the parser itself is shared/endpoint.ts, which the demo uses
 * too); a bad one throws a BerthError saying what to write.
 */
export function transportFromEndpoint(endpoint: string, options: EndpointOptions = {}): Transport {
  const parsed = readEndpoint(endpoint, options);
  if ('code' in parsed) throw new BerthError(parsed.code, parsed.message);
  return parsed.transport;
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
  const endpoint = env.DOCKER_HOST && env.DOCKER_HOST !== '' ? env.DOCKER_HOST : `unix://${DEFAULT_DOCKER_SOCKET}`;
  const tlsVerify = env.DOCKER_TLS_VERIFY !== undefined && env.DOCKER_TLS_VERIFY !== '';
  const certDir = env.DOCKER_CERT_PATH && env.DOCKER_CERT_PATH !== '' ? env.DOCKER_CERT_PATH : path.join(homeDir, '.docker');
  const tls = options.tls ?? (tlsVerify ? tlsFilesFromCertDir(certDir) : undefined);
  return transportFromEndpoint(endpoint, { ...options, ...(tls ? { tls } : {}) });
}
