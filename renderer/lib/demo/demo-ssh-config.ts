import type { SshConfigListing } from '../../../shared/ssh-config-contract';

/**
 * What the demo's "Import from ~/.ssh/config" lists: made up on purpose (the demo reads no
 * files), in the shape main answers — a chain through two jump hosts, a plain host, and an
 * alias that cannot be imported.
 */
export function demoSshConfig(): SshConfigListing {
  const key = (keyPath: string) => ({ method: 'key' as const, keyPath, hasPassphrase: false });
  return {
    file: '~/.ssh/config',
    found: true,
    entries: [
      {
        alias: 'build-02',
        transport: {
          type: 'ssh',
          host: '10.20.0.12',
          port: 22,
          user: 'deploy',
          auth: key('~/.ssh/id_ed25519'),
          remoteSocket: '/var/run/docker.sock',
          jumpHosts: [
            { host: 'bastion.example.net', port: 22, user: 'ops', auth: { method: 'agent' } },
            { host: '10.20.0.2', port: 2222, user: 'ops', auth: { method: 'agent' } },
          ],
          keepaliveIntervalSeconds: 30,
        },
        notes: [],
      },
      {
        alias: 'staging',
        transport: {
          type: 'ssh',
          host: 'staging.example.net',
          port: 22,
          user: 'deploy',
          auth: { method: 'agent' },
          remoteSocket: '/var/run/docker.sock',
        },
        notes: ['StrictHostKeyChecking is not used: Berth always checks host keys and asks about new ones.'],
      },
      {
        alias: 'legacy',
        error: {
          code: 'SSH_CONFIG_PROXY_LOOP',
          message:
            'ProxyJump loops: legacy → gw → legacy. A host cannot be reached through itself; give one of them "ProxyJump none" in your ssh config.',
        },
        notes: [],
      },
    ],
    notes: ['~/.ssh/config line 12: Unknown directive "UseRoaming": ignored.'],
  };
}
