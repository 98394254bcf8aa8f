import { FREE_SPACE_NOT_REPORTED, type CleanupKind, type CleanupPreview, type FreeSpace, freeSpaceLevel } from '../../../shared/cleanup';
import { parseDfOutput } from '../../../shared/df-output';
import { previewKind } from '../../../shared/docker/prune-preview';
import type { Transport } from '../../../shared/profile';
import cleanupContainers from '../../../shared/docker/fixtures/cleanup/containers.json';
import dfOutput from '../../../shared/docker/fixtures/cleanup/df-output.txt?raw';
import cleanupImages from '../../../shared/docker/fixtures/cleanup/images.json';
import networkEndpoints from '../../../shared/docker/fixtures/cleanup/network-endpoints.json';
import cleanupNetworks from '../../../shared/docker/fixtures/cleanup/networks.json';
import cleanupDf from '../../../shared/docker/fixtures/cleanup/system-df.json';
import cleanupVersion from '../../../shared/docker/fixtures/cleanup/version.json';
import { fail } from './demo-failure';

/*
 * The demo's Cleanup: every host previews the lab cleanup daemon's captured lists through the
 * real rules (shared/docker/prune-preview.ts); SSH hosts show the captured df of its data root.
 * Pruning is refused: the demo has no daemon whose state a prune could change.
 */

export function demoCleanupPreview(
  hostId: string,
  kinds: readonly CleanupKind[],
  includeNamedVolumes: boolean,
  now: number,
): CleanupPreview {
  const inputs = {
    apiVersion: cleanupVersion.ApiVersion,
    containers: cleanupContainers,
    images: cleanupImages,
    df: cleanupDf,
    networks: cleanupNetworks,
    networkEndpoints: new Map(Object.entries(networkEndpoints)),
    includeNamedVolumes,
  };
  const previews = kinds.map((kind) => previewKind(kind, inputs));
  const hasUnused = kinds.includes('unused-images');
  const totalBytes = previews.reduce((sum, preview) => (hasUnused && preview.kind === 'dangling-images' ? sum : sum + preview.bytes), 0);
  return { hostId, readAt: now, apiVersion: inputs.apiVersion, kinds: previews, totalBytes };
}

export function demoPrune(): never {
  return fail('INVALID_ARGUMENT', 'Pruning is not part of the demo: connect a real host to clean it up.');
}

export function demoFreeSpace(transportType: Transport['type'], rootDir: string, now: number): FreeSpace {
  if (transportType !== 'ssh') return { kind: 'not-reported', message: FREE_SPACE_NOT_REPORTED };
  const line = parseDfOutput(dfOutput);
  if (!line) return fail('INTERNAL', 'The demo df fixture is unreadable.');
  const usedFraction = line.usedBytes / (line.usedBytes + line.availableBytes);
  return {
    kind: 'measured',
    path: rootDir,
    ...line,
    usedFraction,
    level: freeSpaceLevel(usedFraction),
    source: 'df -B1 -P over SSH',
    readAt: now,
  };
}
