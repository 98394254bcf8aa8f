import { describe, expect, it } from 'vitest';
import { countContainers } from '../../shared/docker/containers.js';
import type { SnapshotPatch } from '../../shared/snapshot-patch.js';
import type { ContainerSummary, DiskUsage, HostSnapshot } from '../../shared/snapshot.js';
import { SessionSnapshot } from './session-snapshot.js';

const row = (id: string, created: number, state: ContainerSummary['state'] = 'running'): ContainerSummary => ({
  id,
  names: [`/${id}`],
  image: 'alpine',
  state,
  status: state === 'running' ? 'Up 2 minutes' : 'Exited (0) 1 minute ago',
  ports: [],
  created,
  labels: {},
});

function snapshotOf(containers: ContainerSummary[], overrides: Partial<HostSnapshot> = {}): HostSnapshot {
  return {
    hostId: 'h',
    summary: { serverVersion: '20.10.24' } as HostSnapshot['summary'],
    storage: { driver: 'overlay2' } as HostSnapshot['storage'],
    diskUsage: null,
    containers,
    counts: countContainers(containers),
    updatedAt: 1,
    ...overrides,
  };
}

const usage = { shape: 'summary' } as DiskUsage;

function recorded(restored?: HostSnapshot) {
  const out: Array<{ snapshot: HostSnapshot; patch?: SnapshotPatch }> = [];
  const shown = new SessionSnapshot('h', restored, (snapshot, patch) => out.push({ snapshot, ...(patch ? { patch } : {}) }));
  return { shown, out };
}

describe('SessionSnapshot', () => {
  it('shows a restored snapshot but never calls it live, until the first read replaces it', () => {
    const restored = snapshotOf([row('a', 1)]);
    const { shown, out } = recorded(restored);
    expect(shown.current()).toBe(restored);
    expect(shown.live()).toBeNull();
    // A standby read over a restored snapshot goes out whole: renderers may hold nothing else.
    shown.standbyRead(snapshotOf([row('a', 1)]));
    expect(out).toHaveLength(1);
    expect(out[0]?.patch).toBeUndefined();
    expect(shown.live()).toBe(out[0]?.snapshot);
  });

  it('publishes nothing for a standby read that finds the daemon as shown', () => {
    const { shown, out } = recorded();
    shown.publish(snapshotOf([row('a', 2), row('b', 1)]));
    shown.standbyRead(snapshotOf([row('a', 2), row('b', 1)], { updatedAt: 99 }));
    expect(out).toHaveLength(1);
  });

  it('sends a standby read that changed one row and the disk usage as two patches, and the held snapshot is their result', () => {
    const { shown, out } = recorded();
    shown.publish(snapshotOf([row('a', 2), row('b', 1)]));
    shown.standbyRead(snapshotOf([row('a', 2), row('b', 1, 'exited')], { diskUsage: usage }));
    expect(out.slice(1).map((each) => each.patch?.channel)).toEqual(['host:containers-patch', 'host:disk-usage']);
    const containersPatch = out[1]?.patch;
    if (containersPatch?.channel !== 'host:containers-patch') throw new Error('no containers patch');
    expect(containersPatch.payload.upserted.map((each) => each.id)).toEqual(['b']);
    expect(shown.current()?.containers.map((each) => each.state)).toEqual(['running', 'exited']);
    expect(shown.current()?.diskUsage).toEqual(usage);
  });

  it('sends a standby read whole when the daemon info changed (an upgrade, another storage driver)', () => {
    const { shown, out } = recorded();
    shown.publish(snapshotOf([row('a', 1)]));
    shown.standbyRead(snapshotOf([row('a', 1)], { summary: { serverVersion: '24.0.7' } as HostSnapshot['summary'] }));
    expect(out).toHaveLength(2);
    expect(out[1]?.patch).toBeUndefined();
  });

  it('ignores container and disk-usage reads before there is any snapshot', () => {
    const { shown, out } = recorded();
    shown.containers([row('a', 1)]);
    shown.diskUsage(usage);
    expect(out).toEqual([]);
  });
});
