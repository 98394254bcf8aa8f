import { describe, expect, it } from 'vitest';
import type { HostView } from '../../../shared/host-view';
import { searchEntries } from '../../../shared/search/fleet-search';
import type { ContainerSummary, HostSnapshot } from '../../../shared/snapshot';
import { FleetSearchIndex } from './fleet-index';

const host = (id: string): HostView => ({
  profile: { id, name: id, tags: [], transport: { type: 'tcp', host: '10.0.0.1', port: 2375 } },
  status: { state: 'idle' },
  lastSeenAt: null,
});
const container = (id: string, name: string, image = 'busybox'): ContainerSummary => ({
  id: id.padEnd(64, '0'),
  names: [`/${name}`],
  image,
  state: 'running',
  status: 'Up',
  ports: [],
  created: 0,
  labels: {},
});
const snapshot = (hostId: string, containers: ContainerSummary[]): HostSnapshot =>
  ({
    hostId,
    containers,
    counts: { total: containers.length, running: containers.length, paused: 0, stopped: 0 },
    updatedAt: 1,
  }) as unknown as HostSnapshot;
const labels = (index: FleetSearchIndex, query: string) =>
  index.search(query, 50).flatMap((group) => group.hits.map((hit) => `${hit.hostId}:${hit.label}`));

describe('FleetSearchIndex', () => {
  it('follows the snapshots: a container started is found, a removed one is gone, a removed host takes its containers', () => {
    const index = new FleetSearchIndex();
    const hosts = [host('a'), host('b')];
    const first = { a: snapshot('a', [container('1', 'api-1')]), b: snapshot('b', [container('2', 'api-2')]) };
    index.update(hosts, first, new Map());
    expect(labels(index, 'api')).toEqual(['a:api-1', 'b:api-2']);
    const started = { ...first, b: snapshot('b', [container('3', 'api-new'), container('2', 'api-2')]) };
    index.update(hosts, started, new Map());
    expect(labels(index, 'api-n')).toEqual(['b:api-new']);
    const removed = { ...started, b: snapshot('b', [container('2', 'api-2')]) };
    index.update(hosts, removed, new Map());
    expect(labels(index, 'api-n')).toEqual([]);
    index.update([host('a')], removed, new Map());
    expect(labels(index, 'api')).toEqual(['a:api-1']);
  });

  it('adds images per host as they arrive', () => {
    const index = new FleetSearchIndex();
    index.update([host('a')], {}, new Map([['a', [{ id: 'sha256:ff', tags: ['redis:7'], created: 0, sizeBytes: 1 }]]]));
    expect(labels(index, 'redis')).toEqual(['a:redis:7']);
  });

  it('narrows while typing on and answers exactly as a full search, also after an edit that is not an extension', () => {
    const index = new FleetSearchIndex();
    const containers = Array.from({ length: 300 }, (_, n) => container(`${n}`, `svc-${n % 7}-${n}`, n % 2 ? 'nginx' : 'redis'));
    const snapshots = { a: snapshot('a', containers) };
    index.update([host('a')], snapshots, new Map());
    const entries = [...(index as unknown as { all: Parameters<typeof searchEntries>[0] }).all];
    for (const query of ['s', 'sv', 'svc-3', 'svc-3 ', 'svc-3 ng', 'svc-3 nginx', 'svc', 'svc-1 redis', 'x']) {
      expect(index.search(query, 20), query).toEqual(searchEntries(entries, query, 20));
    }
  });
});
