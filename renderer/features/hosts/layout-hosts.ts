import type { HostView } from '../../../shared/host-view';
import { PRODUCTION_TAG, isProduction } from '../../../shared/profile';

export interface SidebarLayout {
  groupByTag: boolean;
  /** Show only hosts with this tag; null shows all. */
  tagFilter: string | null;
}

export interface HostGroup {
  key: string;
  /** null for the single ungrouped list. */
  label: string | null;
  hosts: HostView[];
}

export const UNTAGGED = 'Untagged';
export const PINNED = 'Pinned';

/** Every tag in use (case-insensitively once, as first spelled), production first, then alphabetical. */
export function allTags(hosts: readonly HostView[]): string[] {
  const tags = new Map<string, string>();
  for (const host of hosts) for (const tag of host.profile.tags) if (!tags.has(tag.toLowerCase())) tags.set(tag.toLowerCase(), tag);
  return [...tags.values()].sort((a, b) => rankTag(a) - rankTag(b) || a.localeCompare(b));
}

const hasTag = (host: HostView, tag: string) => host.profile.tags.some((own) => own.toLowerCase() === tag.toLowerCase());

function rankTag(tag: string): number {
  return tag.toLowerCase() === PRODUCTION_TAG ? 0 : 1;
}

/**
 * The sidebar's groups. Pinned hosts come first, in their own group, in the order they were pinned.
 * Grouped by tag, a host appears under each of its tags (production first; pinned hosts too),
 * hosts without tags last under "Untagged". Ungrouped, the other hosts follow the pinned ones.
 * Within a group the main side's order holds.
 */
export function layoutHosts(hosts: readonly HostView[], layout: SidebarLayout, pinnedIds: readonly string[] = []): HostGroup[] {
  const filter = layout.tagFilter;
  const visible = filter === null ? [...hosts] : hosts.filter((host) => hasTag(host, filter));
  const byId = new Map(visible.map((host) => [host.profile.id, host]));
  const pinned = pinnedIds.flatMap((id) => byId.get(id) ?? []);
  const pinnedGroup: HostGroup[] = pinned.length > 0 ? [{ key: 'pinned', label: PINNED, hosts: pinned }] : [];
  if (!layout.groupByTag) {
    if (pinned.length === 0) return [{ key: 'all', label: null, hosts: visible }];
    const pinnedSet = new Set(pinned);
    const others = visible.filter((host) => !pinnedSet.has(host));
    return others.length > 0 ? [...pinnedGroup, { key: 'all', label: 'Hosts', hosts: others }] : pinnedGroup;
  }
  const groups: HostGroup[] = allTags(visible).map((tag) => ({
    key: `tag:${tag}`,
    label: tag,
    hosts: visible.filter((host) => hasTag(host, tag)),
  }));
  const untagged = visible.filter((host) => host.profile.tags.length === 0);
  if (untagged.length > 0) groups.push({ key: 'untagged', label: UNTAGGED, hosts: untagged });
  return [...pinnedGroup, ...groups];
}

/** Host ids in the order the sidebar shows them, each once: Ctrl/Cmd+1…9 jump to the first nine. */
export function shortcutOrder(groups: readonly HostGroup[]): string[] {
  const seen = new Set<string>();
  const order: string[] = [];
  for (const group of groups) {
    for (const host of group.hosts) {
      if (!seen.has(host.profile.id)) {
        seen.add(host.profile.id);
        order.push(host.profile.id);
      }
    }
  }
  return order;
}

export { isProduction };
