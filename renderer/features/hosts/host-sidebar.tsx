import { Pin, Plus, Tags } from 'lucide-react';
import { memo, useCallback, useMemo } from 'react';
import { useServices, useStoreState } from '../../lib/services';
import { type HostGroup, type SidebarLayout, allTags } from './layout-hosts';
import { HostListItem } from './host-list-item';

export interface HostSidebarProps {
  groups: readonly HostGroup[];
  shortcutIds: readonly string[];
  layout: SidebarLayout;
  onLayoutChange: (layout: SidebarLayout) => void;
  onAddHost: () => void;
}

/** Every host with its live status; grouped or filtered by tag. */
export const HostSidebar = memo(function HostSidebar({ groups, shortcutIds, layout, onLayoutChange, onAddHost }: HostSidebarProps) {
  const { store } = useServices();
  const hosts = useStoreState((state) => state.hosts);
  const selectedId = useStoreState((state) => state.selectedHostId);
  const tags = useMemo(() => allTags(hosts), [hosts]);
  const pinnedIds = useStoreState((state) => state.pinnedHostIds);
  const pinned = useMemo(() => new Set(pinnedIds), [pinnedIds]);
  const onSelect = useCallback((hostId: string) => store.select(hostId), [store]);
  const onTogglePin = useCallback((hostId: string) => store.togglePin(hostId), [store]);
  const shortcutOf = useMemo(() => new Map(shortcutIds.slice(0, 9).map((id, index) => [id, index + 1])), [shortcutIds]);
  const visibleCount = groups.reduce((count, group) => count + group.hosts.length, 0);

  return (
    <aside className="sidebar" aria-label="Host sidebar">
      <div className="sidebar-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Berth
        </span>
        <button type="button" className="button button--small" onClick={onAddHost}>
          <Plus size={14} aria-hidden="true" />
          Add host
        </button>
      </div>
      {hosts.length > 0 ? (
        <div className="sidebar-tools">
          <select
            aria-label="Filter by tag"
            className="select select--small"
            value={layout.tagFilter ?? ''}
            onChange={(event) => onLayoutChange({ ...layout, tagFilter: event.target.value === '' ? null : event.target.value })}
          >
            <option value="">All tags</option>
            {tags.map((tag) => (
              <option key={tag} value={tag}>
                {tag}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button--small button--ghost"
            aria-pressed={layout.groupByTag}
            onClick={() => onLayoutChange({ ...layout, groupByTag: !layout.groupByTag })}
          >
            <Tags size={14} aria-hidden="true" />
            Group by tag
          </button>
        </div>
      ) : null}
      <nav aria-label="Hosts" className="sidebar-hosts">
        {hosts.length === 0 ? <p className="sidebar-empty">No hosts yet.</p> : null}
        {hosts.length > 0 && visibleCount === 0 ? (
          <p className="sidebar-empty">
            No host is tagged “{layout.tagFilter}”.{' '}
            <button type="button" className="link-button" onClick={() => onLayoutChange({ ...layout, tagFilter: null })}>
              Show all
            </button>
          </p>
        ) : null}
        {groups.map((group) => (
          <div key={group.key} role="group" aria-label={group.label ?? 'All hosts'} className="host-group">
            {group.label !== null ? (
              <h3 className={`host-group-title${group.label.toLowerCase() === 'production' ? ' host-group-title--production' : ''}`}>
                {group.key === 'pinned' ? <Pin size={11} aria-hidden="true" /> : null}
                {group.label}
                <span className="host-group-count">{group.hosts.length}</span>
              </h3>
            ) : null}
            <ul className="host-list">
              {group.hosts.map((host) => (
                <HostListItem
                  key={host.profile.id}
                  host={host}
                  selected={host.profile.id === selectedId}
                  shortcut={shortcutOf.get(host.profile.id) ?? null}
                  pinned={pinned.has(host.profile.id)}
                  onSelect={onSelect}
                  onTogglePin={onTogglePin}
                />
              ))}
            </ul>
          </div>
        ))}
      </nav>
    </aside>
  );
});
