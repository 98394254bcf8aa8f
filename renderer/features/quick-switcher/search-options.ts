import type { HostView } from '../../../shared/host-view';
import type { SearchEntry, SearchGroup, SearchKind } from '../../../shared/search/fleet-search';
import { queryTerms } from '../../../shared/search/fleet-search';
import type { RankedHost } from './rank-hosts';

/** One row of the search list; `group` rows are headings, never active. */
export type SearchOption =
  | { type: 'group'; key: string; kind: SearchKind; label: string }
  | { type: 'host'; key: string; ranked: RankedHost }
  | { type: 'entry'; key: string; entry: SearchEntry; host: HostView | undefined }
  | { type: 'more'; key: string; total: number; query: string };

/** How many results each kind shows; the containers group offers the rest in the fleet containers view. */
export const GROUP_LIMITS: Record<SearchKind, number> = { host: 6, container: 10, project: 5, image: 6 };

const GROUP_LABELS: Record<SearchKind, string> = { host: 'Hosts', container: 'Containers', project: 'Compose projects', image: 'Images' };

/**
 * The list: hosts first (fuzzy, recent first; all of them when the query is blank), then
 * containers, compose projects and images, each under a heading with its count.
 */
export function buildOptions(
  query: string,
  rankedHosts: readonly RankedHost[],
  groups: readonly SearchGroup[],
  hostsById: ReadonlyMap<string, HostView>,
): SearchOption[] {
  const blank = queryTerms(query).length === 0;
  const options: SearchOption[] = [];
  const shownHosts = blank ? rankedHosts : rankedHosts.slice(0, GROUP_LIMITS.host);
  if (shownHosts.length > 0) {
    if (!blank) options.push(heading('host', shownHosts.length, rankedHosts.length));
    for (const ranked of shownHosts) options.push({ type: 'host', key: `host:${ranked.host.profile.id}`, ranked });
  }
  for (const group of groups) {
    options.push(heading(group.kind, group.hits.length, group.total));
    for (const entry of group.hits) options.push({ type: 'entry', key: entryKey(entry), entry, host: hostsById.get(entry.hostId) });
    if (group.kind === 'container' && group.total > group.hits.length)
      options.push({ type: 'more', key: 'more:containers', total: group.total, query });
  }
  return options;
}

function heading(kind: SearchKind, shown: number, total: number): SearchOption {
  const count = shown < total ? `${shown} of ${total.toLocaleString('en-US')}` : total.toLocaleString('en-US');
  return { type: 'group', key: `group:${kind}`, kind, label: `${GROUP_LABELS[kind]} · ${count}` };
}

export function entryKey(entry: SearchEntry): string {
  switch (entry.kind) {
    case 'container':
    case 'image':
      return `${entry.kind}:${entry.hostId}:${entry.id}`;
    default:
      return `${entry.kind}:${entry.hostId}:${entry.label}`;
  }
}

/** Character indices of the first occurrence of each query term in `text`, for highlighting. */
export function termIndices(text: string, query: string): number[] {
  const lower = text.toLowerCase();
  const indices: number[] = [];
  for (const term of queryTerms(query)) {
    const at = lower.indexOf(term);
    if (at >= 0) for (let index = at; index < at + term.length; index += 1) indices.push(index);
  }
  return indices;
}
