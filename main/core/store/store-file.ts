import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import Conf from 'conf';

/** Where a store lives: conf's / electron-store's `cwd` (a directory) and file name without `.json`. */
export interface StoreLocation {
  /** The directory (Electron: app.getPath('userData'); the browser shell: --data-dir; tests: a temp dir). */
  cwd: string;
  /** File name without the `.json` extension. */
  name?: string;
  /** Opens the store; default a plain conf. The Electron app passes electron-store (built on conf: same options, same file). */
  open?: StoreOpener;
}

/** conf's options as Berth sets them for every store. */
export interface StoreOptions {
  cwd: string;
  configName: string;
  configFileMode: number;
  clearInvalidConfig: boolean;
  accessPropertiesByDotNotation: boolean;
  watch: boolean;
}

export type StoreOpener = <T extends Record<string, unknown>>(options: StoreOptions) => Conf<T>;

const openPlainConf: StoreOpener = <T extends Record<string, unknown>>(options: StoreOptions) => new Conf<T>(options);

/** What reading a store file found. */
export type StoreFileRead = { kind: 'missing' } | { kind: 'json'; value: unknown } | { kind: 'unreadable'; reason: string };

/** Reads a store file without conf, so a broken one can be looked at before conf touches it. */
export function readStoreFile(file: string): StoreFileRead {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', reason: `it cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})` };
  }
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'unreadable', reason: 'it is not valid JSON' };
  }
}

/**
 * Renames a store file that failed to parse or validate to `<name>.corrupt-<timestamp>.json`
 * beside it, so nothing is lost and the operator can look at it. Returns the new path.
 */
export function moveAside(file: string, now: Date = new Date()): string {
  const dir = path.dirname(file);
  const base = path.basename(file, '.json');
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  let target = path.join(dir, `${base}.corrupt-${stamp}.json`);
  for (let n = 2; existsSync(target); n += 1) target = path.join(dir, `${base}.corrupt-${stamp}-${n}.json`);
  renameSync(file, target);
  return target;
}

/**
 * A conf store in `location`: written atomically (conf writes a temp file and renames it over
 * the old one, via `atomically`), mode 0600, and never cleared by conf itself; our own readers
 * decide what to do with a file that does not validate.
 */
export function openConf<T extends Record<string, unknown>>(location: StoreLocation, defaultName: string): Conf<T> {
  mkdirSync(location.cwd, { recursive: true, mode: 0o700 });
  return (location.open ?? openPlainConf)<T>({
    cwd: location.cwd,
    configName: location.name ?? defaultName,
    configFileMode: 0o600,
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
    watch: false,
  });
}

/** The path conf uses for a location, before conf is opened. */
export function storeFilePath(location: StoreLocation, defaultName: string): string {
  return path.join(location.cwd, `${location.name ?? defaultName}.json`);
}
