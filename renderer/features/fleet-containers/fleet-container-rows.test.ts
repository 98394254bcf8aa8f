import { describe, expect, it } from 'vitest';
import type { HostView } from '../../../shared/host-view';
import type { ContainerSummary, HostSnapshot } from '../../../shared/snapshot';
import { createFleetRows, fleetContainers, selectionByHost } from './fleet-container-rows';

const host = (id: string, tags: string[] = []): HostView => ({
  profile: { id, name: `host ${id}`, tags, transport: { type: 'tcp', host: '10.0.0.1', port: 2375 } },
  status: { state: 'ready', since: 0 },
  lastSeenAt: null,
});
// Two host entries for one daemon list the same ids: each host's snapshot has its own objects.
const container = (id: string): ContainerSummary => ({
  id,
  names: [`/c-${id}`],
  image: 'busybox',
  state: 'running',
  status: 'Up',
  ports: [],
  created: 0,
  labels: {},
});
const snapshot = (hostId: string, ids: string[]) => ({ hostId, containers: ids.map(container) }) as unknown as HostSnapshot;

describe('fleet containers', () => {
  const hosts = [host('a'), host('b', ['production'])];
  const snapshots = { a: snapshot('a', ['1', '2']), b: snapshot('b', ['1']) };

  it('lists every host’s containers with their host, keyed per host so the same id on two hosts stays two rows', () => {
    const fleet = fleetContainers(hosts, snapshots, null);
    expect(fleet.containers.map((c) => fleet.hostColumn.rowKey(c))).toEqual(['a/1', 'a/2', 'b/1']);
    expect(fleet.hostColumn.hostOf(fleet.containers[2]!)).toEqual({ id: 'b', name: 'host b', color: undefined, production: true });
    expect(fleet.resolve('b/1')).toEqual({ hostId: 'b', container: snapshots.b.containers[0] });
    expect(fleet.resolve('c/1')).toBeUndefined();
  });

  it('narrows to one host, and keeps one RowHost object per host view (rows stay memoized)', () => {
    const only = fleetContainers(hosts, snapshots, 'b');
    expect(only.containers.map((c) => only.hostColumn.rowKey(c))).toEqual(['b/1']);
    expect(only.hostColumn.hostOf(only.containers[0]!)).toBe(
      fleetContainers(hosts, snapshots, null).hostColumn.hostOf(snapshots.b.containers[0]!),
    );
  });

  it('splits a selection by host, so actions run per host under its own guard', () => {
    const fleet = fleetContainers(hosts, snapshots, null);
    const groups = selectionByHost(fleet.containers, fleet.hostColumn);
    expect(groups.map((group) => [group.host.id, group.containers.map((c) => c.id)])).toEqual([
      ['a', ['1', '2']],
      ['b', ['1']],
    ]);
  });

  it('kept between updates: nothing changed gives the same rows; a push for one host rebuilds only its part', () => {
    const rows = createFleetRows();
    const first = rows(hosts, snapshots, null);
    // Another host's status (a new HostView, the same name and colour) and the same snapshots: nothing to redo.
    const statusChanged: HostView[] = [{ ...hosts[0]!, status: { state: 'connecting' } }, hosts[1]!];
    expect(rows(statusChanged, snapshots, null)).toBe(first);
    const pushed = { ...snapshots, a: snapshot('a', ['1', '2', '3']) };
    const second = rows(statusChanged, pushed, null);
    expect(second).not.toBe(first);
    expect(second.containers.map((c) => second.hostColumn.rowKey(c))).toEqual(['a/1', 'a/2', 'a/3', 'b/1']);
    // Host b's rows are the same objects, with the same host: their rows stay memoized.
    expect(second.containers[3]).toBe(first.containers[2]);
    expect(second.hostColumn.hostOf(second.containers[3]!)).toBe(first.hostColumn.hostOf(first.containers[2]!));
    expect(second.resolve('a/3')).toEqual({ hostId: 'a', container: pushed.a.containers[2] });
    // A renamed host is a new RowHost for its rows.
    const renamed = [statusChanged[0]!, { ...hosts[1]!, profile: { ...hosts[1]!.profile, name: 'host b2' } }];
    expect(rows(renamed, pushed, null).hostColumn.hostOf(second.containers[3]!).name).toBe('host b2');
  });

  it('lists a container object two snapshots share once, under the first host', () => {
    const shared = snapshot('a', ['1']);
    const fleet = fleetContainers(hosts, { a: shared, b: shared }, null);
    expect(fleet.containers.map((c) => fleet.hostColumn.rowKey(c))).toEqual(['a/1']);
  });
});
