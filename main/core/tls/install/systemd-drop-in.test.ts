import { describe, expect, it } from 'vitest';
import { execStartOfUnit, systemdDropInFor } from './systemd-drop-in.js';

// `systemctl cat docker.service` on Debian 12 with docker.io, plus an older override.
const debianUnit = `# /lib/systemd/system/docker.service
[Unit]
Description=Docker Application Container Engine
Documentation=https://docs.docker.com
After=network-online.target docker.socket firewalld.service containerd.service time-set.target
Wants=network-online.target containerd.service
Requires=docker.socket

[Service]
Type=notify
# the default is not to use systemd for cgroups because the delegate issues still
# exists and systemd currently does not support the cgroup feature set required
# for containers run by docker
ExecStart=/usr/sbin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock $DOCKER_OPTS
ExecReload=/bin/kill -s HUP $MAINPID
TimeoutStartSec=0
RestartSec=2
Restart=always

[Install]
WantedBy=multi-user.target
`;

describe('execStartOfUnit', () => {
  it('reads the ExecStart of the unit', () => {
    expect(execStartOfUnit(debianUnit)).toBe('/usr/sbin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock $DOCKER_OPTS');
  });

  it('follows drop-ins: an empty ExecStart= clears, the last one wins', () => {
    const withDropIn = `${debianUnit}
# /etc/systemd/system/docker.service.d/override.conf
[Service]
ExecStart=
ExecStart=/usr/sbin/dockerd \\
  -H fd:// -H tcp://0.0.0.0:2375
`;
    expect(execStartOfUnit(withDropIn)).toBe('/usr/sbin/dockerd    -H fd:// -H tcp://0.0.0.0:2375');
    expect(execStartOfUnit(`${debianUnit}\n[Service]\nExecStart=\n`)).toBeUndefined();
  });

  it('ignores ExecStart outside [Service] and answers undefined without a unit', () => {
    expect(execStartOfUnit('[Unit]\nExecStart=/bin/false\n')).toBeUndefined();
    expect(execStartOfUnit('No files found for docker.service.\n')).toBeUndefined();
  });
});

describe('systemdDropInFor', () => {
  it('clears ExecStart and runs the same command without -H fd://', () => {
    const dropIn = systemdDropInFor(execStartOfUnit(debianUnit));
    expect(dropIn.execStart).toBe('/usr/sbin/dockerd --containerd=/run/containerd/containerd.sock $DOCKER_OPTS');
    expect(dropIn.removedFlags).toEqual(['-H fd://']);
    expect(dropIn.text).toMatch(
      /\[Service\]\nExecStart=\nExecStart=\/usr\/sbin\/dockerd --containerd=\/run\/containerd\/containerd.sock \$DOCKER_OPTS\n$/,
    );
  });

  it('removes every spelling of host and TLS flags, and keeps the rest', () => {
    const dropIn = systemdDropInFor(
      '/usr/bin/dockerd -H=fd:// --host tcp://0.0.0.0:2375 --host=unix:///x.sock -Hfd:// --tlsverify --tls=true --tlscacert /a/ca.pem --tlscert=/a/cert.pem --tlskey "/a b/key.pem" --log-level warn',
    );
    expect(dropIn.execStart).toBe('/usr/bin/dockerd --log-level warn');
    expect(dropIn.removedFlags).toEqual([
      '-H=fd://',
      '--host tcp://0.0.0.0:2375',
      '--host=unix:///x.sock',
      '-Hfd://',
      '--tlsverify',
      '--tls=true',
      '--tlscacert /a/ca.pem',
      '--tlscert=/a/cert.pem',
      '--tlskey "/a b/key.pem"',
    ]);
  });

  it('runs plain dockerd when the unit is unknown', () => {
    expect(systemdDropInFor(undefined, '/usr/sbin/dockerd').execStart).toBe('/usr/sbin/dockerd');
    expect(systemdDropInFor(undefined).execStart).toBe('/usr/bin/dockerd');
  });
});
