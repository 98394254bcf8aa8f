import { describe, expect, it, vi } from 'vitest';
import type { PushChannel, PushEvents } from '../../shared/contract';
import type { HostView } from '../../shared/host-view';
import type { HostSnapshot, HostStatus } from '../../shared/snapshot';
import { makeContainers } from './demo/demo-containers';
import { labSummary, overlay2LabStorage } from './demo/fixture-readings';
import { HostStore, type StoreApi, lastSeenOf } from './host-store';
import { memoryPreferences } from './preferences';

const ready: HostStatus = { state: 'ready', since: 1 };

function host(id: string, status: HostStatus = ready, tags: string[] = []): HostView {
  return { profile: { id, name: id, tags, transport: { type: 'unix', socketPath: '/var/run/docker.sock' } }, status, lastSeenAt: null };
}

function snapshot(hostId: string, updatedAt: number, containers = makeContainers(50, 1, 1_800_000_000_000)): HostSnapshot {
  return {
    hostId,
    summary: labSummary,
    storage: overlay2LabStorage,
    diskUsage: null,
    containers,
    counts: { total: containers.length, running: 0, paused: 0, stopped: containers.length },
    updatedAt,
  };
}

/** A fake API whose pushes the test fires by hand. */
function fakeApi(hosts: HostView[], snapshots: Record<string, HostSnapshot | null> = {}) {
  const listeners = new Map<PushChannel, (payload: never) => void>();
  const calls: string[] = [];
  let listHosts = async () => hosts;
  const api: StoreApi = {
    on: (channel, listener) => {
      listeners.set(channel, listener as (payload: never) => void);
      return () => listeners.delete(channel);
    },
    ready: () => void calls.push('ready'),
    listHosts: () => {
      calls.push('list');
      return listHosts();
    },
    appInfo: async () => ({ version: 'test', platform: 'linux', secretStorage: 'memory', shell: 'browser' }),
    snapshot: async (hostId) => {
      calls.push(`snapshot:${hostId}`);
      return snapshots[hostId] ?? null;
    },
  };
  return {
    api,
    calls,
    setList: (next: () => Promise<HostView[]>) => void (listHosts = next),
    setSnapshot: (hostId: string, next: HostSnapshot | null) => void (snapshots[hostId] = next),
    push<P extends PushChannel>(channel: P, payload: PushEvents[P]) {
      (listeners.get(channel) as ((payload: PushEvents[P]) => void) | undefined)?.(payload);
    },
  };
}

describe('HostStore', () => {
  it('attaches listeners and says ready before listing, then loads every cached snapshot', async () => {
    const fake = fakeApi([host('a'), host('b')], { a: snapshot('a', 10) });
    const store = new HostStore(fake.api, memoryPreferences());
    await store.start();
    expect(fake.calls).toEqual(['ready', 'list', 'snapshot:a', 'snapshot:b']);
    const state = store.getState();
    expect(state.phase).toBe('ready');
    expect(state.hosts.map((h) => h.profile.id)).toEqual(['a', 'b']);
    expect(state.snapshots.a?.updatedAt).toBe(10);
    expect(state.snapshots.b).toBeUndefined();
    expect(state.selectedHostId).toBe('a');
    expect(state.appInfo).toMatchObject({ secretStorage: 'memory' });
  });

  it('reports a failed listing as an error phase with the envelope, and loads again on demand', async () => {
    const fake = fakeApi([host('a')]);
    fake.setList(async () => {
      throw Object.assign(new Error('main is gone'), {});
    });
    const store = new HostStore(fake.api, memoryPreferences());
    await store.start();
    expect(store.getState()).toMatchObject({ phase: 'error', loadError: { code: 'INTERNAL', message: 'main is gone' } });
    fake.setList(async () => [host('a')]);
    await store.load();
    expect(store.getState().phase).toBe('ready');
  });

  it('changes only the pushed host: the other HostView objects keep their identity', async () => {
    const fake = fakeApi([host('a'), host('b')]);
    const store = new HostStore(fake.api, memoryPreferences());
    await store.start();
    const [a, b] = store.getState().hosts;
    const reconnecting: HostStatus = {
      state: 'reconnecting',
      attempt: 2,
      nextAttemptAt: 5,
      lastError: { code: 'CONNECTION_REFUSED', message: 'refused' },
    };
    fake.push('host:status', { hostId: 'b', status: reconnecting });
    const [a2, b2] = store.getState().hosts;
    expect(a2).toBe(a);
    expect(b2).not.toBe(b);
    expect(b2?.status).toEqual(reconnecting);
  });

  it('pins and unpins hosts, remembers them, ignores unknown ones and forgets removed ones', async () => {
    const fake = fakeApi([host('a'), host('b'), host('c')]);
    const preferences = memoryPreferences({ 'berth.pinnedHosts': '["c","gone"]' });
    const store = new HostStore(fake.api, preferences);
    await store.start();
    expect(store.getState().pinnedHostIds).toEqual(['c']);
    store.togglePin('a');
    store.togglePin('nobody');
    expect(store.getState().pinnedHostIds).toEqual(['c', 'a']);
    expect(preferences.get('berth.pinnedHosts')).toBe('["c","a"]');
    store.togglePin('c');
    expect(store.getState().pinnedHostIds).toEqual(['a']);
    store.removeHost('a');
    expect(store.getState().pinnedHostIds).toEqual([]);
    expect(new HostStore(fake.api, memoryPreferences({ 'berth.pinnedHosts': '{"not":"a list"}' })).getState().pinnedHostIds).toEqual([]);
  });

  it('does not notify for a status equal to the current one', async () => {
    const fake = fakeApi([host('a')]);
    const store = new HostStore(fake.api, memoryPreferences());
    await store.start();
    const listener = vi.fn();
    store.subscribe(listener);
    fake.push('host:status', { hostId: 'a', status: { state: 'ready', since: 1 } });
    expect(listener).not.toHaveBeenCalled();
  });

  it('keeps a status pushed while the host list was in flight (the push is newer)', async () => {
    const fake = fakeApi([]);
    let resolveList: (hosts: HostView[]) => void = () => undefined;
    fake.setList(() => new Promise((resolve) => (resolveList = resolve)));
    const store = new HostStore(fake.api, memoryPreferences());
    const started = store.start();
    await Promise.resolve();
    store.applyHosts([host('a', { state: 'connecting' })]);
    fake.push('host:status', { hostId: 'a', status: ready });
    resolveList([host('a', { state: 'connecting' })]);
    await started;
    expect(store.getState().hosts[0]?.status).toEqual(ready);
  });

  it('ignores a snapshot older than the one it holds, and shares unchanged parts of a newer one', async () => {
    const containers = makeContainers(100, 7, 1_800_000_000_000);
    const fake = fakeApi([host('a')], { a: snapshot('a', 100, containers) });
    const store = new HostStore(fake.api, memoryPreferences());
    await store.start();
    const first = store.getState().snapshots.a!;

    fake.push('host:snapshot', { hostId: 'a', snapshot: snapshot('a', 50) });
    expect(store.getState().snapshots.a).toBe(first);

    // As if it crossed IPC: every object new, one container changed.
    const copy = structuredClone(containers);
    copy[42] = { ...copy[42]!, state: 'exited', status: 'Exited (0) 1 second ago' };
    fake.push('host:snapshot', { hostId: 'a', snapshot: snapshot('a', 200, copy) });
    const second = store.getState().snapshots.a!;
    expect(second).not.toBe(first);
    expect(second.updatedAt).toBe(200);
    expect(second.summary).toBe(first.summary);
    expect(second.storage).toBe(first.storage);
    second.containers.forEach((container, index) => {
      if (index === 42) expect(container).not.toBe(first.containers[index]);
      else expect(container).toBe(first.containers[index]);
    });
  });

  it('leaves the host list alone on snapshot pushes; lastSeenOf reads the newer time', async () => {
    const fake = fakeApi([{ ...host('a'), lastSeenAt: 100 }]);
    const store = new HostStore(fake.api, memoryPreferences());
    await store.start();
    const hosts = store.getState().hosts;
    fake.push('host:snapshot', { hostId: 'a', snapshot: snapshot('a', 300) });
    expect(store.getState().hosts).toBe(hosts);
    expect(lastSeenOf(hosts[0]!, store.getState().snapshots.a)).toBe(300);
    expect(lastSeenOf({ ...hosts[0]!, lastSeenAt: 500 }, store.getState().snapshots.a)).toBe(500);
    expect(lastSeenOf({ ...hosts[0]!, lastSeenAt: null }, undefined)).toBeNull();
  });

  it('selects a host: remembers it and the recently used order, and fetches its snapshot if none is cached', async () => {
    const preferences = memoryPreferences();
    const fake = fakeApi([host('a'), host('b'), host('c')]);
    const store = new HostStore(fake.api, preferences);
    await store.start();
    store.setView('fleet');
    store.select('c');
    store.select('b');
    store.select('c');
    expect(store.getState()).toMatchObject({ selectedHostId: 'c', view: 'dashboard', recentHostIds: ['c', 'b'] });
    expect(preferences.get('berth.selectedHost')).toBe('c');
    expect(JSON.parse(preferences.get('berth.recentHosts') ?? '[]')).toEqual(['c', 'b']);
    store.select('nope');
    expect(store.getState().selectedHostId).toBe('c');

    const restarted = new HostStore(fakeApi([host('a'), host('b'), host('c')]).api, preferences);
    await restarted.start();
    expect(restarted.getState()).toMatchObject({ selectedHostId: 'c', recentHostIds: ['c', 'b'] });
  });

  it('follows hosts:changed: drops removed hosts with their snapshots and moves the selection', async () => {
    const fake = fakeApi([host('a'), host('b')], { a: snapshot('a', 1), b: snapshot('b', 1) });
    const store = new HostStore(fake.api, memoryPreferences());
    await store.start();
    store.select('b');
    const a = store.getState().hosts[0];
    fake.push('hosts:changed', { hosts: [structuredClone(a!), host('c')] });
    const state = store.getState();
    expect(state.hosts.map((h) => h.profile.id)).toEqual(['a', 'c']);
    expect(state.hosts[0]).toBe(a);
    expect(Object.keys(state.snapshots)).toEqual(['a']);
    expect(state.selectedHostId).toBe('a');
    expect(state.recentHostIds).toEqual([]);
  });

  it('keeps why a host snapshot was too large to send until the next snapshot arrives', async () => {
    const fake = fakeApi([host('a'), host('b')]);
    const store = new HostStore(fake.api, memoryPreferences());
    await store.start();
    const error = { code: 'MESSAGE_TOO_LARGE' as const, message: 'too large' };
    fake.push('push:too-large', { channel: 'host:snapshot', hostId: 'a', bytes: 20_000_000, error });
    expect(store.getState().pushErrors).toEqual({ a: error });
    fake.push('host:snapshot', { hostId: 'b', snapshot: snapshot('b', 5) });
    expect(store.getState().pushErrors).toEqual({ a: error });
    fake.push('host:snapshot', { hostId: 'a', snapshot: snapshot('a', 5) });
    expect(store.getState().pushErrors).toEqual({});
  });

  it('applies a containers patch: untouched rows keep their objects and places, a new row sorts in newest first', async () => {
    const containers = makeContainers(100, 7, 1_800_000_000_000).sort((a, b) => b.created - a.created);
    const fake = fakeApi([host('a'), host('b')], { a: snapshot('a', 100, containers), b: snapshot('b', 100) });
    const store = new HostStore(fake.api, memoryPreferences());
    await store.start();
    const first = store.getState().snapshots.a!;
    const other = store.getState().snapshots.b;
    const hosts = store.getState().hosts;
    // As it crossed IPC: fresh objects for the changed row (whose labels did not change).
    const changed = { ...structuredClone(containers[42]!), state: 'exited' as const, status: 'Exited (0) 1 second ago' };
    const added = { ...structuredClone(containers[10]!), id: 'f'.repeat(64), names: ['fresh'] };
    const counts = { total: 100, running: 10, paused: 0, stopped: 90 };
    fake.push('host:containers-patch', { hostId: 'a', upserted: [changed, added], removed: [containers[7]!.id], counts, updatedAt: 200 });

    const second = store.getState().snapshots.a!;
    expect(second.updatedAt).toBe(200);
    expect(second.counts).toEqual(counts);
    expect(second.summary).toBe(first.summary);
    expect(store.getState().snapshots.b).toBe(other);
    expect(store.getState().hosts).toBe(hosts);
    // The new row goes ahead of the row it was copied from (same created second: the newer container first).
    const expectedIds = containers.filter((_, index) => index !== 7).map((container) => container.id);
    expectedIds.splice(expectedIds.indexOf(containers[10]!.id), 0, added.id);
    expect(second.containers.map((container) => container.id)).toEqual(expectedIds);
    for (const container of second.containers) {
      if (container.id === changed.id) {
        expect(container).not.toBe(containers[42]);
        expect(container.state).toBe('exited');
        expect(container.labels).toBe(containers[42]!.labels);
      } else if (container.id !== added.id) expect(container).toBe(first.containers.find((c) => c.id === container.id));
    }
  });

  it('drops a patch older than the held snapshot, and applies disk usage alone', async () => {
    const fake = fakeApi([host('a')], { a: snapshot('a', 100) });
    const store = new HostStore(fake.api, memoryPreferences());
    await store.start();
    const first = store.getState().snapshots.a!;
    fake.push('host:containers-patch', {
      hostId: 'a',
      upserted: [],
      removed: [first.containers[0]!.id],
      counts: first.counts,
      updatedAt: 99,
    });
    expect(store.getState().snapshots.a).toBe(first);
    const diskUsage = { layersSize: 5 } as unknown as HostSnapshot['diskUsage'];
    fake.push('host:disk-usage', { hostId: 'a', diskUsage, updatedAt: 101 });
    const second = store.getState().snapshots.a!;
    expect(second).toMatchObject({ diskUsage, updatedAt: 101 });
    expect(second.containers).toBe(first.containers);
  });

  it('asks for the whole snapshot when a patch comes for a host it holds none of', async () => {
    const fake = fakeApi([host('a')]);
    const store = new HostStore(fake.api, memoryPreferences());
    await store.start();
    const held = snapshot('a', 300);
    fake.setSnapshot('a', held);
    fake.push('host:containers-patch', { hostId: 'a', upserted: [], removed: [], counts: held.counts, updatedAt: 300 });
    expect(fake.calls.filter((call) => call === 'snapshot:a')).toHaveLength(2);
    await vi.waitFor(() => expect(store.getState().snapshots.a?.updatedAt).toBe(300));
  });

  it('after a dropped (too large) push, fetches the whole snapshot instead of patching the stale one', async () => {
    const fake = fakeApi([host('a')], { a: snapshot('a', 100) });
    const store = new HostStore(fake.api, memoryPreferences());
    await store.start();
    const stale = store.getState().snapshots.a!;
    const error = { code: 'MESSAGE_TOO_LARGE' as const, message: 'too large' };
    fake.push('push:too-large', { channel: 'host:containers-patch', hostId: 'a', bytes: 20_000_000, error });
    const current = snapshot('a', 250, stale.containers.slice(1));
    fake.setSnapshot('a', current);
    fake.push('host:containers-patch', { hostId: 'a', upserted: [], removed: [], counts: current.counts, updatedAt: 250 });
    expect(store.getState().snapshots.a).toBe(stale);
    await vi.waitFor(() => expect(store.getState().snapshots.a?.containers).toHaveLength(49));
    expect(store.getState().pushErrors).toEqual({});
    // Caught up: the next patch applies again.
    fake.push('host:containers-patch', {
      hostId: 'a',
      upserted: [],
      removed: [current.containers[0]!.id],
      counts: current.counts,
      updatedAt: 260,
    });
    expect(store.getState().snapshots.a?.containers).toHaveLength(48);
  });

  it('stops listening on dispose', async () => {
    const fake = fakeApi([host('a')]);
    const store = new HostStore(fake.api, memoryPreferences());
    await store.start();
    store.dispose();
    fake.push('host:status', { hostId: 'a', status: { state: 'connecting' } });
    expect(store.getState().hosts[0]?.status).toEqual(ready);
  });
});
