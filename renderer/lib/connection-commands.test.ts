import { describe, expect, it } from 'vitest';
import { connectionCommands } from './connection-commands';

describe('connectionCommands', () => {
  it('gives TLS flags and the DOCKER_* exports, with DOCKER_CERT_PATH when the files sit in one directory as docker expects', () => {
    const text = connectionCommands({
      type: 'tls',
      host: '10.0.0.5',
      port: 2376,
      ca: { kind: 'path', path: '/home/ops/.docker/prod/ca.pem' },
      cert: { kind: 'path', path: '/home/ops/.docker/prod/cert.pem' },
      key: { kind: 'path', path: '/home/ops/.docker/prod/key.pem' },
    });
    expect(text.split('\n')).toEqual([
      'docker -H tcp://10.0.0.5:2376 --tlsverify --tlscacert /home/ops/.docker/prod/ca.pem --tlscert /home/ops/.docker/prod/cert.pem --tlskey /home/ops/.docker/prod/key.pem info',
      'export DOCKER_HOST=tcp://10.0.0.5:2376 DOCKER_TLS_VERIFY=1',
      'export DOCKER_CERT_PATH=/home/ops/.docker/prod',
    ]);
  });

  it('never carries a pasted key, and says DOCKER_CERT_PATH needs the three files together', () => {
    const text = connectionCommands({
      type: 'tls',
      host: 'docker.example',
      port: 2376,
      ca: { kind: 'path', path: '/certs/my ca.pem' },
      cert: { kind: 'path', path: '/certs/client.pem' },
      key: { kind: 'stored' },
    });
    expect(text).toContain("--tlscacert '/certs/my ca.pem'");
    expect(text).toContain("--tlskey '<key.pem, pasted in Berth>'");
    expect(text).toContain('# DOCKER_CERT_PATH needs');
  });

  it('gives an ssh line and an ssh:// DOCKER_HOST for SSH hosts', () => {
    const text = connectionCommands({
      type: 'ssh',
      host: '127.0.0.1',
      port: 22220,
      user: 'berthlab',
      auth: { method: 'key', keyPath: '~/.ssh/id_ed25519', hasPassphrase: false },
      remoteSocket: '/run/docker.sock',
    });
    expect(text.split('\n').slice(0, 3)).toEqual([
      'ssh -p 22220 -i ~/.ssh/id_ed25519 berthlab@127.0.0.1',
      'docker -H ssh://berthlab@127.0.0.1:22220 info',
      'export DOCKER_HOST=ssh://berthlab@127.0.0.1:22220',
    ]);
  });

  it('gives the plain tcp and unix forms', () => {
    expect(connectionCommands({ type: 'tcp', host: '10.0.0.7', port: 2375 })).toBe(
      'docker -H tcp://10.0.0.7:2375 info\nexport DOCKER_HOST=tcp://10.0.0.7:2375',
    );
    expect(connectionCommands({ type: 'unix', socketPath: '/var/run/docker.sock' })).toContain(
      'export DOCKER_HOST=unix:///var/run/docker.sock',
    );
  });
});
