/**
 * The fleet search's entries and matching, pure: the renderer's Ctrl/Cmd+K index and the CLI's
 * `berth find` both use it, so a pattern finds the same things in both.
 *
 * An entry is one thing on one host (the host itself, a container, an image, a compose project)
 * with a lower-cased haystack built once. A query is whitespace-separated terms that must all
 * appear in the haystack; a match at the start of the label or of the id ranks first.
 */
import type { ContainerState, ContainerSummary } from '../snapshot.js';
import type { ImageSummary } from '../docker/images.js';

export const searchKinds = ['host', 'container', 'project', 'image'] as const;
export type SearchKind = (typeof searchKinds)[number];

/** Docker compose's label naming a container's project. */
export const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project';

interface EntryBase {
  hostId: string;
  /** What the result shows first (a container's name, an image's first tag, …). */
  label: string;
  /** Lower-cased text the query is matched against. */
  key: string;
  /** The label lower-cased, for ranking. */
  labelKey: string;
}

export type SearchEntry =
  | (EntryBase & { kind: 'host' })
  | (EntryBase & { kind: 'container'; id: string; image: string; state: ContainerState; project?: string })
  | (EntryBase & { kind: 'image'; id: string; tags: string[]; sizeBytes: number })
  | (EntryBase & { kind: 'project'; project: string; containers: number; running: number });

export interface SearchGroup {
  kind: SearchKind;
  /** The best matches, at most the limit asked for. */
  hits: SearchEntry[];
  /** Every match of this kind. */
  total: number;
}

const containerEntries = new WeakMap<ContainerSummary, Map<string, SearchEntry>>();
const imageEntries = new WeakMap<ImageSummary, Map<string, SearchEntry>>();

/** The name docker shows: the first name without its leading slash, else the short id. */
export function displayName(container: Pick<ContainerSummary, 'names' | 'id'>): string {
  const first = container.names[0];
  return first ? first.replace(/^\//, '') : container.id.slice(0, 12);
}

function remember<T extends object>(
  cache: WeakMap<T, Map<string, SearchEntry>>,
  item: T,
  hostId: string,
  make: () => SearchEntry,
): SearchEntry {
  let byHost = cache.get(item);
  if (!byHost) cache.set(item, (byHost = new Map()));
  let entry = byHost.get(hostId);
  if (!entry) byHost.set(hostId, (entry = make()));
  return entry;
}

/** A container's entry, built once per container object and host (snapshots share unchanged objects). */
export function containerEntry(hostId: string, container: ContainerSummary): SearchEntry {
  return remember(containerEntries, container, hostId, () => {
    const label = displayName(container);
    const project = container.labels[COMPOSE_PROJECT_LABEL];
    const names = container.names.map((name) => name.replace(/^\//, ''));
    return {
      kind: 'container',
      hostId,
      label,
      labelKey: label.toLowerCase(),
      id: container.id,
      image: container.image,
      state: container.state,
      ...(project !== undefined && project !== '' ? { project } : {}),
      key: [...names, container.id, container.image, project ?? ''].join('\n').toLowerCase(),
    };
  });
}

export function imageEntry(hostId: string, image: ImageSummary): SearchEntry {
  return remember(imageEntries, image, hostId, () => {
    const shortId = image.id.replace(/^sha256:/, '').slice(0, 12);
    const label = image.tags[0] ?? `<none> ${shortId}`;
    return {
      kind: 'image',
      hostId,
      label,
      labelKey: label.toLowerCase(),
      id: image.id,
      tags: image.tags,
      sizeBytes: image.sizeBytes,
      key: [...image.tags, image.id.replace(/^sha256:/, ''), image.id].join('\n').toLowerCase(),
    };
  });
}

/** One entry per compose project on a host, with its container counts. */
export function projectEntries(hostId: string, containers: readonly ContainerSummary[]): SearchEntry[] {
  const projects = new Map<string, { containers: number; running: number }>();
  for (const container of containers) {
    const project = container.labels[COMPOSE_PROJECT_LABEL];
    if (project === undefined || project === '') continue;
    const counts = projects.get(project) ?? { containers: 0, running: 0 };
    counts.containers += 1;
    if (container.state === 'running') counts.running += 1;
    projects.set(project, counts);
  }
  return [...projects].map(([project, counts]) => ({
    kind: 'project',
    hostId,
    label: project,
    labelKey: project.toLowerCase(),
    project,
    ...counts,
    key: project.toLowerCase(),
  }));
}

export function hostEntry(hostId: string, name: string, extra: readonly string[]): SearchEntry {
  return { kind: 'host', hostId, label: name, labelKey: name.toLowerCase(), key: [name, ...extra].join('\n').toLowerCase() };
}

/** The query's terms, lower-cased; empty when the query is blank. */
export function queryTerms(query: string): string[] {
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter((term) => term !== '');
}

/** 0 when the entry does not match; higher is better (at most MAX_SCORE). */
export function scoreEntry(entry: SearchEntry, terms: readonly string[]): number {
  for (const term of terms) if (!entry.key.includes(term)) return 0;
  return rankOf(entry, terms[0] ?? '');
}

/** How well a matching entry fits the query's first term: the whole label, its start, the id's start, inside the label, elsewhere. */
function rankOf(entry: SearchEntry, first: string): number {
  const label = entry.labelKey;
  if (label === first) return 4;
  if (label.startsWith(first)) return 3;
  if ('id' in entry && (entry.id.startsWith(first) || entry.id.startsWith(`sha256:${first}`))) return 3;
  if (label.includes(first)) return 2;
  return 1;
}

const MAX_SCORE = 4;

/** Every entry that matches all `terms` (none for no terms). */
export function matchingEntries(entries: Iterable<SearchEntry>, terms: readonly string[]): SearchEntry[] {
  const matches: SearchEntry[] = [];
  if (terms.length === 0) return matches;
  outer: for (const entry of entries) {
    for (const term of terms) if (!entry.key.includes(term)) continue outer;
    matches.push(entry);
  }
  return matches;
}

/**
 * Every entry matching `query`, grouped by kind in searchKinds order, best first (ties keep the
 * entries' order), at most `limit` hits per group with the group's full count. A blank query
 * matches nothing. Nothing is kept beyond `limit` per kind and score: a one-letter query over
 * 10,000 containers matches nearly all of them.
 */
export function searchEntries(entries: Iterable<SearchEntry>, query: string, limit: number): SearchGroup[] {
  const terms = queryTerms(query);
  return groupMatches(matchingEntries(entries, terms), terms, limit);
}

/** Matches (entries that contain every one of `terms`) grouped and ranked as searchEntries does. */
export function groupMatches(matches: readonly SearchEntry[], terms: readonly string[], limit: number): SearchGroup[] {
  const buckets = new Map<SearchKind, { total: number; byScore: SearchEntry[][] }>(
    searchKinds.map((kind) => [kind, { total: 0, byScore: Array.from({ length: MAX_SCORE + 1 }, () => []) }]),
  );
  const first = terms[0] ?? '';
  for (const entry of matches) {
    const score = rankOf(entry, first);
    const bucket = buckets.get(entry.kind)!;
    bucket.total += 1;
    const same = bucket.byScore[score]!;
    if (same.length < limit) same.push(entry);
  }
  return searchKinds
    .map((kind) => {
      const { total, byScore } = buckets.get(kind)!;
      return { kind, total, hits: byScore.reverse().flat().slice(0, limit) };
    })
    .filter((group) => group.total > 0);
}
