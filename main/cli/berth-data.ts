import os from 'node:os';
import path from 'node:path';

/** Berth's data folder (profiles.json, known_hosts, the vault): $XDG_CONFIG_HOME/berth or ~/.config/berth. */
export function defaultBerthDataDir(env: NodeJS.ProcessEnv, home: string = os.homedir()): string {
  const configHome = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME !== '' ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  return path.join(configHome, 'berth');
}
