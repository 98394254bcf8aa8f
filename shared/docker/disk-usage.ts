import type { DiskUsage, DiskUsageCategory } from '../snapshot.js';
import { arrayOr, countOr0, field, isRecord } from './json-read.js';

/**
 * `GET /system/df` in both shapes.
 *
 * API >= 1.52 (Docker Engine 29) answers with one summary object per category:
 * `ImageUsage`, `ContainerUsage`, `VolumeUsage`, `BuildCacheUsage`, each with `ActiveCount`,
 * `TotalCount`, `Reclaimable`, `TotalSize` (and `Items` when `verbose` is asked for). Asked
 * without `verbose`, a 1.52 daemon still adds the legacy arrays; the summaries win.
 *
 * Older APIs answer with `LayersSize` and the arrays `Images`, `Containers`, `Volumes`,
 * `BuildCache`; the totals are computed here the way the Docker client computes them for such
 * daemons (moby/moby `client/system_disk_usage.go`, `*DiskUsageFromLegacyAPI`).
 */

const SUMMARY_KEYS = {
  images: 'ImageUsage',
  containers: 'ContainerUsage',
  volumes: 'VolumeUsage',
  buildCache: 'BuildCacheUsage',
} as const;

type Category = keyof typeof SUMMARY_KEYS;

/** Every figure a safe, non-negative integer, whatever sums the daemon's numbers made. */
function category(count: number, active: number, sizeBytes: number, reclaimableBytes: number): DiskUsageCategory {
  return {
    count: countOr0(count),
    active: countOr0(active),
    sizeBytes: countOr0(sizeBytes),
    reclaimableBytes: countOr0(reclaimableBytes),
  };
}

function fromSummary(summary: unknown): DiskUsageCategory {
  return category(
    countOr0(field(summary, 'TotalCount')),
    countOr0(field(summary, 'ActiveCount')),
    countOr0(field(summary, 'TotalSize')),
    countOr0(field(summary, 'Reclaimable')),
  );
}

/** A size field where -1 (or anything unreadable) means "not computed". */
function knownSize(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function legacyImages(df: unknown): DiskUsageCategory {
  const images = arrayOr(field(df, 'Images'));
  let active = 0;
  let reclaimable = 0;
  for (const image of images) {
    if (countOr0(field(image, 'Containers')) > 0) {
      active += 1;
      continue;
    }
    const size = knownSize(field(image, 'Size'));
    const shared = knownSize(field(image, 'SharedSize'));
    if (size === undefined || shared === undefined) continue;
    reclaimable += size - shared;
    // An image index (containerd image store) adds the size of the index itself.
    const descriptor = field(image, 'Descriptor');
    if (field(descriptor, 'mediaType') === 'application/vnd.oci.image.index.v1+json') {
      reclaimable += countOr0(field(descriptor, 'size'));
    }
  }
  return category(images.length, active, countOr0(field(df, 'LayersSize')), reclaimable);
}

/** Running, paused and restarting containers are active, as `docker system df` counts them. */
function legacyContainers(df: unknown): DiskUsageCategory {
  const containers = arrayOr(field(df, 'Containers'));
  let active = 0;
  let size = 0;
  let used = 0;
  for (const container of containers) {
    const sizeRw = countOr0(field(container, 'SizeRw'));
    size += sizeRw;
    const state = field(container, 'State');
    if (state === 'running' || state === 'paused' || state === 'restarting') {
      active += 1;
      used += sizeRw;
    }
  }
  return category(containers.length, active, size, size - used);
}

function legacyVolumes(df: unknown): DiskUsageCategory {
  const volumes = arrayOr(field(df, 'Volumes'));
  let active = 0;
  let size = 0;
  let used = 0;
  for (const volume of volumes) {
    const usage = field(volume, 'UsageData');
    if (!isRecord(usage)) continue;
    // Size is -1 when the daemon did not compute it (volume drivers other than local).
    const volumeSize = countOr0(usage.Size);
    size += volumeSize;
    if (countOr0(usage.RefCount) > 0) {
      active += 1;
      used += volumeSize;
    }
  }
  return category(volumes.length, active, size, size - used);
}

function legacyBuildCache(df: unknown): DiskUsageCategory {
  const records = field(df, 'BuildCache');
  if (!Array.isArray(records)) {
    // API 1.31 to 1.41 could report only the total, as `BuilderSize`.
    const builderSize = countOr0(field(df, 'BuilderSize'));
    return category(0, 0, builderSize, builderSize);
  }
  let active = 0;
  let size = 0;
  let used = 0;
  for (const record of records) {
    const shared = field(record, 'Shared') === true;
    const recordSize = countOr0(field(record, 'Size'));
    if (!shared) size += recordSize;
    if (field(record, 'InUse') === true) {
      active += 1;
      if (!shared) used += recordSize;
    }
  }
  return category(records.length, active, size, size - used);
}

const LEGACY: Readonly<Record<Category, (df: unknown) => DiskUsageCategory>> = {
  images: legacyImages,
  containers: legacyContainers,
  volumes: legacyVolumes,
  buildCache: legacyBuildCache,
};

const LEGACY_KEYS = ['LayersSize', 'Images', 'Containers', 'Volumes', 'BuildCache', 'BuilderSize'];

/**
 * Disk usage per category, or null when the body is not a `/system/df` answer at all.
 * Never throws.
 */
export function readDiskUsage(df: unknown): DiskUsage | null {
  if (!isRecord(df)) return null;
  const hasSummary = Object.values(SUMMARY_KEYS).some((key) => isRecord(df[key]));
  const hasLegacy = LEGACY_KEYS.some((key) => Object.hasOwn(df, key));
  if (!hasSummary && !hasLegacy) return null;

  const read = (category: Category): DiskUsageCategory => {
    const summary = field(df, SUMMARY_KEYS[category]);
    return isRecord(summary) ? fromSummary(summary) : LEGACY[category](df);
  };
  return {
    images: read('images'),
    containers: read('containers'),
    volumes: read('volumes'),
    buildCache: read('buildCache'),
    shape: hasSummary ? 'summary' : 'legacy',
  };
}
