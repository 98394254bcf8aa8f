import { useMemo, useState } from 'react';
import { countContainers } from '../../../shared/docker/containers';
import { EmptyState } from '../../components/empty-state';
import { useServices, useStoreState } from '../../lib/services';
import { ActionBar, actionTargetOf } from '../container-actions';
import { ContainersPanel } from '../containers';
import { createFleetRows, selectionByHost } from './fleet-container-rows';
import './fleet-containers.css';

/**
 * Every container of every host in one virtualized table with a Host column: the containers
 * panel of a host's dashboard (same search, state filter, sorting, selection), over the
 * snapshots the store holds, so it follows the event stream. A host filter narrows it to one
 * host. Actions on a selection run per host (one action bar per host), each under that host's
 * read-only switch and production guard; a row opens the container's detail on its host.
 */
export function FleetContainersView() {
  const { store } = useServices();
  const hosts = useStoreState((state) => state.hosts);
  const snapshots = useStoreState((state) => state.snapshots);
  const request = useStoreState((state) => state.fleetContainersRequest);
  const [hostFilter, setHostFilter] = useState<{ seq: number; hostId: string | null }>({
    seq: request?.seq ?? 0,
    hostId: request?.hostId ?? null,
  });
  // A new request (a search result) replaces the host filter and the panel's query.
  const wanted = request && request.seq !== hostFilter.seq ? request.hostId : hostFilter.hostId;
  // A host removed meanwhile leaves the filter.
  const onlyHostId = wanted !== null && hosts.some((host) => host.profile.id === wanted) ? wanted : null;
  if (request && request.seq !== hostFilter.seq) setHostFilter({ seq: request.seq, hostId: request.hostId });
  // Kept for the view's life: a push for one host rebuilds only that host's rows.
  const [fleetRows] = useState(createFleetRows);
  const fleet = useMemo(() => fleetRows(hosts, snapshots, onlyHostId), [fleetRows, hosts, snapshots, onlyHostId]);
  const counts = useMemo(() => countContainers(fleet.containers), [fleet.containers]);
  const offline = hosts.filter((host) => host.status.state !== 'ready' && (onlyHostId === null || host.profile.id === onlyHostId));

  if (hosts.length === 0) return <EmptyState title="No hosts yet">Add a host to see its containers here.</EmptyState>;
  return (
    <div className="fleet-containers" role="region" aria-label="Containers on every host">
      {offline.length > 0 ? (
        <p className="fleet-containers-note" role="status">
          {offline.length === 1 ? `${offline[0]!.profile.name} is` : `${offline.length} hosts are`} not connected: their containers are
          shown as last seen{offline.length > 1 ? ` (${namesOf(offline)})` : ''}.
        </p>
      ) : null}
      <ContainersPanel
        key={request?.seq ?? 0}
        containers={fleet.containers}
        counts={counts}
        hostColumn={fleet.hostColumn}
        initialQuery={request?.query ?? ''}
        emptyText={onlyHostId === null ? 'No containers on any host.' : 'No containers on this host.'}
        onOpen={(rowKey) => {
          const found = fleet.resolve(rowKey);
          if (found) store.openContainer(found.hostId, found.container.id);
        }}
        toolbarExtra={
          <select
            aria-label="Filter by host"
            className="select"
            value={onlyHostId ?? ''}
            onChange={(event) => setHostFilter({ seq: hostFilter.seq, hostId: event.target.value === '' ? null : event.target.value })}
          >
            <option value="">All hosts ({hosts.length.toLocaleString('en-US')})</option>
            {hosts.map((host) => (
              <option key={host.profile.id} value={host.profile.id}>
                {host.profile.name} ({(snapshots[host.profile.id]?.containers.length ?? 0).toLocaleString('en-US')})
              </option>
            ))}
          </select>
        }
        selectionActions={(selected) => (
          <div className="fleet-selection-actions">
            {selectionByHost(selected, fleet.hostColumn).map(({ host, containers }) => (
              <div key={host.id} className="fleet-selection-host" role="group" aria-label={`Actions on ${host.name}`}>
                <span className={`fleet-selection-name${host.production ? ' fleet-selection-name--production' : ''}`}>
                  {host.name} · {containers.length}
                </span>
                <ActionBar hostId={host.id} targets={containers.map(actionTargetOf)} />
              </div>
            ))}
          </div>
        )}
      />
    </div>
  );
}

/** The first few host names, then how many more. */
function namesOf(hosts: ReadonlyArray<{ profile: { name: string } }>, shown = 5): string {
  const names = hosts.slice(0, shown).map((host) => host.profile.name);
  return hosts.length > shown ? `${names.join(', ')} and ${hosts.length - shown} more` : names.join(', ');
}
