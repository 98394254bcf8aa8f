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

const rowHosts = new Map<string, RowHost>();

/**
 * One RowHost object per host while what the Host column shows stays the same (a status push makes
 * a new HostView, not a new RowHost), so rows re-render only when their host changed.
 */
function rowHostOf(host: HostView): RowHost {
  const { id, name, color } = host.profile;
  const production = isProduction(host.profile);
  const known = rowHosts.get(id);
  if (known && known.name === name && known.color === color && known.production === production) return known;
  const row: RowHost = { id, name, color, production };
  rowHosts.set(id, row);
  return row;
}

/** One host's rows: rebuilt only when its container list or its HostView object changes. */
interface HostPart {
  hostId: string;
  listed: readonly ContainerSummary[];
  rowHost: RowHost;
  /** The listed containers this host owns (a container object listed by an earlier host stays that host's). */
  rows: ContainerSummary[];
}

interface RowEntry {
  host: RowHost;
  /** `hostId/containerId`: one daemon reached under two host entries lists the same ids twice. */
  key: string;
}

const UNKNOWN_HOST: RowHost = { id: '', name: '?', production: false };

/**
 * The fleet's rows, kept between updates: a push for one host rebuilds that host's part only, and
 * when no part changed (another host's status, the disk usage of a host) the previous result comes
 * back as it was, so the table over 10,000 rows does not filter, count and re-render for nothing.
 */
export function createFleetRows(): (
  hosts: readonly HostView[],
  snapshots: Readonly<Record<string, HostSnapshot>>,
  onlyHostId: string | null,
) => FleetContainers {
  const entries = new WeakMap<ContainerSummary, RowEntry>();
  let parts = new Map<string, HostPart>();
  let last: { parts: HostPart[]; result: FleetContainers } | null = null;

  const partOf = (host: HostView, listed: readonly ContainerSummary[]): HostPart => {
    const id = host.profile.id;
    const rowHost = rowHostOf(host);
    const known = parts.get(id);
    if (known && known.listed === listed && known.rowHost === rowHost) return known;
    const rows: ContainerSummary[] = [];
    for (const container of listed) {
      const owner = entries.get(container);
      // A container object is listed by one snapshot; should two share one, the first host keeps it.
      if (owner && owner.host.id !== id && parts.has(owner.host.id)) continue;
      if (owner?.host !== rowHost) entries.set(container, { host: rowHost, key: `${id}/${container.id}` });
      rows.push(container);
    }
    return { hostId: id, listed, rowHost, rows };
  };

  return (hosts, snapshots, onlyHostId) => {
    const next = new Map<string, HostPart>();
    const shown: HostPart[] = [];
    for (const host of hosts) {
      const listed = snapshots[host.profile.id]?.containers;
      if (!listed) continue;
      const part = partOf(host, listed);
      next.set(part.hostId, part);
      parts.set(part.hostId, part);
      if (onlyHostId === null || part.hostId === onlyHostId) shown.push(part);
    }
    parts = next;
    if (last && last.parts.length === shown.length && last.parts.every((part, index) => part === shown[index])) return last.result;
    const containers = shown.length === 1 ? shown[0]!.rows : shown.flatMap((part) => part.rows);
    const hostOf = (container: ContainerSummary): RowHost => entries.get(container)?.host ?? UNKNOWN_HOST;
    const result: FleetContainers = {
      containers,
      hostColumn: { hostOf, rowKey: (container) => entries.get(container)?.key ?? `/${container.id}` },
      resolve: (rowKey) => {
        const slash = rowKey.lastIndexOf('/');
        const part = shown.find((each) => each.hostId === rowKey.slice(0, slash));
        const container = part?.rows.find((each) => each.id === rowKey.slice(slash + 1));
        return part && container ? { hostId: part.hostId, container } : undefined;
      },
    };
    last = { parts: shown, result };
    return result;
  };
}

/**
 * The containers of every host (or of one, `onlyHostId`) from the snapshots the store holds,
 * with each container's host; a row's key is `hostId/containerId`. One-off: a view keeps
 * createFleetRows() so updates reuse what did not change.
 */
export function fleetContainers(
  hosts: readonly HostView[],
  snapshots: Readonly<Record<string, HostSnapshot>>,
  onlyHostId: string | null,
): FleetContainers {
  return createFleetRows()(hosts, snapshots, onlyHostId);
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
