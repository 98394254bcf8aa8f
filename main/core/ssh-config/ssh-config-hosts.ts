import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { redactTransport } from '../../../shared/host-view.js';
import { type TransportOf } from '../../../shared/profile.js';
import type { SshConfigEntry, SshConfigListing } from '../../../shared/ssh-config-contract.js';
import { toEnvelope } from '../errors.js';
import { readSshConfig } from './read-ssh-config.js';
import { listAliases, type ResolvedHop, type ResolvedSshHost, resolveSshHost, type SshConfigEnvironment } from './resolve-ssh-host.js';

/** The most aliases one listing resolves. */
const MAX_LISTED_ALIASES = 2_000;

/** Where the Docker socket is on a host imported from ssh config (it says nothing about docker). */
export const DEFAULT_REMOTE_SOCKET = '/var/run/docker.sock';

/** The environment variables ssh reads here. */
export type SshEnvironment = Partial<Record<'SSH_AUTH_SOCK' | 'USER' | 'USERNAME', string>>;

/** The machine's ssh environment: home, user, SSH_AUTH_SOCK, and real file checks. */
export function sshConfigEnvironment(env: SshEnvironment, home: string = os.homedir()): SshConfigEnvironment {
  return {
    home,
    localUser: env['USER'] ?? env['USERNAME'] ?? safeUserName(),
    agentSocket: env['SSH_AUTH_SOCK'] || undefined,
    fileExists: (file) => existsSync(file),
  };
}

export function defaultSshConfigFile(home: string): string {
  return path.join(home, '.ssh', 'config');
}

/** A resolved alias as a Berth SSH transport (no secrets: key files and the agent only). */
export function sshTransportOf(resolved: ResolvedSshHost, remoteSocket = DEFAULT_REMOTE_SOCKET): TransportOf<'ssh'> {
  const hop = (each: ResolvedHop) => ({ host: each.host, port: each.port, user: each.user, auth: each.auth });
  return {
    type: 'ssh',
    ...hop(resolved.hop),
    remoteSocket,
    ...(resolved.jumpHosts.length > 0 && { jumpHosts: resolved.jumpHosts.map(hop) }),
    ...(resolved.keepaliveIntervalSeconds !== undefined && { keepaliveIntervalSeconds: resolved.keepaliveIntervalSeconds }),
    ...(resolved.connectTimeoutSeconds !== undefined && { connectTimeoutSeconds: resolved.connectTimeoutSeconds }),
    ...(resolved.knownHostsFiles !== undefined && { knownHostsFiles: resolved.knownHostsFiles }),
  };
}

/**
 * Every alias of the config, each resolved or with the error that stops it (one bad alias
 * does not hide the others). A missing file is an empty listing with `found: false`.
 */
export async function listSshConfigHosts(file: string, env: SshConfigEnvironment): Promise<SshConfigListing> {
  if (!existsSync(file)) return { file, found: false, entries: [], notes: [] };
  const loaded = await readSshConfig(file, env);
  const aliases = listAliases(loaded.config);
  // Resolving is work per alias and per hop over the whole file: a listing stops somewhere.
  const listed = aliases.slice(0, MAX_LISTED_ALIASES);
  const entries = listed.map((alias): SshConfigEntry => {
    try {
      const resolved = resolveSshHost(loaded.config, alias, env);
      const transport = redactTransport(sshTransportOf(resolved)) as SshConfigEntry['transport'] & object;
      return { alias, transport, notes: resolved.notes };
    } catch (error) {
      return { alias, error: toEnvelope(error), notes: [] };
    }
  });
  const notes = loaded.notes.map((note) => `${note.file}${note.line > 0 ? ` line ${note.line}` : ''}: ${note.message}`);
  if (aliases.length > listed.length) notes.push(`${file} names ${aliases.length} hosts; Berth lists the first ${MAX_LISTED_ALIASES}.`);
  return { file, found: true, entries, notes };
}

function safeUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return '';
  }
}
