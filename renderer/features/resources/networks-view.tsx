import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import type { HostView } from '../../../shared/host-view';
import type { NetworkRow } from '../../../shared/resources';
import { formatAgo, formatTimestamp, pluralize } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { ResourceFrame } from './resource-frame';
import { type ResourceColumn, ResourceTable } from './resource-table';
import { type SortOrder, collator, filterAndSort, nextSort } from './sort-rows';
import { useRemoval } from './use-removal';
import { useResourceList } from './use-resource-list';

export type NetworkSortKey = 'name' | 'driver' | 'scope' | 'created' | 'containers';

const comparators: Record<NetworkSortKey, (a: NetworkRow, b: NetworkRow) => number> = {
  name: (a, b) => collator.compare(a.name, b.name),
  driver: (a, b) => collator.compare(a.driver, b.driver),
  scope: (a, b) => collator.compare(a.scope, b.scope),
  created: (a, b) => a.created.localeCompare(b.created),
  containers: (a, b) => a.endpoints.length - b.endpoints.length,
};

/** "web 10.0.0.2/24, api 10.0.0.3/24" */
export function endpointsText(network: NetworkRow): string {
  return network.endpoints.map((endpoint) => [endpoint.name, endpoint.ipv4 || endpoint.ipv6].filter(Boolean).join(' ')).join(', ');
}

export function filterNetworks(networks: readonly NetworkRow[], query: string, sort: SortOrder<NetworkSortKey> | null): NetworkRow[] {
  return filterAndSort(networks, {
    query,
    searchText: (network) =>
      [
        network.name,
        network.id.slice(0, 12),
        network.driver,
        network.scope,
        ...network.subnets.map((s) => s.subnet),
        endpointsText(network),
      ].join('\n'),
    sort,
    comparators,
    tieBreak: (a, b) => a.id.localeCompare(b.id),
  });
}

/** The Networks tab: driver, scope, subnets, flags, attached containers with their addresses; built-ins cannot be removed. */
export function NetworksView({ host }: { host: HostView }) {
  const { state, reload } = useResourceList(host.profile.id, 'networks', host.status.state === 'ready');
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SortOrder<NetworkSortKey> | null>(null);
  const deferredQuery = useDeferredValue(query);
  const now = useNow(60_000);
  const removal = useRemoval(
    host,
    useCallback(() => reload(), [reload]),
  );
  const networks = state.state === 'loaded' ? state.list.rows : [];
  const rows = useMemo(() => filterNetworks(networks, deferredQuery, sort), [networks, deferredQuery, sort]);
  const removeButton = removal.button;
  const columns = useMemo(
    (): Array<ResourceColumn<NetworkRow, NetworkSortKey>> => [
      {
        sortKey: 'name',
        label: 'Name',
        width: 'minmax(170px, 1.6fr)',
        className: 'ctable-name',
        title: (row) => `${row.name}\n${row.id}`,
        render: (row) => (
          <span>
            <span className="mono">{row.name}</span> {row.builtIn ? <span className="state-pill">built-in</span> : null}
          </span>
        ),
      },
      { sortKey: 'driver', label: 'Driver', width: '96px', render: (row) => row.driver },
      { sortKey: 'scope', label: 'Scope', width: '90px', render: (row) => row.scope },
      {
        sortKey: null,
        label: 'Subnet / gateway',
        width: 'minmax(200px, 1.4fr)',
        className: 'mono rtable-small',
        title: (row) => row.subnets.map((s) => `${s.subnet} via ${s.gateway || '–'}`).join('\n') || undefined,
        render: (row) =>
          row.subnets.length === 0 ? (
            <span className="muted">–</span>
          ) : (
            row.subnets.map((s) => `${s.subnet}${s.gateway ? ` · ${s.gateway}` : ''}`).join(', ')
          ),
      },
      {
        sortKey: null,
        label: 'Flags',
        width: '130px',
        render: (row) =>
          [row.internal ? 'internal' : '', row.attachable ? 'attachable' : ''].filter(Boolean).join(', ') || (
            <span className="muted">–</span>
          ),
      },
      {
        sortKey: 'containers',
        label: 'Containers',
        width: 'minmax(200px, 2fr)',
        className: 'rtable-small',
        title: (row) => row.endpoints.map((e) => `${e.name} ${e.ipv4} ${e.ipv6} ${e.macAddress}`.trim()).join('\n') || undefined,
        render: (row) =>
          row.endpoints.length === 0 ? <span className="muted">–</span> : <span className="mono">{endpointsText(row)}</span>,
      },
      {
        sortKey: 'created',
        label: 'Created',
        width: '110px',
        className: 'ctable-created',
        title: (row) => formatTimestamp(Date.parse(row.created)),
        render: (row) => formatAgo(Date.parse(row.created), now),
      },
      {
        sortKey: null,
        label: 'Actions',
        width: '96px',
        render: (row) =>
          removeButton(
            {
              kind: 'networks',
              ref: row.name,
              detail:
                row.endpoints.length > 0
                  ? `Attached: ${row.endpoints.map((e) => e.name).join(', ')}. The daemon refuses while containers are attached.`
                  : 'No container is attached.',
            },
            row.builtIn ? 'One of the daemon’s own networks: Berth never removes it.' : undefined,
          ),
      },
    ],
    [now, removeButton],
  );
  return (
    <ResourceFrame
      noun="networks"
      title="Networks"
      summary={<span className="muted">{pluralize(networks.length, 'network')}</span>}
      list={state}
      search={{ label: 'Search networks', placeholder: 'Search name, driver, subnet, container…', value: query, onChange: setQuery }}
      shown={rows.length}
      onClear={() => setQuery('')}
      count={pluralize(rows.length, 'network')}
      report={removal.view}
    >
      <ResourceTable
        label="Networks"
        rows={rows}
        rowKey={(row) => row.id}
        columns={columns}
        sort={sort}
        onSort={(key) => setSort((current) => nextSort(current, key, ['created', 'containers']))}
        rowClass={(row) => (row.builtIn ? 'rtable-row--builtin' : '')}
      />
    </ResourceFrame>
  );
}
