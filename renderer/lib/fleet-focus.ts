import { MAX_FOCUSED_HOSTS } from '../../shared/fleet-contract';
import type { BerthApi } from './api';
import type { HostStore, StoreState } from './host-store';

/** How many of the recently used hosts count as in view (besides the selected and pinned ones). */
export const RECENT_IN_VIEW = 10;
/** Selecting several hosts in quick succession (Ctrl+1…9, the switcher) sends one focus, not one per key. */
export const FOCUS_DEBOUNCE_MS = 150;

/**
 * The hosts this window has in view, as main's connection policy wants them (shared/fleet-contract.ts):
 * the selected host, the pinned ones, then the most recently used; each once, only hosts that exist.
 */
export function focusedHostIds(state: Pick<StoreState, 'hosts' | 'selectedHostId' | 'pinnedHostIds' | 'recentHostIds'>): string[] {
  const known = new Set(state.hosts.map((host) => host.profile.id));
  const ids = new Set<string>();
  const add = (id: string | null) => {
    if (id !== null && known.has(id) && ids.size < MAX_FOCUSED_HOSTS) ids.add(id);
  };
  add(state.selectedHostId);
  for (const id of state.pinnedHostIds) add(id);
  for (const id of state.recentHostIds.slice(0, RECENT_IN_VIEW)) add(id);
  return [...ids];
}

/**
 * Tells main which hosts this window has in view whenever that set changes (debounced), starting
 * once the host list has loaded — so a reloaded page names its hosts again. A failed send is
 * retried with the next change; the hosts stay whatever main last heard meanwhile.
 */
export function followFleetFocus(
  store: Pick<HostStore, 'getState' | 'subscribe'>,
  api: Pick<BerthApi, 'focusHosts'>,
  debounceMs = FOCUS_DEBOUNCE_MS,
): () => void {
  let sentKey: string | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const send = () => {
    timer = undefined;
    const state = store.getState();
    if (state.phase !== 'ready') return;
    const hostIds = focusedHostIds(state);
    const key = hostIds.join('\n');
    if (key === sentKey) return;
    sentKey = key;
    api.focusHosts(hostIds).catch((error: unknown) => {
      // Not fatal: main keeps every host it holds live; the next change tries again.
      if (sentKey === key) sentKey = null;
      console.warn('Berth could not tell the main process which hosts are in view:', error);
    });
  };
  const schedule = () => {
    if (timer === undefined) timer = setTimeout(send, debounceMs);
  };
  const unsubscribe = store.subscribe(schedule);
  schedule();
  return () => {
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
  };
}
