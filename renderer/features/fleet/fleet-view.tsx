import { type ReactNode, useMemo, useState } from 'react';
import { useServices, useStoreState } from '../../lib/services';
import { ColorSwatch } from '../../components/color-swatch';
import { PinButton } from '../../components/pin-button';
import { EmptyState } from '../../components/empty-state';
import { ProductionBadge } from '../../components/production-badge';
import { RelativeTime } from '../../components/relative-time';
import { StatusBadge } from '../../components/status-badge';
import { formatBytes, formatFraction } from '../../lib/format';
import { CertificateBadge } from '../certificates';
import { FREE_SPACE_NOT_REPORTED } from '../../../shared/cleanup';
import { useFreeSpaces } from '../cleanup';
import { usageLevel } from '../storage';
import {
  type FleetRow,
  type FleetSort,
  type FleetSortKey,
  type Majority,
  driftGroupOf,
  driftedColumns,
  fleetRow,
  groupMajorities,
  sortFleet,
} from './fleet-rows';
import { errorHeadline } from '../../lib/error-headline';
import { isLive, standbyOf } from '../../lib/host-status';
import './fleet.css';

const COLUMNS: Array<{ key: FleetSortKey; label: string; className?: string }> = [
  { key: 'name', label: 'Host' },
  { key: 'status', label: 'Status' },
  { key: 'engine', label: 'Engine / API' },
  { key: 'os', label: 'OS / kernel' },
  { key: 'driver', label: 'Storage' },
  { key: 'usage', label: 'Pool / disk', className: 'num' },
  { key: 'reclaimable', label: 'Reclaimable', className: 'num' },
  { key: 'containers', label: 'Running / total', className: 'num' },
  { key: 'certificates', label: 'Certificates' },
  { key: 'lastSeen', label: 'Last seen' },
];

function Drift({ value, majority, children }: { value: string | null; majority: Majority | null; children?: ReactNode }) {
  if (value === null) return <span className="muted">–</span>;
  const drifted = majority !== null && value !== majority.value;
  return (
    <span
      className={drifted ? 'drift' : undefined}
      title={drifted ? `Differs from its tag group: ${majority.value} on ${majority.count} of ${majority.of} hosts` : undefined}
    >
      {children ?? value}
      {drifted ? <span className="visually-hidden"> (differs from its tag group, {majority.value})</span> : null}
    </span>
  );
}

function Usage({ usage }: { usage: FleetRow['usage'] }) {
  if (!usage) return <span className="muted">–</span>;
  if (usage.kind === 'unmeasured')
    return (
      <span className="muted" title={usage.why}>
        –
      </span>
    );
  const level = usageLevel(usage.fraction);
  const width = Math.round(Math.max(0, Math.min(1, usage.fraction ?? 0)) * 40);
  const title =
    usage.kind === 'pool'
      ? `devicemapper data pool${usage.loopLvm ? ' (loop-lvm)' : ''}`
      : `data root ${usage.path}: ${formatBytes(usage.usedBytes)} of ${formatBytes(usage.totalBytes)} used (df over SSH)`;
  return (
    <span className={`fleet-pool fleet-pool--${level}`} title={title}>
      <svg width={40} height={6} aria-hidden="true" className="fleet-pool-bar">
        <rect width={40} height={6} rx={2} className="fleet-pool-track" />
        <rect width={width} height={6} rx={2} className="fleet-pool-fill" />
      </svg>
      {usage.kind === 'pool' ? 'pool' : 'disk'} {formatFraction(usage.fraction)}
      {usage.kind === 'pool' && usage.loopLvm ? <span className="visually-hidden"> (loop-lvm)</span> : null}
    </span>
  );
}

/** Why a host is not live, in a few words; the whole message in the tooltip. */
function FailureReason({ status }: { status: FleetRow['status'] }) {
  const error = status.state === 'failed' ? status.error : status.state === 'reconnecting' ? status.lastError : undefined;
  if (!error) return <span className="muted">–</span>;
  return (
    <span className="fleet-reason" title={`${error.code}: ${error.message}`}>
      {errorHeadline(error.code)}
    </span>
  );
}

/**
 * Every host in one sortable table (those with the sidebar's tag, when it filters), versions that
 * differ within a tag group highlighted. Clicking a row switches to it.
 */
export function FleetView({ tagFilter = null }: { tagFilter?: string | null }) {
  const { store } = useServices();
  const hosts = useStoreState((state) => state.hosts);
  const snapshots = useStoreState((state) => state.snapshots);
  const selectedId = useStoreState((state) => state.selectedHostId);
  const pinnedIds = useStoreState((state) => state.pinnedHostIds);
  const pinned = useMemo(() => new Set(pinnedIds), [pinnedIds]);
  const [sort, setSort] = useState<FleetSort>({ key: 'name', direction: 'asc' });
  // The data root's fill is measured on SSH hosts only (df over the held connection), and only on
  // live ones: asking a standby host would make main open a connection to each of them.
  const sshReady = useMemo(
    () => hosts.filter((host) => host.profile.transport.type === 'ssh' && isLive(host.status)).map((host) => host.profile.id),
    [hosts],
  );
  const freeSpaces = useFreeSpaces(sshReady);
  const rows = useMemo(
    () =>
      hosts
        .filter((host) => tagFilter === null || host.profile.tags.includes(tagFilter))
        .map((host) =>
          fleetRow(
            host,
            snapshots[host.profile.id],
            host.profile.transport.type === 'ssh'
              ? freeSpaces.get(host.profile.id)
              : { kind: 'not-reported', message: FREE_SPACE_NOT_REPORTED },
          ),
        ),
    [hosts, snapshots, tagFilter, freeSpaces],
  );
  const groups = useMemo(() => groupMajorities(rows), [rows]);
  const sorted = useMemo(() => sortFleet(rows, sort), [rows, sort]);
  const driftCount = useMemo(
    () => rows.filter((row) => driftedColumns(row, groups.get(driftGroupOf(row))).length > 0).length,
    [rows, groups],
  );

  const standbyCount = rows.filter((row) => standbyOf(row.status) !== undefined).length;

  if (hosts.length === 0) return <EmptyState title="No hosts yet">Add a host to see the fleet.</EmptyState>;

  const toggle = (key: FleetSortKey) =>
    setSort((current) =>
      current.key === key
        ? { key, direction: current.direction === 'asc' ? 'desc' : 'asc' }
        : { key, direction: key === 'usage' || key === 'reclaimable' || key === 'containers' || key === 'certificates' ? 'desc' : 'asc' },
    );

  return (
    <div className="fleet" role="region" aria-label="Fleet overview">
      <header className="fleet-header">
        <h1 className="page-title">Fleet</h1>
        <span className="muted">
          {rows.length} hosts{tagFilter !== null ? ` tagged “${tagFilter}”` : ''} · {rows.filter((row) => isLive(row.status)).length} live
          {standbyCount > 0 ? ` · ${standbyCount} on standby` : ''}
          {driftCount > 0 ? (
            <>
              {' · '}
              <span className="drift" title="Engine, API or kernel versions that differ from the other hosts of the same tag">
                {driftCount} drifted within their tag group
              </span>
            </>
          ) : null}
        </span>
      </header>
      <div className="table-scroll">
        <table className="data-table fleet-table" aria-label="Fleet">
          <thead>
            <tr>
              <th scope="col" className="fleet-pin-cell">
                <span className="visually-hidden">Pinned</span>
              </th>
              {COLUMNS.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  className={column.className}
                  aria-sort={sort.key === column.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                >
                  <button type="button" className="sort-button" onClick={() => toggle(column.key)}>
                    {column.label}
                    <span className="sort-indicator" aria-hidden="true">
                      {sort.key === column.key ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((row) => {
              const majority = groups.get(driftGroupOf(row));
              return (
                <tr
                  key={row.id}
                  className={`fleet-row${row.production ? ' fleet-row--production' : ''}${row.id === selectedId ? ' fleet-row--selected' : ''}`}
                  onClick={() => store.select(row.id)}
                >
                  <td className="fleet-pin-cell">
                    <PinButton
                      hostName={row.name}
                      pinned={pinned.has(row.id)}
                      onToggle={() => store.togglePin(row.id)}
                      className={pinned.has(row.id) ? '' : 'fleet-pin--unpinned'}
                    />
                  </td>
                  <th scope="row">
                    <button
                      type="button"
                      className="fleet-host-button"
                      onClick={(event) => (event.stopPropagation(), store.select(row.id))}
                    >
                      <ColorSwatch color={row.host.profile.color} />
                      <span>{row.name}</span>
                    </button>
                    {row.production ? (
                      <div>
                        <ProductionBadge size="small" />
                      </div>
                    ) : null}
                  </th>
                  <td>
                    <StatusBadge status={row.status} compact />
                    <div className="small">
                      <FailureReason status={row.status} />
                    </div>
                  </td>
                  <td className="mono">
                    <Drift value={row.engine} majority={majority?.engine ?? null} />
                    {row.api !== null ? (
                      <div className="small muted">
                        API <Drift value={row.api} majority={majority?.api ?? null} />
                      </div>
                    ) : null}
                  </td>
                  <td className="fleet-os">
                    {row.os ?? <span className="muted">–</span>}
                    {row.kernel ? (
                      <div className="mono small fleet-kernel" title={row.kernel}>
                        <Drift value={row.kernel} majority={majority?.kernel ?? null} />
                      </div>
                    ) : null}
                  </td>
                  <td className="mono">{row.driver ?? <span className="muted">–</span>}</td>
                  <td className="num">
                    <Usage usage={row.usage} />
                  </td>
                  <td className="num" title="What pruning everything unused would free (the daemon's /system/df)">
                    {row.reclaimable === null ? <span className="muted">–</span> : formatBytes(row.reclaimable)}
                  </td>
                  <td className="num">{row.total === null ? <span className="muted">–</span> : `${row.running} / ${row.total}`}</td>
                  <td>
                    {row.certificates ? <CertificateBadge certificates={row.certificates} showOk /> : <span className="muted">–</span>}
                  </td>
                  <td>
                    {isLive(row.status) ? (
                      <span className="live">live</span>
                    ) : standbyOf(row.status) ? (
                      <RelativeTime epochMs={standbyOf(row.status)!.checkedAt} prefix="checked " />
                    ) : row.lastSeenAt !== null ? (
                      <RelativeTime epochMs={row.lastSeenAt} />
                    ) : (
                      <span className="muted">never</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
