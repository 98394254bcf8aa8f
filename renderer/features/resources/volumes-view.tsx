import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { formatBytes } from '../../../shared/format';
import type { HostView } from '../../../shared/host-view';
import type { VolumeRow } from '../../../shared/resources';
import { formatAgo, formatTimestamp, pluralize } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { Users } from './images-view';
import { ResourceFrame } from './resource-frame';
import { type ResourceColumn, ResourceTable } from './resource-table';
import { type SortOrder, collator, filterAndSort, nextSort } from './sort-rows';
import { useRemoval } from './use-removal';
import { useResourceList } from './use-resource-list';

export type VolumeSortKey = 'name' | 'driver' | 'created' | 'size' | 'containers';
type VolumeFilter = 'all' | 'unused' | 'in-use';

const comparators: Record<VolumeSortKey, (a: VolumeRow, b: VolumeRow) => number> = {
  name: (a, b) => collator.compare(a.name, b.name),
  driver: (a, b) => collator.compare(a.driver, b.driver),
  created: (a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''),
  size: (a, b) => (a.sizeBytes ?? -1) - (b.sizeBytes ?? -1),
  containers: (a, b) => a.users.all - b.users.all,
};

export function filterVolumes(
  volumes: readonly VolumeRow[],
  query: string,
  filter: VolumeFilter,
  sort: SortOrder<VolumeSortKey> | null,
): VolumeRow[] {
  return filterAndSort(volumes, {
    query,
    searchText: (volume) => [volume.name, volume.driver, volume.mountpoint, ...volume.users.names].join('\n'),
    keep: filter === 'all' ? undefined : (volume) => (filter === 'unused' ? volume.users.all === 0 : volume.users.all > 0),
    sort,
    comparators,
    tieBreak: (a, b) => a.name.localeCompare(b.name),
  });
}

/** The Volumes tab: name, driver, mountpoint, size and references from /system/df, the containers that mount each. */
export function VolumesView({ host }: { host: HostView }) {
  const { state, reload } = useResourceList(host.profile.id, 'volumes', host.status.state === 'ready');
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<VolumeFilter>('all');
  const [sort, setSort] = useState<SortOrder<VolumeSortKey> | null>(null);
  const deferredQuery = useDeferredValue(query);
  const now = useNow(60_000);
  const removal = useRemoval(
    host,
    useCallback(() => reload(), [reload]),
  );
  const volumes = state.state === 'loaded' ? state.list.rows : [];
  const rows = useMemo(() => filterVolumes(volumes, deferredQuery, filter, sort), [volumes, deferredQuery, filter, sort]);
  const total = useMemo(() => volumes.reduce((sum, volume) => sum + (volume.sizeBytes ?? 0), 0), [volumes]);
  const removeButton = removal.button;
  const columns = useMemo(
    (): Array<ResourceColumn<VolumeRow, VolumeSortKey>> => [
      {
        sortKey: 'name',
        label: 'Name',
        width: 'minmax(200px, 2fr)',
        className: 'ctable-name mono',
        title: (row) => row.name,
        render: (row) => row.name,
      },
      { sortKey: 'driver', label: 'Driver', width: '96px', render: (row) => row.driver },
      {
        sortKey: null,
        label: 'Mountpoint',
        width: 'minmax(180px, 2fr)',
        className: 'mono rtable-small',
        title: (row) => row.mountpoint,
        render: (row) => row.mountpoint,
      },
      {
        sortKey: 'created',
        label: 'Created',
        width: '110px',
        className: 'ctable-created',
        title: (row) => (row.createdAt ? formatTimestamp(Date.parse(row.createdAt)) : undefined),
        render: (row) => (row.createdAt ? formatAgo(Date.parse(row.createdAt), now) : <span className="muted">–</span>),
      },
      {
        sortKey: 'size',
        label: 'Size',
        width: '90px',
        className: 'rtable-number',
        title: (row) => (row.sizeBytes === undefined ? "The daemon did not compute this volume's size (/system/df)" : undefined),
        render: (row) => (row.sizeBytes === undefined ? <span className="muted">–</span> : formatBytes(row.sizeBytes)),
      },
      {
        sortKey: null,
        label: 'Refs',
        width: '60px',
        className: 'rtable-number',
        render: (row) => (row.refCount === undefined ? <span className="muted">–</span> : row.refCount),
      },
      {
        sortKey: 'containers',
        label: 'Containers',
        width: 'minmax(150px, 1.4fr)',
        title: (row) => row.users.names.join('\n') || undefined,
        render: (row) => <Users running={row.users.running} all={row.users.all} names={row.users.names} />,
      },
      {
        sortKey: null,
        label: 'Actions',
        width: '96px',
        render: (row) =>
          removeButton({
            kind: 'volumes',
            ref: row.name,
            detail:
              row.users.all > 0
                ? `Mounted by ${row.users.names.join(', ')}: the daemon refuses while a container uses it.`
                : 'No container mounts it. Its data is deleted.',
          }),
      },
    ],
    [now, removeButton],
  );
  return (
    <ResourceFrame
      noun="volumes"
      title="Volumes"
      summary={
        <span className="muted">
          {pluralize(volumes.length, 'volume')} · {formatBytes(total)}
        </span>
      }
      list={state}
      search={{ label: 'Search volumes', placeholder: 'Search name, driver, mountpoint, container…', value: query, onChange: setQuery }}
      filter={
        <select
          aria-label="Filter volumes"
          className="select"
          value={filter}
          onChange={(event) => setFilter(event.target.value as VolumeFilter)}
        >
          <option value="all">All volumes</option>
          <option value="unused">Unused by any container</option>
          <option value="in-use">In use</option>
        </select>
      }
      shown={rows.length}
      onClear={() => (setQuery(''), setFilter('all'))}
      count={pluralize(rows.length, 'volume')}
      report={removal.view}
    >
      <ResourceTable
        label="Volumes"
        rows={rows}
        rowKey={(row) => row.name}
        columns={columns}
        sort={sort}
        onSort={(key) => setSort((current) => nextSort(current, key, ['created', 'size', 'containers']))}
      />
    </ResourceFrame>
  );
}
