import { afterEach, describe, expect, it } from 'vitest';
import type { HostProfile } from '../../shared/profile.js';
import type { HostSnapshot } from '../../shared/snapshot.js';
import { FakeDaemon } from '../../test-support/service-fakes.js';
import { type ConnectionEvent, ConnectionManager } from './connection-manager.js';
import type { KnownHosts } from './ssh/known-hosts.js';
import type { DockerConnection } from './transports/docker-connection.js';

const profile: HostProfile = { id: 'h1', name: 'one', tags: [], transport: { type: 'tcp', host: '127.0.0.1', port: 2375 } };
const managers: ConnectionManager[] = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((manager) => manager.dispose()));
});

/** A snapshot from an earlier run: a container the daemon no longer lists. */
const earlier: HostSnapshot = {
  hostId: 'h1',
  summary: {
    serverVersion: '20.10.5',
    apiVersion: '1.41',
    os: 'linux',
    osType: 'linux',
    kernelVersion: '5.10',
    architecture: 'x86_64',
    cpus: 1,
    memoryBytes: 1,
    name: 'old',
    dockerRootDir: '/var/lib/docker',
    loggingDriver: 'json-file',
    cgroupDriver: 'systemd',
    cgroupVersion: '2',
    securityOptions: [],
    insecureRegistries: [],
    registryMirrors: [],
    daemonWarnings: [],
  },
  storage: { driver: 'overlay2', status: [], reading: { driver: 'overlay2' }, warnings: [] },
  diskUsage: null,
  containers: [
    { id: 'gone', names: ['/gone'], image: 'busybox', state: 'running', status: 'Up 2 hours', ports: [], created: 1, labels: {} },
  ],
  counts: { total: 1, running: 1, paused: 0, stopped: 0 },
  updatedAt: 1_000,
};

function manager(openConnection: (profile: HostProfile) => Promise<DockerConnection>): {
  manager: ConnectionManager;
  events: ConnectionEvent[];
} {
  const events: ConnectionEvent[] = [];
  const created = new ConnectionManager({
    knownHosts: {} as KnownHosts,
    openConnection,
    heartbeatMs: 60_000,
    restoredSnapshot: (hostId) => (hostId === 'h1' ? earlier : undefined),
  });
  created.subscribe((event) => events.push(event));
  managers.push(created);
  return { manager: created, events };
}

describe('ConnectionManager with a restored snapshot', () => {
  it('shows it from the start, announced as restored (not as a reading), and never as live truth', async () => {
    const { manager: connections, events } = manager(() => new Promise<never>(() => undefined));
    await connections.upsertHost(profile);
    expect(connections.snapshot('h1')).toBe(earlier);
    expect(connections.liveSnapshot('h1')).toBeNull();
    expect(connections.status('h1').state).toBe('connecting');
    expect(events.map((event) => event.type)).toEqual(['restored', 'status']);
    expect(events[0]).toEqual({ type: 'restored', hostId: 'h1', snapshot: earlier });
  });

  it('gives way to the first live read', async () => {
    const { manager: connections, events } = manager(new FakeDaemon().open);
    await connections.upsertHost(profile);
    await connections.waitFor('h1', ['ready'], 5_000);
    const live = connections.snapshot('h1');
    expect(live?.containers.map((container) => container.id)).toEqual(['a1', 'b2']);
    expect(connections.liveSnapshot('h1')).toBe(live);
    expect(events.filter((event) => event.type === 'snapshot')).toEqual([{ type: 'snapshot', hostId: 'h1', snapshot: live }]);
  });
});
