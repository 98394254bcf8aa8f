import { describe, expect, it } from 'vitest';
import type { RemoteCommandResult } from '../tls/install/remote-host.js';
import type { DockerConnection } from '../transports/docker-connection.js';
import { readFreeSpace } from './free-space.js';

/** An SSH connection whose exec answers `result` and records the command. */
function sshWith(result: Partial<RemoteCommandResult>, commands: string[] = []): DockerConnection {
  return {
    sshStats: () => ({ sshConnections: 1, sshChannels: 0 }),
    exec: async (command: string) => {
      commands.push(command);
      return { command, exitCode: 0, signal: undefined, stdout: '', stderr: '', timedOut: false, ...result };
    },
  } as unknown as DockerConnection;
}

describe('readFreeSpace', () => {
  it('runs df on the quoted root dir and reads used / (used + available), with the 80 % / 90 % levels', async () => {
    const commands: string[] = [];
    const stdout = 'Filesystem 1-blocks Used Available Capacity Mounted on\n/dev/sdb1 1000 850 150 85% /srv\n';
    const reading = await readFreeSpace(sshWith({ stdout }, commands), "/srv/dock'er", () => 7);
    expect(commands).toEqual([`LC_ALL=C df -B1 -P -- '/srv/dock'\\''er'`]);
    expect(reading).toEqual({
      kind: 'measured',
      path: "/srv/dock'er",
      filesystem: '/dev/sdb1',
      mountedOn: '/srv',
      totalBytes: 1000,
      usedBytes: 850,
      availableBytes: 150,
      usedFraction: 0.85,
      level: 'warning',
      source: 'df -B1 -P over SSH',
      readAt: 7,
    });
  });

  it('df missing, timing out or printing nonsense: unknown with the reason, never a figure', async () => {
    const missing = await readFreeSpace(sshWith({ exitCode: 127, stderr: 'sh: df: not found' }), '/var/lib/docker');
    expect(missing).toMatchObject({
      kind: 'unknown',
      reason: { code: 'FREE_SPACE_UNKNOWN', message: expect.stringMatching(/no df command \(sh: df: not found\)/) },
    });
    const slow = await readFreeSpace(sshWith({ timedOut: true, exitCode: null }), '/var/lib/docker');
    expect(slow).toMatchObject({ kind: 'unknown', reason: { message: expect.stringMatching(/did not finish within 10 s/) } });
    const odd = await readFreeSpace(sshWith({ stdout: 'hello\n' }), '/var/lib/docker');
    expect(odd).toMatchObject({ kind: 'unknown', reason: { message: expect.stringMatching(/nothing Berth can read as sizes: hello/) } });
    expect(await readFreeSpace(sshWith({}), '')).toMatchObject({ kind: 'unknown', path: null });
  });

  it('other transports: not reported, with moby#35629', async () => {
    expect(await readFreeSpace({} as DockerConnection, '/var/lib/docker')).toMatchObject({
      kind: 'not-reported',
      message: expect.stringContaining('moby/moby#35629'),
    });
  });
});
