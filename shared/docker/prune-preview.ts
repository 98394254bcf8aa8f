import { type CleanupKind, type KindPreview, PREVIEW_ITEMS_MAX, type PruneCandidate, type PruneReport } from '../cleanup.js';
import { arrayOr, countOr0, field, isRecord, stringArray, stringOr } from './json-read.js';

/**
 * What each prune endpoint would remove, by the daemon's own rules (moby `daemon/prune.go`,
 * `daemon/images/image_prune.go`, `volume/service`), computed from its lists. Pure: main reads
 * the lists, the demo and the tests feed fixtures.
 *
 * - containers: every container that is not running (running covers paused and restarting);
 *   bytes = its writable layer (SizeRw in /system/df), which is what the daemon adds up.
 * - dangling images: untagged leaf images (no image has them as parent); unused images: every
 *   image no container uses, except untagged intermediates (parents). An image used by any
 *   container, stopped ones included, is never removed (the delete conflicts). Bytes = its unique
 *   size (Size − SharedSize from /system/df).
 * - volumes: RefCount 0; from API 1.42 on only anonymous ones unless `all` is asked for.
 * - networks: local networks without endpoints, except the predefined bridge, host and none.
 * - build cache: records neither in use nor shared, of types other than internal and frontend.
 */

export interface PruneInputs {
  /** The API version the daemon serves Berth's (unversioned) requests with. */
  apiVersion: string;
  /** GET /containers/json?all=1 */
  containers: unknown;
  /** GET /images/json?all=1 (intermediates included, for parent links). */
  images: unknown;
  /** GET /system/df (its Images, Containers, Volumes and BuildCache arrays). */
  df: unknown;
  /** GET /networks */
  networks: unknown;
  /** Endpoints per network id, from GET /networks/{id} (the list leaves Containers empty). */
  networkEndpoints: ReadonlyMap<string, number>;
  /** volumes on API >= 1.42: named volumes too (the `all` filter). */
  includeNamedVolumes?: boolean;
}

const MAX_TEXT = 512;
const text = (value: unknown): string => stringOr(value).slice(0, MAX_TEXT);
const PREDEFINED_NETWORKS = new Set(['bridge', 'host', 'none', 'default']);
const ANONYMOUS_VOLUME_LABEL = 'com.docker.volume.anonymous';
const NOT_RUNNING = new Set(['created', 'exited', 'dead']);

/** "1.42" ≥ "1.41"; an unreadable version counts as old. */
export function apiAtLeast(version: string, wanted: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const [wantMajor = 0, wantMinor = 0] = wanted.split('.').map((part) => Number.parseInt(part, 10) || 0);
  return major > wantMajor || (major === wantMajor && minor >= wantMinor);
}

/** Whether volume prune takes only anonymous volumes (API >= 1.42 without `all`). */
export function volumePruneAnonymousOnly(apiVersion: string, includeNamed: boolean): boolean {
  return apiAtLeast(apiVersion, '1.42') && !includeNamed;
}

export function previewKind(kind: CleanupKind, inputs: PruneInputs): KindPreview {
  switch (kind) {
    case 'containers':
      return stoppedContainers(inputs);
    case 'dangling-images':
      return images(inputs, true);
    case 'unused-images':
      return images(inputs, false);
    case 'volumes':
      return volumes(inputs);
    case 'networks':
      return networks(inputs);
    case 'build-cache':
      return buildCache(inputs);
  }
}

function summarise(kind: CleanupKind, candidates: PruneCandidate[], notes: string[]): KindPreview {
  let bytes = 0;
  let unknownSizes = 0;
  for (const candidate of candidates) {
    if (candidate.bytes === null) unknownSizes += 1;
    else bytes += candidate.bytes;
  }
  return { kind, items: candidates.slice(0, PREVIEW_ITEMS_MAX), count: candidates.length, bytes, unknownSizes, notes };
}

/** A size the daemon computed (-1 and anything unreadable mean it did not). */
function knownSize(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? countOr0(value) : null;
}

function byId(list: unknown, key = 'Id'): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (const item of arrayOr(list)) {
    const id = stringOr(field(item, key));
    if (id !== '') map.set(id, item);
  }
  return map;
}

function stoppedContainers(inputs: PruneInputs): KindPreview {
  const dfContainers = byId(field(inputs.df, 'Containers'));
  const candidates: PruneCandidate[] = [];
  for (const container of arrayOr(inputs.containers)) {
    const state = stringOr(field(container, 'State'));
    if (!NOT_RUNNING.has(state)) continue;
    const id = text(field(container, 'Id'));
    if (id === '') continue;
    const name = stringArray(field(container, 'Names'))[0]?.replace(/^\//, '') ?? id.slice(0, 12);
    // /system/df leaves SizeRw out when it is 0; a container it does not list has no known size.
    const sized = dfContainers.get(id);
    const bytes = sized === undefined ? null : knownSize(field(sized, 'SizeRw') ?? 0);
    candidates.push({ id, name: name.slice(0, MAX_TEXT), bytes, detail: state });
  }
  return summarise('containers', candidates, [
    'Containers that are created, exited or dead; running and paused ones stay. Bytes: each writable layer.',
  ]);
}

const untaggedTag = (tag: string) => tag === '<none>:<none>' || tag === '';

function images(inputs: PruneInputs, danglingOnly: boolean): KindPreview {
  const all = arrayOr(inputs.images);
  const parents = new Set(all.map((image) => stringOr(field(image, 'ParentId'))).filter((id) => id !== ''));
  const used = new Set(arrayOr(inputs.containers).map((container) => stringOr(field(container, 'ImageID'))));
  const sized = byId(field(inputs.df, 'Images'));
  const candidates: PruneCandidate[] = [];
  let inUse = 0;
  for (const image of all) {
    const id = text(field(image, 'Id'));
    if (id === '') continue;
    const tags = stringArray(field(image, 'RepoTags')).filter((tag) => !untaggedTag(tag));
    // An untagged parent is an intermediate layer of a tagged image: prune never takes it.
    if (tags.length === 0 && parents.has(id)) continue;
    if (danglingOnly && (tags.length > 0 || parents.has(id))) continue;
    if (used.has(id)) {
      inUse += 1;
      continue;
    }
    const df = sized.get(id);
    const size = knownSize(field(df ?? image, 'Size'));
    const shared = knownSize(field(df, 'SharedSize'));
    const unique = size === null ? null : shared === null ? (df ? null : size) : Math.max(0, size - shared);
    const short = id.replace(/^sha256:/, '').slice(0, 12);
    candidates.push({
      id,
      name: tags.length > 0 ? tags.join(', ').slice(0, MAX_TEXT) : `<none> ${short}`,
      bytes: unique,
      detail: tags.length > 0 ? short : 'dangling',
    });
  }
  const notes = [
    danglingOnly
      ? 'Untagged images that no other image builds on and no container uses.'
      : 'Every image no container uses (stopped containers count as users), tagged or not.',
    "Bytes: each image's unique size (layers shared with other images are not counted).",
  ];
  if (inUse > 0) notes.push(`${inUse} ${inUse === 1 ? 'image stays: a container uses it' : 'images stay: containers use them'}.`);
  return summarise(danglingOnly ? 'dangling-images' : 'unused-images', candidates, notes);
}

function volumes(inputs: PruneInputs): KindPreview {
  const anonymousOnly = volumePruneAnonymousOnly(inputs.apiVersion, inputs.includeNamedVolumes === true);
  const candidates: PruneCandidate[] = [];
  let namedKept = 0;
  for (const volume of arrayOr(field(inputs.df, 'Volumes'))) {
    const name = text(field(volume, 'Name'));
    if (name === '') continue;
    const usage = field(volume, 'UsageData');
    const refCount = field(usage, 'RefCount');
    // Unknown usage (-1, absent): the daemon checks references itself; Berth does not promise it goes.
    if (typeof refCount !== 'number' || refCount !== 0) continue;
    const labels = field(volume, 'Labels');
    const anonymous = isRecord(labels) && Object.hasOwn(labels, ANONYMOUS_VOLUME_LABEL);
    if (anonymousOnly && !anonymous) {
      namedKept += 1;
      continue;
    }
    const driver = text(field(volume, 'Driver'));
    // Daemons before Engine 23 set no label: their anonymous volumes are known by a 64-hex name.
    const looksAnonymous = anonymous || /^[0-9a-f]{64}$/.test(name);
    candidates.push({
      id: name,
      name,
      bytes: knownSize(field(usage, 'Size')),
      detail: [looksAnonymous ? 'anonymous' : 'named', driver === 'local' ? '' : driver].filter(Boolean).join(', '),
    });
  }
  const notes = [
    'Volumes no container (running or stopped) refers to.',
    anonymousOnly
      ? `API ${inputs.apiVersion}: the daemon prunes anonymous volumes only${namedKept > 0 ? `; ${namedKept} unused named volume${namedKept === 1 ? '' : 's'} stay (include named volumes to remove them)` : ''}.`
      : `API ${inputs.apiVersion}: named volumes are pruned too.`,
  ];
  return summarise('volumes', candidates, notes);
}

function networks(inputs: PruneInputs): KindPreview {
  const candidates: PruneCandidate[] = [];
  for (const network of arrayOr(inputs.networks)) {
    const id = text(field(network, 'Id'));
    const name = text(field(network, 'Name'));
    if (id === '' || PREDEFINED_NETWORKS.has(name)) continue;
    // Swarm-scoped networks are pruned by managers only; Berth lists the local ones.
    if (stringOr(field(network, 'Scope'), 'local') !== 'local' || field(network, 'Ingress') === true) continue;
    const endpoints = inputs.networkEndpoints.get(id);
    if (endpoints === undefined || endpoints > 0) continue;
    candidates.push({ id, name, bytes: 0, detail: text(field(network, 'Driver')) });
  }
  return summarise('networks', candidates, [
    'Local networks without endpoints; bridge, host and none always stay. Networks free no disk space.',
  ]);
}

function buildCache(inputs: PruneInputs): KindPreview {
  const candidates: PruneCandidate[] = [];
  for (const record of arrayOr(field(inputs.df, 'BuildCache'))) {
    if (field(record, 'InUse') === true || field(record, 'Shared') === true) continue;
    const type = text(field(record, 'Type'));
    if (type === 'internal' || type === 'frontend') continue;
    const id = text(field(record, 'ID'));
    if (id === '') continue;
    const description = text(field(record, 'Description'));
    candidates.push({ id, name: description || id.slice(0, 12), bytes: knownSize(field(record, 'Size')), detail: type });
  }
  const notes = ['Build cache records neither in use nor shared (internal and frontend records stay).'];
  if (!Array.isArray(field(inputs.df, 'BuildCache')) && countOr0(field(inputs.df, 'BuilderSize')) > 0)
    notes.push('This daemon reports only the total build cache size, not its records.');
  return summarise('build-cache', candidates, notes);
}

/** The daemon's answer to a prune endpoint, bounded like a preview. */
export function readPruneReport(kind: CleanupKind, answer: unknown): PruneReport {
  const removed: string[] = [];
  switch (kind) {
    case 'containers':
      removed.push(...stringArray(field(answer, 'ContainersDeleted')));
      break;
    case 'dangling-images':
    case 'unused-images':
      for (const item of arrayOr(field(answer, 'ImagesDeleted'))) {
        const untagged = stringOr(field(item, 'Untagged'));
        const deleted = stringOr(field(item, 'Deleted'));
        if (untagged) removed.push(`untagged: ${untagged}`);
        if (deleted) removed.push(`deleted: ${deleted}`);
      }
      break;
    case 'volumes':
      removed.push(...stringArray(field(answer, 'VolumesDeleted')));
      break;
    case 'networks':
      removed.push(...stringArray(field(answer, 'NetworksDeleted')));
      break;
    case 'build-cache':
      removed.push(...stringArray(field(answer, 'CachesDeleted')));
      break;
  }
  return {
    removed: removed.slice(0, PREVIEW_ITEMS_MAX).map((item) => item.slice(0, MAX_TEXT)),
    removedCount: removed.length,
    reclaimedBytes: kind === 'networks' ? null : countOr0(field(answer, 'SpaceReclaimed')),
  };
}

/** Images removed: the report's "deleted:" entries (an untag alone frees nothing). */
export function deletedImageIds(report: PruneReport): string[] {
  return report.removed.filter((entry) => entry.startsWith('deleted: ')).map((entry) => entry.slice('deleted: '.length));
}
