import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostView } from '../../shared/host-view';
import { MAX_FOCUSED_HOSTS } from '../../shared/fleet-contract';
import { createApi } from './api';
import { DemoBridge } from './demo-bridge';
import { FOCUS_DEBOUNCE_MS, RECENT_IN_VIEW, STANDBY_RESEND_MS, focusedHostIds, followFleetFocus } from './fleet-focus';
import { HostStore } from './host-store';
import { memoryPreferences } from './preferences';

const hostsNamed = (...ids: string[]): HostView[] =>
  ids.map((id) => ({
    profile: { id, name: id, tags: [], transport: { type: 'unix', socketPath: '/run/docker.sock' } },
    status: { state: 'idle' },
    lastSeenAt: null,
  }));

describe('focusedHostIds', () => {
  it('names the selected host, then the pinned ones, then the recently used, each once and only if it exists', () => {
    const state = {
      hosts: hostsNamed('a', 'b', 'c', 'd'),
      selectedHostId: 'c',
      pinnedHostIds: ['d', 'gone', 'c'],
      recentHostIds: ['c', 'a', 'd', 'removed'],
    };
    expect(focusedHostIds(state)).toEqual(['c', 'd', 'a']);
  });

  it(`counts only the ${RECENT_IN_VIEW} most recent hosts and never names more than the contract allows`, () => {
    const ids = Array.from({ length: MAX_FOCUSED_HOSTS + 20 }, (_, index) => `h${index}`);
    const hosts = hostsNamed(...ids);
    expect(focusedHostIds({ hosts, selectedHostId: null, pinnedHostIds: [], recentHostIds: ids })).toEqual(ids.slice(0, RECENT_IN_VIEW));
    const pinnedAll = focusedHostIds({ hosts, selectedHostId: 'h3', pinnedHostIds: ids, recentHostIds: [] });
    expect(pinnedAll).toHaveLength(MAX_FOCUSED_HOSTS);
    expect(pinnedAll[0]).toBe('h3');
  });
});

describe('followFleetFocus over the demo bridge', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  async function started(preferences: Record<string, string> = {}) {
    const bridge = new DemoBridge({ scenario: 'fleet', live: false });
    const invoke = vi.spyOn(bridge, 'invoke');
    const api = createApi(bridge);
    const store = new HostStore(api, memoryPreferences(preferences));
    const stop = followFleetFocus(store, api);
    await store.start();
    const sent = () =>
      invoke.mock.calls.filter(([channel]) => channel === 'fleet:focus').map(([, input]) => (input as { hostIds: string[] }).hostIds);
    return { store, stop, sent };
  }

  it('sends nothing before the hosts are listed, then the selected host once the store has started', async () => {
    const { store, sent, stop } = await started({ 'berth.selectedHost': 'local' });
    expect(sent()).toEqual([]);
    await vi.advanceTimersByTimeAsync(FOCUS_DEBOUNCE_MS);
    expect(sent()).toEqual([['local']]);
    expect(store.getState().phase).toBe('ready');
    stop();
  });

  it('sends the new set when a host is selected or pinned, once per burst of changes, and nothing when it did not change', async () => {
    const { store, sent, stop } = await started({ 'berth.selectedHost': 'local' });
    await vi.advanceTimersByTimeAsync(FOCUS_DEBOUNCE_MS);
    store.select('prod-api-01');
    store.select('staging-db');
    await vi.advanceTimersByTimeAsync(FOCUS_DEBOUNCE_MS);
    expect(sent().at(-1)).toEqual(['staging-db', 'prod-api-01']);
    store.togglePin('ci-runners');
    await vi.advanceTimersByTimeAsync(FOCUS_DEBOUNCE_MS);
    expect(sent().at(-1)).toEqual(['staging-db', 'ci-runners', 'prod-api-01']);
    const count = sent().length;
    store.setView('fleet');
    await vi.advanceTimersByTimeAsync(FOCUS_DEBOUNCE_MS);
    expect(sent()).toHaveLength(count);
    store.togglePin('ci-runners');
    await vi.advanceTimersByTimeAsync(FOCUS_DEBOUNCE_MS);
    expect(sent().at(-1)).toEqual(['staging-db', 'prod-api-01']);
    stop();
  });

  it('names the pinned hosts remembered from the last session after a reload', async () => {
    const { sent, stop } = await started({ 'berth.selectedHost': 'local', 'berth.pinnedHosts': '["ci-runners"]' });
    await vi.advanceTimersByTimeAsync(FOCUS_DEBOUNCE_MS);
    expect(sent()).toEqual([['local', 'ci-runners']]);
    stop();
  });
});

describe('followFleetFocus when main did not hear or forgot', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function fakeStore(state: Parameters<typeof focusedHostIds>[0] & { phase: 'ready' }) {
    const listeners = new Set<() => void>();
    let current = state;
    return {
      getState: () => current as never,
      subscribe: (listener: () => void) => (listeners.add(listener), () => listeners.delete(listener)),
      set(next: Partial<typeof state>) {
        current = { ...current, ...next };
        for (const listener of listeners) listener();
      },
    };
  }

  it('retries a failed send with backoff until main answers', async () => {
    const store = fakeStore({ phase: 'ready', hosts: hostsNamed('a'), selectedHostId: 'a', pinnedHostIds: [], recentHostIds: [] });
    const focusHosts = vi
      .fn<(ids: readonly string[]) => Promise<void>>()
      .mockRejectedValueOnce(new Error('CONNECTION_RESET'))
      .mockRejectedValueOnce(new Error('CONNECTION_RESET'))
      .mockResolvedValue(undefined);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const stop = followFleetFocus(store, { focusHosts });
    await vi.advanceTimersByTimeAsync(FOCUS_DEBOUNCE_MS);
    expect(focusHosts).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(focusHosts).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(focusHosts).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(focusHosts).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(focusHosts).toHaveBeenCalledTimes(3);
    expect(focusHosts.mock.calls.every(([ids]) => ids.join() === 'a')).toBe(true);
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
    stop();
  });

  it('names the same hosts again when one of them is still on standby a while after it was named', async () => {
    let clock = 1_000_000;
    const store = fakeStore({ phase: 'ready', hosts: hostsNamed('a', 'b'), selectedHostId: 'a', pinnedHostIds: [], recentHostIds: [] });
    const focusHosts = vi.fn<(ids: readonly string[]) => Promise<void>>().mockResolvedValue(undefined);
    const stop = followFleetFocus(store, { focusHosts }, FOCUS_DEBOUNCE_MS, () => clock);
    await vi.advanceTimersByTimeAsync(FOCUS_DEBOUNCE_MS);
    expect(focusHosts).toHaveBeenCalledTimes(1);
    const standby = { state: 'ready' as const, since: 1, standby: { checkedAt: clock, nextCheckAt: clock + 60_000 } };
    const withStatus = (status: HostView['status']) =>
      hostsNamed('a', 'b').map((host) => (host.profile.id === 'a' ? { ...host, status } : host));
    // Main is still promoting it: no second send yet.
    store.set({ hosts: withStatus(standby) });
    await vi.advanceTimersByTimeAsync(FOCUS_DEBOUNCE_MS);
    expect(focusHosts).toHaveBeenCalledTimes(1);
    // Still on standby well after: main may have lost this window (a reconnected WebSocket).
    clock += STANDBY_RESEND_MS;
    store.set({ hosts: withStatus({ ...standby, standby: { ...standby.standby, checkedAt: clock } }) });
    await vi.advanceTimersByTimeAsync(FOCUS_DEBOUNCE_MS);
    expect(focusHosts).toHaveBeenCalledTimes(2);
    expect(focusHosts.mock.calls[1]?.[0]).toEqual(['a']);
    // A host out of view on standby is no reason to send.
    clock += STANDBY_RESEND_MS;
    store.set({ hosts: hostsNamed('a', 'b').map((host) => (host.profile.id === 'b' ? { ...host, status: standby } : host)) });
    await vi.advanceTimersByTimeAsync(FOCUS_DEBOUNCE_MS);
    expect(focusHosts).toHaveBeenCalledTimes(2);
    stop();
  });
});
