import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { ConfProfileStore } from '../core/store/conf-profile-store.js';
import { TempDirs } from '../../test-support/service-fakes.js';
import type { CliIo } from './io.js';

const home = fileURLToPath(new URL('../core/ssh-config/fixtures/home', import.meta.url));
const temp = new TempDirs();
afterEach(() => temp.cleanup());

function io(env: NodeJS.ProcessEnv = {}): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (text) => out.push(text), stderr: (text) => err.push(text), env: { HOME: home, USER: 'alice', ...env } };
}

describe('berth ssh-config', () => {
  it('lists every alias with its chain, or why it cannot be imported, and the notes', async () => {
    const cli = io({ SSH_AUTH_SOCK: '/run/agent.sock' });
    expect(await runCli(['ssh-config', 'ls'], cli)).toBe(0);
    const text = cli.out.join('\n');
    expect(text).toContain(`Hosts in ${join(home, '.ssh/config')}:`);
    expect(text).toMatch(/deep\s+ssh:\/\/fallback@10\.0\.0\.9:22 via fallback@gw\.example\.net:2222 → ops2@10\.0\.0\.2:2022 {2}ssh-agent/);
    expect(text).toMatch(/loop-a\s+cannot import: SSH_CONFIG_PROXY_LOOP: ProxyJump loops: loop-a → loop-b → loop-a/);
    expect(text).toMatch(/nokey\s+cannot import: SSH_CONFIG_IDENTITY_MISSING/);
    expect(text).toContain('Unknown directive "FrobnicateTheWidget": ignored.');
  });

  it('imports aliases into the same profile store as the app, refusing the ones that cannot be', async () => {
    const dataDir = temp.make('berth-sshconfig-cli-');
    const cli = io({ SSH_AUTH_SOCK: '/run/agent.sock' });
    const status = await runCli(['ssh-config', 'import', '--data-dir', dataDir, '--tag', 'imported', 'deep', 'loop-a'], cli);
    expect(status).toBe(2);
    expect(cli.err.join('\n')).toContain('berth: SSH_CONFIG_PROXY_LOOP: loop-a: ProxyJump loops');
    const [saved, ...others] = await new ConfProfileStore({ cwd: dataDir }).list();
    expect(others).toEqual([]);
    expect(saved).toMatchObject({
      name: 'deep',
      tags: ['imported'],
      transport: {
        type: 'ssh',
        host: '10.0.0.9',
        user: 'fallback',
        auth: { method: 'agent' },
        remoteSocket: '/var/run/docker.sock',
        keepaliveIntervalSeconds: 60,
        jumpHosts: [
          { host: 'gw.example.net', port: 2222, user: 'fallback', auth: { method: 'agent' } },
          { host: '10.0.0.2', port: 2022, user: 'ops2', auth: { method: 'agent' } },
        ],
      },
    });
    // Importing again leaves the saved host alone.
    const again = io({ SSH_AUTH_SOCK: '/run/agent.sock' });
    expect(await runCli(['ssh-config', 'import', '--data-dir', dataDir, 'deep'], again)).toBe(0);
    expect(again.out.join('\n')).toContain('Skipped "deep"');
  });

  it('says what to do about a missing config file or an unknown alias', async () => {
    const cli = io();
    expect(await runCli(['ssh-config', 'ls', '--file', join(home, 'nope')], cli)).toBe(2);
    expect(cli.err.join('\n')).toContain(`FILE_UNREADABLE: There is no ssh config at ${join(home, 'nope')}`);
    const dataDir = temp.make('berth-sshconfig-cli-');
    const other = io({ SSH_AUTH_SOCK: '/run/agent.sock' });
    expect(await runCli(['ssh-config', 'import', '--data-dir', dataDir, 'nowhere'], other)).toBe(2);
    expect(other.err.join('\n')).toContain('SSH_CONFIG_HOST_NOT_FOUND');
    const help = io();
    expect(await runCli(['ssh-config', '--help'], help)).toBe(0);
    expect(help.out.join('\n')).toContain('Usage: berth ssh-config COMMAND');
  });
});
