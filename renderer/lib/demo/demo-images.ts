import type { ImageSummary } from '../../../shared/docker/images';
import type { ImagesAnswer } from '../../../shared/search-contract';
import type { ContainerSummary } from '../../../shared/snapshot';

/** A made-up image id from its name (the demo has no daemon to ask): 64 hex digits. */
function fakeImageId(name: string): string {
  let hash = 2166136261;
  let hex = '';
  for (let round = 0; hex.length < 64; round += 1) {
    for (const char of `${name}#${round}`) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
    hex += hash.toString(16).padStart(8, '0');
  }
  return `sha256:${hex.slice(0, 64)}`;
}

/** The demo's images of one host: one per image its containers run (search:images in the demo). */
export function demoImages(containers: readonly ContainerSummary[]): ImageSummary[] {
  const names = [...new Set(containers.map((container) => container.image))];
  return names.map((name, index) => ({
    id: fakeImageId(name),
    tags: [name],
    created: 1_700_000_000 + index * 86_400,
    sizeBytes: 12_000_000 + index * 3_100_000,
  }));
}

/** search:images over the demo hosts: every host at version 1 (demo images never change). */
export function demoImagesAnswer(
  hosts: ReadonlyArray<{ id: string; containers: readonly ContainerSummary[] }>,
  known: Record<string, number>,
): ImagesAnswer {
  const ids = new Set(hosts.map((host) => host.id));
  return {
    changed: hosts
      .filter((host) => known[host.id] !== 1)
      .map((host) => {
        const images = demoImages(host.containers);
        return { hostId: host.id, version: 1, images, listed: images.length };
      }),
    gone: Object.keys(known).filter((id) => !ids.has(id)),
  };
}
