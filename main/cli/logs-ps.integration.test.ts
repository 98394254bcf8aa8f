import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitStatusOf } from '../../shared/errors.js';
import type { LabManifest } from '../../e2e/lab/manifest.js';
import { requireLab } from '../../e2e/support/lab-hosts.js';
import { docker, dockerLogs, removeContainers, runScript } from '../core/containers/containers-test-support.js';
import { runCli } from '../cli.js';
import { runLogs } from './logs-command.js';

let lab: LabManifest;
let scratch: string;
const made: { daemon: 'tcp' | 'ssh'; name: string }[] = [];

beforeAll(() => {
  lab = requireLab();
  scratch = mkdtempSync(path.join(os.tmpdir(), 'berth-cli-logs-'));
});

afterAll(() => {
  for (const { daemon, name } of made.splice(0)) removeContainers(lab, daemon, name);
});

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (text: string) => out.push(text), stderr: (text: string) => err.push(text), env: { HOME: scratch } } };
}

function hostArgs(daemon: 'tcp' | 'ssh'): string[] {
  if (daemon === 'tcp') return ['-H', lab.daemons.tcp.endpoint];
  return [
    '-H',
    lab.daemons.ssh.endpoint,
    '--ssh-key',
    lab.ssh.keyPath,
    '--remote-socket',
    lab.ssh.remoteSocket,
    '--known-hosts',
    lab.ssh.knownHostsPath,
  ];
}

const lines = (chunks: string[]) => (chunks.length === 0 ? [] : chunks.join('').replace(/\n$/, '').split('\n'));

describe.each(['tcp', 'ssh'] as const)('berth logs / ps over %s', (daemon) => {
  it('prints stdout and stderr apart like docker logs, with --tail, -t and -f', async () => {
    const name = runScript(
      lab,
      daemon,
      'cli',
      'for i in 1 2 3 4 5; do echo "out $i"; echo "err $i" >&2; done; sleep 2; echo late; sleep 1',
    );
    made.push({ daemon, name });
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    const all = io();
    expect(await runCli(['logs', ...hostArgs(daemon), name], all.io)).toBe(0);
    const cli = dockerLogs(lab, daemon, name);
    expect(lines(all.out)).toEqual(cli.stdout);
    expect(lines(all.err)).toEqual(cli.stderr);

    const tail = io();
    expect(await runCli(['logs', ...hostArgs(daemon), '--tail', '2', '-t', name], tail.io)).toBe(0);
    const tailed = [...lines(tail.out), ...lines(tail.err)];
    expect(tailed).toHaveLength(2);
    expect(tailed.every((line) => /^\d{4}-\d{2}-\d{2}T[\d:.]+Z (out \d|err \d|late)$/.test(line))).toBe(true);

    // -f follows until the container stops (the "late" line arrives while following).
    const follow = io();
    const interrupt = new AbortController();
    const timer = setTimeout(() => interrupt.abort(), 30_000);
    expect(await runLogs([...hostArgs(daemon), '-f', name], follow.io, { interrupt: interrupt.signal })).toBe(0);
    clearTimeout(timer);
    expect(interrupt.signal.aborted).toBe(false);
    expect(lines(follow.out)).toEqual(['out 1', 'out 2', 'out 3', 'out 4', 'out 5', 'late']);

    const ps = io();
    expect(await runCli(['ps', ...hostArgs(daemon), '-a', '--json'], ps.io)).toBe(0);
    const listed = JSON.parse(ps.out.join('')) as { names: string[]; state: string }[];
    expect(listed.find((container) => container.names.some((entry) => entry.replace(/^\//, '') === name))?.state).toBe('exited');
    const running = io();
    expect(await runCli(['ps', ...hostArgs(daemon)], running.io)).toBe(0);
    expect(running.out.join('')).toMatch(/^CONTAINER ID\s+IMAGE\s+STATE/);
    expect(running.out.join('')).not.toContain(name);
    expect(running.out.join('').split('\n').length - 1).toBe(
      Number(docker(lab, daemon, 'ps', '-q').trim().split('\n').filter(Boolean).length),
    );
  });
});

describe('berth logs bad input', () => {
  it('a missing container, a bad --tail, a bad --since, no container', async () => {
    const missing = io();
    const status = await runCli(['logs', '-H', lab.daemons.tcp.endpoint, 'berth-ct-does-not-exist'], missing.io);
    expect(status).toBe(exitStatusOf('CONTAINER_NOT_FOUND'));
    expect(missing.err.join('')).toMatch(/^berth: CONTAINER_NOT_FOUND: There is no container "berth-ct-does-not-exist"/);
    for (const args of [['--tail', 'many', 'x'], ['--since', 'yesterday', 'x'], []]) {
      const bad = io();
      expect(await runCli(['logs', '-H', lab.daemons.tcp.endpoint, ...args], bad.io)).toBe(2);
      expect(bad.err.join('')).toMatch(/^berth: INVALID_ARGUMENT: /);
    }
    const help = io();
    expect(await runCli(['logs', '--help'], help.io)).toBe(0);
    expect(help.out.join('')).toContain('Usage: berth logs [OPTIONS] CONTAINER');
  });
});
