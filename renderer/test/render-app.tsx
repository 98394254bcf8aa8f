import { act, cleanup, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { App } from '../app/app';
import { ServicesProvider } from '../lib/services';
import { type BerthApi, createApi } from '../lib/api';
import { DemoBridge, type DemoBridgeOptions } from '../lib/demo-bridge';
import { HostStore } from '../lib/host-store';
import { type PreferenceStorage, memoryPreferences } from '../lib/preferences';

/** Component tests run against the demo bridge, in memory, without timers. */
export interface TestHarness {
  bridge: DemoBridge;
  api: BerthApi;
  store: HostStore;
  preferences: PreferenceStorage;
  wrap: (children: ReactNode) => ReactNode;
}

export function createHarness(options: DemoBridgeOptions & { preferences?: Record<string, string> } = {}): TestHarness {
  const bridge = new DemoBridge({ scenario: options.scenario ?? 'fleet', live: false, ...(options.now ? { now: options.now } : {}) });
  const api = createApi(bridge);
  const preferences = memoryPreferences(options.preferences);
  const store = new HostStore(api, preferences);
  return {
    bridge,
    api,
    store,
    preferences,
    wrap: (children) => <ServicesProvider services={{ api, store, preferences }}>{children}</ServicesProvider>,
  };
}

/** Renders the whole app and waits until the store has loaded every host and snapshot. */
export async function renderApp(options: Parameters<typeof createHarness>[0] = {}) {
  const harness = createHarness(options);
  const view = render(harness.wrap(<App />));
  await act(async () => {
    await harness.store.start();
  });
  return { ...harness, view };
}

/** jsdom has no layout: give elements a size so the virtualizer (which reads clientHeight) renders rows. */
export function fakeLayout(height = 600, width = 1200): () => void {
  const proto = HTMLElement.prototype;
  const names = ['clientHeight', 'clientWidth', 'offsetHeight', 'offsetWidth'] as const;
  const own = names.map((name) => [name, Object.getOwnPropertyDescriptor(proto, name)] as const);
  for (const name of names)
    Object.defineProperty(proto, name, { configurable: true, get: () => (name.endsWith('Height') ? height : width) });
  return () => {
    for (const [name, descriptor] of own) {
      if (descriptor) Object.defineProperty(proto, name, descriptor);
      else delete (proto as unknown as Record<string, unknown>)[name];
    }
  };
}

export { cleanup };
