import type { ImageSummary } from '../../../shared/docker/images';
import type { HostView } from '../../../shared/host-view';
import {
  type SearchEntry,
  type SearchGroup,
  containerEntry,
  groupMatches,
  imageEntry,
  matchingEntries,
  projectEntries,
  queryTerms,
} from '../../../shared/search/fleet-search';
import type { ContainerSummary, HostSnapshot } from '../../../shared/snapshot';

interface HostPart {
  containers: readonly ContainerSummary[] | undefined;
  images: readonly ImageSummary[] | undefined;
  entries: SearchEntry[];
}

/**
 * Every container, compose project and image of every host, kept in the renderer. The renderer
 * already holds each host's container list (pushed snapshots patched by events), so searching
 * here costs no round trip per keystroke (over the browser shell's WebSocket neither), and the
 * index follows the event stream for free: an update rebuilds only the hosts whose container
 * list or image list object changed (snapshots share unchanged objects), and a container's entry
 * is built once per container object. Hosts themselves are ranked by rankHosts (fuzzy).
 */
export class FleetSearchIndex {
  private readonly parts = new Map<string, HostPart>();
  private all: SearchEntry[] = [];
  /** The last query's matches over `all`: typing on narrows them instead of scanning everything. */
  private last: { text: string; matches: SearchEntry[] } | null = null;

  /** Brings the index up to date; cheap when little changed. */
  update(
    hosts: readonly HostView[],
    snapshots: Readonly<Record<string, HostSnapshot>>,
    images: ReadonlyMap<string, readonly ImageSummary[]>,
  ): void {
    let changed = this.parts.size !== hosts.length;
    const ids = new Set<string>();
    for (const host of hosts) {
      const id = host.profile.id;
      ids.add(id);
      const containers = snapshots[id]?.containers;
      const hostImages = images.get(id);
      const part = this.parts.get(id);
      if (part && part.containers === containers && part.images === hostImages) continue;
      changed = true;
      this.parts.set(id, { containers, images: hostImages, entries: entriesOf(id, containers, hostImages) });
    }
    for (const id of this.parts.keys()) if (!ids.has(id)) this.parts.delete(id);
    if (changed) {
      this.all = [...this.parts.values()].flatMap((part) => part.entries);
      this.last = null;
    }
  }

  /** How many entries are searched. */
  get size(): number {
    return this.all.length;
  }

  /**
   * searchEntries over the index. A query that extends the previous one (typing on) can only
   * match entries the previous one matched: every term is the same, longer, or new.
   */
  search(query: string, limit: number): SearchGroup[] {
    const terms = queryTerms(query);
    const text = terms.join(' ');
    const last = this.last;
    const narrowing = last !== null && last.text !== '' && text.startsWith(last.text);
    const matches = matchingEntries(narrowing ? last.matches : this.all, terms);
    this.last = { text, matches };
    return groupMatches(matches, terms, limit);
  }
}

function entriesOf(
  hostId: string,
  containers: readonly ContainerSummary[] | undefined,
  images: readonly ImageSummary[] | undefined,
): SearchEntry[] {
  return [
    ...(containers ?? []).map((container) => containerEntry(hostId, container)),
    ...projectEntries(hostId, containers ?? []),
    ...(images ?? []).map((image) => imageEntry(hostId, image)),
  ];
}

const perOwner = new WeakMap<object, FleetSearchIndex>();

/** One index per window (keyed by its store), so a search opened again starts from what it had. */
export function fleetIndexFor(owner: object): FleetSearchIndex {
  let index = perOwner.get(owner);
  if (!index) perOwner.set(owner, (index = new FleetSearchIndex()));
  return index;
}
