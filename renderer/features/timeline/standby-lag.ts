import type { HostView } from '../../../shared/host-view';
import { formatAgo, pluralize } from '../../lib/format';
import { standbyOf } from '../../lib/host-status';

/**
 * What the timeline says of hosts on standby: their events are kept losslessly but arrive with
 * each health read, so the newest ones can be up to one interval late. For one host (the host
 * filter), when it was last read; for the whole fleet, how many hosts lag. Undefined when no
 * shown host is on standby.
 */
export function standbyLagText(hosts: readonly HostView[], hostId: string, now: number): string | undefined {
  if (hostId !== '') {
    const host = hosts.find((candidate) => candidate.profile.id === hostId);
    const standby = host && standbyOf(host.status);
    if (!host || !standby) return undefined;
    return `${host.profile.name} is on standby: its events arrive with each health check (last ${formatAgo(standby.checkedAt, now)}). Open the host to follow it live.`;
  }
  const onStandby = hosts.filter((host) => standbyOf(host.status) !== undefined).length;
  if (onStandby === 0) return undefined;
  return `${pluralize(onStandby, 'host')} on standby: their events arrive with each health check, so the newest can be up to a check late.`;
}
