import type { HostView } from '../../../shared/host-view';
import { fuzzyMatch } from '../../lib/fuzzy';
import { describeAddress } from '../../lib/transport-label';

export interface RankedHost {
  host: HostView;
  score: number;
  /** Matched character indices in the host's name, for highlighting. */
  nameIndices: number[];
}

/** Fields searched, with their weight: the name counts most, then tags, then the address. */
function fieldsOf(host: HostView): Array<{ text: string; weight: number; isName: boolean }> {
  return [
    { text: host.profile.name, weight: 1, isName: true },
    ...host.profile.tags.map((tag) => ({ text: tag, weight: 0.8, isName: false })),
    { text: describeAddress(host.profile.transport), weight: 0.6, isName: false },
  ];
}

/**
 * Hosts for the quick switcher. Without a query: recently used first, then the rest in list
 * order. With a query: every whitespace-separated term must match some field (name, tag or
 * address); higher scores first, recency breaking ties.
 */
export function rankHosts(query: string, hosts: readonly HostView[], recentHostIds: readonly string[]): RankedHost[] {
  const recency = new Map(recentHostIds.map((id, index) => [id, index]));
  const recentRank = (host: HostView) => recency.get(host.profile.id) ?? Number.MAX_SAFE_INTEGER;
  const order = new Map(hosts.map((host, index) => [host.profile.id, index]));
  const listRank = (host: HostView) => order.get(host.profile.id) ?? 0;
  const terms = query
    .trim()
    .split(/\s+/)
    .filter((term) => term !== '');

  if (terms.length === 0) {
    return hosts
      .map((host) => ({ host, score: 0, nameIndices: [] }))
      .sort((a, b) => recentRank(a.host) - recentRank(b.host) || listRank(a.host) - listRank(b.host));
  }

  const ranked: RankedHost[] = [];
  for (const host of hosts) {
    const fields = fieldsOf(host);
    let total = 0;
    const nameIndices = new Set<number>();
    let matchedAll = true;
    for (const term of terms) {
      let bestScore = Number.NEGATIVE_INFINITY;
      let bestName: number[] | null = null;
      for (const field of fields) {
        const match = fuzzyMatch(term, field.text);
        if (!match) continue;
        const score = match.score * field.weight;
        if (score > bestScore) {
          bestScore = score;
          bestName = field.isName ? match.indices : null;
        }
      }
      if (bestScore === Number.NEGATIVE_INFINITY) {
        matchedAll = false;
        break;
      }
      total += bestScore;
      for (const index of bestName ?? []) nameIndices.add(index);
    }
    if (matchedAll) ranked.push({ host, score: total, nameIndices: [...nameIndices].sort((a, b) => a - b) });
  }
  return ranked.sort((a, b) => b.score - a.score || recentRank(a.host) - recentRank(b.host) || listRank(a.host) - listRank(b.host));
}
