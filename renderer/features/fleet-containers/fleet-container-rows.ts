import type { HostView } from '../../../shared/host-view';
import { isProduction } from '../../../shared/profile';
import type { ContainerSummary, HostSnapshot } from '../../../shared/snapshot';
import type { HostColumn, RowHost } from '../containers';

export interface FleetContainers {
  /** Every listed container of the hosts in view, host by host in the sidebar's order. */
  containers: ContainerSummary[];
  /** The Host column and row keys of the shared containers table. */
  hostColumn: HostColumn;
  /** Resolves a row key back to its host and container. */
  resolve(rowKey: string): { hostId: string; container: ContainerSummary } | undefined;
}

const rowHosts = new WeakMap<HostView, RowHost>();

/** One RowHost object per HostView object, so rows re-render only when their host changed. */
function rowHostOf(host: HostView): RowHost {
  let row = rowHosts.get(host);
  if (!row) {
    row = { id: host.profile.id, name: host.profile.name, color: host.profile.color, production: isProduction(host.profile) };
    rowHosts.set(host, row);
  }
  return row;
}

/**
 * The containers of every host (or of one, `onlyHostId`) from the snapshots the store holds,
 * with each container's host. A row's key is `hostId/containerId`: one daemon reached under two
 * host entries lists the same ids twice.
 */
export function fleetContainers(
  hosts: readonly HostView[],
  snapshots: Readonly<Record<string, HostSnapshot>>,
  onlyHostId: string | null,
): FleetContainers {
  const owner = new Map<ContainerSummary, RowHost>();
  const byKey = new Map<string, { hostId: string; container: ContainerSummary }>();
  const containers: ContainerSummary[] = [];
  for (const host of hosts) {
    const id = host.profile.id;
    if (onlyHostId !== null && id !== onlyHostId) continue;
    const listed = snapshots[id]?.containers;
    if (!listed) continue;
    const rowHost = rowHostOf(host);
    for (const container of listed) {
      // A container object is listed by one snapshot; should two share one, the first host keeps it.
      if (owner.has(container)) continue;
      owner.set(container, rowHost);
      byKey.set(`${id}/${container.id}`, { hostId: id, container });
      containers.push(container);
    }
  }
  const hostOf = (container: ContainerSummary): RowHost => owner.get(container) ?? { id: '', name: '?', production: false };
  return {
    containers,
    hostColumn: { hostOf, rowKey: (container) => `${hostOf(container).id}/${container.id}` },
    resolve: (rowKey) => byKey.get(rowKey),
  };
}

/** The selection split by host: actions run per host, under that host's read-only switch and production guard. */
export function selectionByHost(
  selected: readonly ContainerSummary[],
  hostColumn: HostColumn,
): Array<{ host: RowHost; containers: ContainerSummary[] }> {
  const groups = new Map<string, { host: RowHost; containers: ContainerSummary[] }>();
  for (const container of selected) {
    const host = hostColumn.hostOf(container);
    const group = groups.get(host.id) ?? { host, containers: [] };
    group.containers.push(container);
    groups.set(host.id, group);
  }
  return [...groups.values()];
}
