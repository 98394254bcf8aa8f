import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HostStatus } from '../../../shared/snapshot.js';
import { defaultSettings } from '../../../shared/settings.js';
import type { LabDaemonName, LabManifest } from '../../../e2e/lab/manifest.js';
import { requireLab } from '../../../e2e/support/lab-hosts.js';
import { docker, labHarness, labPrefix, ok, removeContainers } from '../../../test-support/lab-containers.js';
import { labDockerEvents, timelineIdentities } from '../../../test-support/lab-events.js';
import { until } from '../../../test-support/until.js';
import type { BerthClient, BerthService } from '../app/berth-service.js';

let lab: LabManifest;
const disposers: Array<() => Promise<void>> = [];
const containers: Array<{ daemon: LabDaemonName; name: string }> = [];

beforeAll(() => {
  // Throws "the Berth lab is not running" when it is not: these tests fail, never skip.
  lab = requireLab();
});
afterEach(async () => {
  await Promise.all(disposers.splice(0).map((dispose) => dispose()));
  for (const { daemon, name } of containers.splice(0)) removeContainers(lab, daemon, name);
});

const hosts = ['tcp', 'btrfs', 'ssh', 'vfs'] as const;
const hostId = (daemon: LabDaemonName) => `lab-${daemon}`;
const healthIntervalMs = 1_000;
const lingerMs = 500;

/** A service holding one host live at most, with the four lab hosts saved and one client attached. */
async function fleetOfFour(): Promise<{ service: BerthService; client: BerthClient }> {
  const harness = await labHarness(lab, { fleet: { healthIntervalMs, lingerMs } });
  disposers.push(harness.dispose);
  const { service, client } = harness;
  await ok(service.invoke('settings:save', { settings: { ...defaultSettings, fleet: { ...defaultSettings.fleet, liveSessionLimit: 1 } } }));
  for (const daemon of hosts) {
    await ok(
      service.invoke('hosts:save', {
        draft: { id: hostId(daemon), name: `lab ${daemon}`, tags: [], transport: lab.daemons[daemon].transport },
      }),
    );
  }
  return { service, client };
}

async function statusOf(service: BerthService, daemon: LabDaemonName): Promise<HostStatus> {
  const listed = await ok(service.invoke('hosts:list', {}));
  return listed.find((host) => host.profile.id === hostId(daemon))!.status;
}

const onStandby = (status: HostStatus) => status.state === 'ready' && status.standby !== undefined;
const isLive = (status: HostStatus) => status.state === 'ready' && status.standby === undefined;

const uniqueName = (suffix: string) => `${labPrefix}${suffix}-${process.pid}-${Math.random().toString(36).slice(2, 7)}`;

describe('the connection policy against the lab (liveSessionLimit 1, four hosts)', () => {
  it('puts unfocused hosts on standby with a snapshot, each read again within the interval, over every transport', async () => {
    const { service } = await fleetOfFour();
    for (const daemon of hosts) {
      const status = await until(`${daemon} on standby`, async () => {
        const current = await statusOf(service, daemon);
        return onStandby(current) ? current : undefined;
      });
      if (status.state !== 'ready' || !status.standby) throw new Error('unreachable');
      expect(status.standby.nextCheckAt - status.standby.checkedAt).toBeGreaterThanOrEqual(healthIntervalMs * 0.9);
      expect(status.standby.nextCheckAt - status.standby.checkedAt).toBeLessThanOrEqual(healthIntervalMs * 1.1);
      const snapshot = await ok(service.invoke('hosts:snapshot', { hostId: hostId(daemon) }));
      expect(snapshot?.summary.serverVersion).toMatch(/^\d+\.\d+/);
      expect(
        snapshot?.containers.filter((container) => container.names.some((each) => each.replace(/^\//, '').startsWith('lab-'))).length,
      ).toBeGreaterThanOrEqual(4);
      // No connection is held between reads.
      expect(service.connectionSockets(hostId(daemon))).toBeNull();
    }
    // The next read comes: checkedAt moves on.
    const first = await statusOf(service, 'ssh');
    await until('the next ssh read', async () => {
      const next = await statusOf(service, 'ssh');
      return next.state === 'ready' && first.state === 'ready' && next.standby!.checkedAt > first.standby!.checkedAt;
    });
  });

  it('shows a container started on a standby host after its next read, and its events in the timeline once each, as docker events lists them', async () => {
    const { service } = await fleetOfFour();
    await until('btrfs on standby', async () => onStandby(await statusOf(service, 'btrfs')));
    const since = Math.floor(Date.now() / 1000);
    const name = uniqueName('standby-run');
    containers.push({ daemon: 'btrfs', name });
    docker(lab, 'btrfs', 'run', '-d', '--network', 'none', '--name', name, lab.image, 'sleep', '60');
    const row = await until('the container in the snapshot', async () => {
      const snapshot = await ok(service.invoke('hosts:snapshot', { hostId: hostId('btrfs') }));
      return snapshot?.containers.find((container) => container.names.some((each) => each.replace(/^\//, '') === name));
    });
    expect(row.state).toBe('running');
    expect(onStandby(await statusOf(service, 'btrfs'))).toBe(true);
    // Two more reads, so every event up to T2 has been read.
    await new Promise((resolve) => setTimeout(resolve, 2.5 * healthIntervalMs));
    const untilSeconds = Math.floor(Date.now() / 1000) - 2;
    const expected = labDockerEvents(lab, 'btrfs', since, untilSeconds);
    expect(expected.filter((line) => / container (create|start) /.test(line)).length).toBeGreaterThanOrEqual(2);
    expect(await timelineIdentities(service, hostId('btrfs'), since, untilSeconds)).toEqual(expected);
  });

  it('promotes a focused host to live at once, and puts it back on standby after the linger once out of view', async () => {
    const { service, client } = await fleetOfFour();
    await until('tcp on standby', async () => onStandby(await statusOf(service, 'tcp')));
    const statuses: HostStatus[] = [];
    const detach = service.attachClient((message) => {
      if (message.channel === 'host:status' && message.payload.hostId === hostId('tcp')) statuses.push(message.payload.status);
    });
    detach.ready();
    await ok(client.invoke('fleet:focus', { hostIds: [hostId('tcp')] }));
    await until('tcp live', async () => isLive(await statusOf(service, 'tcp')), 5_000);
    expect(service.connectionSockets(hostId('tcp'))).not.toBeNull();
    // The promotion never showed the host as anything but ready.
    expect(statuses.every((status) => status.state === 'ready')).toBe(true);
    // Another host in view: tcp lingers, then goes back on standby.
    await ok(client.invoke('fleet:focus', { hostIds: [hostId('vfs')] }));
    await until('vfs live', async () => isLive(await statusOf(service, 'vfs')), 5_000);
    expect(isLive(await statusOf(service, 'tcp'))).toBe(true);
    await until('tcp back on standby', async () => onStandby(await statusOf(service, 'tcp')), 5_000);
    expect(service.connectionSockets(hostId('tcp'))).toBeNull();
    // A client that goes away takes its focus along.
    client.detach();
    await until('vfs back on standby', async () => onStandby(await statusOf(service, 'vfs')), 5_000);
    detach.detach();
  });

  it('serves an invoke naming a standby host (inspect, logs) by promoting it first', async () => {
    const { service, client } = await fleetOfFour();
    await until('ssh on standby', async () => onStandby(await statusOf(service, 'ssh')));
    const inspected = await ok(client.invoke('containers:inspect', { hostId: hostId('ssh'), containerId: 'lab-running-1' }));
    expect(inspected.name).toBe('lab-running-1');
    expect(isLive(await statusOf(service, 'ssh'))).toBe(true);
    const logs = await ok(client.invoke('logs:open', { hostId: hostId('ssh'), containerId: 'lab-running-1', tail: 10, follow: false }));
    expect(logs.streamId).toBeTruthy();
    await until('ssh back on standby', async () => onStandby(await statusOf(service, 'ssh')), 10_000);
  });

  it('applies Settings → Fleet on save: a limit above the fleet holds every host live, a lower one puts them back on standby', async () => {
    const { service } = await fleetOfFour();
    await until('vfs on standby', async () => onStandby(await statusOf(service, 'vfs')));
    const fleet = { ...defaultSettings.fleet, liveSessionLimit: 10 };
    await ok(service.invoke('settings:save', { settings: { ...defaultSettings, fleet } }));
    for (const daemon of hosts) await until(`${daemon} live`, async () => isLive(await statusOf(service, daemon)), 10_000);
    await ok(service.invoke('settings:save', { settings: { ...defaultSettings, fleet: { ...fleet, liveSessionLimit: 2 } } }));
    for (const daemon of hosts) await until(`${daemon} back on standby`, async () => onStandby(await statusOf(service, daemon)), 10_000);
  });

  it('raises the died alert of a standby host from its read, and holds the host live while the alert is unacknowledged', async () => {
    const { service } = await fleetOfFour();
    // Room for three: a container another test kills on a shared lab daemon meanwhile cannot take tcp's place.
    await ok(
      service.invoke('settings:save', { settings: { ...defaultSettings, fleet: { ...defaultSettings.fleet, liveSessionLimit: 3 } } }),
    );
    await until('tcp on standby', async () => onStandby(await statusOf(service, 'tcp')));
    const name = uniqueName('standby-kill');
    containers.push({ daemon: 'tcp', name });
    docker(lab, 'tcp', 'run', '-d', '--network', 'none', '--name', name, lab.image, 'sleep', '60');
    docker(lab, 'tcp', 'kill', name);
    const alert = await until('the died alert', async () =>
      (await ok(service.invoke('alerts:list', { hostId: hostId('tcp'), limit: 50 }))).alerts.find((each) => each.container?.name === name),
    );
    expect(alert.title).toBe(`lab tcp: ${name} died (137)`);
    await until('tcp live for its alert', async () => isLive(await statusOf(service, 'tcp')), 5_000);
    await ok(service.invoke('alerts:acknowledge', { all: true }));
    await until('tcp back on standby', async () => onStandby(await statusOf(service, 'tcp')), 5_000);
  });
});
