import type { ContainerState, ContainerSummary } from '../../../shared/snapshot';
import { containerName, formatPorts } from '../../lib/format';
import { COMPOSE_PROJECT_LABEL } from '../../../shared/search/fleet-search';
import { compareKeys, naturalSortKey } from '../../lib/natural-sort-key';

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
  const compare = sort.key === 'host' ? hostComparator(hostName) : comparators[sort.key];
  // Ties keep one order: by id (hex digits, so code-unit order is enough).
  return matches.sort((a, b) => factor * compare(a, b) || compareKeys(a.id, b.id));
}

type Comparator = (a: ContainerSummary, b: ContainerSummary) => number;

/** Sort keys per container object: a pushed list keeps unchanged objects, so a re-sort reuses them. */
function cachedKey(read: (container: ContainerSummary) => string): (container: ContainerSummary) => string {
  const keys = new WeakMap<ContainerSummary, string>();
  return (container) => {
    let key = keys.get(container);
    if (key === undefined) keys.set(container, (key = naturalSortKey(read(container))));
    return key;
  };
}

const nameKey = cachedKey((container) => containerName(container.names, container.id));
const imageKey = cachedKey((container) => container.image);

/** By host name: a handful of hosts, so their keys are made per sort. */
function hostComparator(hostName: HostNameOf | undefined): Comparator {
  const keys = new Map<string, string>();
  const keyOf = (container: ContainerSummary) => {
    const name = hostName?.(container) ?? '';
    let key = keys.get(name);
    if (key === undefined) keys.set(name, (key = naturalSortKey(name)));
    return key;
  };
  return (a, b) => compareKeys(keyOf(a), keyOf(b));
}

const stateRank = new Map(STATE_ORDER.map((state, index) => [state, index]));

const comparators: Record<Exclude<SortKey, 'host'>, Comparator> = {
  name: (a, b) => compareKeys(nameKey(a), nameKey(b)),
  image: (a, b) => compareKeys(imageKey(a), imageKey(b)),
  state: (a, b) => (stateRank.get(a.state) ?? 0) - (stateRank.get(b.state) ?? 0),
  created: (a, b) => a.created - b.created,
};
