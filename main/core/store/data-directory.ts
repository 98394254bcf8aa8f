import { chmodSync, mkdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppWarning } from '../../../shared/contract.js';

/**
 * Berth's data directory when none is given (profiles.json, known_hosts, the vault, the audit
 * log): $XDG_CONFIG_HOME/berth, else ~/.config/berth. The browser shell and the CLI share it.
 */
export function defaultDataDirectory(env: NodeJS.ProcessEnv, home: string = os.homedir()): string {
  const configHome = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME !== '' ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  return path.join(configHome, 'berth');
}

/** Only the owner may enter the data directory: it holds profiles, known_hosts and sealed secrets. */
export const DATA_DIR_MODE = 0o700;

/**
 * Creates Berth's data directory with mode 0700, or tightens an existing one that others may
 * read or enter. A directory that belongs to another user is left alone and reported instead
 * (changing it is not Berth's call). Returns the warnings to show at start. POSIX only: on
 * Windows the directory's ACL comes from the user profile.
 */
export function prepareDataDirectory(dir: string, uid: number | undefined = process.getuid?.()): AppWarning[] {
  mkdirSync(dir, { recursive: true, mode: DATA_DIR_MODE });
  if (process.platform === 'win32' || uid === undefined) return [];
  const info = statSync(dir);
  const loose = info.mode & 0o077;
  if (loose === 0) return [];
  const mode = (info.mode & 0o777).toString(8).padStart(3, '0');
  if (info.uid === uid) {
    try {
      chmodSync(dir, DATA_DIR_MODE);
      return [];
    } catch {
      // fall through to the warning
    }
  }
  return [
    {
      code: 'DATA_DIR_PERMISSIONS',
      message: `Berth's data directory ${dir} has mode ${mode}, so other users may read host profiles and known_hosts there${info.uid === uid ? '' : ', and it belongs to another user, so Berth did not change it'}. Run: chmod 700 '${dir}'`,
    },
  ];
}
