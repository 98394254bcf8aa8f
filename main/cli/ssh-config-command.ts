import os from 'node:os';
import path from 'node:path';
import { formatHostPort, type HostProfile } from '../../shared/profile.js';
import type { SshConfigEntry } from '../../shared/ssh-config-contract.js';
import { exitStatusOf } from '../../shared/errors.js';
import { splitProfile } from '../core/app/profile-secrets.js';
import { BerthError, toEnvelope } from '../core/errors.js';
import { readSshConfig } from '../core/ssh-config/read-ssh-config.js';
import { resolveSshHost } from '../core/ssh-config/resolve-ssh-host.js';
import {
  DEFAULT_REMOTE_SOCKET,
  defaultSshConfigFile,
  listSshConfigHosts,
  sshConfigEnvironment,
  sshTransportOf,
} from '../core/ssh-config/ssh-config-hosts.js';
import { ConfProfileStore } from '../core/store/conf-profile-store.js';
import { defaultDataDirectory } from '../core/store/data-directory.js';
import { parseCommandArgs } from './args.js';
import { newHostId } from '../core/contexts/context-host.js';
import type { CliIo } from './io.js';

export const sshConfigHelp = `Usage: berth ssh-config COMMAND [OPTIONS]

Your hosts in ~/.ssh/config, as Berth hosts: read the way ssh reads them (Include files, Host *
defaults, the first value of a directive wins), ProxyJump chains of any length included.

Commands:
  ls                     List the config's Host aliases and what each becomes (or why it cannot)
  import [ALIAS...]      Save these aliases (default: every one that can be imported) as Berth
                         hosts, named after the alias; an alias already saved under that name is
                         left alone

Options:
      --file FILE             The ssh config to read (default ~/.ssh/config)
      --remote-socket PATH    import: the Docker socket on the hosts (default ${DEFAULT_REMOTE_SOCKET})
      --tag TAG               import: tag the new hosts (repeatable), e.g. --tag production
      --data-dir DIR          Berth's data folder (default ~/.config/berth)
      --json                  ls: print JSON
  -h, --help                  Show this help

Read: HostName, User, Port, IdentityFile (~ and %d %u %h %r %p %n), IdentitiesOnly, IdentityAgent
and SSH_AUTH_SOCK (ssh-agent, as ssh uses it), ProxyJump, ServerAliveInterval, ConnectTimeout,
UserKnownHostsFile. Unknown directives are ignored with a note; a ProxyJump loop, a missing
IdentityFile or a ProxyCommand make that alias fail with the reason. Every host key on the way
(jump hosts too) is checked when Berth connects. Hosts saved here appear in the app at its next start.`;

const sshConfigOptions = {
  file: { type: 'string' },
  'remote-socket': { type: 'string' },
  tag: { type: 'string', multiple: true },
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type SshConfigValues = ReturnType<typeof parseCommandArgs<typeof sshConfigOptions>>['values'];

export async function runSshConfig(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('ssh-config', argv, sshConfigOptions);
  const [subcommand, ...aliases] = positionals;
  if (values.help || subcommand === undefined) {
    io.stdout(sshConfigHelp);
    return values.help ? 0 : 2;
  }
  const home = io.env.HOME ?? os.homedir();
  const file = path.resolve(values.file ?? defaultSshConfigFile(home));
  switch (subcommand) {
    case 'ls':
      if (aliases.length > 0) throw new BerthError('INVALID_ARGUMENT', 'Usage: berth ssh-config ls [--file F] [--json].');
      return listHosts(file, home, values, io);
    case 'import':
      return importHosts(file, home, aliases, values, io);
    default:
      throw new BerthError(
        'INVALID_ARGUMENT',
        `Unknown ssh-config command "${subcommand}". Use ls or import; run \`berth ssh-config --help\`.`,
      );
  }
}

async function listHosts(file: string, home: string, values: SshConfigValues, io: CliIo): Promise<number> {
  const listing = await listSshConfigHosts(file, sshConfigEnvironment(io.env, home));
  if (!listing.found) throw missingConfig(file);
  if (values.json) {
    io.stdout(JSON.stringify(listing, null, 2));
    return 0;
  }
  const width = Math.max(0, ...listing.entries.map((entry) => entry.alias.length));
  const lines = [`Hosts in ${file}:`];
  for (const entry of listing.entries) lines.push(`  ${entry.alias.padEnd(width)}  ${describeEntry(entry)}`);
  if (listing.entries.length === 0) lines.push('  (no Host entries with a plain name: patterns such as Host * are defaults, not hosts)');
  for (const entry of listing.entries) for (const note of entry.notes) lines.push(`note: ${entry.alias}: ${note}`);
  for (const note of listing.notes) lines.push(`note: ${note}`);
  io.stdout(lines.join('\n'));
  return 0;
}

/** `ssh://deploy@10.0.0.7:22 via ops@bastion:22 → …  key ~/.ssh/id`, or why it cannot be imported. */
function describeEntry(entry: SshConfigEntry): string {
  const transport = entry.transport;
  if (transport === undefined) return `cannot import: ${entry.error?.code ?? 'INTERNAL'}: ${entry.error?.message ?? ''}`;
  const hop = (each: { user: string; host: string; port: number }) => `${each.user}@${formatHostPort(each.host, each.port)}`;
  const via = transport.jumpHosts?.length ? ` via ${transport.jumpHosts.map(hop).join(' → ')}` : '';
  const auth =
    transport.auth.method === 'key' ? `key ${transport.auth.keyPath}` : transport.auth.method === 'agent' ? 'ssh-agent' : 'password';
  return `ssh://${hop(transport)}${via}  ${auth}`;
}

async function importHosts(file: string, home: string, aliases: string[], values: SshConfigValues, io: CliIo): Promise<number> {
  const env = sshConfigEnvironment(io.env, home);
  const listing = await listSshConfigHosts(file, env);
  if (!listing.found) throw missingConfig(file);
  const wanted =
    aliases.length > 0 ? aliases : listing.entries.filter((entry) => entry.transport !== undefined).map((entry) => entry.alias);
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDirectory(io.env, home));
  const store = new ConfProfileStore({ cwd: dataDir });
  const saved = new Set((await store.list()).map((profile) => profile.name));
  const { config } = await readSshConfig(file, env);
  let status = 0;
  for (const alias of wanted) {
    if (saved.has(alias)) {
      io.stdout(`Skipped "${alias}": a Berth host of that name exists already (edit it in Berth, or remove it first).`);
      continue;
    }
    try {
      const resolved = resolveSshHost(config, alias, env);
      const profile: HostProfile = {
        id: newHostId(alias),
        name: alias,
        tags: values.tag ?? [],
        transport: sshTransportOf(resolved, values['remote-socket'] ?? DEFAULT_REMOTE_SOCKET),
      };
      await store.save(splitProfile(profile).stored);
      saved.add(alias);
      io.stdout(
        `Saved host "${alias}" (${describeEntry({ alias, transport: profile.transport as SshConfigEntry['transport'] & object, notes: [] })}) in ${dataDir}.`,
      );
      for (const note of resolved.notes) io.stderr(`note: ${alias}: ${note}`);
    } catch (error) {
      const envelope = toEnvelope(error);
      io.stderr(`berth: ${envelope.code}: ${alias}: ${envelope.message}`);
      status ||= exitStatusOf(envelope.code);
    }
  }
  for (const note of listing.notes) io.stderr(`note: ${note}`);
  if (wanted.length === 0) io.stdout(`No alias in ${file} can be imported; run \`berth ssh-config ls\` to see why.`);
  else if (status === 0)
    io.stdout('Berth shows the hosts at its next start; the first connection asks about each new host key (jump hosts too).');
  return status;
}

function missingConfig(file: string): BerthError {
  return new BerthError('FILE_UNREADABLE', `There is no ssh config at ${file}. Give one with --file, or create ~/.ssh/config.`);
}
