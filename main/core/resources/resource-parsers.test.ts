import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseContainerUses, parseImages, parseNetworks, parseVolumes } from './resource-parsers.js';
import { resourceKindsOf } from './resource-events.js';

/** Real answers of a lab daemon (dockerd 20.10, API 1.41) holding a tagged image, a dangling one, a volume and an internal network. */
const fixture = (name: string): unknown => JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures', `${name}.json`), 'utf8'));

describe('resource parsers on real daemon answers', () => {
  const containers = parseContainerUses(fixture('containers-json'));

  it('images: tags together, dangling marked, shared size from /system/df, users by image id', () => {
    const { rows, listed } = parseImages(fixture('images-json'), fixture('system-df'), containers);
    expect(listed).toBe(3);
    const tagged = rows.find((row) => row.tags.includes('berth-fx-img:v1'));
    expect(tagged).toMatchObject({ tags: ['berth-fx-img:v1', 'berth-fx-img:v2'], dangling: false, sharedSizeBytes: 1984241 });
    expect(tagged?.users).toEqual({ running: 1, all: 1, names: ['berth-fx-web'] });
    const dangling = rows.find((row) => row.dangling);
    expect(dangling?.tags).toEqual([]);
    expect(dangling?.users.all).toBe(0);
    const lab = rows.find((row) => row.tags.includes('berth-lab/busybox:latest'));
    // /system/df counts containers per image; Berth's count from the container list agrees.
    expect(lab?.users.all).toBe(4);
  });

  it('images without /system/df have no shared size (the daemon sends -1 in /images/json)', () => {
    const { rows } = parseImages(fixture('images-json'), null, containers);
    expect(rows.every((row) => row.sharedSizeBytes === undefined)).toBe(true);
  });

  it('volumes: size and ref count from /system/df, the containers that mount it', () => {
    const { rows } = parseVolumes(fixture('volumes'), fixture('system-df'), containers);
    expect(rows).toEqual([
      {
        name: 'berth-fx-vol',
        driver: 'local',
        mountpoint: '/var/lib/docker/volumes/berth-fx-vol/_data',
        scope: 'local',
        createdAt: expect.stringMatching(/^\d{4}-/),
        sizeBytes: 0,
        refCount: 1,
        users: { running: 1, all: 1, names: ['berth-fx-web'] },
        labels: {},
      },
    ]);
  });

  it('networks: subnet, flags, built-ins, attached containers with their addresses', () => {
    const { rows } = parseNetworks(fixture('networks'), containers);
    const network = rows.find((row) => row.name === 'berth-fx-net');
    expect(network).toMatchObject({
      driver: 'bridge',
      internal: true,
      attachable: false,
      builtIn: false,
      subnets: [{ subnet: '10.213.7.0/24', gateway: '' }],
    });
    expect(network?.endpoints).toEqual([
      {
        containerId: expect.any(String),
        name: 'berth-fx-web',
        state: 'running',
        ipv4: expect.stringMatching(/^10\.213\.7\.\d+\/24$/),
        ipv6: '',
        macAddress: expect.any(String),
      },
    ]);
    expect(
      rows
        .filter((row) => row.builtIn)
        .map((row) => row.name)
        .sort(),
    ).toEqual(['host', 'none']);
  });

  it('hostile shapes are rows with empty fields or no rows, never a throw', () => {
    expect(parseImages({ not: 'a list' }, 'nonsense', []).rows).toEqual([]);
    // No usable id (not a string, or longer than any daemon's): not a row, as in the fleet search's list.
    expect(parseImages([{ Id: 7 }, null, { Id: 'x'.repeat(5000), RepoTags: 'no' }], null, []).rows).toEqual([]);
    expect(parseImages([{ Id: 'sha256:a', RepoTags: 'no', Size: -5 }], null, []).rows).toMatchObject([
      { id: 'sha256:a', tags: [], dangling: true, sizeBytes: 0 },
    ]);
    expect(parseVolumes({ Volumes: [{ Name: '' }, { Name: 'v', UsageData: { Size: -1, RefCount: -1 } }] }, null, []).rows).toMatchObject([
      { name: 'v' },
    ]);
    expect(
      parseNetworks([{ Id: 'a', Name: 'n', IPAM: { Config: 'x' } }], parseContainerUses([{ Id: 'c', NetworkSettings: 5 }])).rows[0]
        ?.endpoints,
    ).toEqual([]);
  });
});

describe('which views an event changes', () => {
  const event = (type: string, action: string) => ({ type, action, id: 'x', attributes: {}, timeNano: 0 });
  it('image, volume and network events their own view; container create/destroy all three; exec and health none', () => {
    expect(resourceKindsOf(event('image', 'tag'))).toEqual(['images']);
    expect(resourceKindsOf(event('volume', 'mount'))).toEqual(['volumes']);
    expect(resourceKindsOf(event('network', 'connect'))).toEqual(['networks']);
    expect(resourceKindsOf(event('container', 'destroy'))).toEqual(['images', 'volumes', 'networks']);
    expect(resourceKindsOf(event('container', 'start'))).toEqual(['images']);
    expect(resourceKindsOf(event('container', 'exec_start: sh'))).toEqual([]);
    expect(resourceKindsOf(event('container', 'health_status: healthy'))).toEqual([]);
    expect(resourceKindsOf(event('daemon', 'reload'))).toEqual([]);
  });
});
