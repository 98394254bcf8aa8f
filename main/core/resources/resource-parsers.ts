import {
  type ImageRow,
  type NetworkEndpoint,
  type NetworkRow,
  type ResourceUsers,
  type VolumeRow,
  builtInNetworks,
  resourceRowLimit,
  usersShown,
} from '../../../shared/resources.js';
import { readImageEntry } from '../../../shared/docker/images.js';
import { arrayOr, recordOr } from '../../../shared/docker/json-read.js';

/**
 * Pure readers of the daemon's /images/json, /volumes, /networks, /system/df and
 * /containers/json?all=1 into the views' rows. The daemon is untrusted: every field is checked,
 * texts are cut at maxText, lists at maxList, and rows at resourceRowLimit by the callers.
 */

const maxText = 1024;
const maxList = 256;

function text(value: unknown): string {
  if (typeof value !== 'string') return '';
  return value.length > maxText ? `${value.slice(0, maxText - 1)}…` : value;
}
function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
function texts(value: unknown): string[] {
  return arrayOr(value)
    .slice(0, maxList)
    .map(text)
    .filter((item) => item !== '');
}
function labels(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(recordOr(value)).slice(0, 100)) if (typeof item === 'string') out[text(key)] = text(item);
  return out;
}

/** What the views need of one container from /containers/json?all=1. */
export interface ContainerUse {
  id: string;
  name: string;
  running: boolean;
  imageId: string;
  /** Named volumes it mounts. */
  volumes: string[];
  networks: Array<{ name: string; networkId: string; ipv4: string; ipv6: string; macAddress: string }>;
  state: string;
}

export function parseContainerUses(body: unknown): ContainerUse[] {
  return arrayOr(body).flatMap((item) => {
    const container = recordOr(item);
    const id = text(container.Id);
    if (id === '') return [];
    const name = text(arrayOr(container.Names)[0]).replace(/^\//, '') || id.slice(0, 12);
    const state = text(container.State);
    const networks = Object.entries(recordOr(recordOr(container.NetworkSettings).Networks))
      .slice(0, maxList)
      .map(([networkName, value]) => {
        const network = recordOr(value);
        const prefix = count(network.IPPrefixLen);
        const ipv4 = text(network.IPAddress);
        const ipv6 = text(network.GlobalIPv6Address);
        const ipv6Prefix = count(network.GlobalIPv6PrefixLen);
        return {
          name: text(networkName),
          networkId: text(network.NetworkID),
          ipv4: ipv4 && prefix ? `${ipv4}/${prefix}` : ipv4,
          ipv6: ipv6 && ipv6Prefix ? `${ipv6}/${ipv6Prefix}` : ipv6,
          macAddress: text(network.MacAddress),
        };
      });
    return [
      {
        id,
        name,
        running: state === 'running',
        state,
        imageId: text(container.ImageID),
        volumes: arrayOr(container.Mounts)
          .slice(0, maxList)
          .map(recordOr)
          .filter((mount) => mount.Type === 'volume')
          .map((mount) => text(mount.Name))
          .filter((volume) => volume !== ''),
        networks,
      },
    ];
  });
}

/** Users of one resource: running first, then the others, names capped at usersShown. */
function usersOf(containers: readonly ContainerUse[]): ResourceUsers {
  const running = containers.filter((container) => container.running);
  const names = [...running, ...containers.filter((container) => !container.running)].slice(0, usersShown).map((c) => c.name);
  return { running: running.length, all: containers.length, names };
}

function groupBy<K>(containers: readonly ContainerUse[], keysOf: (container: ContainerUse) => readonly K[]): Map<K, ContainerUse[]> {
  const groups = new Map<K, ContainerUse[]>();
  for (const container of containers)
    for (const key of new Set(keysOf(container))) {
      const group = groups.get(key);
      if (group) group.push(container);
      else groups.set(key, [container]);
    }
  return groups;
}

/**
 * /images/json (with /system/df's Images for shared sizes when it could be read) and the
 * containers. A dangling image is one without a tag (`<none>:<none>`, or no RepoTags at all).
 */
export function parseImages(imagesBody: unknown, df: unknown, containers: readonly ContainerUse[]): { rows: ImageRow[]; listed: number } {
  const shared = new Map<string, number>();
  for (const item of arrayOr(recordOr(df).Images)) {
    const image = recordOr(item);
    const size = count(image.SharedSize);
    if (size !== undefined) shared.set(text(image.Id), size);
  }
  const users = groupBy(containers, (container) => [container.imageId]);
  const images = arrayOr(imagesBody);
  const rows = images.slice(0, resourceRowLimit).flatMap((item): ImageRow[] => {
    const summary = readImageEntry(item);
    if (!summary) return [];
    const image = recordOr(item);
    const sharedSize = shared.get(summary.id) ?? count(image.SharedSize);
    return [
      {
        ...summary,
        digests: texts(image.RepoDigests).filter((digest) => digest !== '<none>@<none>'),
        dangling: summary.tags.length === 0,
        ...(sharedSize !== undefined && { sharedSizeBytes: sharedSize }),
        users: usersOf(users.get(summary.id) ?? []),
      },
    ];
  });
  return { rows, listed: images.length };
}

/** /volumes with /system/df's Volumes (size and ref count, -1 when the daemon did not compute them) and the containers. */
export function parseVolumes(
  volumesBody: unknown,
  df: unknown,
  containers: readonly ContainerUse[],
): { rows: VolumeRow[]; listed: number } {
  const usage = new Map<string, { size?: number; refCount?: number }>();
  for (const item of arrayOr(recordOr(df).Volumes)) {
    const volume = recordOr(item);
    const data = recordOr(volume.UsageData);
    const size = count(data.Size);
    const refCount = count(data.RefCount);
    usage.set(text(volume.Name), { ...(size !== undefined && { size }), ...(refCount !== undefined && { refCount }) });
  }
  const users = groupBy(containers, (container) => container.volumes);
  const volumes = arrayOr(recordOr(volumesBody).Volumes);
  const rows = volumes.slice(0, resourceRowLimit).flatMap((item): VolumeRow[] => {
    const volume = recordOr(item);
    const name = text(volume.Name);
    if (name === '') return [];
    const createdAt = text(volume.CreatedAt);
    const measured = usage.get(name);
    return [
      {
        name,
        driver: text(volume.Driver),
        mountpoint: text(volume.Mountpoint),
        scope: text(volume.Scope),
        ...(createdAt !== '' && { createdAt }),
        ...(measured?.size !== undefined && { sizeBytes: measured.size }),
        ...(measured?.refCount !== undefined && { refCount: measured.refCount }),
        users: usersOf(users.get(name) ?? []),
        labels: labels(volume.Labels),
      },
    ];
  });
  return { rows, listed: volumes.length };
}

/** /networks with the containers attached to each (matched by network id, or by name for a stopped container that has none). */
export function parseNetworks(networksBody: unknown, containers: readonly ContainerUse[]): { rows: NetworkRow[]; listed: number } {
  const networks = arrayOr(networksBody);
  const rows = networks.slice(0, resourceRowLimit).flatMap((item): NetworkRow[] => {
    const network = recordOr(item);
    const id = text(network.Id);
    const name = text(network.Name);
    if (id === '' || name === '') return [];
    const endpoints: NetworkEndpoint[] = [];
    for (const container of containers)
      for (const attached of container.networks)
        if (attached.networkId === id || (attached.networkId === '' && attached.name === name))
          endpoints.push({
            containerId: container.id,
            name: container.name,
            state: container.state,
            ipv4: attached.ipv4,
            ipv6: attached.ipv6,
            macAddress: attached.macAddress,
          });
    return [
      {
        id,
        name,
        driver: text(network.Driver),
        scope: text(network.Scope),
        internal: network.Internal === true,
        attachable: network.Attachable === true,
        builtIn: builtInNetworks.includes(name),
        subnets: arrayOr(recordOr(network.IPAM).Config)
          .slice(0, maxList)
          .map(recordOr)
          .map((config) => ({ subnet: text(config.Subnet), gateway: text(config.Gateway) })),
        created: text(network.Created),
        endpoints: endpoints.slice(0, maxList),
      },
    ];
  });
  return { rows, listed: networks.length };
}
