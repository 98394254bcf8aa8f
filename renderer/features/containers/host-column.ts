import type { ContainerSummary } from '../../../shared/snapshot';

/** The host shown in a row of a table over several hosts; one object per host, so rows stay memoized. */
export interface RowHost {
  id: string;
  name: string;
  color?: string | undefined;
  production: boolean;
}

/**
 * What a table of several hosts' containers needs: each row's host (the Host column, searched
 * and sortable) and a key unique across hosts (the same container id can appear on two hosts,
 * e.g. two names for one daemon). Selection and `onOpen` use that key.
 */
export interface HostColumn {
  hostOf(container: ContainerSummary): RowHost;
  rowKey(container: ContainerSummary): string;
}
