import type { ImageRow, NetworkRow, ResourceList, VolumeRow } from '../../../shared/resources.js';
import type { DockerApi } from '../transports/docker-api.js';
import { type ContainerUse, parseContainerUses, parseImages, parseNetworks, parseVolumes } from './resource-parsers.js';

/** The host's /system/df, read through its session so it never runs twice at once (dockerd refuses that). */
export type DiskUsageSource = () => Promise<unknown> | null;

export interface ResourceReadTarget {
  hostId: string;
  api: DockerApi;
  diskUsage: DiskUsageSource;
}

/**
 * Reads one view's list: the resource list and the containers (who uses what) in parallel, and
 * /system/df where the view shows sizes. Every body is byte-capped by DockerApi (these are list
 * endpoints: LIST_BODY_CAP_BYTES). /system/df is best effort: without it sizes are absent and a note says why.
 */
export async function readImages(target: ResourceReadTarget): Promise<ResourceList<ImageRow>> {
  const [images, df, containers] = await Promise.all([target.api.get('/images/json'), readDf(target), readContainers(target.api)]);
  return assemble(target.hostId, parseImages(images, df.body, containers), df.notes);
}

export async function readVolumes(target: ResourceReadTarget): Promise<ResourceList<VolumeRow>> {
  const [volumes, df, containers] = await Promise.all([target.api.get('/volumes'), readDf(target), readContainers(target.api)]);
  return assemble(target.hostId, parseVolumes(volumes, df.body, containers), df.notes);
}

export async function readNetworks(target: ResourceReadTarget): Promise<ResourceList<NetworkRow>> {
  const [networks, containers] = await Promise.all([target.api.get('/networks'), readContainers(target.api)]);
  return assemble(target.hostId, parseNetworks(networks, containers), []);
}

export async function readContainers(api: DockerApi): Promise<ContainerUse[]> {
  return parseContainerUses(await api.get('/containers/json', { all: 1 }));
}

async function readDf(target: ResourceReadTarget): Promise<{ body: unknown; notes: string[] }> {
  try {
    const body = await (target.diskUsage() ?? target.api.get('/system/df'));
    return { body, notes: [] };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { body: null, notes: [`Sizes from /system/df are missing: the daemon did not answer it (${reason.slice(0, 300)}).`] };
  }
}

function assemble<Row>(hostId: string, parsed: { rows: Row[]; listed: number }, notes: string[]): ResourceList<Row> {
  const cut =
    parsed.listed > parsed.rows.length
      ? [
          `Showing ${parsed.rows.length.toLocaleString('en-US')} of ${parsed.listed.toLocaleString('en-US')}: Berth keeps at most that many.`,
        ]
      : [];
  return { hostId, rows: parsed.rows, listed: parsed.listed, readAt: Date.now(), notes: [...notes, ...cut] };
}
