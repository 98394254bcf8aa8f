import { describe, expect, it } from 'vitest';
import { countContainers } from './docker/containers.js';
import type { ContainerSummary, HostSnapshot } from './snapshot.js';
import { applyContainersPatch, applyDiskUsage, containersPatchOf, diffContainers, sameJson } from './snapshot-patch.js';

function row(
  id: string,
  created: number,
  state: ContainerSummary['state'] = 'running',
  labels: Record<string, string> = {},
): ContainerSummary {
  return { id, names: [`/${id}`], image: 'alpine', state, status: 'Up', ports: [], created, labels };
}

function snapshotOf(containers: ContainerSummary[], updatedAt = 1): HostSnapshot {
  return {
    hostId: 'h',
    summary: {} as HostSnapshot['summary'],
    storage: {} as HostSnapshot['storage'],
    diskUsage: null,
    containers,
    counts: countContainers(containers),
    updatedAt,
  };
}

describe('diffContainers', () => {
  it('names new and changed rows whole and gone rows by id, ignoring order and untouched rows', () => {
    const a = row('a', 3);
    const b = row('b', 2);
    const c = row('c', 1);
    const diff = diffContainers([a, b, c], [row('d', 4), c, { ...b, state: 'exited' }, { ...a }]);
    expect(diff.upserted.map((container) => `${container.id}:${container.state}`)).toEqual(['d:running', 'b:exited']);
    expect(diff.removed).toEqual([]);
    expect(diffContainers([a, b, c], [a, c]).removed).toEqual(['b']);
  });

  it('compares content deeply (labels, ports, key order) so an equal re-read is an empty diff', () => {
    const prev = [row('a', 1, 'running', { x: '1', y: '2' })];
    const reread = [{ ...row('a', 1), labels: { y: '2', x: '1' } }];
    expect(diffContainers(prev, reread)).toEqual({ upserted: [], removed: [] });
    const relabelled = [row('a', 1, 'running', { x: '1', y: '3' })];
    expect(diffContainers(prev, relabelled).upserted).toHaveLength(1);
  });

  it('finds every difference whatever moved: applying the diff gives the later list, row for row', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 200; round += 1) {
      const prev = Array.from({ length: Math.floor(random() * 12) }, (_, index) => row(`r${round}-${index}`, Math.floor(random() * 5)));
      const next = prev
        .filter(() => random() > 0.25)
        .map((container) => (random() > 0.7 ? { ...container, state: 'exited' as const } : container));
      for (let added = Math.floor(random() * 4); added > 0; added -= 1) next.push(row(`n${round}-${added}`, Math.floor(random() * 5)));
      next.sort(() => random() - 0.5);
      const byId = (list: ContainerSummary[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
      const applied = applyContainersPatch(snapshotOf(prev), {
        hostId: 'h',
        ...diffContainers(prev, next),
        counts: countContainers(next),
        updatedAt: 2,
      });
      expect(byId(applied.containers)).toEqual(byId(next));
    }
  });

  it('diffs a 10,000-row re-read in one pass', () => {
    const prev = Array.from({ length: 10_000 }, (_, index) => row(`c${index}`, 10_000 - index));
    const next = prev.map((container) => ({ ...container, labels: { ...container.labels } }));
    next[5_000] = { ...next[5_000]!, state: 'exited' };
    const diff = diffContainers(prev, next);
    expect(diff.upserted.map((container) => container.id)).toEqual(['c5000']);
    expect(diff.removed).toEqual([]);
  });
});

describe('applyContainersPatch', () => {
  it('replaces changed rows in place, drops removed ones, and inserts new ones newest first', () => {
    const a = row('a', 30);
    const b = row('b', 20);
    const c = row('c', 10);
    const prev = snapshotOf([a, b, c]);
    const next = applyContainersPatch(prev, {
      hostId: 'h',
      upserted: [row('old', 5), { ...b, state: 'exited' }, row('same-second', 20), row('newest', 40)],
      removed: ['c'],
      counts: { total: 5, running: 4, paused: 0, stopped: 1 },
      updatedAt: 2,
    });
    expect(next.containers.map((container) => container.id)).toEqual(['newest', 'a', 'same-second', 'b', 'old']);
    expect(next.containers[1]).toBe(a);
    expect(next.containers[3]?.state).toBe('exited');
    expect(next.counts.total).toBe(5);
    expect(next.updatedAt).toBe(2);
    expect(prev.containers.map((container) => container.id)).toEqual(['a', 'b', 'c']);
  });

  it('reproduces the later snapshot from the patch of two snapshots, and applying it twice changes nothing', () => {
    const prev = snapshotOf([row('a', 30), row('b', 20), row('c', 10)], 1);
    const later = snapshotOf([row('d', 25), { ...row('a', 30), state: 'paused' }, row('c', 10)], 2);
    const patch = containersPatchOf(prev, later);
    expect(patch).toMatchObject({ removed: ['b'], counts: later.counts, updatedAt: 2 });
    const applied = applyContainersPatch(prev, patch);
    expect(applied.containers.map((container) => `${container.id}:${container.state}`)).toEqual(['a:paused', 'd:running', 'c:running']);
    expect(applyContainersPatch(applied, patch)).toEqual(applied);
  });

  it('carries the truncation of the later snapshot, and its absence', () => {
    const cut = { ...snapshotOf([row('a', 2)]), truncated: { containers: { kept: 1, listed: 9 } } };
    const patch = { hostId: 'h', upserted: [], removed: [], counts: cut.counts, updatedAt: 3 };
    expect(applyContainersPatch(cut, patch).truncated).toBeUndefined();
    expect(applyContainersPatch(snapshotOf([]), { ...patch, truncated: cut.truncated }).truncated).toEqual(cut.truncated);
  });

  it('lets the caller keep equal parts (structural sharing) of changed rows and counts', () => {
    const labels = { big: 'x'.repeat(100) };
    const prev = snapshotOf([row('a', 1, 'running', labels)]);
    const keep = <T>(old: T, fresh: T): T => (sameJson(old, fresh) ? old : fresh);
    const next = applyContainersPatch(
      prev,
      {
        hostId: 'h',
        upserted: [{ ...row('a', 1, 'exited', { ...labels }) }],
        removed: [],
        counts: { ...prev.counts },
        updatedAt: 2,
      },
      keep,
    );
    expect(next.counts).toBe(prev.counts);
    expect(next.containers[0]?.state).toBe('exited');
  });
});

describe('applyDiskUsage', () => {
  it('changes only the disk usage and the time', () => {
    const prev = snapshotOf([row('a', 1)]);
    const diskUsage = { images: { count: 1, active: 1, size: 1, reclaimable: 0 } } as unknown as HostSnapshot['diskUsage'];
    const next = applyDiskUsage(prev, { hostId: 'h', diskUsage, updatedAt: 9 });
    expect(next).toEqual({ ...prev, diskUsage, updatedAt: 9 });
    expect(next.containers).toBe(prev.containers);
  });
});
