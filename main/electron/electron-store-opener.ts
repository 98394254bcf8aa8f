import type Conf from 'conf';
import ElectronStore from 'electron-store';
import type { StoreOpener, StoreOptions } from '../core/store/store-file.js';

/**
 * The desktop app's stores are electron-store, as Electron users and maintainers expect. It is
 * conf underneath, so the options and the file are the ones the browser shell, the CLI and the
 * tests use with plain conf; only the file-name option is spelt `name` here.
 */
export const openElectronStore: StoreOpener = <T extends Record<string, unknown>>(options: StoreOptions): Conf<T> => {
  const { configName, ...rest } = options;
  return new ElectronStore<T>({ ...rest, name: configName });
};
