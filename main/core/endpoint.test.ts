import { describe, expect, it } from 'vitest';
import { hostProfileSchema } from '../../shared/profile.js';
import { transportFromDockerEnvironment, transportFromEndpoint } from './endpoint.js';
import { BerthError } from './errors.js';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof BerthError ? error.code : 'NOT_A_BERTH_ERROR';
  }
  return undefined;
}

const tls = {
  ca: { kind: 'path', path: 'ca.pem' },
  cert: { kind: 'path', path: 'cert.pem' },
  key: { kind: 'path', path: 'key.pem' },
} as const;

describe('transportFromEndpoint', () => {
  it('reads unix sockets, with the default when the path is empty', () => {
    expect(transportFromEndpoint('unix:///run/user/1000/docker.sock')).toEqual({ type: 'unix', socketPath: '/run/user/1000/docker.sock' });
    expect(transportFromEndpoint('unix://')).toEqual({ type: 'unix', socketPath: '/var/run/docker.sock' });
    expect(transportFromEndpoint('/var/run/docker.sock')).toEqual({ type: 'unix', socketPath: '/var/run/docker.sock' });
  });

  it('reads npipe endpoints', () => {
    expect(transportFromEndpoint('npipe:////./pipe/docker_engine')).toEqual({ type: 'npipe', pipePath: '//./pipe/docker_engine' });
  });

  it('reads tcp endpoints as plain HTTP with 2375 as the default port', () => {
    expect(transportFromEndpoint('tcp://10.0.0.5:2376')).toEqual({ type: 'tcp', host: '10.0.0.5', port: 2376 });
    expect(transportFromEndpoint('tcp://build-01')).toEqual({ type: 'tcp', host: 'build-01', port: 2375 });
    expect(transportFromEndpoint('tcp://[::1]:2375')).toEqual({ type: 'tcp', host: '::1', port: 2375 });
  });

  it('turns tcp into TLS when certificates are given, defaulting to 2376', () => {
    expect(transportFromEndpoint('tcp://docker.example.com', { tls })).toEqual({
      type: 'tls',
      host: 'docker.example.com',
      port: 2376,
      ...tls,
    });
    expect(transportFromEndpoint('tcp://h:12376', { tls: { ...tls, serverName: 'docker.internal' } })).toMatchObject({
      type: 'tls',
      port: 12376,
      serverName: 'docker.internal',
    });
  });

  it('reads ssh endpoints with user, port and the default remote socket', () => {
    expect(transportFromEndpoint('ssh://deploy@build-01:2222')).toEqual({
      type: 'ssh',
      host: 'build-01',
      port: 2222,
      user: 'deploy',
      auth: { method: 'agent' },
      remoteSocket: '/var/run/docker.sock',
    });
    expect(transportFromEndpoint('ssh://deploy@build-01', { remoteSocket: '/run/docker.sock' })).toMatchObject({
      port: 22,
      remoteSocket: '/run/docker.sock',
    });
  });

  it('produces transports the profile schema accepts', () => {
    for (const endpoint of ['unix:///var/run/docker.sock', 'tcp://10.0.0.5:2375', 'ssh://me@host']) {
      const parsed = hostProfileSchema.safeParse({ id: 'h1', name: 'h', transport: transportFromEndpoint(endpoint) });
      expect(parsed.success, endpoint).toBe(true);
    }
    expect(hostProfileSchema.safeParse({ id: 'h1', name: 'h', transport: transportFromEndpoint('tcp://h', { tls }) }).success).toBe(true);
  });

  it('refuses malformed and unsupported endpoints with specific codes', () => {
    expect(codeOf(() => transportFromEndpoint(''))).toBe('INVALID_ENDPOINT');
    expect(codeOf(() => transportFromEndpoint('10.0.0.5:2375'))).toBe('INVALID_ENDPOINT');
    expect(codeOf(() => transportFromEndpoint('tcp://'))).toBe('INVALID_ENDPOINT');
    expect(codeOf(() => transportFromEndpoint('tcp://host:99999'))).toBe('INVALID_ENDPOINT');
    expect(codeOf(() => transportFromEndpoint('tcp://host:2375/v1.41'))).toBe('INVALID_ENDPOINT');
    expect(codeOf(() => transportFromEndpoint('tcp://ho st:2375'))).toBe('INVALID_ENDPOINT');
    expect(codeOf(() => transportFromEndpoint('ssh://host'))).toBe('INVALID_ENDPOINT');
    expect(codeOf(() => transportFromEndpoint('ssh://me:secret@host'))).toBe('INVALID_ENDPOINT');
    expect(codeOf(() => transportFromEndpoint('ftp://host'))).toBe('UNSUPPORTED_SCHEME');
    expect(codeOf(() => transportFromEndpoint('https://host:2376'))).toBe('INVALID_ARGUMENT');
  });

  it('never echoes an ssh password it refuses', () => {
    try {
      transportFromEndpoint('ssh://me:hunter2@host');
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
    }
    expect.assertions(1);
  });
});

describe('transportFromDockerEnvironment', () => {
  it('defaults to the local socket', () => {
    expect(transportFromDockerEnvironment({}, '/home/op')).toEqual({ type: 'unix', socketPath: '/var/run/docker.sock' });
  });

  it('reads DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH like the docker client', () => {
    expect(
      transportFromDockerEnvironment(
        { DOCKER_HOST: 'tcp://10.0.0.5:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' },
        '/home/op',
      ),
    ).toEqual({
      type: 'tls',
      host: '10.0.0.5',
      port: 2376,
      ca: { kind: 'path', path: '/certs/ca.pem' },
      cert: { kind: 'path', path: '/certs/cert.pem' },
      key: { kind: 'path', path: '/certs/key.pem' },
    });
    expect(transportFromDockerEnvironment({ DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1' }, '/home/op')).toMatchObject({
      ca: { kind: 'path', path: '/home/op/.docker/ca.pem' },
    });
    expect(transportFromDockerEnvironment({ DOCKER_HOST: 'tcp://h:2375', DOCKER_TLS_VERIFY: '' }, '/home/op')).toEqual({
      type: 'tcp',
      host: 'h',
      port: 2375,
    });
  });
});
