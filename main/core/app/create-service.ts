import os from 'node:os';
import path from 'node:path';
import type { AppInfo, AppWarning } from '../../../shared/contract.js';
import type { DockerEnvironment } from '../endpoint.js';
import { KnownHosts } from '../ssh/known-hosts.js';
import { ConfProfileStore } from '../store/conf-profile-store.js';
import { MemorySecretStore, type SecretStore } from '../store/secret-store.js';
import { BerthService, type BerthServiceOptions } from './berth-service.js';

export interface AppServiceOptions {
  /** Where profiles.json, secrets.json and known_hosts live. */
  dataDir: string;
  shell: AppInfo['shell'];
  version: string;
  /** Default: secrets in memory only (the browser shell). Electron passes a SafeStorageSecretStore. */
  secrets?: SecretStore & { warnings?: readonly AppWarning[] };
  /** Also trust keys in ~/.ssh/known_hosts (read-only). Default true. */
  useUserKnownHosts?: boolean;
  homeDir?: string;
  env?: DockerEnvironment;
  /** Extra start-up warnings from the shell (e.g. the keyring could not be used). */
  warnings?: readonly AppWarning[];
  connections?: BerthServiceOptions['connections'];
  testTimeoutMs?: number;
  detectTimeoutMs?: number;
}

/**
 * The service with its stores in `dataDir`: profiles (conf), the app-owned known_hosts, and the
 * given secret store. Loads the saved hosts and starts connecting before it returns.
 */
export async function createAppService(options: AppServiceOptions): Promise<BerthService> {
  const homeDir = options.homeDir ?? os.homedir();
  const profiles = new ConfProfileStore({ cwd: options.dataDir });
  const secrets = options.secrets ?? new MemorySecretStore();
  const knownHosts = new KnownHosts({
    file: path.join(options.dataDir, 'known_hosts'),
    extraFiles: options.useUserKnownHosts === false ? [] : [path.join(homeDir, '.ssh', 'known_hosts')],
  });
  const warnings: AppWarning[] = [...profiles.warnings, ...(options.secrets?.warnings ?? []), ...(options.warnings ?? [])];
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
    knownHosts,
    app: { version: options.version, shell: options.shell },
    warnings,
    homeDir,
    ...(options.env ? { env: options.env } : {}),
    ...(options.connections ? { connections: options.connections } : {}),
    ...(options.testTimeoutMs !== undefined ? { testTimeoutMs: options.testTimeoutMs } : {}),
    ...(options.detectTimeoutMs !== undefined ? { detectTimeoutMs: options.detectTimeoutMs } : {}),
  });
  await service.start();
  return service;
}
