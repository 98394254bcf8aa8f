import { PassThrough } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HostProfile } from '../../shared/profile.js';
import type { HostStatus } from '../../shared/snapshot.js';
import { ConnectionManager } from './connection-manager.js';
import { BerthError } from './errors.js';
import { HostKeyError } from './ssh/host-key-error.js';
import type { KnownHosts } from './ssh/known-hosts.js';
import type { DockerConnection } from './transports/docker-connection.js';

// Fakes shaped like dockerd 20.10 answers; the lab integration tests cover the real thing.
const version = { Version: '20.10.24', ApiVersion: '1.41', Os: 'linux', Arch: 'amd64', KernelVersion: '6.1.0' };
const info = {
  Driver: 'overlay2',
  DriverStatus: [
    ['Backing Filesystem', 'extfs'],
    ['Supports d_type', 'true'],
  ],
  ServerVersion: '20.10.24',
  NCPU: 2,
};
const container = (id: string, state: string) => ({
  Id: id,
  Names: [`/${id}`],
  Image: 'berth-lab/busybox:latest',
  State: state,
  Status: state,
  Ports: [],
  Created: 1764300000,
  Labels: {},
});

class FakeDaemon {
  containers = [container('a1', 'running'), container('b2', 'exited')];
  streams: PassThrough[] = [];
  connections = 0;
  closed = 0;
  /** Requests per path. */
  reads: Record<string, number> = {};
  /** How long /system/df takes, and how many ran at once at most. */
  dfDelayMs = 0;
  dfRunning = 0;
  dfPeak = 0;
  /** When set, /events fails with it instead of streaming. */
  streamError: Error | undefined;

  connection(): DockerConnection {
    this.connections += 1;
    const get = async (path: string, query?: Record<string, unknown>) => {
      this.reads[path] = (this.reads[path] ?? 0) + 1;
      if (path === '/version') return version;
      if (path === '/info') return info;
      if (path === '/system/df') {
        this.dfPeak = Math.max(this.dfPeak, ++this.dfRunning);
        await new Promise((resolve) => setTimeout(resolve, this.dfDelayMs));
        this.dfRunning -= 1;
        return { LayersSize: 0, Images: [], Containers: [], Volumes: [], BuildCache: [] };
      }
      if (path === '/_ping') return 'OK';
      if (path === '/containers/json') {
        const ids = (query?.filters as { id?: string[] } | undefined)?.id;
        return ids ? this.containers.filter((c) => ids.includes(c.Id)) : this.containers;
      }
      throw new Error(`unexpected ${path}`);
    };
    const api = { get, post: get, stream: async () => undefined } as unknown as DockerConnection['api'];
    const streamApi = {
      stream: async () => {
        if (this.streamError) throw this.streamError;
        const stream = new PassThrough();
        this.streams.push(stream);
        return stream as unknown as IncomingMessage;
      },
    } as unknown as DockerConnection['streamApi'];
    return {
      endpoint: 'tcp://fake:2375',
      api,
      streamApi,
      docker: {} as DockerConnection['docker'],
      onLost: () => undefined,
      openSockets: () => ({ requests: 0, streams: 0, free: 0 }),
      close: async () => {
        this.closed += 1;
      },
    };
  }

  emit(event: object): void {
    this.streams.at(-1)?.write(`${JSON.stringify(event)}\n`);
  }
}

const profile: HostProfile = { id: 'h1', name: 'fake', tags: [], transport: { type: 'tcp', host: 'fake', port: 2375 } };
const knownHosts = { trust: vi.fn(async () => undefined) } as unknown as KnownHosts;
const fastBackoff = { initialMs: 5, maxMs: 20, random: () => 0.5 };

function makeManager(open: () => Promise<DockerConnection>) {
  const manager = new ConnectionManager({ knownHosts, backoff: fastBackoff, heartbeatMs: 60_000, timeoutMs: 1000, openConnection: open });
  const statuses: HostStatus['state'][] = [];
  manager.subscribe((event) => {
    if (event.type === 'status') statuses.push(event.status.state);
  });
  return { manager, statuses };
}

let active: ConnectionManager | undefined;
afterEach(async () => {
  await active?.dispose();
  active = undefined;
});

describe('ConnectionManager', () => {
  it('connects, publishes the snapshot and becomes ready', async () => {
    const daemon = new FakeDaemon();
    const { manager, statuses } = makeManager(async () => daemon.connection());
    active = manager;
    await manager.upsertHost(profile);
    await manager.waitFor('h1', ['ready'], 2000);
    expect(statuses).toEqual(['connecting', 'ready']);
    expect(manager.snapshot('h1')?.counts).toEqual({ total: 2, running: 1, paused: 0, stopped: 1 });
    expect(manager.snapshot('h1')?.storage.driver).toBe('overlay2');
  });

  it('keeps the container list current from events, without re-reading everything', async () => {
    const daemon = new FakeDaemon();
    const { manager } = makeManager(async () => daemon.connection());
    active = manager;
    await manager.upsertHost(profile);
    await manager.waitFor('h1', ['ready'], 2000);
    await vi.waitFor(() => expect(daemon.streams).toHaveLength(1));

    daemon.containers.push(container('c3', 'running'));
    daemon.emit({ Type: 'container', Action: 'start', Actor: { ID: 'c3', Attributes: {} } });
    await vi.waitFor(() => expect(manager.snapshot('h1')?.counts.running).toBe(2));

    daemon.containers = daemon.containers.filter((c) => c.Id !== 'b2');
    daemon.emit({ Type: 'container', Action: 'destroy', Actor: { ID: 'b2', Attributes: {} } });
    await vi.waitFor(() =>
      expect(
        manager
          .snapshot('h1')
          ?.containers.map((c) => c.id)
          .sort(),
      ).toEqual(['a1', 'c3']),
    );
    expect(daemon.connections).toBe(1);
  });

  it('reconnects with backoff when the event stream drops, then re-reads the snapshot', async () => {
    const daemon = new FakeDaemon();
    const { manager, statuses } = makeManager(async () => daemon.connection());
    active = manager;
    await manager.upsertHost(profile);
    await manager.waitFor('h1', ['ready'], 2000);
    await vi.waitFor(() => expect(daemon.streams).toHaveLength(1));
    daemon.containers.push(container('d4', 'running'));
    daemon.streams[0]!.end();
    await vi.waitFor(() => expect(statuses.filter((s) => s === 'ready')).toHaveLength(2));
    expect(statuses).toEqual(['connecting', 'ready', 'reconnecting', 'ready']);
    expect(daemon.closed).toBe(1);
    expect(manager.snapshot('h1')?.counts.total).toBe(3);
  });

  it('keeps retrying while the daemon is unreachable, keeping the last error', async () => {
    const daemon = new FakeDaemon();
    let failures = 3;
    const { manager } = makeManager(async () => {
      if (failures-- > 0) throw new BerthError('CONNECTION_REFUSED', 'Nothing is listening at tcp://fake:2375.');
      return daemon.connection();
    });
    active = manager;
    const seen: HostStatus[] = [];
    manager.subscribe((event) => event.type === 'status' && seen.push(event.status));
    await manager.upsertHost(profile);
    await manager.waitFor('h1', ['ready'], 2000);
    const retries = seen.filter((s) => s.state === 'reconnecting');
    expect(retries.map((s) => (s.state === 'reconnecting' ? s.attempt : 0))).toEqual([1, 2, 3]);
    expect(retries[0]).toMatchObject({ lastError: { code: 'CONNECTION_REFUSED' } });
  });

  it('does not retry errors only the operator can fix', async () => {
    const { manager, statuses } = makeManager(async () => {
      throw new BerthError('TLS_UNTRUSTED_CERTIFICATE', 'The daemon presented a certificate not signed by your CA.');
    });
    active = manager;
    await manager.upsertHost(profile);
    const status = await manager.waitFor('h1', ['failed'], 2000);
    expect(status).toMatchObject({ state: 'failed', error: { code: 'TLS_UNTRUSTED_CERTIFICATE' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(statuses).toEqual(['connecting', 'failed']);
  });

  it('waits for the operator on an unknown host key, then trusts it and connects', async () => {
    const daemon = new FakeDaemon();
    const hostKey = { host: '127.0.0.1', port: 22, keyType: 'ssh-ed25519', fingerprint: 'SHA256:abc', changed: false };
    let first = true;
    const { manager } = makeManager(async () => {
      if (first) {
        first = false;
        throw new HostKeyError('SSH_HOST_KEY_UNKNOWN', 'Unknown host key.', { prompt: hostKey, keyBlob: Buffer.from('key') });
      }
      return daemon.connection();
    });
    active = manager;
    await manager.upsertHost(profile);
    const waiting = await manager.waitFor('h1', ['needs-host-key-confirmation'], 2000);
    expect(waiting).toEqual({ state: 'needs-host-key-confirmation', hostKey });
    await manager.acceptHostKey('h1', true);
    await manager.waitFor('h1', ['ready'], 2000);
    expect(knownHosts.trust).toHaveBeenCalledWith('127.0.0.1', 22, 'ssh-ed25519', Buffer.from('key'), { persist: true });
  });

  it('fails hard on a changed host key and never trusts it', async () => {
    const hostKey = {
      host: '127.0.0.1',
      port: 22,
      keyType: 'ssh-ed25519',
      fingerprint: 'SHA256:new',
      changed: true,
      knownFingerprint: 'SHA256:old',
    };
    const { manager } = makeManager(async () => {
      throw new HostKeyError('SSH_HOST_KEY_CHANGED', 'The host key changed.', { prompt: hostKey, keyBlob: Buffer.from('key') });
    });
    active = manager;
    await manager.upsertHost(profile);
    const status = await manager.waitFor('h1', ['failed'], 2000);
    expect(status).toMatchObject({ state: 'failed', error: { code: 'SSH_HOST_KEY_CHANGED' }, hostKey: { changed: true } });
    await expect(manager.acceptHostKey('h1', true)).rejects.toThrow(/not waiting/);
  });

  it('reads /version once per connection, not on every refresh', async () => {
    const daemon = new FakeDaemon();
    const { manager } = makeManager(async () => daemon.connection());
    active = manager;
    await manager.upsertHost(profile);
    await manager.waitFor('h1', ['ready'], 2000);
    for (let i = 0; i < 3; i += 1) await manager.refresh('h1');
    expect(daemon.reads['/version']).toBe(1);
    expect(daemon.reads['/info']).toBe(4);
    expect(manager.snapshot('h1')?.summary.serverVersion).toBe('20.10.24');
  });

  it('answers a refresh of a host that is not connected with HOST_NOT_CONNECTED', async () => {
    const { manager } = makeManager(async () => {
      throw new BerthError('TLS_UNTRUSTED_CERTIFICATE', 'untrusted');
    });
    active = manager;
    await manager.upsertHost(profile);
    await manager.waitFor('h1', ['failed'], 2000);
    await expect(manager.refresh('h1')).rejects.toMatchObject({
      code: 'HOST_NOT_CONNECTED',
      message: expect.stringMatching(/not connected \(failed\)/),
    });
  });

  it('fails the host, without retrying, when its daemon sends an answer over the cap', async () => {
    const daemon = new FakeDaemon();
    daemon.streamError = new BerthError('RESPONSE_TOO_LARGE', 'tcp://fake:2375 sent an error answer of more than 64 KiB to GET /events.');
    const { manager, statuses } = makeManager(async () => daemon.connection());
    active = manager;
    await manager.upsertHost(profile);
    const status = await manager.waitFor('h1', ['failed'], 2000);
    expect(status).toMatchObject({ error: { code: 'RESPONSE_TOO_LARGE' } });
    expect(statuses).toEqual(['connecting', 'ready', 'failed']);
  });

  it('never runs two disk-usage reads at once, whatever asks for them', async () => {
    const daemon = new FakeDaemon();
    daemon.dfDelayMs = 40;
    const { manager } = makeManager(async () => daemon.connection());
    active = manager;
    await manager.upsertHost(profile);
    await manager.waitFor('h1', ['ready'], 2000);
    await vi.waitFor(() => expect(daemon.streams).toHaveLength(1));
    const refreshes = Promise.all([manager.refresh('h1'), manager.refresh('h1')]);
    for (let i = 0; i < 50; i += 1) daemon.emit({ Type: 'image', Action: 'pull', Actor: { ID: `sha256:${i}`, Attributes: {} } });
    await refreshes;
    const before = daemon.reads['/system/df'] ?? 0;
    // The event burst asks for one debounced read after its delay (1 s).
    await vi.waitFor(() => expect(daemon.reads['/system/df']).toBe(before + 1), { timeout: 3000 });
    expect(daemon.dfPeak).toBe(1);
  });

  it('is ready before its disk usage returns; the df reading completes the snapshot after', async () => {
    const daemon = new FakeDaemon();
    daemon.dfDelayMs = 300;
    const { manager } = makeManager(async () => daemon.connection());
    active = manager;
    await manager.upsertHost(profile);
    await manager.waitFor('h1', ['ready'], 2000);
    expect(manager.snapshot('h1')?.diskUsage).toBeNull();
    await vi.waitFor(() => expect(daemon.dfRunning).toBe(1));
    expect(manager.snapshot('h1')?.diskUsage).toBeNull();
    await vi.waitFor(() => expect(manager.snapshot('h1')?.diskUsage?.images.count).toBeGreaterThanOrEqual(0), { timeout: 2000 });
    expect(manager.snapshot('h1')?.diskUsage).not.toBeNull();
  });

  it('paces disk usage across hosts of one daemon: one df at a time, shared by those who asked meanwhile', async () => {
    const daemon = new FakeDaemon();
    daemon.dfDelayMs = 40;
    const { manager } = makeManager(async () => daemon.connection());
    active = manager;
    const ids = ['h1', 'h2', 'h3', 'h4'];
    for (const id of ids) await manager.upsertHost({ ...profile, id });
    for (const id of ids) await manager.waitFor(id, ['ready'], 2000);
    await vi.waitFor(() => expect(ids.every((id) => manager.snapshot(id)?.diskUsage)).toBe(true), { timeout: 2000 });
    expect(daemon.dfPeak).toBe(1);
    // Four hosts, one daemon (same endpoint, no /info ID): one read, then one for the three that waited.
    expect(daemon.reads['/system/df']).toBe(2);
  });

  it('closes every connection on dispose', async () => {
    const daemon = new FakeDaemon();
    const { manager } = makeManager(async () => daemon.connection());
    await manager.upsertHost(profile);
    await manager.upsertHost({ ...profile, id: 'h2' });
    await manager.waitFor('h1', ['ready'], 2000);
    await manager.waitFor('h2', ['ready'], 2000);
    await manager.dispose();
    expect(daemon.closed).toBe(2);
    expect(() => manager.status('h1')).toThrow(/no host with id "h1"/);
    await expect(manager.upsertHost(profile)).rejects.toThrow(/shut down/);
  });
});
