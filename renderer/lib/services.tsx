import { type ReactNode, createContext, useContext, useSyncExternalStore } from 'react';
import type { BerthApi } from './api';
import type { HostStore, StoreState } from './host-store';
import type { PreferenceStorage } from './preferences';

/** What components reach through context: the typed API, the host store and UI preferences. */
export interface Services {
  api: BerthApi;
  store: HostStore;
  preferences: PreferenceStorage;
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() outside <ServicesProvider>');
  return services;
}

/**
 * A slice of the store state. The selector must return something already in the state (or a
 * primitive), never a fresh object, so unrelated updates do not re-render the caller.
 */
export function useStoreState<T>(selector: (state: StoreState) => T): T {
  const { store } = useServices();
  return useSyncExternalStore(store.subscribe, () => selector(store.getState()));
}
