import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostProfile } from '../../../shared/profile.js';
import type { HostStatus } from '../../../shared/snapshot.js';
import { type ConnectionEvent, ConnectionManager } from '../connection-manager.js';
import { BerthError } from '../errors.js';
import type { KnownHosts } from '../ssh/known-hosts.js';
import type { DockerConnection } from '../transports/docker-connection.js';
import { HealthBudget } from './health-budget.js';

/** Shaped like dockerd 20.10's answers (main/core/app/test-support's FakeDaemon has no bounded /events). */
const version = { Version: '20.10.24', ApiVersion: '1.41', Os: 'linux', Arch: 'amd64', KernelVersion: '6.1.0' };
const info = { Driver: 'overlay2', DriverStatus: [], ServerVersion: '20.10.24', NCPU: 2, SystemTime: '2026-12-01T10:00:05.250000000Z' };
const started = {
  Type: 'container',
  Action: 'start',
  Actor: { ID: 'c1', Attributes: { name: 'web' } },
  timeNano: Date.parse('2026-12-01T10:00:04.500Z') * 1e6,
};

/** A daemon whose `/events?since&until` answers the events given, then ends; it records what was asked. */
class StandbyDaemon {
  readonly requests: string[] = [];
  /** The paths asked over each connection (one standby read each). */
  readonly reads: string[][] = [];
  events: object[] = [started];
  failWith: Error | undefined;
  opened = 0;
  closed = 0;
  liveStreams = 0;

  readonly open = async (): Promise<DockerConnection> => {
    if (this.failWith) throw this.failWith;
    this.opened += 1;
    const read: string[] = [];
    this.reads.push(read);
    const get = async (path: string) => {
      this.requests.push(path);
      read.push(path);
      if (path === '/version') return version;
      if (path === '/info') return info;
      if (path === '/containers/json') return [{ Id: 'c1', Names: ['/web'], Image: 'busybox', State: 'running', Status: 'Up', Created: 1 }];
      if (path === '/system/df') return { LayersSize: 0, Images: [], Containers: [], Volumes: [], BuildCache: [] };
      return 'OK';
    };
    const events = this.events;
    const requests = this.requests;
    const stream = (path: string) => {
      requests.push(path);
      read.push(path.split('?')[0] as string);
    };
    return {
      endpoint: 'tcp://fake:2375',
      api: {
        get,
        stream: async (path: string, query: Record<string, string>) => {
          stream(`${path}?since=${query.since}&until=${query.until}`);
          const body = new PassThrough();
          body.end(events.map((event) => `${JSON.stringify(event)}\n`).join(''));
          return body as unknown as IncomingMessage;
        },
      } as unknown as DockerConnection['api'],
      streamApi: {
        stream: async () => {
          this.liveStreams += 1;
          return new PassThrough() as unknown as IncomingMessage;
        },
      } as unknown as DockerConnection['streamApi'],
      docker: {} as DockerConnection['docker'],
      onLost: () => undefined,
      openSockets: () => ({ requests: 0, streams: 0, free: 0 }),
      close: async () => {
        this.closed += 1;
      },
    };
  };
}

const profile: HostProfile = { id: 'h1', name: 'fake', tags: [], transport: { type: 'tcp', host: 'fake', port: 2375 } };
const knownHosts = {} as KnownHosts;

let active: ConnectionManager | undefined;
afterEach(async () => {
  await active?.dispose();
  active = undefined;
});

function standbyFleet(daemon: StandbyDaemon, intervalMs = 40) {
  const events: ConnectionEvent[] = [];
  const manager = new ConnectionManager({
    knownHosts,
    backoff: { initialMs: 5, maxMs: 20, random: () => 0.5 },
    timeoutMs: 1_000,
    openConnection: daemon.open,
    standby: { budget: new HealthBudget({ connections: 2, requestsPerSecond: 1_000 }), nextReadDelayMs: () => intervalMs },
    modeOf: () => 'standby',
  });
  manager.subscribe((event) => events.push(event));
  active = manager;
  return { manager, events };
}

function waitFor(manager: ConnectionManager, done: (status: HostStatus) => boolean, timeoutMs = 2_000): Promise<HostStatus> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still ${JSON.stringify(manager.status('h1'))}`)), timeoutMs);
    const check = (status: HostStatus) => {
      if (!done(status)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(status);
    };
    const unsubscribe = manager.subscribe((event) => {
      if (event.type === 'status') check(event.status);
    });
    check(manager.status('h1'));
  });
}

describe('a standby host session', () => {
  it('reads version once, info, containers and the events up to the daemon clock, holds no connection, and passes each event on once', async () => {
    const daemon = new StandbyDaemon();
    const { manager, events } = standbyFleet(daemon);
    await manager.upsertHost(profile);
    const first = await waitFor(manager, (status) => status.state === 'ready');
    expect(first).toMatchObject({ state: 'ready', standby: { checkedAt: expect.any(Number) } });
    expect(manager.snapshot('h1')?.containers.map((container) => container.id)).toEqual(['c1']);
    expect(manager.connection('h1')).toBeNull();
    // Two more reads: the same event is replayed by the daemon's `since` second and dropped.
    await waitFor(manager, () => daemon.opened >= 3);
    await waitFor(manager, (status) => status.state === 'ready' && daemon.closed >= 3);
    expect(daemon.requests.filter((path) => path === '/version')).toHaveLength(1);
    expect(daemon.requests.filter((path) => path === '/system/df')).toHaveLength(0);
    const eventReads = daemon.requests.filter((path) => path.startsWith('/events'));
    // until = /info's SystemTime (a daemon clock behind this machine's: the first since is clamped to
    // it), then that clock as it ran on; the next since = the second of the last event (or of until).
    expect(eventReads[0]).toBe('/events?since=1796119205&until=1796119205.250');
    expect(eventReads[1]).toMatch(/^\/events\?since=1796119205&until=1796119205\.(2[5-9]\d|[3-9]\d\d)$/);
    expect(events.filter((event) => event.type === 'docker-event')).toHaveLength(1);
    expect(daemon.liveStreams).toBe(0);
  });

  it('reads light between full reads: the events alone while idle, the list after a container event, everything every fifth read or after a daemon event', async () => {
    const daemon = new StandbyDaemon();
    daemon.events = [];
    const { manager } = standbyFleet(daemon, 20);
    await manager.upsertHost(profile);
    await waitFor(manager, () => daemon.reads.length >= 6);
    const full = ['/info', '/containers/json', '/events'];
    expect(daemon.reads[0]?.filter((path) => path !== '/version').sort()).toEqual(full.sort());
    expect(daemon.reads.slice(1, 5)).toEqual([['/events'], ['/events'], ['/events'], ['/events']]);
    expect(daemon.reads[5]?.slice().sort()).toEqual(full.sort());

    const seen = daemon.reads.length;
    daemon.events = [{ ...started, timeNano: Date.now() * 1e6 + 1 }];
    await waitFor(manager, () => daemon.reads.length >= seen + 2);
    // Reads 0, 5, 10, … are full; a light one reads the list after the events named a container.
    const afterContainerEvent = daemon.reads[seen]?.slice().sort();
    expect(afterContainerEvent).toEqual(seen % 5 === 0 ? full.sort() : ['/containers/json', '/events']);

    // A read that would be light (index 2 of its five) meets a daemon event: it reads everything.
    await waitFor(manager, () => daemon.reads.length % 5 === 2);
    const before = daemon.reads.length;
    daemon.events = [{ Type: 'daemon', Action: 'reload', Actor: { ID: 'd1', Attributes: {} }, timeNano: Date.now() * 1e6 + 2 }];
    await waitFor(manager, (status) => status.state === 'ready' && daemon.reads.length >= before + 2);
    expect(daemon.reads[before]?.slice().sort()).toEqual(['/containers/json', '/events', '/events', '/info']);
  });

  it('follows a failed read with a full one, which learns the daemon clock again', async () => {
    const daemon = new StandbyDaemon();
    daemon.events = [];
    const { manager } = standbyFleet(daemon, 20);
    await manager.upsertHost(profile);
    // Read 2 of five would be light.
    await waitFor(manager, () => daemon.reads.length === 2);
    daemon.failWith = new BerthError('CONNECTION_REFUSED', 'refused');
    await waitFor(manager, (status) => status.state === 'reconnecting');
    daemon.failWith = undefined;
    await waitFor(manager, (status) => status.state === 'ready' && daemon.reads.length >= 3);
    expect(daemon.reads[2]).toContain('/info');
  });

  it('is promoted to live without leaving ready, and demoted back to standby keeping its snapshot', async () => {
    const daemon = new StandbyDaemon();
    const { manager, events } = standbyFleet(daemon, 60_000);
    await manager.upsertHost(profile);
    await waitFor(manager, (status) => status.state === 'ready');
    const from = events.length;
    manager.setMode('h1', 'live');
    const live = await waitFor(manager, (status) => status.state === 'ready' && status.standby === undefined);
    expect(live.state).toBe('ready');
    expect(daemon.liveStreams).toBe(1);
    expect(manager.connection('h1')).not.toBeNull();
    const states = events.slice(from).flatMap((event) => (event.type === 'status' ? [event.status.state] : []));
    expect(states).toEqual(['ready']);
    manager.setMode('h1', 'standby');
    const back = await waitFor(manager, (status) => status.state === 'ready' && status.standby !== undefined);
    expect(back.state === 'ready' && back.since).toBe(live.state === 'ready' && live.since);
    expect(manager.connection('h1')).toBeNull();
    expect(manager.snapshot('h1')?.containers).toHaveLength(1);
  });

  it('reports a failed read like a live session: retryable → reconnecting no later than the next read, else failed', async () => {
    const daemon = new StandbyDaemon();
    daemon.failWith = new BerthError('CONNECTION_REFUSED', 'refused');
    const { manager } = standbyFleet(daemon, 50);
    await manager.upsertHost(profile);
    const retrying = await waitFor(manager, (status) => status.state === 'reconnecting');
    if (retrying.state !== 'reconnecting') throw new Error('unreachable');
    expect(retrying.nextAttemptAt - Date.now()).toBeLessThanOrEqual(50);
    daemon.failWith = undefined;
    await waitFor(manager, (status) => status.state === 'ready');
    daemon.failWith = new BerthError('TLS_UNTRUSTED_CERTIFICATE', 'expired');
    const failed = await waitFor(manager, (status) => status.state === 'failed');
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'TLS_UNTRUSTED_CERTIFICATE' } });
  });
});
