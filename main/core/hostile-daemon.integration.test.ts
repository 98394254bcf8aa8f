import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HostProfile } from '../../shared/profile.js';
import type { ContainerSummary, HostStatus } from '../../shared/snapshot.js';
import { FakeDaemonServer, endlessBody, fakeContainer } from '../../test-support/fake-daemon-server.js';
import type { LabManifest } from '../../e2e/lab/manifest.js';
import { labKnownHosts, labProfile, requireLab } from '../../e2e/support/lab-hosts.js';
import { ConnectionManager } from './connection-manager.js';
import { readContainers } from '../../shared/docker/containers.js';

// A broken or hostile daemon (a fake on 127.0.0.1) next to a real lab daemon: the bad one costs
// its own host and nothing else. The lab daemon is only read.

let lab: LabManifest;
let fake: FakeDaemonServer | undefined;
let hosts: ConnectionManager | undefined;

beforeAll(() => {
  lab = requireLab();
});

afterEach(async () => {
  await hosts?.dispose();
  await fake?.close();
  hosts = fake = undefined;
});

function subject(daemon: FakeDaemonServer): HostProfile {
  return { id: 'hostile', name: 'hostile daemon', tags: [], transport: daemon.transport() };
}

function recordStates(manager: ConnectionManager, hostId: string): HostStatus['state'][] {
  const states: HostStatus['state'][] = [];
  manager.subscribe((event) => event.type === 'status' && event.hostId === hostId && states.push(event.status.state));
  return states;
}

describe('a hostile daemon costs its own host only', () => {
  it('an endless 500 answer on /events fails that host with RESPONSE_TOO_LARGE; the process and a lab host carry on', async () => {
    fake = await new FakeDaemonServer().start();
    fake.override = (request, response) => {
      if (!request.url?.startsWith('/events')) return false;
      endlessBody(response, 500);
      return true;
    };
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      hosts = new ConnectionManager({ knownHosts: labKnownHosts(lab), timeoutMs: 5_000 });
      const bystander = labProfile(lab, 'tcp');
      const bystanderStates = recordStates(hosts, bystander.id);
      const heapBefore = process.memoryUsage().heapUsed;
      await hosts.upsertHost(bystander);
      await hosts.upsertHost(subject(fake));
      await hosts.waitFor(bystander.id, ['ready'], 30_000);
      const failed = await hosts.waitFor('hostile', ['failed'], 30_000);
      expect(failed).toMatchObject({
        state: 'failed',
        error: { code: 'RESPONSE_TOO_LARGE', message: expect.stringContaining("to GET /events, over Berth's cap of 64 KiB") },
      });
      // It stays failed: an oversized answer is not retried on its own.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(hosts.status('hostile').state).toBe('failed');
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);

      expect(bystanderStates).toEqual(['connecting', 'ready']);
      const refreshed = await hosts.refresh(bystander.id);
      expect(refreshed.counts).toEqual(lab.daemons.tcp.containers);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('a burst of 1,000 distinct container events: two list reads in flight at most, and the same containers as /containers/json', async () => {
    fake = await new FakeDaemonServer().start();
    fake.listDelayMs = 5;
    hosts = new ConnectionManager({ knownHosts: labKnownHosts(lab) });
    await hosts.upsertHost(subject(fake));
    await hosts.waitFor('hostile', ['ready'], 10_000);
    await expect.poll(() => fake!.eventListeners()).toBe(1);
    const listsBefore = fake.stats.containerLists;

    for (let i = 0; i < 1_000; i += 1) {
      const container = fakeContainer(i, i % 4 === 0 ? 'exited' : 'running');
      fake.containers.push(container);
      for (const action of ['create', 'start'])
        fake.emit({ Type: 'container', Action: action, Actor: { ID: container.Id, Attributes: {} } });
      // A compose project coming up: containers in quick succession, not all in one tick.
      if (i % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
    }

    // statusSince is the read's clock minus the daemon's "Up 2 minutes": it differs by read, so it is left out.
    const comparable = (containers: readonly ContainerSummary[]) =>
      containers.map(({ statusSince: _readTime, ...rest }) => rest).sort((a, b) => a.id.localeCompare(b.id));
    const expected = comparable(readContainers(JSON.parse(fake.listBody())));
    await expect.poll(() => comparable(hosts!.snapshot('hostile')?.containers ?? []), { timeout: 30_000 }).toEqual(expected);
    expect(hosts.snapshot('hostile')?.counts).toEqual({ total: 1_000, running: 750, paused: 0, stopped: 250 });
    expect(fake.stats.peakListsInFlight).toBeLessThanOrEqual(2);
    const burstReads = fake.stats.containerLists - listsBefore;
    console.log(`1,000 container events → ${burstReads} /containers/json requests, at most ${fake.stats.peakListsInFlight} in flight`);
    expect(burstReads).toBeLessThanOrEqual(20);
  });
});
