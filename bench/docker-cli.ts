import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LabDaemonName, LabManifest } from '../e2e/lab/manifest.js';
import { labDockerArgs } from '../e2e/lab/manifest.js';

/**
 * How the docker CLI reaches a lab daemon for the reference runs. For SSH it goes through the
 * lab sshd like Berth does (ssh://…/socket makes the CLI run `docker system dial-stdio` on the
 * far side), with an `ssh` wrapper first on PATH that supplies the lab key and known_hosts.
 */
export function dockerCliInvocation(
  lab: LabManifest,
  daemon: LabDaemonName,
  /** Another socket behind the lab sshd (e.g. the cleanup daemon's) for `ssh`. */
  remoteSocket: string = lab.ssh.remoteSocket,
): { args: string[]; env: NodeJS.ProcessEnv } {
  if (daemon !== 'ssh') return { args: labDockerArgs(lab, daemon), env: process.env };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-bench-ssh-'));
  const config = path.join(dir, 'ssh_config');
  writeFileSync(
    config,
    [
      `Host ${lab.ssh.host}`,
      `  IdentityFile ${lab.ssh.keyPath}`,
      '  IdentitiesOnly yes',
      `  UserKnownHostsFile ${lab.ssh.knownHostsPath}`,
      '  StrictHostKeyChecking yes',
      '  BatchMode yes',
      '',
    ].join('\n'),
  );
  const wrapper = path.join(dir, 'ssh');
  writeFileSync(wrapper, `#!/bin/sh\nexec /usr/bin/ssh -F ${config} "$@"\n`);
  chmodSync(wrapper, 0o755);
  const url = `ssh://${lab.ssh.user}@${lab.ssh.host}:${lab.ssh.port}${remoteSocket}`;
  return { args: ['-H', url], env: { ...process.env, PATH: `${dir}:${process.env.PATH ?? ''}` } };
}

/** `docker info`, `docker ps -a`, `docker system df`: the CLI's equivalent of one Berth refresh. */
export function dockerCliRefresh(invocation: { args: string[]; env: NodeJS.ProcessEnv }): void {
  for (const command of [['info'], ['ps', '-a'], ['system', 'df']]) {
    const result = spawnSync('docker', [...invocation.args, ...command], { env: invocation.env, encoding: 'utf8', timeout: 30_000 });
    if (result.status !== 0)
      throw new Error(`docker ${[...invocation.args, ...command].join(' ')} failed: ${result.stderr || result.error?.message}`);
  }
}
