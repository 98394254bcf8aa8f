import { describe, expect, it } from 'vitest';
import type { HostView } from '../../../shared/host-view';
import { allTags, layoutHosts, shortcutOrder } from './layout-hosts';

function host(id: string, tags: string[]): HostView {
  return { profile: { id, name: id, tags, transport: { type: 'unix', socketPath: '/s' } }, status: { state: 'idle' }, lastSeenAt: null };
}

const hosts = [host('a', ['eu', 'production']), host('b', ['eu']), host('c', []), host('d', ['Production'])];

describe('layoutHosts', () => {
  it('lists every host once when not grouped', () => {
    const groups = layoutHosts(hosts, { groupByTag: false, tagFilter: null });
    expect(groups).toHaveLength(1);
    expect(groups[0]?.hosts.map((h) => h.profile.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('groups by tag (case-insensitively), production first, untagged last', () => {
    const groups = layoutHosts(hosts, { groupByTag: true, tagFilter: null });
    expect(groups.map((group) => [group.label, group.hosts.map((h) => h.profile.id)])).toEqual([
      ['production', ['a', 'd']],
      ['eu', ['a', 'b']],
      ['Untagged', ['c']],
    ]);
  });

  it('filters by a tag, case-insensitively', () => {
    const groups = layoutHosts(hosts, { groupByTag: false, tagFilter: 'production' });
    expect(groups[0]?.hosts.map((h) => h.profile.id)).toEqual(['a', 'd']);
  });

  it('lists pinned hosts first in their own group, in pin order, and the others after them', () => {
    const ungrouped = layoutHosts(hosts, { groupByTag: false, tagFilter: null }, ['d', 'gone', 'b']);
    expect(ungrouped.map((group) => [group.label, group.hosts.map((h) => h.profile.id)])).toEqual([
      ['Pinned', ['d', 'b']],
      ['Hosts', ['a', 'c']],
    ]);
    const grouped = layoutHosts(hosts, { groupByTag: true, tagFilter: null }, ['c']);
    expect(grouped.map((group) => group.label)).toEqual(['Pinned', 'production', 'eu', 'Untagged']);
    expect(shortcutOrder(grouped)).toEqual(['c', 'a', 'd', 'b']);
    const filtered = layoutHosts(hosts, { groupByTag: false, tagFilter: 'eu' }, ['a', 'b']);
    expect(filtered.map((group) => [group.label, group.hosts.map((h) => h.profile.id)])).toEqual([['Pinned', ['a', 'b']]]);
  });

  it('numbers shortcuts in display order, each host once', () => {
    expect(shortcutOrder(layoutHosts(hosts, { groupByTag: true, tagFilter: null }))).toEqual(['a', 'd', 'b', 'c']);
    expect(allTags(hosts)).toEqual(['production', 'eu']);
  });
});
