import type { SshEnvironment } from '../ssh-config/ssh-config-hosts.js';
import os from 'node:os';
import path from 'node:path';
import type { AppInfo, AppWarning } from '../../../shared/contract.js';
import type { DockerEnvironment } from '../endpoint.js';
import { KnownHosts } from '../ssh/known-hosts.js';
import { ConfProfileStore } from '../store/conf-profile-store.js';
import type { StoreOpener } from '../store/store-file.js';
import { prepareDataDirectory } from '../store/data-directory.js';
import { BerthError } from '../errors.js';
import { PassphraseSecretStore, type ScryptParams } from '../store/passphrase-secret-store.js';
import { SettingsStore } from '../store/settings-store.js';
import { SnapshotStore } from '../store/snapshot-store.js';
import { MemorySecretStore, type SecretStore, masterPassphraseOf } from '../store/secret-store.js';
import { BerthService, type BerthServiceOptions, type BerthServiceTestHooks } from './berth-service.js';
import type { FileChooser } from './host-setup-service.js';

export interface AppServiceOptions {
  /** Where profiles.json, settings.json, secrets.json and known_hosts live. */
  dataDir: string;
  shell: AppInfo['shell'];
  version: string;
  /** Default: secrets in memory only (the browser shell). Electron passes the store of main/electron/secret-storage.ts. */
  secrets?: SecretStore & { warnings?: readonly AppWarning[] };
  /**
   * Keep secrets on disk in `dataDir/secrets-vault.json`, sealed with a key derived from this
   * passphrase (the browser shell's `--persist-secrets`): an existing vault is unlocked with it
   * (SECRETS_PASSPHRASE_WRONG when it does not match), a missing one is created. Not with `secrets`.
   */
  secretsPassphrase?: string;
  /** scrypt cost for a new vault (tests lower it). */
  secretsScrypt?: ScryptParams;
  /** How the profile store is opened (default conf; the Electron app passes electron-store). */
  storeOpener?: StoreOpener;
  /** Also trust keys in ~/.ssh/known_hosts (read-only). Default true. */
  useUserKnownHosts?: boolean;
  homeDir?: string;
  env?: DockerEnvironment & SshEnvironment;
  /** Extra start-up warnings from the shell (e.g. the keyring could not be used). */
  warnings?: readonly AppWarning[];
  /** The docker CLI's config folder whose contexts are offered; default $DOCKER_CONFIG, else ~/.docker. */
  dockerConfigDir?: string;
  /** Electron's file dialog; the browser shell has none. */
  chooseFile?: FileChooser;
  /** Desktop notifications of alerts (Electron). */
  notify?: BerthServiceOptions['notify'];
  /** Only tests set these. */
  testHooks?: BerthServiceTestHooks;
}

/**
 * The service with its stores in `dataDir`: profiles (conf), the app-owned known_hosts, and the
 * given secret store. Loads the saved hosts and starts connecting before it returns.
 */
export async function createAppService(options: AppServiceOptions): Promise<BerthService> {
  const homeDir = options.homeDir ?? os.homedir();
  const directoryWarnings = prepareDataDirectory(options.dataDir);
  const profiles = new ConfProfileStore({ cwd: options.dataDir, ...(options.storeOpener ? { open: options.storeOpener } : {}) });
  if (options.secrets && options.secretsPassphrase !== undefined) {
    throw new BerthError('INVALID_ARGUMENT', 'Give either a secret store or a secrets passphrase, not both.');
  }
  const settings = new SettingsStore({ cwd: options.dataDir, ...(options.storeOpener ? { open: options.storeOpener } : {}) });
  const secrets = options.secrets ?? (await openPassphraseStore(options)) ?? vaultOnOffer(options);
  const knownHosts = new KnownHosts({
    file: path.join(options.dataDir, 'known_hosts'),
    extraFiles: options.useUserKnownHosts === false ? [] : [path.join(homeDir, '.ssh', 'known_hosts')],
  });
  const secretWarnings = (secrets as { warnings?: readonly AppWarning[] }).warnings ?? [];
  const warnings: AppWarning[] = [
    ...directoryWarnings,
    ...profiles.warnings,
    ...settings.warnings,
    ...secretWarnings,
    ...(options.warnings ?? []),
  ];
  if (masterPassphraseOf(secrets)?.passphraseState === 'locked' && !warnings.some((warning) => warning.code === 'SECRETS_LOCKED')) {
    warnings.push({
      code: 'SECRETS_LOCKED',
      message:
        "Berth's saved passwords, passphrases and pasted keys are sealed with your master passphrase. Enter it to connect the hosts that use them; the other hosts connect now.",
    });
  }
  if (secrets.kind === 'memory' && !warnings.some((warning) => warning.code === 'SECRETS_IN_MEMORY')) {
    warnings.push({
      code: 'SECRETS_IN_MEMORY',
      message:
        'Passwords, passphrases and pasted keys are kept in memory only and are forgotten when Berth stops; host profiles themselves are saved. Prefer key files or the ssh-agent.',
    });
  }
  const service = new BerthService({
    profiles,
    secrets,
    settings,
    knownHosts,
    app: { version: options.version, shell: options.shell },
    warnings,
    homeDir,
    dataDir: options.dataDir,
    snapshots: new SnapshotStore({ dataDir: options.dataDir }),
    ...(options.env && { env: options.env }),
    ...(options.dockerConfigDir !== undefined && { dockerConfigDir: options.dockerConfigDir }),
    ...(options.chooseFile && { chooseFile: options.chooseFile }),
    ...(options.testHooks && { testHooks: options.testHooks }),
    ...(options.notify && { notify: options.notify }),
  });
  await service.start();
  return service;
}

/**
 * Without a store or a passphrase: secrets in memory. The browser shell keeps them there behind a
 * vault that is not set yet, so the operator can set a master passphrase from the UI (secrets then
 * move into `secrets-vault.json`, sealed) and a vault from an earlier start asks to be unlocked
 * instead of reporting every saved secret as missing.
 */
function vaultOnOffer(options: AppServiceOptions): SecretStore {
  if (options.shell !== 'browser') return new MemorySecretStore();
  return new PassphraseSecretStore(
    { cwd: options.dataDir },
    { fallback: new MemorySecretStore(), ...(options.secretsScrypt ? { scrypt: options.secretsScrypt } : {}) },
  );
}

/** The browser shell's `--persist-secrets` vault, unlocked (or created) with the given passphrase. */
async function openPassphraseStore(options: AppServiceOptions): Promise<PassphraseSecretStore | undefined> {
  if (options.secretsPassphrase === undefined) return undefined;
  const store = new PassphraseSecretStore({ cwd: options.dataDir }, options.secretsScrypt ? { scrypt: options.secretsScrypt } : {});
  if (store.passphraseState === 'not-set') await store.setPassphrase(options.secretsPassphrase);
  else await store.unlock(options.secretsPassphrase);
  return store;
}
