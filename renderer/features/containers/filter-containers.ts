import type { ContainerState, ContainerSummary } from '../../../shared/snapshot';
import { containerName, formatPorts } from '../../lib/format';
import { COMPOSE_PROJECT_LABEL } from '../../../shared/search/fleet-search';

export type StateFilter = 'all' | ContainerState;
export type SortKey = 'host' | 'name' | 'image' | 'state' | 'created';
export interface SortOrder {
  key: SortKey;
  direction: 'asc' | 'desc';
}

export const STATE_ORDER: ContainerState[] = ['running', 'restarting', 'paused', 'created', 'exited', 'dead', 'removing', 'unknown'];

/** Lower-cased text a search matches against, computed once per container object. */
const searchKeys = new WeakMap<ContainerSummary, string>();

export function searchKeyOf(container: ContainerSummary): string {
  let key = searchKeys.get(container);
  if (key === undefined) {
    key = [
      container.names.join(' '),
      container.image,
      container.id.slice(0, 12),
      container.status,
      formatPorts(container.ports),
      container.labels[COMPOSE_PROJECT_LABEL] ?? '',
    ]
      .join('\n')
      .toLowerCase();
    searchKeys.set(container, key);
  }
  return key;
}

/** How many containers are in each state, for the filter's labels. */
export function countByState(containers: readonly ContainerSummary[]): Map<ContainerState, number> {
  const counts = new Map<ContainerState, number>();
  for (const container of containers) counts.set(container.state, (counts.get(container.state) ?? 0) + 1);
  return counts;
}

/** A table of several hosts' containers: each row's host name, searched and sorted like the other columns. */
export type HostNameOf = (container: ContainerSummary) => string;

/**
 * Containers matching the search (every whitespace-separated term must appear in the name,
 * image, short id, status, ports or compose project, or the host's name when `hostName` is given) and the state
 * filter, sorted.
 */
export function filterContainers(
  containers: readonly ContainerSummary[],
  query: string,
  state: StateFilter,
  sort: SortOrder | null,
  hostName?: HostNameOf,
): ContainerSummary[] {
  const terms = query
    .toLowerCase()
    .split(/\s+/)
    .filter((term) => term !== '');
  const matches = containers.filter((container) => {
    if (state !== 'all' && container.state !== state) return false;
    if (terms.length === 0) return true;
    const key = searchKeyOf(container);
    const host = hostName ? hostName(container).toLowerCase() : '';
    return terms.every((term) => key.includes(term) || host.includes(term));
  });
  if (!sort) return matches;
  const factor = sort.direction === 'asc' ? 1 : -1;
  const compare =
    sort.key === 'host'
      ? (a: ContainerSummary, b: ContainerSummary) => collator.compare(hostName?.(a) ?? '', hostName?.(b) ?? '')
      : comparators[sort.key];
  return matches.sort((a, b) => factor * compare(a, b) || a.id.localeCompare(b.id));
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

const comparators: Record<Exclude<SortKey, 'host'>, (a: ContainerSummary, b: ContainerSummary) => number> = {
  name: (a, b) => collator.compare(containerName(a.names, a.id), containerName(b.names, b.id)),
  image: (a, b) => collator.compare(a.image, b.image),
  state: (a, b) => STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state),
  created: (a, b) => a.created - b.created,
};
