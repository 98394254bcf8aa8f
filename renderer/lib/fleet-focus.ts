import { MAX_FOCUSED_HOSTS } from '../../shared/fleet-contract';
import type { BerthApi } from './api';
import { standbyOf } from './host-status';
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

/** A focused host still on standby this long after main heard of it: say it again (main may have lost this window's focus). */
export const STANDBY_RESEND_MS = 5_000;
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/**
 * Tells main which hosts this window has in view whenever that set changes (debounced), starting
 * once the host list has loaded — so a reloaded page names its hosts again. Said again when a
 * host in view is still on standby a while after it was named (a browser-shell WebSocket that
 * reconnected is a new client to main, with nothing in view), and retried with backoff when the
 * invoke fails.
 */
export function followFleetFocus(
  store: Pick<HostStore, 'getState' | 'subscribe'>,
  api: Pick<BerthApi, 'focusHosts'>,
  debounceMs = FOCUS_DEBOUNCE_MS,
  now: () => number = Date.now,
): () => void {
  let sentKey: string | null = null;
  let sentAt = 0;
  let retryMs = RETRY_FIRST_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const send = () => {
    timer = undefined;
    const state = store.getState();
    if (stopped || state.phase !== 'ready') return;
    const hostIds = focusedHostIds(state);
    const key = hostIds.join('\n');
    if (key === sentKey && !(now() - sentAt >= STANDBY_RESEND_MS && anyOnStandby(state, hostIds))) return;
    sentKey = key;
    sentAt = now();
    api.focusHosts(hostIds).then(
      () => void (retryMs = RETRY_FIRST_MS),
      (error: unknown) => {
        // Main keeps what it heard last meanwhile; try again shortly (and with the next change).
        if (sentKey === key) sentKey = null;
        console.warn('Berth could not tell the main process which hosts are in view:', error);
        if (!stopped && timer === undefined) timer = setTimeout(send, retryMs);
        retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
      },
    );
  };
  const schedule = () => {
    if (timer === undefined) timer = setTimeout(send, debounceMs);
  };
  const unsubscribe = store.subscribe(schedule);
  schedule();
  return () => {
    stopped = true;
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
  };
}

function anyOnStandby(state: Pick<StoreState, 'hosts'>, hostIds: readonly string[]): boolean {
  const ids = new Set(hostIds);
  return state.hosts.some((host) => ids.has(host.profile.id) && standbyOf(host.status) !== undefined);
}
