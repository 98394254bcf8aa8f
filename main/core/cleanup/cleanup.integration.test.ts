import { readFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CleanupKind, KindPreview, PruneResult } from '../../../shared/cleanup.js';
import type { Transport } from '../../../shared/profile.js';
import {
  LAB_CLEANUP_OBJECTS,
  type LabCleanupDaemon,
  type LabManifest,
  labCleanupDaemon,
  prepareLabCleanup,
} from '../../../e2e/lab/manifest.js';
import { labKnownHosts, requireLab } from '../../../e2e/support/lab-hosts.js';
import { type LabHarness, addLabHost, failure, labHarness, labDockerode, ok } from '../../../test-support/lab-containers.js';
import { FaultProxy } from '../../../e2e/faults/fault-proxy.js';
import { openDockerConnection } from '../transports/docker-connection.js';
import { isSshTunnel } from '../transports/ssh-tunnel.js';
import { readFreeSpace } from './free-space.js';

let lab: LabManifest;
let cleanup: LabCleanupDaemon;
let harness: LabHarness | undefined;

beforeAll(() => {
  lab = requireLab();
  cleanup = labCleanupDaemon(lab);
});

afterEach(async () => {
  await harness?.dispose();
  harness = undefined;
});

/** The docker CLI against the cleanup daemon (over tcp). */
function dockerCli(...args: string[]): string {
  return execFileSync('docker', ['-H', cleanup.endpoint, ...args], { encoding: 'utf8', timeout: 60_000 });
}
const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

/** A host on the cleanup daemon (or another transport), ready. */
const addHost = (h: LabHarness, id: string, name: string, transport: Transport, extra: { tags?: string[]; readOnly?: boolean } = {}) =>
  addLabHost(h, lab, 'tcp', { id, name, transport, ...extra });

const names = (preview: KindPreview) => preview.items.map((item) => item.name).sort();
const ids = (preview: KindPreview) => preview.items.map((item) => item.id).sort();
const kindOf = (kinds: KindPreview[], kind: CleanupKind) => kinds.find((preview) => preview.kind === kind) as KindPreview;

function done(result: PruneResult) {
  if (result.outcome !== 'done') throw new Error(`prune outcome ${result.outcome}: ${JSON.stringify(result)}`);
  return result;
}

describe.each([
  ['tcp', () => cleanup.transport],
  ['ssh', () => cleanup.sshTransport],
] as const)('cleanup over %s (the lab cleanup daemon)', (label, transport) => {
  it('previews exactly what the daemon then prunes, and the daemon reports the bytes the preview showed', async () => {
    prepareLabCleanup();
    harness = await labHarness(lab);
    const h = harness;
    const hostId = await addHost(h, `cleanup-${label}`, `cleanup ${label}`, transport());
    const preview = await ok(h.client.invoke('cleanup:preview', { hostId }));
    expect(preview.apiVersion).toMatch(/^1\.\d+$/);

    const containers = kindOf(preview.kinds, 'containers');
    expect(names(containers)).toEqual([...LAB_CLEANUP_OBJECTS.stoppedContainers].sort());
    expect(containers.bytes).toBe(262_144);

    const dangling = kindOf(preview.kinds, 'dangling-images');
    const danglingIds = lines(dockerCli('images', '-f', 'dangling=true', '-q', '--no-trunc')).sort();
    expect(danglingIds).toHaveLength(2);
    expect(ids(dangling)).toEqual(danglingIds);
    expect(dangling.bytes).toBe(65_536 + 131_072);

    const unused = kindOf(preview.kinds, 'unused-images');
    expect(unused.items.map((item) => item.name)).toContain(LAB_CLEANUP_OBJECTS.unusedTaggedImage);
    expect(unused.items.map((item) => item.name)).not.toContain(lab.image);
    expect(unused.count).toBe(3);

    const volumes = kindOf(preview.kinds, 'volumes');
    const anonymous = lines(dockerCli('volume', 'ls', '-q')).filter((name) => /^[0-9a-f]{64}$/.test(name));
    // API < 1.42 prunes named volumes too; from 1.42 on only anonymous ones.
    const namedPruned = !/^1\.(4[2-9]|[5-9]\d)$/.test(preview.apiVersion);
    expect(names(volumes)).toEqual([...anonymous, ...(namedPruned ? [LAB_CLEANUP_OBJECTS.unusedNamedVolume] : [])].sort());
    expect(names(volumes)).not.toContain(LAB_CLEANUP_OBJECTS.inUseVolume);

    const networks = kindOf(preview.kinds, 'networks');
    expect(names(networks)).toEqual([LAB_CLEANUP_OBJECTS.unusedNetwork]);
    expect(kindOf(preview.kinds, 'build-cache').count).toBe(0);

    const pruned = done(await ok(h.client.invoke('cleanup:prune', { hostId, kind: 'containers' })));
    expect(pruned.report.reclaimedBytes).toBe(containers.bytes);
    expect(pruned.report.removed.sort()).toEqual(ids(containers));
    expect(lines(dockerCli('ps', '-a', '--format', '{{.Names}}')).sort()).toEqual([...LAB_CLEANUP_OBJECTS.keptContainers].sort());

    const prunedDangling = done(await ok(h.client.invoke('cleanup:prune', { hostId, kind: 'dangling-images' })));
    expect(prunedDangling.report.reclaimedBytes).toBe(dangling.bytes);
    expect(lines(dockerCli('images', '-f', 'dangling=true', '-q'))).toEqual([]);

    const prunedUnused = done(await ok(h.client.invoke('cleanup:prune', { hostId, kind: 'unused-images' })));
    expect(prunedUnused.preview.items.map((item) => item.name)).toEqual([LAB_CLEANUP_OBJECTS.unusedTaggedImage]);
    expect(prunedUnused.report.reclaimedBytes).toBe(prunedUnused.preview.bytes);
    expect(lines(dockerCli('images', '--format', '{{.Repository}}:{{.Tag}}'))).toEqual([lab.image]);

    const prunedVolumes = done(await ok(h.client.invoke('cleanup:prune', { hostId, kind: 'volumes' })));
    expect(prunedVolumes.report.removed.sort()).toEqual(names(volumes));
    expect(prunedVolumes.report.reclaimedBytes).toBe(volumes.bytes);
    expect(lines(dockerCli('volume', 'ls', '-q')).sort()).toEqual(
      [LAB_CLEANUP_OBJECTS.inUseVolume, ...(namedPruned ? [] : [LAB_CLEANUP_OBJECTS.unusedNamedVolume])].sort(),
    );

    const prunedNetworks = done(await ok(h.client.invoke('cleanup:prune', { hostId, kind: 'networks' })));
    expect(prunedNetworks.report.removed).toEqual([LAB_CLEANUP_OBJECTS.unusedNetwork]);
    expect(prunedNetworks.report.reclaimedBytes).toBeNull();
    const networksLeft = lines(dockerCli('network', 'ls', '--format', '{{.Name}}'));
    expect(networksLeft).toContain(LAB_CLEANUP_OBJECTS.inUseNetwork);
    expect(networksLeft).not.toContain(LAB_CLEANUP_OBJECTS.unusedNetwork);

    const prunedCache = done(await ok(h.client.invoke('cleanup:prune', { hostId, kind: 'build-cache' })));
    expect(prunedCache.report.removedCount).toBe(0);

    const audit = readFileSync(path.join(h.dataDir, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(audit.map((entry) => entry.action)).toEqual([
      'prune:containers',
      'prune:dangling-images',
      'prune:unused-images',
      'prune:volumes',
      'prune:networks',
      'prune:build-cache',
    ]);
    expect(audit.every((entry) => entry.result === 'ok' && entry.hostId === hostId)).toBe(true);
    expect(audit[0]?.details).toMatchObject({ kind: 'containers', reclaimedBytes: 262_144, removedCount: 3, previewCount: 3 });
  }, 180_000);
});

describe('cleanup guards and races (the lab cleanup daemon)', () => {
  it('a read-only host refuses with READ_ONLY and a production host needs its name typed; nothing is removed until then', async () => {
    prepareLabCleanup();
    harness = await labHarness(lab);
    const h = harness;
    const before = lines(dockerCli('ps', '-a', '-q')).sort();
    const readOnly = await addHost(h, 'cleanup-ro', 'cleanup ro', cleanup.transport, { readOnly: true });
    expect((await failure(h.client.invoke('cleanup:prune', { hostId: readOnly, kind: 'containers' }))).code).toBe('READ_ONLY');
    const production = await addHost(h, 'cleanup-prod', 'cleanup prod', cleanup.transport, { tags: ['production'] });
    expect((await failure(h.client.invoke('cleanup:prune', { hostId: production, kind: 'containers' }))).code).toBe(
      'PRODUCTION_CONFIRMATION_REQUIRED',
    );
    expect(
      (await failure(h.client.invoke('cleanup:prune', { hostId: production, kind: 'containers', confirmation: 'cleanup' }))).code,
    ).toBe('PRODUCTION_CONFIRMATION_MISMATCH');
    expect(lines(dockerCli('ps', '-a', '-q')).sort()).toEqual(before);
    done(await ok(h.client.invoke('cleanup:prune', { hostId: production, kind: 'containers', confirmation: 'cleanup prod' })));
    expect(lines(dockerCli('ps', '-a', '--format', '{{.Names}}')).sort()).toEqual([...LAB_CLEANUP_OBJECTS.keptContainers].sort());
    const audit = readFileSync(path.join(h.dataDir, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(audit.map((entry) => [entry.result, entry.errorCode ?? null])).toEqual([
      ['error', 'READ_ONLY'],
      ['error', 'PRODUCTION_CONFIRMATION_REQUIRED'],
      ['error', 'PRODUCTION_CONFIRMATION_MISMATCH'],
      ['ok', null],
    ]);
  }, 120_000);

  it('a container another client starts while the prune runs survives it', async () => {
    prepareLabCleanup();
    harness = await labHarness(lab);
    const h = harness;
    const hostId = await addHost(h, 'cleanup-race', 'cleanup race', cleanup.transport);
    const name = `cleanup-race-${process.pid}`;
    const other = spawn('docker', [
      '-H',
      cleanup.endpoint,
      'run',
      '-d',
      '--network',
      'none',
      '--name',
      name,
      lab.image,
      'sleep',
      '1000000',
    ]);
    const started = new Promise<number | null>((resolve) => other.on('exit', resolve));
    const result = done(await ok(h.client.invoke('cleanup:prune', { hostId, kind: 'containers' })));
    expect(await started).toBe(0);
    expect(lines(dockerCli('ps', '-a', '--format', '{{.Names}}'))).toContain(name);
    expect(result.report.removed.length).toBeGreaterThan(0);
    dockerCli('rm', '-f', name);
  }, 120_000);

  it('a link that breaks while the daemon prunes: the outcome is unknown, and what is left is read again, never guessed', async () => {
    prepareLabCleanup();
    const proxy = await new FaultProxy(cleanup.transport.host, cleanup.transport.port).start();
    try {
      harness = await labHarness(lab);
      const h = harness;
      const hostId = await addHost(h, 'cleanup-drop', 'cleanup drop', { type: 'tcp', host: '127.0.0.1', port: proxy.port });
      const cut = proxy.cutWhenSent('POST /containers/prune', 5);
      const result = await ok(h.client.invoke('cleanup:prune', { hostId, kind: 'containers' }));
      await cut;
      if (result.outcome !== 'unknown') throw new Error(`expected an unknown outcome, got ${JSON.stringify(result)}`);
      expect(result.preview.count).toBe(3);
      expect(result.error.message).toMatch(/what it removed is unknown/);
      // Whatever the daemon managed before the link broke, the re-read says what is there now.
      const left = lines(dockerCli('ps', '-a', '--filter', 'status=exited', '--filter', 'status=created', '-q'));
      expect(result.after?.count).toBe(left.length);
      const audit = readFileSync(path.join(h.dataDir, 'audit.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(audit.at(-1)).toMatchObject({ action: 'prune:containers', result: 'unknown' });
    } finally {
      await proxy.close();
    }
  }, 120_000);

  it('preview only on the TLS daemon: the lab baseline stopped containers, no running one, nothing removed', async () => {
    harness = await labHarness(lab);
    const h = harness;
    const hostId = await addHost(h, 'cleanup-tls', 'cleanup tls', lab.daemons.tls.transport);
    const before = (await labDockerode(lab, 'tls').listContainers({ all: true })).length;
    const preview = await ok(h.client.invoke('cleanup:preview', { hostId, kinds: ['containers', 'networks'] }));
    const stopped = names(kindOf(preview.kinds, 'containers'));
    expect(stopped).toEqual(expect.arrayContaining(['lab-created', 'lab-exited']));
    expect(stopped).not.toContain('lab-running-1');
    expect((await labDockerode(lab, 'tls').listContainers({ all: true })).length).toBe(before);
  }, 60_000);
});

describe('free space on the data root', () => {
  it('over SSH matches df -B1 of the root dir within 1 %; a root dir that does not exist is unknown with the reason', async () => {
    const connection = await openDockerConnection(cleanup.sshTransport, { timeoutMs: 10_000, knownHosts: labKnownHosts(lab) });
    try {
      expect(isSshTunnel(connection)).toBe(true);
      const measured = await readFreeSpace(connection, cleanup.dataRoot);
      const [, total = '', used = '', available = ''] =
        lines(execFileSync('df', ['-B1', '-P', cleanup.dataRoot], { encoding: 'utf8' }))[1]?.split(/\s+/) ?? [];
      if (measured.kind !== 'measured') throw new Error(JSON.stringify(measured));
      expect(Math.abs(measured.totalBytes - Number(total)) / Number(total)).toBeLessThan(0.01);
      expect(Math.abs(measured.usedBytes - Number(used)) / Number(total)).toBeLessThan(0.01);
      expect(Math.abs(measured.availableBytes - Number(available)) / Number(total)).toBeLessThan(0.01);
      expect(measured.source).toBe('df -B1 -P over SSH');

      const missing = await readFreeSpace(connection, `${lab.labDir}/does not exist`);
      expect(missing).toMatchObject({ kind: 'unknown', reason: { code: 'FREE_SPACE_UNKNOWN' } });
      if (missing.kind === 'unknown')
        expect(missing.reason.message).toMatch(/df .*does not exist.* failed on the host \(exit 1\): .*No such file or directory/);
    } finally {
      await connection.close();
    }
    const tcp = await openDockerConnection(cleanup.transport, { timeoutMs: 10_000, knownHosts: labKnownHosts(lab) });
    try {
      expect(await readFreeSpace(tcp, cleanup.dataRoot)).toMatchObject({
        kind: 'not-reported',
        message: expect.stringContaining('moby/moby#35629'),
      });
    } finally {
      await tcp.close();
    }
  }, 60_000);

  it('cleanup:free-space reads the SSH host\u2019s DockerRootDir from /info', async () => {
    harness = await labHarness(lab);
    const hostId = await addHost(harness, 'cleanup-df', 'cleanup df', cleanup.sshTransport);
    const reading = await ok(harness.client.invoke('cleanup:free-space', { hostId }));
    expect(reading).toMatchObject({ kind: 'measured', path: cleanup.dataRoot });
  }, 60_000);
});
