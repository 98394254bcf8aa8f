import { spawnSync } from 'node:child_process';
import type { LabManifest } from '../lab/manifest.js';

/** The real docker CLI on a test DOCKER_CONFIG: status and trimmed output, never a throw. */
export function dockerCli(dockerConfig: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('docker', args, { encoding: 'utf8', env: { ...process.env, DOCKER_CONFIG: dockerConfig }, timeout: 30_000 });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

/**
 * Contexts for the lab made with `docker context create` in `dockerConfig`: lab-tcp, lab-tls
 * (with the lab's client certificates, described "lab TLS"), lab-ssh, and lab-skip (TLS with
 * SkipTLSVerify, which Berth must refuse); `current` becomes the CLI's current context.
 */
export function createLabContexts(dockerConfig: string, lab: LabManifest, current: string): void {
  const { tls } = lab;
  const commands = [
    ['context', 'create', 'lab-tcp', '--docker', `host=${lab.daemons.tcp.endpoint}`],
    [
      'context',
      'create',
      'lab-tls',
      '--description',
      'lab TLS',
      '--docker',
      `host=${lab.daemons.tls.endpoint},ca=${tls.caPath},cert=${tls.certPath},key=${tls.keyPath}`,
    ],
    ['context', 'create', 'lab-ssh', '--docker', `host=ssh://${lab.ssh.user}@${lab.ssh.host}:${lab.ssh.port}`],
    ['context', 'create', 'lab-skip', '--docker', `host=${lab.daemons.tls.endpoint},skip-tls-verify=true`],
    ['context', 'use', current],
  ];
  for (const args of commands) {
    const result = dockerCli(dockerConfig, args);
    if (result.status !== 0) throw new Error(`docker ${args.join(' ')} failed: ${result.stderr}`);
  }
}
