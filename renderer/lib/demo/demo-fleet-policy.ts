import type { FleetSettings } from '../../../shared/settings';
import type { HostStatus } from '../../../shared/snapshot';
import type { DemoHost } from './demo-hosts';

/**
 * The demo's imitation of main's connection policy (shared/fleet-contract.ts), so the standby
 * display can be seen and tested without 40+ daemons: with more hosts than `liveSessionLimit`,
 * a ready host that no window has in view goes on standby, and comes back live once it is in view.
 * Hosts that are not ready are left as they are. Answers the statuses that change.
 */
export function demoPolicyStatuses(
  hosts: Iterable<DemoHost>,
  inView: ReadonlySet<string>,
  fleet: FleetSettings,
  now: number,
): Array<{ hostId: string; status: HostStatus }> {
  const all = [...hosts];
  const overLimit = all.length > fleet.liveSessionLimit;
  const changes: Array<{ hostId: string; status: HostStatus }> = [];
  for (const host of all) {
    const status = host.status;
    if (status.state !== 'ready') continue;
    const live = !overLimit || inView.has(host.profile.id);
    if (live && status.standby) changes.push({ hostId: host.profile.id, status: { state: 'ready', since: now } });
    if (!live && !status.standby) {
      const standby = { checkedAt: now, nextCheckAt: now + fleet.healthIntervalSeconds * 1_000 };
      changes.push({ hostId: host.profile.id, status: { state: 'ready', since: status.since, standby } });
    }
  }
  return changes;
}
