import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../test-support/docker-fixtures.js';
import { apiAtLeast, previewKind, readPruneReport, volumePruneAnonymousOnly, type PruneInputs } from './prune-preview.js';

/** The lab cleanup daemon right after `ctl.sh prepare-cleanup` (fixtures/cleanup, API 1.41). */
function labInputs(overrides: Partial<PruneInputs> = {}): PruneInputs {
  const endpoints = loadFixture('cleanup/network-endpoints.json') as Record<string, number>;
  return {
    apiVersion: (loadFixture('cleanup/version.json') as { ApiVersion: string }).ApiVersion,
    containers: loadFixture('cleanup/containers.json'),
    images: loadFixture('cleanup/images.json'),
    df: loadFixture('cleanup/system-df.json'),
    networks: loadFixture('cleanup/networks.json'),
    networkEndpoints: new Map(Object.entries(endpoints)),
    ...overrides,
  };
}
const names = (inputs: PruneInputs, kind: Parameters<typeof previewKind>[0]) =>
  previewKind(kind, inputs)
    .items.map((item) => item.name)
    .sort();

describe('previewKind on the prepared lab cleanup daemon', () => {
  it('stopped containers: created and exited ones with their writable layers; running ones stay', () => {
    const preview = previewKind('containers', labInputs());
    expect(preview.items.map((item) => [item.name, item.detail]).sort()).toEqual([
      ['cleanup-exited-writer', 'exited'],
      ['lab-created', 'created'],
      ['lab-exited', 'exited'],
    ]);
    expect(preview).toMatchObject({ count: 3, bytes: 262_144, unknownSizes: 0 });
  });

  it('dangling images: the two untagged imports with their unique sizes; unused images add the unused tag, never the image in use', () => {
    const dangling = previewKind('dangling-images', labInputs());
    expect(dangling.items.map((item) => item.detail)).toEqual(['dangling', 'dangling']);
    expect(dangling.bytes).toBe(65_536 + 131_072);
    expect(names(labInputs(), 'unused-images')).toEqual(expect.arrayContaining(['berth-lab/cleanup-unused:1']));
    const unused = previewKind('unused-images', labInputs());
    expect(unused.count).toBe(3);
    expect(unused.items.map((item) => item.name)).not.toContain('berth-lab/busybox:latest');
    expect(unused.notes.join(' ')).toMatch(/1 image stays: a container uses it/);
  });

  it('volumes: unreferenced ones (API 1.41 takes named ones too); the mounted one stays', () => {
    const volumes = previewKind('volumes', labInputs());
    expect(volumes.items.map((item) => item.detail).sort()).toEqual(['anonymous', 'named']);
    expect(volumes.items.map((item) => item.name)).toContain('cleanup-unused');
    expect(volumes.items.map((item) => item.name)).not.toContain('cleanup-in-use');
    expect(volumes.bytes).toBe(131_072);
  });

  it('volumes from API 1.42: only those labelled anonymous (Engine 23 sets the label), unless named volumes are asked for', () => {
    const df = {
      Volumes: [
        { Name: 'a'.repeat(64), Driver: 'local', Labels: { 'com.docker.volume.anonymous': '' }, UsageData: { RefCount: 0, Size: 7 } },
        { Name: 'b'.repeat(64), Driver: 'local', Labels: null, UsageData: { RefCount: 0, Size: 1 } },
        { Name: 'data', Driver: 'local', Labels: {}, UsageData: { RefCount: 0, Size: 1 } },
      ],
    };
    const anonymousOnly = previewKind('volumes', labInputs({ apiVersion: '1.43', df }));
    expect(anonymousOnly.items.map((item) => item.name)).toEqual(['a'.repeat(64)]);
    expect(anonymousOnly.notes.join(' ')).toMatch(/2 unused named volumes stay/);
    expect(previewKind('volumes', labInputs({ apiVersion: '1.43', includeNamedVolumes: true, df })).count).toBe(3);
  });

  it('networks: the one without endpoints; the attached one and host/none stay', () => {
    expect(names(labInputs(), 'networks')).toEqual(['cleanup-unused-net']);
  });

  it('build cache: none on this daemon', () => {
    expect(previewKind('build-cache', labInputs())).toMatchObject({ count: 0, bytes: 0 });
  });
});

describe('previewKind rules on constructed lists', () => {
  const base = labInputs({ containers: [], images: [], df: {}, networks: [], networkEndpoints: new Map() });

  it('an untagged parent is never pruned; a dangling leaf is; an image a stopped container uses stays', () => {
    const images = [
      { Id: 'sha256:parent', RepoTags: ['<none>:<none>'], ParentId: '', Size: 10 },
      { Id: 'sha256:child', RepoTags: ['app:1'], ParentId: 'sha256:parent', Size: 20 },
      { Id: 'sha256:leaf', RepoTags: [], ParentId: '', Size: 30 },
      { Id: 'sha256:used', RepoTags: null, ParentId: '', Size: 40 },
    ];
    const containers = [{ Id: 'c1', State: 'exited', ImageID: 'sha256:used', Names: ['/old'] }];
    const inputs = { ...base, images, containers };
    expect(previewKind('dangling-images', inputs).items.map((item) => item.id)).toEqual(['sha256:leaf']);
    expect(previewKind('unused-images', inputs).items.map((item) => item.id)).toEqual(['sha256:child', 'sha256:leaf']);
    // Without /system/df, the image's own Size stands in for its unique size.
    expect(previewKind('unused-images', inputs).bytes).toBe(50);
  });

  it('paused, restarting and running containers stay; dead ones go; a container missing from df has no known size', () => {
    const containers = ['running', 'paused', 'restarting', 'dead', 'created'].map((State, index) => ({
      Id: `c${index}`,
      State,
      Names: [`/n${index}`],
    }));
    const preview = previewKind('containers', { ...base, containers, df: { Containers: [{ Id: 'c3', SizeRw: 5 }] } });
    expect(preview.items.map((item) => item.name)).toEqual(['n3', 'n4']);
    expect(preview).toMatchObject({ bytes: 5, unknownSizes: 1 });
  });

  it('build cache: in-use, shared, internal and frontend records stay', () => {
    const df = {
      BuildCache: [
        { ID: 'a', Type: 'regular', InUse: false, Shared: false, Size: 100, Description: 'mount / from exec' },
        { ID: 'b', Type: 'regular', InUse: true, Shared: false, Size: 1 },
        { ID: 'c', Type: 'regular', InUse: false, Shared: true, Size: 1 },
        { ID: 'd', Type: 'internal', InUse: false, Shared: false, Size: 1 },
        { ID: 'e', Type: 'frontend', InUse: false, Shared: false, Size: 1 },
      ],
    };
    expect(previewKind('build-cache', { ...base, df })).toMatchObject({ count: 1, bytes: 100, items: [{ name: 'mount / from exec' }] });
  });

  it('a volume of unknown usage (-1) is not promised; a size of -1 counts as unknown', () => {
    const df = {
      Volumes: [
        { Name: 'x', Driver: 'nfs', UsageData: { RefCount: 0, Size: -1 } },
        { Name: 'y', Driver: 'local', UsageData: { RefCount: -1, Size: -1 } },
      ],
    };
    expect(previewKind('volumes', { ...base, df })).toMatchObject({
      count: 1,
      bytes: 0,
      unknownSizes: 1,
      items: [{ name: 'x', detail: 'named, nfs' }],
    });
  });

  it('lists at most 2,000 items but counts and sums them all', () => {
    const containers = Array.from({ length: 2_500 }, (_, index) => ({ Id: `c${index}`, State: 'exited', Names: [`/n${index}`] }));
    const df = { Containers: containers.map((container) => ({ Id: container.Id, SizeRw: 2 })) };
    expect(previewKind('containers', { ...base, containers, df })).toMatchObject({ count: 2_500, bytes: 5_000 });
    expect(previewKind('containers', { ...base, containers, df }).items).toHaveLength(2_000);
  });
});

describe('readPruneReport and API versions', () => {
  it('reads each endpoint\u2019s answer; networks report no bytes', () => {
    expect(readPruneReport('containers', { ContainersDeleted: ['a', 'b'], SpaceReclaimed: 12 })).toEqual({
      removed: ['a', 'b'],
      removedCount: 2,
      reclaimedBytes: 12,
    });
    expect(
      readPruneReport('dangling-images', { ImagesDeleted: [{ Untagged: 'x:1' }, { Deleted: 'sha256:1' }], SpaceReclaimed: 3 }).removed,
    ).toEqual(['untagged: x:1', 'deleted: sha256:1']);
    expect(readPruneReport('networks', { NetworksDeleted: ['n'] }).reclaimedBytes).toBeNull();
    expect(readPruneReport('volumes', 'garbage')).toEqual({ removed: [], removedCount: 0, reclaimedBytes: 0 });
  });

  it('compares API versions numerically', () => {
    expect(apiAtLeast('1.41', '1.42')).toBe(false);
    expect(apiAtLeast('1.42', '1.42')).toBe(true);
    expect(apiAtLeast('1.100', '1.42')).toBe(true);
    expect(apiAtLeast('', '1.42')).toBe(false);
    expect(volumePruneAnonymousOnly('1.44', false)).toBe(true);
    expect(volumePruneAnonymousOnly('1.41', false)).toBe(false);
  });
});
