import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ErrorEnvelope } from '../../shared/errors.js';
import type { HostProfile } from '../../shared/profile.js';
import { markedRoles } from '../../shared/secret-fields.js';
import { restoreProfile, secretKey, secretRoles } from '../core/app/profile-secrets.js';
import { BerthError, toEnvelope } from '../core/errors.js';
import { KnownHosts } from '../core/ssh/known-hosts.js';
import { ConfProfileStore } from '../core/store/conf-profile-store.js';
import { defaultDataDirectory } from '../core/store/data-directory.js';
import { PassphraseSecretStore } from '../core/store/passphrase-secret-store.js';
import type { StoredProfile } from '../core/store/profile-store.js';
import type { CliIo } from './io.js';

/** A saved host as the CLI reaches it: its full profile, or why it cannot be connected. */
export type SavedHost = { stored: StoredProfile } & ({ profile: HostProfile } | { error: ErrorEnvelope });

export interface SavedHostsOptions {
  /** --data-dir, else Berth's default data directory. */
  dataDir?: string | undefined;
  /** --secrets-passphrase-env: the environment variable holding the master passphrase. */
  passphraseEnv?: string | undefined;
}

/** The flags every command over the saved hosts takes. */
export const savedHostsOptions = {
  'data-dir': { type: 'string' },
  'secrets-passphrase-env': { type: 'string' },
} as const;

export const savedHostsHelp = `      --data-dir DIR           Berth's data folder (default ~/.config/berth, as the app)
      --secrets-passphrase-env VAR
                               The master passphrase is in $VAR (else it is asked for on a
                               terminal when a host's password or key is kept in the vault)`;

export function dataDirOf(options: SavedHostsOptions, env: NodeJS.ProcessEnv): string {
  return path.resolve(options.dataDir ?? defaultDataDirectory(env, env.HOME ?? os.homedir()));
}

/**
 * Every saved host of the app's profile store with its secrets put back, as the app does. The
 * secret vault is opened only when a host needs it, with the passphrase from --secrets-passphrase-env
 * or typed on the terminal; a host whose secrets stay out of reach is listed with SECRETS_LOCKED.
 */
export async function loadSavedHosts(options: SavedHostsOptions, io: CliIo): Promise<SavedHost[]> {
  const dataDir = dataDirOf(options, io.env);
  const stored = await new ConfProfileStore({ cwd: dataDir }).list();
  const needing = stored.filter((profile) => markedRoles(profile.transport).length > 0);
  const vault = needing.length > 0 ? await openVault(dataDir, options, io, needing) : { error: undefined, store: undefined };
  return Promise.all(
    stored.map(async (profile): Promise<SavedHost> => {
      try {
        if (markedRoles(profile.transport).length === 0) return { stored: profile, profile: restoreProfile(profile, {}).profile };
        if (!vault.store) return { stored: profile, error: vault.error ?? lockedError(profile, dataDir) };
        const store = vault.store;
        const secrets = Object.fromEntries(
          (await Promise.all(secretRoles.map(async (role) => [role, await store.get(secretKey(profile.id, role))] as const))).filter(
            (entry): entry is [(typeof entry)[0], string] => entry[1] !== undefined,
          ),
        );
        const restored = restoreProfile(profile, secrets);
        if (restored.missing.length > 0)
          return {
            stored: profile,
            error: {
              code: 'SECRET_MISSING',
              message: `The ${restored.missing.join(', ')} of host "${profile.name}" is not in Berth's secret vault. Enter it again in the app.`,
            },
          };
        return { stored: profile, profile: restored.profile };
      } catch (error) {
        return { stored: profile, error: toEnvelope(error) };
      }
    }),
  );
}

/** The app's known_hosts in the data directory, plus ~/.ssh/known_hosts read-only (as the app). */
export function savedKnownHosts(options: SavedHostsOptions, env: NodeJS.ProcessEnv): KnownHosts {
  return new KnownHosts({
    file: path.join(dataDirOf(options, env), 'known_hosts'),
    extraFiles: [path.join(env.HOME ?? os.homedir(), '.ssh', 'known_hosts')],
  });
}

async function openVault(
  dataDir: string,
  options: SavedHostsOptions,
  io: CliIo,
  needing: readonly StoredProfile[],
): Promise<{ store: PassphraseSecretStore | undefined; error: ErrorEnvelope | undefined }> {
  if (!existsSync(path.join(dataDir, 'secrets-vault.json'))) return { store: undefined, error: undefined };
  const passphrase = await passphraseFor(options, io, needing);
  if (passphrase === undefined) return { store: undefined, error: undefined };
  const store = new PassphraseSecretStore({ cwd: dataDir });
  // A wrong passphrase is the operator's mistake for every host: stop with its own error.
  await store.unlock(passphrase);
  return { store, error: undefined };
}

async function passphraseFor(options: SavedHostsOptions, io: CliIo, needing: readonly StoredProfile[]): Promise<string | undefined> {
  const variable = options.passphraseEnv;
  if (variable !== undefined) {
    const value = io.env[variable];
    if (value === undefined || value === '')
      throw new BerthError('INVALID_ARGUMENT', `--secrets-passphrase-env names ${variable}, but that environment variable is not set.`);
    return value;
  }
  if (!io.askSecret) return undefined;
  const typed = await io.askSecret(
    `Berth's master passphrase (for ${needing.length === 1 ? `host "${needing[0]!.name}"` : `${needing.length} hosts`}; empty to skip them): `,
  );
  return typed === '' ? undefined : typed;
}

function lockedError(profile: StoredProfile, dataDir: string): ErrorEnvelope {
  const inVault = existsSync(path.join(dataDir, 'secrets-vault.json'));
  return {
    code: 'SECRETS_LOCKED',
    message: inVault
      ? `Host "${profile.name}" needs a password or key from Berth's secret vault, which is locked: pass --secrets-passphrase-env VAR with the master passphrase in $VAR, or run on a terminal to be asked for it.`
      : `Host "${profile.name}" needs a password or key that the desktop app keeps in the OS keyring, which the command line cannot open. Set a master passphrase in the app (the secrets move into its vault), or give the host a key file or the ssh-agent.`,
  };
}
