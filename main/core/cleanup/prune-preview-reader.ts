import type { CleanupKind, CleanupPreview, KindPreview } from '../../../shared/cleanup.js';
import { type PruneInputs, previewKind } from '../../../shared/docker/prune-preview.js';
import { arrayOr, field, stringOr } from '../../../shared/docker/json-read.js';
import { mapLimited } from '../containers/container-mutations.js';
import type { DockerApi } from '../transports/docker-api.js';

/** How the preview reaches one host. */
export interface PreviewSource {
  api: DockerApi;
  /** /system/df through the host session's pacing (dockerd refuses two at once); absent: read directly. */
  readDiskUsage?: (() => Promise<unknown>) | undefined;
}

const NEEDS: Readonly<Record<CleanupKind, ReadonlyArray<'containers' | 'images' | 'df' | 'networks'>>> = {
  containers: ['containers', 'df'],
  'dangling-images': ['containers', 'images', 'df'],
  'unused-images': ['containers', 'images', 'df'],
  volumes: ['df'],
  networks: ['networks'],
  'build-cache': ['df'],
};
const PREDEFINED = new Set(['bridge', 'host', 'none', 'default']);
/** Networks inspected at once, and at most (beyond that the rest are not offered). */
const INSPECT_CONCURRENCY = 8;
const INSPECT_MAX = 1_000;

/** Reads what the asked kinds need, once each and in parallel, then applies the daemon's rules. */
export async function readCleanupPreview(
  hostId: string,
  source: PreviewSource,
  kinds: readonly CleanupKind[],
  includeNamedVolumes: boolean,
  now = Date.now,
): Promise<CleanupPreview> {
  const inputs = await readPruneInputs(source, kinds, includeNamedVolumes);
  const previews = kinds.map((kind) => previewKind(kind, inputs));
  return { hostId, readAt: now(), apiVersion: inputs.apiVersion, kinds: previews, totalBytes: totalOf(previews) };
}

/** Unused images include the dangling ones: counted once. */
export function totalOf(previews: readonly KindPreview[]): number {
  const hasUnused = previews.some((preview) => preview.kind === 'unused-images');
  return previews.reduce((sum, preview) => (hasUnused && preview.kind === 'dangling-images' ? sum : sum + preview.bytes), 0);
}

export async function readPruneInputs(
  source: PreviewSource,
  kinds: readonly CleanupKind[],
  includeNamedVolumes: boolean,
): Promise<PruneInputs> {
  const { api } = source;
  const needed = new Set(kinds.flatMap((kind) => NEEDS[kind]));
  const readDf = source.readDiskUsage ?? (() => api.get('/system/df'));
  const [version, containers, images, df, networks] = await Promise.all([
    api.get('/version'),
    needed.has('containers') ? api.get('/containers/json', { all: 1 }) : null,
    needed.has('images') ? api.get('/images/json', { all: 1 }) : null,
    needed.has('df') ? readDf() : null,
    needed.has('networks') ? api.get('/networks') : null,
  ]);
  return {
    apiVersion: stringOr(field(version, 'ApiVersion')),
    containers,
    images,
    df,
    networks,
    networkEndpoints: needed.has('networks') ? await readNetworkEndpoints(api, networks) : new Map(),
    includeNamedVolumes,
  };
}

/** The list leaves each network's Containers empty: inspect the ones prune could take. */
async function readNetworkEndpoints(api: DockerApi, networks: unknown): Promise<Map<string, number>> {
  const ids = arrayOr(networks)
    .filter((network) => !PREDEFINED.has(stringOr(field(network, 'Name'))) && stringOr(field(network, 'Scope'), 'local') === 'local')
    .map((network) => stringOr(field(network, 'Id')))
    .filter((id) => /^[A-Za-z0-9]{1,128}$/.test(id))
    .slice(0, INSPECT_MAX);
  const counts = await mapLimited(ids, INSPECT_CONCURRENCY, async (id) => {
    try {
      const detail = await api.get(`/networks/${encodeURIComponent(id)}`);
      const containers = field(detail, 'Containers');
      return typeof containers === 'object' && containers !== null ? Object.keys(containers).length : 0;
    } catch {
      // Gone meanwhile or unreadable: not offered (the prune decides for itself anyway).
      return undefined;
    }
  });
  const map = new Map<string, number>();
  ids.forEach((id, index) => {
    const count = counts[index];
    if (count !== undefined) map.set(id, count);
  });
  return map;
}
