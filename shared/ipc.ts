/**
 * The contract's channel names and their Electron IPC names, free of zod and every other
 * dependency: the sandboxed preload bundles this file alone. shared/contract.ts re-exports it and
 * checks at compile time that these names are exactly its invoke schemas and push events.
 */
export const invokeChannelNames = [
  'hosts:list',
  'hosts:save',
  'hosts:remove',
  'hosts:test',
  'hosts:retry',
  'hosts:snapshot',
  'hosts:refresh',
  'hosts:accept-host-key',
  'hosts:reject-host-key',
  'hosts:provide-secret',
  'hosts:forget-host-key',
  'endpoint:parse',
  'local:detect',
  'app:info',
  'secrets:unlock',
  'secrets:set-master-passphrase',
  'tls:generate',
  'tls:cancel',
  'tls:configuration',
  'tls:install',
  'tls:rollback',
  'tls:verify',
  'tls:save-host',
  'tls:health',
  'tls:renew-client',
  'containers:inspect',
  'logs:open',
  'logs:close',
  'exec:open',
  'exec:input',
  'exec:resize',
  'exec:close',
  'stats:open',
  'stats:close',
  'stats:top',
  'containers:action',
  'containers:rename',
  'audit:list',
  'search:images',
] as const;
export type InvokeChannelName = (typeof invokeChannelNames)[number];

export const pushChannelNames = [
  'host:status',
  'host:snapshot',
  'hosts:changed',
  'tls:progress',
  'tls:install-step',
  'push:too-large',
  'logs:event',
  'exec:event',
  'stats:event',
  'images:changed',
] as const;
export type PushChannelName = (typeof pushChannelNames)[number];

/** IPC channel names as Electron sees them. */
export const ipcInvokeName = (channel: InvokeChannelName) => `berth:invoke:${channel}`;
export const ipcPushName = 'berth:push';
export const ipcReadyName = 'berth:ready';
