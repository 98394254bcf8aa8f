import { describe, expect, it } from 'vitest';
import type { ContainerState, ContainerSummary, HostSnapshot } from '../../shared/snapshot.js';
import { readContainerList } from '../../shared/docker/containers.js';
import { daemonLimits } from '../../shared/docker/daemon-limits.js';
import { readStorage } from '../../shared/docker/driver-status.js';
import { readDaemonSummary } from '../../shared/docker/summary.js';
import { withContainers } from './snapshot-reader.js';

/** What the refresh queue publishes when one container changes (null: it is gone): the held list with that change, newest first. */
function withContainer(snapshot: HostSnapshot, id: string, container: ContainerSummary | null): HostSnapshot {
  const others = snapshot.containers.filter((existing) => existing.id !== id);
  return withContainers(snapshot, container ? [...others, container].sort((a, b) => b.created - a.created) : others);
}

const container = (index: number, state: ContainerState = 'exited'): ContainerSummary => ({
  id: `id${index}`,
  names: [`c${index}`],
  image: 'busybox',
  state,
  status: state,
  ports: [],
  created: 1_000_000 + index,
  labels: {},
});

/** A snapshot read from a daemon that listed `listed` containers (newest first). */
function snapshotOf(listed: number): HostSnapshot {
  const list = readContainerList(
    Array.from({ length: listed }, (_, index) => {
      const item = container(listed - index);
      return { Id: item.id, Names: item.names, State: item.state, Created: item.created };
    }),
  );
  const snapshot: HostSnapshot = {
    hostId: 'h',
    summary: readDaemonSummary({}, {}),
    storage: readStorage('overlay2', []),
    diskUsage: null,
    containers: list.containers,
    counts: list.counts,
    updatedAt: 0,
  };
  return list.containers.length < list.listed
    ? { ...snapshot, truncated: { containers: { kept: list.containers.length, listed: list.listed } } }
    : snapshot;
}

describe('withContainers', () => {
  it('adds, replaces and removes containers of a whole list, newest first', () => {
    let snapshot = snapshotOf(3);
    snapshot = withContainer(snapshot, 'id4', container(4, 'running'));
    expect(snapshot.containers.map((item) => item.id)).toEqual(['id4', 'id3', 'id2', 'id1']);
    expect(snapshot.counts).toEqual({ total: 4, running: 1, paused: 0, stopped: 3 });
    snapshot = withContainer(snapshot, 'id2', null);
    expect(snapshot.counts).toEqual({ total: 3, running: 1, paused: 0, stopped: 2 });
    expect(snapshot.truncated).toBeUndefined();
  });

  it(`never holds more than ${daemonLimits.containers.toLocaleString('en-US')} containers: a list that grows past it is cut and says so`, () => {
    const full = snapshotOf(daemonLimits.containers);
    expect(full.truncated).toBeUndefined();
    const grown = withContainer(full, 'new', { ...container(daemonLimits.containers + 5, 'running'), id: 'new' });
    expect(grown.containers).toHaveLength(daemonLimits.containers);
    expect(grown.containers[0]?.id).toBe('new');
    expect(grown.counts.total).toBe(daemonLimits.containers + 1);
    expect(grown.counts.running).toBe(1);
    expect(grown.truncated?.containers).toEqual({ kept: daemonLimits.containers, listed: daemonLimits.containers + 1 });
  });

  it('keeps the counts of a cut list true for kept and new containers', () => {
    const listed = daemonLimits.containers + 100;
    let snapshot = snapshotOf(listed);
    expect(snapshot.truncated?.containers).toEqual({ kept: daemonLimits.containers, listed });
    const newest = snapshot.containers[0]!;
    snapshot = withContainer(snapshot, newest.id, { ...newest, state: 'running' });
    expect(snapshot.counts).toEqual({ total: listed, running: 1, paused: 0, stopped: listed - 1 });
    snapshot = withContainer(snapshot, 'fresh', { ...container(listed + 1, 'paused'), id: 'fresh' });
    expect(snapshot.containers).toHaveLength(daemonLimits.containers);
    expect(snapshot.counts).toEqual({ total: listed + 1, running: 1, paused: 1, stopped: listed - 1 });
    snapshot = withContainer(snapshot, newest.id, null);
    expect(snapshot.containers).toHaveLength(daemonLimits.containers - 1);
    expect(snapshot.counts.total).toBe(listed);
    expect(snapshot.truncated?.containers).toEqual({ kept: daemonLimits.containers - 1, listed });
  });

  it('leaves a cut container out: its old state was never kept', () => {
    const listed = daemonLimits.containers + 10;
    const snapshot = snapshotOf(listed);
    const cutOne = container(1, 'running'); // the oldest: cut
    const next = withContainer(snapshot, cutOne.id, cutOne);
    expect(next.containers.some((item: ContainerSummary) => item.id === cutOne.id)).toBe(false);
    expect(next.counts).toEqual(snapshot.counts);
    expect(next.truncated).toEqual(snapshot.truncated);
  });
});
