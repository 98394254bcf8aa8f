import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../../test-support/docker-fixtures.js';
import { AuditLog } from '../containers/audit-log.js';
import { BerthError } from '../errors.js';
import type { DockerConnection } from '../transports/docker-connection.js';
import { type PruneHost, PruneRunner } from './prune-runner.js';

/** A connection whose reads answer the prepared lab cleanup daemon's bodies and whose prune does `post`. */
function fakeConnection(post: (path: string, query: unknown) => Promise<unknown>): DockerConnection {
  const bodies: Record<string, unknown> = {
    '/version': loadFixture('cleanup/version.json'),
    '/containers/json': loadFixture('cleanup/containers.json'),
    '/images/json': loadFixture('cleanup/images.json'),
    '/system/df': loadFixture('cleanup/system-df.json'),
    '/networks': loadFixture('cleanup/networks.json'),
  };
  const api = {
    get: async (path: string) => {
      if (path.startsWith('/networks/')) return { Containers: {} };
      return bodies[path];
    },
    post: (path: string, query: unknown) => post(path, query),
  };
  return { api } as unknown as DockerConnection;
}

function host(connection: () => DockerConnection | null, extra: Partial<PruneHost> = {}): PruneHost {
  return { id: 'h1', name: 'build-01', readOnly: false, production: false, connection, readDiskUsage: () => null, ...extra };
}

describe('PruneRunner', () => {
  it('prunes through the endpoint and filters of the kind, never a list of ids', async () => {
    const calls: Array<[string, unknown]> = [];
    const connection = fakeConnection(async (path, query) => {
      calls.push([path, query]);
      return { ImagesDeleted: [{ Deleted: 'sha256:x' }], SpaceReclaimed: 9 };
    });
    const runner = new PruneRunner(new AuditLog(), 'op');
    const result = await runner.run(
      host(() => connection),
      { kind: 'dangling-images', includeNamedVolumes: false },
    );
    expect(calls).toEqual([['/images/prune', { filters: { dangling: ['true'] } }]]);
    expect(result).toMatchObject({ outcome: 'done', report: { removed: ['deleted: sha256:x'], reclaimedBytes: 9 }, preview: { count: 2 } });
    await runner.run(
      host(() => connection),
      { kind: 'unused-images', includeNamedVolumes: false },
    );
    await runner.run(
      host(() => connection),
      { kind: 'volumes', includeNamedVolumes: true },
    );
    // API 1.41 has no `all` filter: every unused volume is pruned anyway.
    expect(calls.slice(1)).toEqual([
      ['/images/prune', { filters: { dangling: ['false'] } }],
      ['/volumes/prune', undefined],
    ]);
  });

  it('a connection that fails during the prune: the outcome is unknown, the kind is re-read once the host answers, the audit says unknown', async () => {
    const audit = new AuditLog();
    let up = true;
    const connection = fakeConnection(async () => {
      up = false;
      setTimeout(() => (up = true), 300);
      throw new BerthError('CONNECTION_RESET', 'The SSH connection closed.');
    });
    const runner = new PruneRunner(audit, 'op', { rereadWaitMs: 5_000 });
    const result = await runner.run(
      host(() => (up ? connection : null)),
      { kind: 'containers', includeNamedVolumes: false },
    );
    expect(result.outcome).toBe('unknown');
    if (result.outcome !== 'unknown') return;
    expect(result.error.code).toBe('CONNECTION_RESET');
    expect(result.error.message).toMatch(/what it removed is unknown/);
    expect(result.after?.count).toBe(3);
    const [entry] = (await audit.list(undefined, 10)).entries;
    expect(entry).toMatchObject({ action: 'prune:containers', result: 'unknown', errorCode: 'CONNECTION_RESET' });
  });

  it('a host that does not come back: unknown with no re-read, and the reason', async () => {
    let up = true;
    const connection = fakeConnection(async () => {
      up = false;
      throw new BerthError('TIMEOUT', 'no answer');
    });
    const runner = new PruneRunner(new AuditLog(), 'op', { rereadWaitMs: 600 });
    const result = await runner.run(
      host(() => (up ? connection : null)),
      { kind: 'volumes', includeNamedVolumes: false },
    );
    expect(result).toMatchObject({ outcome: 'unknown', after: null, afterError: { code: 'HOST_NOT_CONNECTED' } });
  });

  it('a daemon that refuses (409, a prune already running) is an error, not unknown; read-only refuses before any request', async () => {
    const audit = new AuditLog();
    const connection = fakeConnection(async () => {
      throw new BerthError('DAEMON_ERROR', 'a prune operation is already running');
    });
    const runner = new PruneRunner(audit, 'op');
    await expect(
      runner.run(
        host(() => connection),
        { kind: 'containers', includeNamedVolumes: false },
      ),
    ).rejects.toMatchObject({ code: 'DAEMON_ERROR' });
    let asked = false;
    const readOnly = host(
      () => {
        asked = true;
        return connection;
      },
      { readOnly: true },
    );
    await expect(runner.run(readOnly, { kind: 'containers', includeNamedVolumes: false })).rejects.toMatchObject({ code: 'READ_ONLY' });
    expect(asked).toBe(false);
    expect((await audit.list(undefined, 10)).entries.map((entry) => [entry.result, entry.errorCode])).toEqual([
      ['error', 'READ_ONLY'],
      ['error', 'DAEMON_ERROR'],
    ]);
  });
});
