import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostProfile } from '../../shared/profile.js';
import { ConnectionManager } from './connection-manager.js';
import type { DockerEvent } from './events-stream.js';
import { KnownHosts } from './ssh/known-hosts.js';
import type { DockerConnection } from './transports/docker-connection.js';

const profile: HostProfile = { id: 'h1', name: 'h1', tags: [], transport: { type: 'tcp', host: '127.0.0.1', port: 2375 } };
const info = { Driver: 'overlay2', DriverStatus: [], ServerVersion: '20.10.24', NCPU: 2 };
const version = { Version: '20.10.24', ApiVersion: '1.41', Os: 'linux', Arch: 'amd64', KernelVersion: '6.1.0' };

/** A daemon whose `/events` streams the test writes to and ends; it records each stream's `since`. */
function eventsDaemon() {
  const streams: Array<{ since: string | undefined; body: PassThrough }> = [];
  const open = async (): Promise<DockerConnection> => {
    const get = async (apiPath: string) => {
      if (apiPath === '/version') return version;
      if (apiPath === '/info') return info;
      if (apiPath === '/system/df') return { LayersSize: 0, Images: [], Containers: [], Volumes: [], BuildCache: [] };
      if (apiPath === '/containers/json') return [];
      return 'OK';
    };
    return {
      endpoint: 'tcp://fake:2375',
      api: { get, post: get } as unknown as DockerConnection['api'],
      streamApi: {
        stream: async (_path: string, query: Record<string, string>) => {
          const body = new PassThrough();
          streams.push({ since: query.since, body });
          return body as unknown as IncomingMessage;
        },
      } as unknown as DockerConnection['streamApi'],
      docker: {} as DockerConnection['docker'],
      openSockets: () => ({ requests: 0, streams: 0, free: 0 }),
      onLost: () => undefined,
      close: async () => undefined,
    };
  };
  return { streams, open };
}

const line = (timeNano: number, action: string, id = 'c1') =>
  `${JSON.stringify({ Type: 'container', Action: action, Actor: { ID: id, Attributes: { name: 'api' } }, time: Math.floor(timeNano / 1e9), timeNano })}\n`;

const managers: ConnectionManager[] = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((manager) => manager.dispose()));
});

describe('a host session’s event stream across reconnects', () => {
  it('resumes with since= the last event’s second and passes each event on once, in order', async () => {
    const daemon = eventsDaemon();
    const second = 1_764_576_000e9;
    const manager = new ConnectionManager({
      knownHosts: new KnownHosts({ file: '/nonexistent/known_hosts' }),
      openConnection: daemon.open,
      backoff: { initialMs: 10, maxMs: 20, random: () => 0 },
      heartbeatMs: 60_000,
      eventResume: () => ({ timeNano: second - 5e9, keys: [] }),
    });
    managers.push(manager);
    const seen: DockerEvent[] = [];
    manager.subscribe((event) => {
      if (event.type === 'docker-event') seen.push(event.event);
    });
    await manager.upsertHost(profile);
    await expect.poll(() => daemon.streams.length).toBe(1);
    // The first stream resumes from the stored point (an earlier run).
    expect(daemon.streams[0]!.since).toBe(String((second - 5e9) / 1e9));
    daemon.streams[0]!.body.write(line(second + 1e6, 'create') + line(second + 2e6, 'start'));
    await expect.poll(() => seen.length).toBe(2);
    daemon.streams[0]!.body.end();

    await expect.poll(() => daemon.streams.length, { timeout: 5_000 }).toBe(2);
    expect(daemon.streams[1]!.since).toBe(String(second / 1e9));
    // The daemon re-sends the boundary second, then what happened while the stream was down.
    daemon.streams[1]!.body.write(
      line(second + 1e6, 'create') + line(second + 2e6, 'start') + line(second + 3e6, 'die') + line(second + 2e9, 'destroy'),
    );
    await expect.poll(() => seen.length).toBe(4);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen.map((event) => event.action)).toEqual(['create', 'start', 'die', 'destroy']);
  });
});
