import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostView } from '../../shared/host-view';
import { MAX_FOCUSED_HOSTS } from '../../shared/fleet-contract';
import { createApi } from './api';
import { DemoBridge } from './demo-bridge';
import { FOCUS_DEBOUNCE_MS, RECENT_IN_VIEW, focusedHostIds, followFleetFocus } from './fleet-focus';
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
