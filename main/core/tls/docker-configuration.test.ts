import { describe, expect, it } from 'vitest';
import { clientConfiguration, daemonConfiguration } from './docker-configuration.js';

describe('daemonConfiguration', () => {
  const config = daemonConfiguration({ certDir: '/etc/docker/tls', host: 'docker.example.com' });

  it('gives the daemon.json settings with both the socket and the TLS port', () => {
    expect(config.daemonJson).toEqual({
      tlsverify: true,
      tlscacert: '/etc/docker/tls/ca.pem',
      tlscert: '/etc/docker/tls/server-cert.pem',
      tlskey: '/etc/docker/tls/server-key.pem',
      hosts: ['unix:///var/run/docker.sock', 'tcp://0.0.0.0:2376'],
    });
    expect(JSON.parse(config.daemonJsonText)).toEqual(config.daemonJson);
  });

  it('clears the stock ExecStart (and its -H fd://) in the systemd drop-in', () => {
    expect(config.systemdDropIn).toBe('[Service]\nExecStart=\nExecStart=/usr/bin/dockerd\n');
    expect(config.systemdDropInPath).toBe('/etc/systemd/system/docker.service.d/override.conf');
    expect(daemonConfiguration({ certDir: '/x', host: 'h', dockerdPath: '/usr/sbin/dockerd' }).systemdDropIn).toContain(
      'ExecStart=/usr/sbin/dockerd\n',
    );
  });

  it('gives the DOCKER_OPTS line and the dockerd command line', () => {
    const flags =
      '--tlsverify --tlscacert=/etc/docker/tls/ca.pem --tlscert=/etc/docker/tls/server-cert.pem --tlskey=/etc/docker/tls/server-key.pem';
    expect(config.dockerOptsLine).toBe(`DOCKER_OPTS="${flags} -H=0.0.0.0:2376 -H unix:///var/run/docker.sock"`);
    expect(config.dockerdCommand).toBe(`/usr/bin/dockerd ${flags} -H=0.0.0.0:2376 -H unix:///var/run/docker.sock`);
  });

  it('honours the port, the bind address and quotes odd paths', () => {
    const custom = daemonConfiguration({ certDir: '/etc/docker/my certs', host: '2001:db8::5', port: 12376, bindAddress: '::' });
    expect(custom.daemonJson.hosts).toEqual(['unix:///var/run/docker.sock', 'tcp://[::]:12376']);
    expect(custom.dockerdCommand).toContain("--tlscacert='/etc/docker/my certs/ca.pem'");
    expect(custom.notes.join('\n')).toContain('[2001:db8::5]:12376');
  });
});

describe('clientConfiguration', () => {
  it('gives the environment, docker and curl commands', () => {
    const config = clientConfiguration({ certDir: '/home/op/.docker/prod', host: 'docker.example.com' });
    expect(config.dockerHost).toBe('tcp://docker.example.com:2376');
    expect(config.environment).toBe(
      'export DOCKER_HOST=tcp://docker.example.com:2376 DOCKER_CERT_PATH=/home/op/.docker/prod DOCKER_TLS_VERIFY=1',
    );
    expect(config.dockerCommand).toBe(
      'docker -H tcp://docker.example.com:2376 --tlsverify --tlscacert /home/op/.docker/prod/ca.pem --tlscert /home/op/.docker/prod/cert.pem --tlskey /home/op/.docker/prod/key.pem version',
    );
    expect(config.curlCommand).toBe(
      'curl --cert /home/op/.docker/prod/cert.pem --key /home/op/.docker/prod/key.pem --cacert /home/op/.docker/prod/ca.pem https://docker.example.com:2376/version',
    );
  });

  it('brackets IPv6 hosts and quotes paths with spaces', () => {
    const config = clientConfiguration({ certDir: "/tmp/it's here", host: '2001:db8::5', port: 12376 });
    expect(config.dockerHost).toBe('tcp://[2001:db8::5]:12376');
    expect(config.environment).toContain(`DOCKER_CERT_PATH='/tmp/it'\\''s here'`);
  });
});
