/**
 * The lab's TLS install target (lib-install.sh) with nothing but the docker CLI and the OpenSSH
 * client: it starts plain, the lab user may reconfigure it and run its restart command (and
 * nothing else as root), the restart fails like systemctl's when dockerd cannot start, and
 * `ctl.sh reset-install` puts it back. Without a lab every test fails with the "not running" message.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type LabInstallTarget, type LabManifest, labInstallTarget, loadLabManifest, resetLabInstallTarget } from './manifest.js';

let manifest: LabManifest | undefined;
function lab(): { manifest: LabManifest; install: LabInstallTarget } {
  manifest ??= loadLabManifest();
  return { manifest, install: labInstallTarget(manifest) };
}

afterAll(() => {
  if (manifest?.install) resetLabInstallTarget();
});

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 90_000, input: '' });
  if (result.error) throw new Error(`${command} ${args.join(' ')}: ${result.error.message}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A command on the "host" as the lab user, through the lab sshd with the OpenSSH client. */
function asLabUser(script: string) {
  const { ssh } = lab().manifest;
  return run('ssh', [
    '-F',
    '/dev/null',
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    'IdentityAgent=none',
    '-o',
    `UserKnownHostsFile=${ssh.knownHostsPath}`,
    '-o',
    'GlobalKnownHostsFile=/dev/null',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'BatchMode=yes',
    '-i',
    ssh.keyPath,
    '-p',
    String(ssh.port),
    `${ssh.user}@${ssh.host}`,
    script,
  ]);
}

function docker(...args: string[]) {
  return run('docker', ['-H', `unix://${lab().install.socket}`, ...args]);
}

const pidOf = () => readFileSync(lab().install.pidfile, 'utf8').trim();
const plainJson = () => ({ hosts: [`unix://${lab().install.socket}`] });

describe('the lab install target', () => {
  it('is listed in the manifest and runs plain: a vfs dockerd on its unix socket, nothing on the TLS port', () => {
    const { manifest: m, install } = lab();
    for (const path of [
      install.daemonJsonPath,
      install.remoteDir,
      install.socket,
      install.pidfile,
      install.logFile,
      install.systemdDropInPath,
    ]) {
      expect(path.startsWith(`${m.labDir}/install/`), path).toBe(true);
    }
    expect(install.restartCommand).toBe(`sudo -n ${m.labDir}/install/restart.sh`);
    expect(install.host).toBe('127.0.0.1');
    expect(JSON.parse(readFileSync(install.daemonJsonPath, 'utf8'))).toEqual(plainJson());
    expect(docker('info', '--format', '{{.Driver}}').stdout.trim()).toBe('vfs');
    const tlsPort = run('bash', ['-c', `exec 3<>/dev/tcp/127.0.0.1/${install.tlsPort}`]);
    expect(tlsPort.status).not.toBe(0);
  });

  it('lets the lab user write its configuration and run the restart command, and nothing else as root', () => {
    const { install } = lab();
    const dir = join(install.daemonJsonPath, '..');
    const probe = asLabUser(`touch ${dir}/probe && mkdir -p ${install.remoteDir} && rm -f ${dir}/probe && echo ok`);
    expect(probe.stdout.trim(), probe.stderr).toBe('ok');
    const owner = run('id', ['-u', lab().manifest.ssh.user]).stdout.trim();
    expect(String(statSync(install.daemonJsonPath).uid)).toBe(owner);

    const before = pidOf();
    const restart = asLabUser(install.restartCommand);
    expect(restart.status, restart.stderr).toBe(0);
    expect(restart.stderr).toContain('install: dockerd is up');
    expect(pidOf()).not.toBe(before);
    expect(docker('version', '--format', '{{.Server.Version}}').status).toBe(0);

    expect(asLabUser('sudo -n true').status).not.toBe(0);
    expect(asLabUser(`${install.restartCommand} --extra`).status).not.toBe(0);
    expect(asLabUser(`echo hacked > ${install.restartCommand.split(' ').at(-1)!}`).status).not.toBe(0);
  });

  it('fails the restart, as systemctl would, when dockerd refuses its configuration', () => {
    const { install } = lab();
    writeFileSync(install.daemonJsonPath, JSON.stringify({ ...plainJson(), 'no-such-option': true }));
    const restart = asLabUser(install.restartCommand);
    expect(restart.status).not.toBe(0);
    expect(restart.stderr).toMatch(/no-such-option/);
    expect(restart.stderr).toContain('the restart failed');
    expect(docker('version').status).not.toBe(0);
  });

  it('is put back to plain by ctl.sh reset-install', () => {
    const { install } = lab();
    writeFileSync(install.daemonJsonPath, '{ garbage');
    writeFileSync(join(install.daemonJsonPath, '..', 'daemon.json.berth-backup-1'), '{}');
    resetLabInstallTarget();
    expect(readdirSync(join(install.daemonJsonPath, '..'))).toEqual(['daemon.json']);
    expect(JSON.parse(readFileSync(install.daemonJsonPath, 'utf8'))).toEqual(plainJson());
    expect(docker('info', '--format', '{{.Driver}}').stdout.trim()).toBe('vfs');
  });
});
