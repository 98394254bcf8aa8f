import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeTransport, type HostProfile } from '../../shared/profile.js';
import { readContextArchive, writeContextArchive } from '../core/contexts/context-archive.js';
import { contextFromTransport, transportFromContext } from '../core/contexts/context-transport.js';
import { DEFAULT_CONTEXT, type DockerContext, DockerContextStore, dockerConfigDir } from '../core/contexts/docker-context-store.js';
import { restoreProfile, secretKey, secretRoles, splitProfile } from '../core/app/profile-secrets.js';
import { BerthError, toEnvelope } from '../core/errors.js';
import { ConfProfileStore } from '../core/store/conf-profile-store.js';
import { defaultDataDirectory } from '../core/store/data-directory.js';
import { PassphraseSecretStore } from '../core/store/passphrase-secret-store.js';
import type { StoredProfile } from '../core/store/profile-store.js';
import { parseCommandArgs } from './args.js';
import type { CliIo } from './io.js';

export const contextHelp = `Usage: berth context COMMAND [OPTIONS]

Docker contexts, both ways: save the docker CLI's contexts as Berth hosts, and give Berth's
hosts back to the docker CLI. The docker CLI's store is $DOCKER_CONFIG (default ~/.docker).

Commands:
  ls                     List the docker contexts (the current one marked *) and whether Berth
                         can use each
  import NAME            Save the docker context NAME as a Berth host
  import FILE            Unpack a .dockercontext archive into the docker store (as
                         'docker context import' does) and save it as a Berth host
  export HOST            Write the saved Berth host HOST (name or id) as a docker context, so
                         'docker --context NAME ps' reaches the same daemon
  export HOST FILE       Write it as a .dockercontext archive instead ('docker context import')

Options:
      --name NAME             import: the Berth host's name (default: the context's name)
      --tag TAG               import: tag the new host (repeatable), e.g. --tag production
      --context-name NAME     import FILE: the name in the docker store (default: the file's name);
                              export: the context's name (default: from the host's name)
      --replace               export: replace a docker context of the same name
      --secrets-passphrase-env VAR
                              export: unlock Berth's secret vault with the passphrase in $VAR when
                              the host's client key is kept there
      --data-dir DIR          Berth's data folder (default ~/.config/berth)
      --json                  ls: print JSON
  -h, --help                  Show this help

A context with SkipTLSVerify is refused: Berth never connects without checking the daemon's
certificate. Hosts saved here appear in the app at its next start.`;

const contextOptions = {
  name: { type: 'string' },
  tag: { type: 'string', multiple: true },
  'context-name': { type: 'string' },
  replace: { type: 'boolean' },
  'secrets-passphrase-env': { type: 'string' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type ContextValues = ReturnType<typeof parseCommandArgs<typeof contextOptions>>['values'];

export async function runContext(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('context', argv, contextOptions);
  const [subcommand, ...args] = positionals;
  if (values.help || subcommand === undefined) {
    io.stdout(contextHelp);
    return values.help ? 0 : 2;
  }
  const docker = new DockerContextStore(dockerConfigDir(io.env, io.env.HOME ?? os.homedir()));
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDirectory(io.env, io.env.HOME ?? os.homedir()));
  switch (subcommand) {
    case 'ls':
      return listContexts(docker, values, io);
    case 'import':
      return importContext(docker, dataDir, expectArgs(args, 1, 'import NAME|FILE')[0]!, values, io);
    case 'export': {
      const [host, file] = expectArgs(args, 2, 'export HOST [FILE]', 1);
      return exportHost(docker, dataDir, host!, file, values, io);
    }
    default:
      throw new BerthError(
        'INVALID_ARGUMENT',
        `Unknown context command "${subcommand}". Use ls, import or export; run \`berth context --help\`.`,
      );
  }
}

function expectArgs(args: string[], max: number, usage: string, min = max): string[] {
  if (args.length < min || args.length > max)
    throw new BerthError('INVALID_ARGUMENT', `Usage: berth context ${usage}. Run \`berth context --help\`.`);
  return args;
}

async function listContexts(docker: DockerContextStore, values: ContextValues, io: CliIo): Promise<number> {
  const [current, { contexts, problems }] = await Promise.all([docker.currentContext(), docker.list()]);
  const rows = await Promise.all(
    contexts.map(async (context) => {
      const usable = await transportFromContext(context).then(
        (transport) => ({ usable: true, endpoint: describeTransport(transport) }),
        (error: unknown) => ({ usable: false, endpoint: context.host, reason: toEnvelope(error) }),
      );
      return { name: context.name, current: context.name === current, description: context.description ?? '', ...usable };
    }),
  );
  if (values.json) {
    io.stdout(JSON.stringify({ configDir: docker.configDir, current, contexts: rows, problems }, null, 2));
    return 0;
  }
  const lines = [`Docker contexts in ${docker.configDir} (current: ${current})`];
  if (current === DEFAULT_CONTEXT) lines.push(`* ${DEFAULT_CONTEXT}  (DOCKER_HOST or the local socket)`);
  for (const row of rows) {
    const mark = row.current ? '*' : ' ';
    const status = row.usable
      ? ''
      : `  — Berth cannot use it: ${'reason' in row && row.reason ? `${row.reason.code}: ${row.reason.message}` : ''}`;
    lines.push(`${mark} ${row.name}  ${row.endpoint}${row.description ? `  "${row.description}"` : ''}${status}`);
  }
  for (const problem of problems) lines.push(`! ${problem}`);
  if (rows.length === 0) lines.push('  (no contexts besides "default": create one with `docker context create` or `berth context export`)');
  io.stdout(lines.join('\n'));
  return 0;
}

async function importContext(
  docker: DockerContextStore,
  dataDir: string,
  source: string,
  values: ContextValues,
  io: CliIo,
): Promise<number> {
  const context = isArchivePath(source) ? await unpackArchive(docker, source, values) : await docker.get(source);
  const transport = await transportFromContext(context);
  const profile: HostProfile = {
    id: newHostId(values.name ?? context.name),
    name: values.name ?? context.name,
    tags: values.tag ?? [],
    transport,
  };
  const { stored } = splitProfile(profile);
  await new ConfProfileStore({ cwd: dataDir }).save(stored);
  io.stdout(
    `Saved host "${profile.name}" (${describeTransport(transport)}) from docker context "${context.name}" in ${dataDir}. Berth shows it at its next start.`,
  );
  return 0;
}

function isArchivePath(source: string): boolean {
  return source.endsWith('.dockercontext') || source.includes('/') || existsSync(source);
}

async function unpackArchive(docker: DockerContextStore, file: string, values: ContextValues): Promise<DockerContext> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat?.isFile())
    throw new BerthError('FILE_UNREADABLE', `${file} is not a file Berth can read. Give a .dockercontext archive or a context name.`);
  if (stat.size > 8 * 1024 * 1024)
    throw new BerthError('CONTEXT_INVALID', `${file} is ${stat.size} bytes: no docker context archive is that large.`);
  const name = values['context-name'] ?? path.basename(file).replace(/\.dockercontext$/, '');
  const data = readContextArchive(await fs.readFile(file), name, file);
  return docker.write(data);
}

async function exportHost(
  docker: DockerContextStore,
  dataDir: string,
  hostRef: string,
  file: string | undefined,
  values: ContextValues,
  io: CliIo,
): Promise<number> {
  const stored = await findHost(dataDir, hostRef);
  const profile = await withSecrets(stored, dataDir, values, io);
  const name = values['context-name'] ?? contextNameFor(stored.name);
  const { data, notes } = await contextFromTransport(name, profile.transport, `Berth host ${stored.name}`);
  if (file !== undefined) {
    await fs
      .writeFile(file, writeContextArchive(data), { mode: 0o600, flag: values.replace ? 'w' : 'wx' })
      .catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EEXIST')
          throw new BerthError('FILE_NOT_WRITABLE', `${file} exists already. Choose another file, or pass --replace.`);
        throw new BerthError('FILE_NOT_WRITABLE', `${file} could not be written: ${error.message}.`);
      });
    io.stdout(`Wrote host "${stored.name}" as the docker context archive ${file}. Import it with: docker context import ${name} ${file}`);
  } else {
    await docker.write(data, { replace: values.replace === true });
    io.stdout(`Wrote host "${stored.name}" as the docker context "${name}" in ${docker.configDir}. Try: docker --context ${name} ps`);
  }
  for (const note of notes) io.stderr(`note: ${note}`);
  return 0;
}

async function findHost(dataDir: string, ref: string): Promise<StoredProfile> {
  const profiles = await new ConfProfileStore({ cwd: dataDir }).list();
  const found = profiles.find((profile) => profile.id === ref) ?? profiles.filter((profile) => profile.name === ref);
  if (!Array.isArray(found)) return found;
  if (found.length === 1) return found[0]!;
  if (found.length > 1)
    throw new BerthError(
      'INVALID_ARGUMENT',
      `${found.length} saved hosts are named "${ref}": give the host's id instead (${found.map((p) => p.id).join(', ')}).`,
    );
  throw new BerthError(
    'INVALID_ARGUMENT',
    `No saved Berth host is named "${ref}" in ${dataDir}. Saved: ${profiles.map((p) => p.name).join(', ') || 'none'}.`,
  );
}

/** The full profile; a secret kept in the vault is read only with its passphrase. */
async function withSecrets(stored: StoredProfile, dataDir: string, values: ContextValues, io: CliIo): Promise<HostProfile> {
  const needsKey = stored.transport.type === 'tls' && stored.transport.key.kind === 'stored';
  if (!needsKey) return restoreProfile(stored, {}).profile;
  const variable = values['secrets-passphrase-env'];
  if (!existsSync(path.join(dataDir, 'secrets-vault.json')) || variable === undefined || io.env[variable] === undefined) {
    throw new BerthError(
      'SECRETS_LOCKED',
      `The client key of host "${stored.name}" is kept in Berth's secret store, which is locked here. Pass --secrets-passphrase-env VAR with the master passphrase in $VAR, or point the host at a key file.`,
    );
  }
  const vault = new PassphraseSecretStore({ cwd: dataDir });
  await vault.unlock(io.env[variable]!);
  const secrets = Object.fromEntries(
    await Promise.all(secretRoles.map(async (role) => [role, await vault.get(secretKey(stored.id, role))] as const)),
  );
  return restoreProfile(stored, Object.fromEntries(Object.entries(secrets).filter((entry) => entry[1] !== undefined))).profile;
}

/** A valid docker context name from a host name ("Prod DB #1" → "prod-db-1"). */
export function contextNameFor(hostName: string): string {
  const slug = hostName
    .toLowerCase()
    .replace(/[^a-z0-9_.+-]+/g, '-')
    .replace(/^[^a-z0-9]+|-+$/g, '');
  const name = slug.length >= 2 ? slug : `berth-${slug || 'host'}`;
  return name === DEFAULT_CONTEXT ? 'berth-default' : name;
}

/** A fresh host id from a name ("Prod DB" → "prod-db-1a2b3c4d"). */
export function newHostId(name: string): string {
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'host';
  return `${slug}-${randomBytes(4).toString('hex')}`;
}
